import { RESPONSE_CODES } from "../error-codes"
import { classifyResponse, errorFromResponse, PaygentError, PAYGENT_ERROR_CLASSES } from "../errors"

describe("classifyResponse", () => {
  it.each([
    // [kind, code, detail, class, retryable]
    ["020", "2001", '"1G12"', "declined", false],
    ["020", "2002", '"1C13"', "declined", false],
    ["020", "2003", '"1G44"', "input_error", true],
    ["022", "2002", '"1101"', "retryable", true],
    ["021", "2002", '"1531"', "status_conflict", false],
    ["021", "2002", '"1532"', "expired", false],
    ["023", "2002", '"1541"', "status_conflict", false],
    ["023", "2002", '"1542"', "expired", false],
    ["022", "2004", "", "status_conflict", false],
    ["023", "2007", "", "expired", false],
    ["021", "2006", "", "not_found", false],
    ["094", "13001", "", "not_found", false],
    ["027", "P026", "", "not_found", false],
    ["026", "P022", "", "not_found", false],
    ["020", "P025", "", "not_found", false],
    ["022", "2008", "", "retryable", true],
    ["091", "9004", "", "retryable", true],
    ["020", "9005", "", "retryable", true],
    ["020", "E002", "", "retryable", true],
    ["201", "9103", "", "retryable", true],
    ["020", "P017", "", "retryable", true],
    ["020", "P001", "", "configuration", false],
    ["020", "P002", "", "configuration", false],
    ["020", "P015", "", "configuration", false],
    ["020", "P016", "", "configuration", false],
    ["020", "P030", "", "configuration", false],
    ["450", "P063", "", "configuration", false],
    ["020", "2023", "", "configuration", false],
    ["020", "2020", "", "token_invalid", false],
    ["020", "2021", "", "token_invalid", false],
    ["020", "2022", "", "token_invalid", false],
    ["450", "31005", "", "token_invalid", false],
    ["450", "31007", "", "declined", false],
    ["450", "31012", "", "rejected", false],
    ["029", "2011", "", "partial_failure", false],
    ["028", "2010", "", "partial_failure", false],
    ["028", "2013", "", "rejected", false],
    ["020", "2005", "", "rejected", false],
    ["060", "5010", "", "rejected", false],
    ["060", "5008", "", "rejected", false],
    ["025", "P023", "", "rejected", false],
    ["020", "X9999", "", "rejected", false],
  ] as const)("%s %s %s → %s", (kind, code, detail, cls, retryable) => {
    const c = classifyResponse(kind, code, detail)
    expect(c.class).toBe(cls)
    expect(c.retryable).toBe(retryable)
  })

  it("gives every table entry a known class and both languages", () => {
    for (const [code, info] of Object.entries(RESPONSE_CODES)) {
      expect([code, PAYGENT_ERROR_CLASSES.includes(info.class)]).toEqual([code, true])
      expect(info.merchant.ja.length).toBeGreaterThan(5)
      expect(info.merchant.en.length).toBeGreaterThan(5)
    }
  })

  it("tells the merchant what to do for P015 and names the vendor code", () => {
    expect(classifyResponse("020", "P015", "").merchantMessage.en).toMatch(/IP address not registered.*register this server's outgoing IP/)
    expect(classifyResponse("020", "2001", '"1G12"').merchantMessage.en).toContain("1G12")
  })

  it("gives buyers specific, safe messages for card problems", () => {
    expect(classifyResponse("020", "2001", '"1G12"').shopperMessage).toEqual({
      ja: "このカードはご利用いただけません。別のカードをお試しください。",
      en: "This card cannot be used. Please try another card.",
    })
    expect(classifyResponse("020", "2003", '"1G44"').shopperMessage.en).toMatch(/security code/i)
    expect(classifyResponse("020", "2003", '"1G83"').shopperMessage.ja).toContain("有効期限")
    // Lost/stolen is never revealed to the buyer.
    expect(classifyResponse("020", "2001", '"1G60"').shopperMessage.en).toBe("This card cannot be used. Please try another card.")
    // Non-card errors get the generic message of their class, not a card message.
    expect(classifyResponse("030", "P002", "").shopperMessage.en).toMatch(/payment method is currently unavailable/)
  })
})

describe("errorFromResponse", () => {
  it("strips the vendor quotes, keeps payment_id for 2003 and carries redacted fields", () => {
    const e = errorFromResponse("020", {
      response_code: "2003",
      response_detail: '"1G44"',
      fields: { payment_id: "210000104", trading_id: "T1", masked_card_number: "", card_token: "tok_secret" },
    })
    expect(e).toBeInstanceOf(PaygentError)
    expect(e.class).toBe("input_error")
    expect(e.response_detail).toBe("1G44")
    expect(e.payment_id).toBe("210000104")
    expect(e.retryable).toBe(true)
    expect(e.fields?.card_token).toBe("[REDACTED]")
    expect(e.message).toContain("2003")
    expect(e.message).toContain("1G44")
  })

  it("keeps the data of 5010 and 029 partial failures", () => {
    const e5010 = errorFromResponse("060", { response_code: "5010", response_detail: "", fields: { asp_url: "https://service.paygent.co.jp/banking/asp?tid=T" } })
    expect(e5010.fields?.asp_url).toContain("banking/asp")
    const e2011 = errorFromResponse("029", { response_code: "2011", response_detail: "", fields: { payment_id: "2", base_payment_id: "1" } })
    expect(e2011.class).toBe("partial_failure")
    expect(e2011.payment_id).toBe("2")
    expect(e2011.fields?.base_payment_id).toBe("1")
  })

  it("has no fields when the error response only had empty items", () => {
    expect(errorFromResponse("022", { response_code: "2004", response_detail: "", fields: { payment_id: "", trading_id: "" } }).fields).toBeUndefined()
  })

  it("masks a card number Paygent might echo in its detail", () => {
    const e = errorFromResponse("020", { response_code: "P010", response_detail: "card 4111111111111111 invalid", fields: {} })
    expect(e.message).not.toContain("4111111111111111")
    expect(e.response_detail).toContain("************1111")
  })

  it("serialises without stack or cause", () => {
    const e = new PaygentError({ class: "not_sent", telegram_kind: "020", response_code: "E02005", merchantMessage: { ja: "x", en: "y" }, cause: new Error("inner") })
    const json = JSON.parse(JSON.stringify(e))
    expect(json).toMatchObject({ class: "not_sent", telegram_kind: "020", retryable: true })
    expect(json.stack).toBeUndefined()
    expect(json.cause).toBeUndefined()
    expect((e as Error & { cause?: unknown }).cause).toBeInstanceOf(Error)
  })
})
