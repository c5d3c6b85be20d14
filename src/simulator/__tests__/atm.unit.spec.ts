/** 010 ATM / Pay-easy: numbers, deadline, pay and expire. */
import { startTestSim, type TestSim } from "./support/sim"

let t: TestSim
beforeAll(async () => {
  t = await startTestSim()
})
afterAll(() => t.close())
beforeEach(() => t.sim.control.reset())

const apply = (extra: Record<string, string> = {}) =>
  t.send("010", {
    trading_id: "ATM_1",
    payment_id: "",
    payment_amount: "5500",
    customer_family_name: "山田",
    customer_name: "太郎",
    customer_family_name_kana: "ﾔﾏﾀﾞ",
    customer_name_kana: "ﾀﾛｳ",
    payment_detail: "ご注文代金",
    payment_detail_kana: "ｺﾞﾁﾕｳﾓﾝﾀﾞｲｷﾝ",
    payment_limit_date: "10",
    site_id: "",
    ...extra,
  })

it("answers the three ATM numbers and the deadline; 10 is not notified", async () => {
  const answer = await apply()
  expect(answer.result).toBe("0")
  expect(answer.get("pay_center_number")).toMatch(/^[0-9]{1,10}$/)
  expect(answer.get("customer_number")).toMatch(/^[0-9]{1,20}$/)
  expect(answer.get("conf_number")).toMatch(/^[0-9]{6}$/)
  expect(answer.get("payment_limit_date")).toBe("20250620")
  expect(t.sim.control.getPayment(answer.get("payment_id")!)?.payment_status).toBe("10")
  expect(t.sim.control.listNotices()).toHaveLength(0)
})

it("refuses a half-width payment_detail (P010) and amounts over 500,000 (P011)", async () => {
  expect((await apply({ payment_detail: "order" })).code).toBe("P010")
  expect((await apply({ payment_amount: "500001" })).code).toBe("P011")
})

it("pays (10 → 40, notified with the bank code)", async () => {
  const paymentId = (await apply()).get("payment_id")!
  const paid = t.sim.control.pay(paymentId, { bank_code: "0017" })
  expect([paid.payment_status, paid.bank_code]).toEqual(["40", "0017"])
  const [notice] = t.sim.control.listNotices()
  expect([notice.items.payment_status, notice.items.bank_code, notice.items.payment_type]).toEqual(["40", "0017", "01"])
})

it("expires by the batch after the deadline day (10 → 12) and through the control API", async () => {
  const batch = (await apply({ payment_limit_date: "1" })).get("payment_id")!
  const manual = (await apply()).get("payment_id")!
  await t.sim.control.advanceClock({ days: 1, hours: 14 }) // 2025-06-12 00:00 JST
  expect(t.sim.control.getPayment(batch)?.payment_status).toBe("12")
  expect(t.sim.control.getPayment(manual)?.payment_status).toBe("10")
  expect(t.sim.control.expire(manual).payment_status).toBe("12")
  expect(t.sim.control.listNotices().map((n) => n.items.payment_status)).toEqual(["12", "12"])
})
