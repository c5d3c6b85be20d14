/**
 * 030 konbini number method: store groups, receipt numbers, deadlines, payment via the control API and the batches.
 */
import { json, rawRequest } from "./support/telegram-client"
import { startTestSim, type TestSim } from "./support/sim"

let t: TestSim
beforeAll(async () => {
  t = await startTestSim()
})
afterAll(() => t.close())
beforeEach(() => t.sim.control.reset())

const apply = (extra: Record<string, string> = {}) =>
  t.send("030", {
    trading_id: "CVS_1",
    payment_id: "",
    payment_amount: "4980",
    customer_family_name: "山田",
    customer_name: "太郎",
    customer_family_name_kana: "ﾔﾏﾀﾞ",
    customer_name_kana: "ﾀﾛｳ",
    customer_tel: "09012345678",
    site_info: "表参道ソフト館",
    payment_limit_date: "7",
    cvs_company_id: "00C001",
    sales_type: "1",
    ...extra,
  })

const status = (paymentId: string) => t.sim.control.getPayment(paymentId)?.payment_status
const notices = (paymentId: string) =>
  t.sim.control
    .listNotices()
    .filter((n) => n.payment_id === paymentId)
    .map((n) => n.items.payment_status)

describe("030 application", () => {
  it("Seven-Eleven: a 13-digit number, its print URL, the store list and the deadline date", async () => {
    const answer = await apply()
    expect(answer.result).toBe("0")
    expect(answer.get("receipt_number")).toMatch(/^[0-9]{13}$/)
    expect(answer.get("usable_cvs_company_id")).toBe("00C001")
    expect(answer.get("payment_limit_date")).toBe("20250617")
    const page = await rawRequest(answer.get("receipt_print_url")!)
    expect(page.status).toBe(200)
    expect(page.body.toString("utf8")).toContain(answer.get("receipt_number")!)
    expect(status(answer.get("payment_id")!)).toBe("10")
    expect(notices(answer.get("payment_id")!)).toEqual(["10"])
    expect(t.sim.control.getPayment(answer.get("payment_id")!)?.konbini?.customer_family_name).toBe("山田")
  })

  it("Seven-Eleven needs sales_type (P010)", async () => {
    const answer = await apply({ sales_type: "" })
    expect([answer.code, answer.detail]).toEqual(["P010", '"[sales_type]"パラメータの値は不正です'])
  })

  it("FamilyMart (type D): 12345-123456789012 format, deadline 0 = today", async () => {
    const answer = await apply({ cvs_company_id: "00C005", sales_type: "", payment_limit_date: "0" })
    expect(answer.get("receipt_number")).toMatch(/^[0-9]{5}-[0-9]{12}$/)
    expect(answer.get("payment_limit_date")).toBe("20250610")
  })

  it("type D CVS 01 groups Seicomart, Lawson and Ministop with a 6-digit number; cvs_type wins over cvs_company_id", async () => {
    const answer = await apply({ cvs_type: "01", cvs_company_id: "00C001", sales_type: "" })
    expect(answer.get("usable_cvs_company_id")).toBe("00C016-00C002-00C004")
    expect(answer.get("receipt_number")).toMatch(/^[0-9]{6}$/)
    expect((await apply({ cvs_type: "05", cvs_company_id: "" })).code).toBe("P010")
  })

  it("connection type B: CVS 02 is Lawson, Ministop, FamilyMart, Daily Yamazaki; CVS 04 does not exist", async () => {
    const other = await startTestSim({ konbiniConnectionType: "B" })
    try {
      const base = { customer_family_name: "佐藤", customer_name: "花子", customer_tel: "0312345678", payment_amount: "3300" }
      const answer = await other.send("030", { ...base, cvs_type: "02" })
      expect(answer.get("usable_cvs_company_id")).toBe("00C002-00C004-00C005-00C014")
      expect((await other.send("030", { ...base, cvs_type: "04" })).code).toBe("P010")
    } finally {
      await other.close()
    }
  })

  it("CVS type 02 with customer_tel 99999999999 fails at the vendor (sandbox stub rule)", async () => {
    const answer = await apply({ cvs_company_id: "00C014", sales_type: "", customer_tel: "99999999999" })
    expect([answer.result, answer.code]).toEqual(["1", "3002"])
    expect((await apply({ cvs_company_id: "00C014", sales_type: "", customer_name: "　" })).code).toBe("P010")
  })
})

describe("konbini status machine", () => {
  it("pays (10 → 40) through the control API, with the store used", async () => {
    const paymentId = (await apply({ cvs_type: "01", cvs_company_id: "", sales_type: "" })).get("payment_id")!
    const paid = await json(`${t.sim.publicUrl}/_sim/payments/${paymentId}/pay`, "POST", { cvs_company_id: "00C002" })
    expect(paid.status).toBe(200)
    expect(paid.body.payment_status).toBe("40")
    expect(paid.body.konbini.cvs_company_id).toBe("00C002")
    expect(notices(paymentId)).toEqual(["10", "40"])
    const notice = t.sim.control.listNotices().find((n) => n.items.payment_status === "40")!
    expect(notice.items.cvs_company_id).toBe("00C002")
    expect(notice.items.payment_date).toBe("20250610100000")
  })

  it("Seven-Eleven: preliminary notice 43, cleared to 40 three days later", async () => {
    const paymentId = (await apply()).get("payment_id")!
    t.sim.control.pay(paymentId, { preliminary: true })
    expect(status(paymentId)).toBe("43")
    await t.sim.control.advanceClock({ days: 2, hours: 23 })
    expect(status(paymentId)).toBe("43")
    await t.sim.control.advanceClock({ hours: 1 })
    expect(status(paymentId)).toBe("40")
    expect(notices(paymentId)).toEqual(["10", "43", "40"])
  })

  it("FamilyMart clears two days after the preliminary notice; others have no preliminary notice", async () => {
    const famima = (await apply({ cvs_company_id: "00C005", sales_type: "" })).get("payment_id")!
    t.sim.control.pay(famima, { preliminary: true })
    await t.sim.control.advanceClock({ days: 2 })
    expect(status(famima)).toBe("40")
    const lawson = (await apply({ cvs_type: "01", cvs_company_id: "", sales_type: "" })).get("payment_id")!
    const refused = await json(`${t.sim.publicUrl}/_sim/payments/${lawson}/pay`, "POST", { preliminary: true })
    expect(refused.status).toBe(400)
  })

  it("expires when the deadline day is past (10 → 12), after which it cannot be paid", async () => {
    const paymentId = (await apply({ payment_limit_date: "7" })).get("payment_id")!
    await t.sim.control.advanceClock({ days: 7, hours: 13, minutes: 59 }) // 2025-06-17 23:59 JST
    expect(status(paymentId)).toBe("10")
    await t.sim.control.advanceClock({ minutes: 1 })
    expect(status(paymentId)).toBe("12")
    expect(notices(paymentId)).toEqual(["10", "12"])
    expect((await json(`${t.sim.publicUrl}/_sim/payments/${paymentId}/pay`, "POST", {})).status).toBe(409)
  })

  it("expires at once through the control API", async () => {
    const paymentId = (await apply()).get("payment_id")!
    const expired = await json(`${t.sim.publicUrl}/_sim/payments/${paymentId}/expire`, "POST")
    expect(expired.body.payment_status).toBe("12")
  })
})
