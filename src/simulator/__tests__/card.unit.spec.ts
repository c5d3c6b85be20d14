/**
 * Card telegrams over HTTP: the status machine of §6.2, token rules, test-card outcomes and lookups.
 */
import { authParams, CARDS, startTestSim, type TestSim } from "./support/sim"

let t: TestSim
beforeAll(async () => {
  t = await startTestSim()
})
afterAll(() => t.close())
beforeEach(() => t.sim.control.reset())

const status = (paymentId: string) => t.sim.control.getPayment(paymentId)?.payment_status
const noticeStatuses = (paymentId: string) =>
  t.sim.control
    .listNotices()
    .filter((n) => n.payment_id === paymentId)
    .map((n) => n.items.payment_status)

async function authorize(card = CARDS.ok, extra: Record<string, string> = {}) {
  const answer = await t.send("020", authParams(t.token(card), extra))
  return { answer, paymentId: answer.get("payment_id")! }
}

describe("020 authorization", () => {
  it("authorizes (20) and answers the §4.1 items with card data", async () => {
    const { answer, paymentId } = await authorize(CARDS.ok, { trading_id: "ORDER_1", payment_amount: "12800" })
    expect([answer.result, answer.code, answer.detail]).toEqual(["0", "", ""])
    expect(paymentId).toMatch(/^[0-9]{1,18}$/)
    expect(answer.get("trading_id")).toBe("ORDER_1")
    expect(answer.get("masked_card_number")).toBe("************1111")
    expect(answer.get("card_valid_term")).toBe("1229")
    expect(answer.get("acq_id")).toBe("50001")
    expect(answer.items[answer.items.length - 1]).toEqual(["out_acs_html", ""])
    expect(status(paymentId)).toBe("20")
    expect(t.sim.control.getPayment(paymentId)?.payment_amount).toBe(12800)
    expect(noticeStatuses(paymentId)).toEqual(["20"])
  })

  it("authorizes and captures at once with sales_mode=1 (40)", async () => {
    const { paymentId } = await authorize(CARDS.ok, { sales_mode: "1" })
    expect(status(paymentId)).toBe("40")
    expect(noticeStatuses(paymentId)).toEqual(["40"])
  })

  it("declines by the test-card rules: …8212 → 2001 \"1G12\", status 11, no payment_id", async () => {
    const { answer } = await authorize(CARDS.declined1G12)
    expect([answer.result, answer.code, answer.detail]).toEqual(["1", "2001", '"1G12"'])
    expect(answer.get("payment_id")).toBe("")
    const [payment] = t.sim.control.listPayments({ trading_id: answer.get("trading_id") })
    expect(payment.payment_status).toBe("11")
  })

  it("maps the other test-card digits: 8101 → 2002 1C01, 8565 → 2002 1K65, 8683 → 2003 1P83, 8712 → 2002 2999, 9xxx → 2008", async () => {
    const outcomes = []
    for (const card of ["4111111111118101", "4111111111118565", "4111111111118683", "4111111111118712", CARDS.authTimesOut]) {
      const { answer } = await authorize(card)
      outcomes.push([answer.code, answer.detail])
    }
    expect(outcomes).toEqual([
      ["2002", '"1C01"'],
      ["2002", '"1K65"'],
      ["2003", '"1P83"'],
      ["2002", '"2999"'],
      ["2008", "タイムアウトエラー"],
    ])
  })

  it("2003 keeps the payment in 10 with its payment_id; a retry with that payment_id succeeds", async () => {
    const first = await authorize(CARDS.inputError1G44)
    expect([first.answer.code, first.answer.detail]).toEqual(["2003", '"1G44"'])
    expect(status(first.paymentId)).toBe("10")
    const retry = await t.send("020", authParams(t.token(CARDS.ok), { trading_id: first.answer.get("trading_id")!, payment_id: first.paymentId }))
    expect(retry.result).toBe("0")
    expect(retry.get("payment_id")).toBe(first.paymentId)
    expect(status(first.paymentId)).toBe("20")
    expect(noticeStatuses(first.paymentId)).toEqual(["10", "20"])
  })

  it("2003 three times, then the fourth try is refused with 2001 \"P903\" and the payment goes to 11", async () => {
    const first = await authorize(CARDS.inputError1G44)
    const tradingId = first.answer.get("trading_id")!
    const codes = [first.answer.code]
    for (let i = 0; i < 2; i++) {
      const again = await t.send("020", authParams(t.token(CARDS.inputError1G44), { trading_id: tradingId, payment_id: first.paymentId }))
      codes.push(again.code)
      expect(again.get("payment_id")).toBe(first.paymentId)
    }
    expect(codes).toEqual(["2003", "2003", "2003"])
    const refused = await t.send("020", authParams(t.token(CARDS.ok), { trading_id: tradingId, payment_id: first.paymentId }))
    expect([refused.code, refused.detail]).toEqual(["2001", '"P903"'])
    expect(status(first.paymentId)).toBe("11")
  })

  it("refuses a retry of a payment that is not in 10 (2001 \"P902\")", async () => {
    const { paymentId, answer } = await authorize()
    const retry = await t.send("020", authParams(t.token(), { trading_id: answer.get("trading_id")!, payment_id: paymentId }))
    expect([retry.code, retry.detail]).toEqual(["2001", '"P902"'])
  })

  it("leaves an unretried 2003 payment for 30 days, then the batch moves it to 11", async () => {
    const { paymentId } = await authorize(CARDS.inputError1G44)
    await t.sim.control.advanceClock({ days: 29 })
    expect(status(paymentId)).toBe("10")
    await t.sim.control.advanceClock({ days: 1 })
    expect(status(paymentId)).toBe("11")
  })
})

describe("tokens", () => {
  it("are single use after one successful telegram (2022)", async () => {
    const token = t.token()
    expect((await t.send("020", authParams(token))).result).toBe("0")
    expect((await t.send("020", authParams(token))).code).toBe("2022")
  })

  it("are not used up by a failed telegram", async () => {
    const token = t.token(CARDS.declined1G12)
    expect((await t.send("020", authParams(token))).code).toBe("2001")
    expect((await t.send("020", authParams(token))).code).toBe("2001")
  })

  it("unknown → 2021, expired on the simulated clock → 2020", async () => {
    expect((await t.send("020", authParams("tok_doesnotexist"))).code).toBe("2021")
    const token = t.token()
    await t.sim.control.advanceClock({ minutes: 31 })
    expect((await t.send("020", authParams(token))).code).toBe("2020")
  })

  it("a raw card number → 2023; a token plus another card source → 2024", async () => {
    const raw = await t.send("020", { ...authParams(""), card_token: "", card_number: CARDS.ok, card_valid_term: "1229" })
    expect(raw.code).toBe("2023")
    const both = await t.send("020", authParams(t.token(), { card_number: CARDS.ok }))
    expect(both.code).toBe("2024")
  })

  it("a CVV token needs a stored card (2025) and cannot stand in for a card token (2026)", async () => {
    const cvcToken = t.sim.control.createCvcToken({ cvc: "123" }).token
    expect((await t.send("020", authParams(cvcToken, { security_code_token: "1" }))).code).toBe("2025")
    expect((await t.send("020", authParams(cvcToken))).code).toBe("2026")
  })
})

describe("follow-ups 021/022/023", () => {
  it("auth OK → capture (40) → sales cancel (60)", async () => {
    const { paymentId, answer } = await authorize()
    const tradingId = answer.get("trading_id")!
    const capture = await t.send("022", { trading_id: tradingId, payment_id: paymentId })
    expect([capture.result, capture.get("payment_id"), capture.get("trading_id")]).toEqual(["0", paymentId, tradingId])
    expect(capture.get("masked_card_number")).toBe("")
    expect(status(paymentId)).toBe("40")
    expect((await t.send("023", { payment_id: paymentId })).result).toBe("0")
    expect(status(paymentId)).toBe("60")
    expect(noticeStatuses(paymentId)).toEqual(["20", "40", "60"])
  })

  it("auth → auth cancel (32); cancelling again → 2004", async () => {
    const { paymentId } = await authorize()
    expect((await t.send("021", { payment_id: paymentId })).result).toBe("0")
    expect(status(paymentId)).toBe("32")
    const again = await t.send("021", { payment_id: paymentId })
    expect([again.code, again.detail, again.get("payment_id")]).toEqual(["2004", "", ""])
  })

  it("capture twice → 2004", async () => {
    const { paymentId } = await authorize()
    expect((await t.send("022", { payment_id: paymentId })).result).toBe("0")
    expect((await t.send("022", { payment_id: paymentId })).code).toBe("2004")
  })

  it("expires the authorization 60 days after it (20 → 33); a capture then → 2007", async () => {
    const { paymentId } = await authorize()
    await t.sim.control.advanceClock({ days: 59, hours: 23 })
    expect(status(paymentId)).toBe("20")
    await t.sim.control.advanceClock({ hours: 1 })
    expect(status(paymentId)).toBe("33")
    expect((await t.send("022", { payment_id: paymentId })).code).toBe("2007")
    expect(noticeStatuses(paymentId)).toEqual(["20", "33"])
  })

  it("ends the refund period 60 days after authorization (40 → 41); a sales cancel then → 2007", async () => {
    const { paymentId } = await authorize()
    await t.sim.control.advanceClock({ days: 10 })
    expect((await t.send("022", { payment_id: paymentId })).result).toBe("0")
    await t.sim.control.advanceClock({ days: 50 })
    expect(status(paymentId)).toBe("41")
    expect((await t.send("023", { payment_id: paymentId })).code).toBe("2007")
  })

  it("finds by trading_id alone; 2005 when it is shared, 2006 when unknown or not matching the payment_id", async () => {
    const first = await authorize(CARDS.ok, { trading_id: "SHARED_1" })
    expect((await t.send("022", { trading_id: "SHARED_1" })).result).toBe("0")
    await authorize(CARDS.ok, { trading_id: "SHARED_1" })
    expect((await t.send("023", { trading_id: "SHARED_1" })).code).toBe("2005")
    expect((await t.send("023", { trading_id: "NOPE" })).code).toBe("2006")
    expect((await t.send("023", { trading_id: "OTHER", payment_id: first.paymentId })).code).toBe("2006")
    expect((await t.send("023", { trading_id: "SHARED_1", payment_id: first.paymentId })).result).toBe("0")
  })

  it("test cards: X=2 cancels fail (2002 \"1C01\"), X=3 cancels time out (2008); the status stays", async () => {
    const failing = await authorize(CARDS.cancelFails)
    const fail = await t.send("021", { payment_id: failing.paymentId })
    expect([fail.code, fail.detail]).toEqual(["2002", '"1C01"'])
    expect(status(failing.paymentId)).toBe("20")
    const slow = await authorize(CARDS.cancelTimesOut)
    expect((await t.send("021", { payment_id: slow.paymentId })).code).toBe("2008")
    expect(status(slow.paymentId)).toBe("20")
  })
})

describe("028 / 029", () => {
  it("028 lowers an authorization: a new payment (20) replaces the old one (32)", async () => {
    const { paymentId, answer } = await authorize(CARDS.ok, { payment_amount: "10000" })
    const change = await t.send("028", { trading_id: answer.get("trading_id")!, payment_id: paymentId, payment_amount: "8000", reduction_flag: "0" })
    expect(change.result).toBe("0")
    const newId = change.get("payment_id")!
    expect(newId).not.toBe(paymentId)
    expect([change.get("base_payment_id"), change.get("reduced_amount")]).toEqual([paymentId, "8000"])
    expect(change.items.some(([k]) => k === "out_acs_html")).toBe(false)
    expect(status(paymentId)).toBe("32")
    expect(status(newId)).toBe("20")
    expect(t.sim.control.getPayment(newId)?.payment_amount).toBe(8000)
  })

  it("029 lowers a captured sale by a reduction (reduction_flag 1, cancel first): new 40, old 60", async () => {
    const { paymentId } = await authorize(CARDS.ok, { payment_amount: "9800" })
    await t.send("022", { payment_id: paymentId })
    const change = await t.send("029", { payment_id: paymentId, payment_amount: "1500", reduction_flag: "1", base_payment_cancel_timing: "1" })
    expect(change.result).toBe("0")
    expect(change.get("reduced_amount")).toBe("8300")
    expect(status(paymentId)).toBe("60")
    expect(status(change.get("payment_id")!)).toBe("40")
  })

  it("refuses a higher amount (2013) and 028 on a captured payment (2004)", async () => {
    const { paymentId } = await authorize(CARDS.ok, { payment_amount: "5000" })
    expect((await t.send("028", { payment_id: paymentId, payment_amount: "5001", reduction_flag: "0" })).code).toBe("2013")
    expect((await t.send("028", { payment_id: paymentId, payment_amount: "5000", reduction_flag: "1" })).code).toBe("2013")
    await t.send("022", { payment_id: paymentId })
    expect((await t.send("028", { payment_id: paymentId, payment_amount: "4000", reduction_flag: "0" })).code).toBe("2004")
    expect(status(paymentId)).toBe("40")
  })

  it("keeps the new payment when the old one cannot be cancelled (2010 with the new payment's data)", async () => {
    const { paymentId } = await authorize(CARDS.cancelFails, { payment_amount: "5000" })
    const change = await t.send("028", { payment_id: paymentId, payment_amount: "4000", reduction_flag: "0" })
    expect([change.result, change.code]).toEqual(["1", "2010"])
    expect(status(change.get("payment_id")!)).toBe("20")
    expect(status(paymentId)).toBe("20")
  })
})

describe("stored cards 025/026/027/116", () => {
  const register = async (customerId: string, card = CARDS.ok) =>
    t.send("025", { trading_id: "", payment_id: "", customer_id: customerId, card_token: t.token(card), add_info1: 'gift "A", a=b' })

  it("registers, lists as CSV, authorizes with stock_card_mode=1, updates and deletes", async () => {
    const first = await register("CUST_1")
    expect([first.result, first.get("num_of_cards")]).toEqual(["0", "1"])
    const cardId = first.get("customer_card_id")!
    expect((await register("CUST_1", CARDS.okJcb)).get("num_of_cards")).toBe("2")

    const list = await t.send("027", { customer_id: "CUST_1", return_fingerprint_flg: "1" })
    const lines = list.text.split("\r\n").filter(Boolean)
    expect(lines[0]).toBe('"1","0","",""')
    expect(lines[1]).toContain('"2","customer_id","customer_card_id","card_number"')
    expect(lines[1].endsWith('"fingerprint"')).toBe(true)
    expect(lines.filter((l) => l.startsWith('"3"'))).toHaveLength(2)
    expect(lines).toContain('"4","2"')
    expect(list.text).toContain('"gift ""A"", a=b"')

    const auth = await t.send("020", { ...authParams(""), card_token: "", stock_card_mode: "1", customer_id: "CUST_1", customer_card_id: cardId })
    expect(auth.result).toBe("0")
    expect(t.sim.control.getPayment(auth.get("payment_id")!)?.card?.customer_card_id).toBe(cardId)

    const cvcToken = t.sim.control.createCvcToken({ cvc: "999" }).token
    const withCvc = await t.send("020", {
      ...authParams(cvcToken),
      security_code_token: "1",
      stock_card_mode: "1",
      customer_id: "CUST_1",
      customer_card_id: cardId,
    })
    expect(withCvc.result).toBe("0")

    const update = await t.send("116", { customer_id: "CUST_1", customer_card_id: cardId, card_valid_term: "0530", cardholder_name: "HANAKO" })
    expect([update.result, update.get("num_of_cards")]).toEqual(["0", "2"])
    expect(t.sim.control.listStoredCards({ customer_id: "CUST_1" }).find((c) => c.customer_card_id === cardId)?.card_valid_term).toBe("0530")

    expect((await t.send("026", { customer_id: "CUST_1", customer_card_id: cardId })).get("num_of_cards")).toBe("1")
    expect((await t.send("026", { customer_id: "CUST_1" })).get("num_of_cards")).toBe("0")
    const none = await t.send("027", { customer_id: "CUST_1" })
    expect(none.text).toBe('"1","1","P026","該当するカード情報が存在しません"\r\n"4","0"\r\n')
    const unknownAuth = await t.send("020", { ...authParams(""), card_token: "", stock_card_mode: "1", customer_id: "CUST_1", customer_card_id: cardId })
    expect(unknownAuth.code).toBe("P025")
  })

  it("holds at most 10 cards per customer (P023)", async () => {
    for (let i = 0; i < 10; i++) expect((await register("CUST_FULL")).result).toBe("0")
    expect((await register("CUST_FULL")).code).toBe("P023")
  })

  it("refuses stored cards without the contract (P021)", async () => {
    const other = await startTestSim({ contract: { storedCards: false } })
    try {
      expect((await other.send("025", { customer_id: "C", card_token: other.token() })).code).toBe("P021")
    } finally {
      await other.close()
    }
  })
})

describe("Visa/Master authorization validity option", () => {
  it("expires Visa after visaMasterAuthValidityDays, JCB after 60 days", async () => {
    const other = await startTestSim({ visaMasterAuthValidityDays: 25 })
    try {
      const visa = await other.send("020", authParams(other.token(CARDS.ok)))
      const jcb = await other.send("020", authParams(other.token(CARDS.okJcb)))
      await other.sim.control.advanceClock({ days: 25 })
      expect(other.sim.control.getPayment(visa.get("payment_id")!)?.payment_status).toBe("33")
      expect(other.sim.control.getPayment(jcb.get("payment_id")!)?.payment_status).toBe("20")
    } finally {
      await other.close()
    }
  })
})
