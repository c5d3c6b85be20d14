import { PaygentError } from "../errors"
import { maskPans, REDACTED, redactParams } from "../redact"
import { pathForKind, urlForKind, urlKeyForKind } from "../urls"

describe("redactParams", () => {
  it("replaces secrets and keeps everything else", () => {
    const out = redactParams([
      ["merchant_id", "123456789"],
      ["connect_password", "TestPassw0rd99"],
      ["card_token", "tok_abc"],
      ["card_number", "4111111111111111"],
      ["card_conf_number", "123"],
      ["security_code_token", "1"],
      ["hc", "abcd"],
      ["notice_hash_key", "k"],
      ["proxy_password", "p"],
      ["pfx_passphrase", "changeit"],
      ["google_payment_method_token", "{...}"],
      ["payment_id", "4111111111111111"],
      ["trading_id", "ORDER_1"],
      ["empty_token", ""],
    ])
    expect(out).toEqual({
      merchant_id: "123456789",
      connect_password: REDACTED,
      card_token: REDACTED,
      card_number: REDACTED,
      card_conf_number: REDACTED,
      security_code_token: REDACTED,
      hc: REDACTED,
      notice_hash_key: REDACTED,
      proxy_password: REDACTED,
      pfx_passphrase: REDACTED,
      google_payment_method_token: REDACTED,
      payment_id: "4111111111111111",
      trading_id: "ORDER_1",
      empty_token: "",
    })
  })

  it("masks PAN-looking digit runs in any free value", () => {
    expect(redactParams({ free_memo: "card 4111 1111 1111 1111 thanks" }).free_memo).toBe("card ************1111 thanks")
    expect(redactParams({ add_info1: "5555-5555-5555-4444" }).add_info1).toBe("************4444")
  })

  it("leaves digit runs that are not card numbers alone", () => {
    // Not Luhn-valid, starts with 1/9, too short, too long, or a date.
    for (const v of ["4111111111111112", "1234567890123456", "411111111111", "41111111111111111111", "20250610113005"]) {
      expect(maskPans(v)).toBe(v)
    }
  })
})

describe("urls", () => {
  it("chooses the exact key first, then the first two characters, like the module", () => {
    expect(urlKeyForKind("091")).toBe("091")
    expect(urlKeyForKind("094")).toBe("094")
    expect(urlKeyForKind("090")).toBe("09")
    expect(urlKeyForKind("020")).toBe("02")
    expect(urlKeyForKind("116")).toBe("11")
    expect(urlKeyForKind("450")).toBe("45")
    expect(urlKeyForKind("263")).toBe("263")
    expect(urlKeyForKind("262")).toBe("26")
  })

  it.each([
    ["010", "/n/atm/request"],
    ["020", "/n/card/request"],
    ["027", "/n/card/request"],
    ["030", "/n/conveni/request"],
    ["060", "/n/bank/requestasp"],
    ["091", "/n/ref/paynotice"],
    ["094", "/n/ref/paymentref"],
    ["116", "/n/card/request"],
    ["450", "/n/threeds/request"],
  ])("%s → %s", (kind, path) => {
    expect(pathForKind(kind)).toBe(path)
  })

  it("knows the hosts", () => {
    expect(urlForKind("020", { environment: "production" }).href).toBe("https://module.paygent.co.jp/n/card/request")
    expect(urlForKind("020", { environment: "sandbox" }).href).toBe("https://sandbox.paygent.co.jp/n/card/request")
    expect(urlForKind("020").href).toBe("https://sandbox.paygent.co.jp/n/card/request")
    expect(urlForKind("200", { environment: "production" }).href).toBe("https://online.paygent.co.jp/n/o/requestdata")
    expect(urlForKind("098", { environment: "production" }).href).toBe("https://token.paygent.co.jp/n/token/request")
    expect(urlForKind("098", { environment: "sandbox" }).href).toBe("https://sandbox.paygent.co.jp/n/token/request")
    expect(urlForKind("030", { baseUrl: "https://127.0.0.1:8443/sim/", environment: "production" }).href).toBe(
      "https://127.0.0.1:8443/sim/n/conveni/request"
    )
  })

  it("refuses kinds the module has no URL for (E02003)", () => {
    for (const kind of ["999", "08", "0", ""]) {
      expect(() => pathForKind(kind)).toThrow(PaygentError)
      expect(() => pathForKind(kind)).toThrow(expect.objectContaining({ response_code: "E02003", class: "configuration" }))
    }
  })
})
