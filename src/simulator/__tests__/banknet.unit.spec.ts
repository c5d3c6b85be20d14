/** 060 bank net ASP: the application, the ASP screens, payments per bank click, 5008/5009/5010/5011 and 10 → 15. */
import { rawRequest } from "./support/telegram-client"
import { startTestSim, type TestSim } from "./support/sim"

let t: TestSim
beforeAll(async () => {
  t = await startTestSim()
})
afterAll(() => t.close())
beforeEach(() => t.sim.control.reset())

const apply = (tradingId = "BANK_1", extra: Record<string, string> = {}) =>
  t.send("060", {
    trading_id: tradingId,
    payment_id: "",
    amount: "15800",
    claim_kana: "ｺﾞﾁﾕｳﾓﾝﾀﾞｲｷﾝ",
    claim_kanji: "ご注文代金",
    customer_family_name: "能登",
    return_url: "https://shop.example.jp/bank/return?order=BANK_1",
    stop_return_url: "https://shop.example.jp/cart",
    ...extra,
  })

const html = async (url: string) => (await rawRequest(url)).body.toString("utf8")
const unescape = (s: string) => s.replace(/&amp;/g, "&")

async function clickBank(aspUrl: string, bankCode: string) {
  const list = await html(aspUrl)
  const href = new RegExp(`data-bank-code="${bankCode}" href="([^"]+)"`).exec(list)![1]
  const page = await html(`${t.sim.publicUrl}${unescape(href)}`)
  const paymentId = /id="payment-id">([0-9]+)</.exec(page)?.[1]
  const form = Object.fromEntries([...page.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]))
  return { page, paymentId, form }
}

const post = (path: string, form: Record<string, string>) =>
  rawRequest(`${t.sim.publicUrl}${path}`, { body: new URLSearchParams(form).toString() })

it("answers the ASP fields and no payment_id; the screen is valid 5 days, payments 2 business days longer", async () => {
  const answer = await apply()
  expect(answer.result).toBe("0")
  expect(answer.items.map(([k]) => k)).not.toContain("payment_id")
  expect(answer.get("asp_url")).toMatch(new RegExp(`^${t.sim.publicUrl}/banking/asp\\?type=05&tid=BANK_1&mid=123456789&hv=`))
  expect(answer.get("asp_limit_date")).toBe("20250615100000")
  // 2025-06-15 is a Sunday: Monday and Tuesday are the two business days.
  expect(answer.get("asp_payment_limit_date")).toBe("20250617100000")
  expect([answer.get("amount"), answer.get("claim_kanji"), answer.get("trade_generation_date")]).toEqual([
    "15800",
    "ご注文代金",
    "20250610100000",
  ])
})

it("re-sending the same live trading_id → result 1 / 5010 with the ASP fields", async () => {
  const first = await apply()
  const again = await apply()
  expect([again.result, again.code]).toEqual(["1", "5010"])
  expect(again.get("asp_url")).toBe(first.get("asp_url"))
})

it("each bank click creates a new payment (10, type 05); paying at a direct bank → 40 and a redirect to return_url", async () => {
  const aspUrl = (await apply()).get("asp_url")!
  const first = await clickBank(aspUrl, "D009")
  const second = await clickBank(aspUrl, "D009")
  expect(first.paymentId).not.toBe(second.paymentId)
  expect(t.sim.control.listPayments({ trading_id: "BANK_1" }).map((p) => [p.payment_type, p.payment_status])).toEqual([
    ["05", "10"],
    ["05", "10"],
  ])
  expect(t.sim.control.listNotices()).toHaveLength(0)

  const paid = await post("/banking/pay", second.form)
  expect(paid.status).toBe(302)
  expect(paid.headers.location).toBe(
    `https://shop.example.jp/bank/return?order=BANK_1&result=0&payment_id=${second.paymentId}&trading_id=BANK_1`,
  )
  const payment = t.sim.control.getPayment(second.paymentId!)!
  expect([payment.payment_status, payment.bank_code]).toEqual(["40", "D009"])
  expect(t.sim.control.listNotices().map((n) => [n.payment_id, n.items.payment_status])).toEqual([[second.paymentId, "40"]])

  // Already paid: 5008 for the telegram and the screen.
  expect((await apply()).code).toBe("5008")
  expect(await html(aspUrl)).toContain('data-response-code="5008"')
})

it("a non-direct bank shows Paygent's end screen with a link back to the shop", async () => {
  const aspUrl = (await apply()).get("asp_url")!
  const { form } = await clickBank(aspUrl, "0005")
  const done = await post("/banking/pay", form)
  expect(done.status).toBe(200)
  expect(done.body.toString("utf8")).toContain('id="back-to-shop"')
})

it("an abandoned payment goes to 15 at 01:00 on the second business day, and may still be paid later", async () => {
  const aspUrl = (await apply()).get("asp_url")!
  const { paymentId } = await clickBank(aspUrl, "D036") // Tuesday 2025-06-10 10:00 JST
  await t.sim.control.advanceClock({ days: 1, hours: 14, minutes: 59 }) // Thursday 00:59
  expect(t.sim.control.getPayment(paymentId!)?.payment_status).toBe("10")
  await t.sim.control.advanceClock({ minutes: 1 })
  expect(t.sim.control.getPayment(paymentId!)?.payment_status).toBe("15")
  expect(t.sim.control.pay(paymentId!).payment_status).toBe("40")
  expect(t.sim.control.listNotices().map((n) => n.items.payment_status)).toEqual(["15", "40"])
})

it("after the screen expired: 5009 for a re-send, the screen refuses", async () => {
  const aspUrl = (await apply("BANK_2", { asp_payment_term: "0000030" })).get("asp_url")!
  await t.sim.control.advanceClock({ minutes: 31 })
  expect((await apply("BANK_2")).code).toBe("5009")
  expect(await html(aspUrl)).toContain('data-response-code="5009"')
})

it("refuses the 31st bank selection (5011)", async () => {
  const aspUrl = (await apply()).get("asp_url")!
  const { page } = await clickBank(aspUrl, "D033")
  const href = /href="(\/banking\/kakunin[^"]+)"/.exec(await html(aspUrl))![1]
  for (let i = 1; i < 30; i++) await html(`${t.sim.publicUrl}${unescape(href)}`)
  expect(page).toContain('id="pay"')
  expect(t.sim.control.listPayments({ trading_id: "BANK_1" })).toHaveLength(30)
  expect(await html(`${t.sim.publicUrl}${unescape(href)}`)).toContain('data-response-code="5011"')
  expect(t.sim.control.listPayments({ trading_id: "BANK_1" })).toHaveLength(30)
})

it("links the ASP screen to stop_return_url and refuses a forged hv", async () => {
  const aspUrl = (await apply()).get("asp_url")!
  expect(await html(aspUrl)).toContain('id="stop-return" href="https://shop.example.jp/cart"')
  expect((await rawRequest(aspUrl.replace(/hv=[^&]+/, "hv=forged"))).status).toBe(404)
})
