/** 094 payment information inquiry: type blocks for card, konbini, ATM, bank net; 13001 and 13002. */
import { authParams, startTestSim, type TestSim } from "./support/sim"

let t: TestSim
beforeAll(async () => {
  t = await startTestSim()
})
afterAll(() => t.close())
beforeEach(() => t.sim.control.reset())

it("card (02): common block then the card block", async () => {
  const paymentId = (await t.send("020", authParams(t.token(), { trading_id: "ORDER_9", payment_class: "61", split_count: "3" }))).get("payment_id")!
  const answer = await t.send("094", { trading_id: "", payment_id: paymentId })
  expect(answer.items.slice(3, 10)).toEqual([
    ["payment_id", paymentId],
    ["trading_id", "ORDER_9"],
    ["payment_type", "02"],
    ["site_id", ""],
    ["payment_status", "20"],
    ["payment_amount", "1000"],
    ["payment_init_date", "20250610100000"],
  ])
  expect(answer.get("authorized_date")).toBe("20250610100000")
  expect([answer.get("joho_code"), answer.get("payment_class"), answer.get("split_count")]).toEqual(["000", "61", "3"])
  expect(answer.get("masked_card_number")).toBe("************1111")
  expect(answer.get("authrized_number")).toMatch(/^[0-9]{7}$/)
  expect(answer.get("3dsecure_message_version")).toBe("")
})

it("konbini (03) by trading_id and payment_type, with the store used and the names", async () => {
  const base = { customer_family_name: "佐藤", customer_name: "花子", customer_tel: "0312345678", payment_amount: "3300", cvs_type: "01" }
  const paymentId = (await t.send("030", { trading_id: "CVS_9", ...base })).get("payment_id")!
  t.sim.control.pay(paymentId, { cvs_company_id: "00C004" })
  await t.send("020", authParams(t.token(), { trading_id: "CVS_9" }))
  const answer = await t.send("094", { trading_id: "CVS_9", payment_type: "03" })
  expect([answer.get("payment_status"), answer.get("cvs_company_id"), answer.get("customer_family_name")]).toEqual(["40", "00C004", "佐藤"])
  expect(answer.get("payment_date")).toBe("20250610100000")
  expect((await t.send("094", { trading_id: "CVS_9" })).code).toBe("13002")
})

it("ATM (01) and bank net (05) blocks", async () => {
  const atmId = (
    await t.send("010", { trading_id: "ATM_9", payment_amount: "5500", payment_detail: "ご注文", payment_detail_kana: "ｺﾞﾁﾕｳﾓﾝ" })
  ).get("payment_id")!
  t.sim.control.pay(atmId, { bank_code: "9900" })
  const atm = await t.send("094", { payment_id: atmId })
  expect([atm.get("payment_type"), atm.get("bank_code"), atm.get("conf_number")?.length]).toEqual(["01", "9900", 6])
  expect(atm.get("payment_limit_date")).toBe("20250710")

  await t.send("060", { trading_id: "BANK_9", amount: "1000", claim_kana: "ｺﾞﾁﾕｳﾓﾝ", claim_kanji: "ご注文" })
  expect((await t.send("094", { trading_id: "BANK_9" })).code).toBe("13001")
})

it("13001 for an unknown payment, with the empty common block only", async () => {
  const answer = await t.send("094", { payment_id: "999999999" })
  expect([answer.result, answer.code]).toEqual(["1", "13001"])
  expect(answer.items.map(([k]) => k)).toEqual([
    "result",
    "response_code",
    "response_detail",
    "payment_id",
    "trading_id",
    "payment_type",
    "site_id",
    "payment_status",
    "payment_amount",
    "payment_init_date",
  ])
})
