/**
 * The browser's checks agree with the server's: every BMP character is judged the same by the storefront's name
 * table and the protocol client's Shift_JIS check (src/paygent), the kana check and width agree with the provider's
 * conversion, and the phone with its normalization. Plus the card form's checks and the amount limits.
 */
import { isJisX0208, isZenginKana, normalizePhone, toHalfWidthKana } from "../../paygent"
import { DEFAULT_LIMITS } from "../../providers/paygent/core/options"
import { checkBuyer, checkBuyerKana, normalizeBuyerPhone } from "../buyer-input"
import { cardBrandOf, checkCardInput, formatCardNumber } from "../card-input"
import { firstRefusedNameChar, nameCharProblem, shiftJisLength } from "../jis-x0208"
import { checkAmount, DEFAULT_PAYGENT_LIMITS, paygentLimit } from "../limits"
import iconv from "iconv-lite"

function* bmp(): Generator<string> {
  for (let cp = 0x20; cp <= 0xffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue
    yield String.fromCharCode(cp)
  }
}

describe("names (JIS X 0208) in the browser", () => {
  it("accepts exactly the characters the server accepts, over the whole BMP", () => {
    const disagree: string[] = []
    for (const ch of bmp()) {
      if ((nameCharProblem(ch) === undefined) !== isJisX0208(ch)) disagree.push(`U+${ch.charCodeAt(0).toString(16)}`)
    }
    expect(disagree).toEqual([])
  })

  it("counts Shift_JIS bytes as the server's encoder does", () => {
    for (const name of ["山田", "TARO", "髙橋".replace("髙", "高"), "ｱ", "渡邊 太郎"]) {
      expect(shiftJisLength(name)).toBe(iconv.encode(name, "cp932").length)
    }
  })

  it("names the refused character: 髙, ①, ㈱, half-width kana, emoji", () => {
    expect(firstRefusedNameChar("髙橋")).toEqual({ char: "髙", problem: "not_jis_x0208" })
    expect(firstRefusedNameChar("①")?.problem).toBe("not_jis_x0208")
    expect(firstRefusedNameChar("㈱山田")?.char).toBe("㈱")
    expect(firstRefusedNameChar("ﾔﾏﾀﾞ")?.problem).toBe("half_width_kana")
    expect(firstRefusedNameChar("山田😀")?.char).toBe("😀")
    expect(firstRefusedNameChar("山田 太郎")).toBeUndefined()
  })
})

describe("kana in the browser", () => {
  it("takes a character exactly when the provider's conversion ends in Zengin kana, with the same width", () => {
    const disagree: string[] = []
    for (const ch of bmp()) {
      const converted = toHalfWidthKana(ch)
      const server = isZenginKana(converted) ? converted.length : 0
      const browser = checkBuyerKana("familyNameKana", ch, 99) ? 0 : browserWidth(ch)
      if (server !== browser) disagree.push(`U+${ch.charCodeAt(0).toString(16)}: server ${server}, browser ${browser}`)
    }
    expect(disagree).toEqual([])
  })

  it("counts voiced kana as two half-width characters, as Paygent does", () => {
    expect(checkBuyerKana("familyNameKana", "ガガガガガガガ", 14)).toBeUndefined()
    expect(checkBuyerKana("familyNameKana", "ガガガガガガガガ", 14)?.message.ja).toMatch(/フリガナ（セイ）が長すぎます/)
  })
})

/** Width of one accepted character as the browser counts it: w when ⌊99/w⌋ copies fit in 99 bytes and one more does not. */
function browserWidth(ch: string): number {
  for (let width = 1; width <= 2; width++) {
    const fits = checkBuyerKana("familyNameKana", ch.repeat(Math.floor(99 / width)), 99) === undefined
    const over = checkBuyerKana("familyNameKana", ch.repeat(Math.floor(99 / width) + 1), 99) !== undefined
    if (fits && over) return width
  }
  return 0
}

describe("phone in the browser", () => {
  it.each(["090-1234-5678", "０９０１２３４５６７８", "+81 90 1234 5678", "03(1234)5678", "1234", "090-1234-56789", "abc"])(
    "%s is judged as the server judges it",
    (value) => {
      let server: string | undefined
      try {
        server = normalizePhone("customer_tel", value)
      } catch {
        server = undefined
      }
      expect(normalizeBuyerPhone(value)).toBe(server)
    }
  )
})

describe("checkBuyer", () => {
  it("konbini needs names and phone; Pay-easy does not", () => {
    expect(checkBuyer("konbini", {}).map((p) => p.field)).toEqual(["familyName", "givenName", "phone"])
    expect(checkBuyer("payeasy", {})).toEqual([])
  })

  it("a name Shift_JIS cannot encode gets a message naming the field and the character, in both languages", () => {
    const [problem] = checkBuyer("konbini", { customer_family_name: "髙橋", customer_name: "太郎", customer_tel: "09012345678" })
    expect(problem.field).toBe("familyName")
    expect(problem.message.ja).toMatch(/^お名前（姓）に使用できない文字があります: 「髙」\(U\+9AD9\)/)
    expect(problem.message.en).toMatch(/^Family name contains a character that cannot be used: 「髙」/)
  })

  it("applies each method's byte limit (konbini 20, Pay-easy 12)", () => {
    const name = "山".repeat(10)
    expect(checkBuyer("konbini", { customer_family_name: name, customer_name: "太郎", customer_tel: "09012345678" })).toEqual([])
    expect(checkBuyer("payeasy", { customer_family_name: name })[0].message.ja).toMatch(/全角6文字/)
  })
})

describe("card input", () => {
  const now = new Date(2026, 11, 6)
  const good = { number: "4111 1111 1111 1111", expireMonth: "12", expireYear: "30", cvc: "123", name: "TARO YAMADA" }

  it("accepts a well-formed card", () => {
    expect(checkCardInput(good, { now })).toEqual([])
  })

  it("refuses a number of the wrong length for its brand, naming the lengths", () => {
    const [problem] = checkCardInput({ ...good, number: "4111 1111 1111 111" }, { now })
    expect(problem.field).toBe("number")
    expect(problem.message.ja).toBe("カード番号の桁数が正しくありません（VISAは13〜19桁、入力は15桁）。")
    expect(checkCardInput({ ...good, number: "3714 496353 9843", cvc: "1234" }, { now })[0].message.en).toMatch(/American Express numbers have 15/)
  })

  it("refuses an expiry month that has passed, and an impossible month", () => {
    expect(checkCardInput({ ...good, expireMonth: "11", expireYear: "26" }, { now })).toEqual([
      { field: "expiry", message: { ja: "カードの有効期限が切れています。", en: "This card has expired (the expiry month has passed)." } },
    ])
    expect(checkCardInput({ ...good, expireMonth: "12", expireYear: "2026" }, { now })).toEqual([])
    expect(checkCardInput({ ...good, expireMonth: "13" }, { now })[0].field).toBe("expireMonth")
  })

  it("checks the security code's length for the brand and a Latin cardholder name", () => {
    expect(checkCardInput({ ...good, cvc: "12" }, { now })[0].field).toBe("cvc")
    expect(checkCardInput({ ...good, name: "山田太郎" }, { now })[0].field).toBe("name")
  })

  it("tells the brand as it is typed and groups the digits", () => {
    expect(["4", "5500", "2221", "3530", "37", "3056"].map(cardBrandOf)).toEqual(["visa", "mastercard", "mastercard", "jcb", "amex", "diners"])
    expect(formatCardNumber("4111111111111111")).toBe("4111 1111 1111 1111")
    expect(formatCardNumber("378282246310005")).toBe("3782 822463 10005")
  })
})

describe("amount limits", () => {
  it("default to the provider's", () => {
    expect(DEFAULT_PAYGENT_LIMITS).toEqual(DEFAULT_LIMITS)
  })

  it("refuse an amount over the chain's limit, naming the chain (Seven-Eleven ¥300,000, others ¥500,000)", () => {
    expect(paygentLimit("konbini", "00C001")).toBe(300_000)
    expect(checkAmount("konbini", 300_000, { chain: "00C001" })).toBeUndefined()
    const over = checkAmount("konbini", 300_001, { chain: "00C001" })!
    expect(over.field).toBe("amount")
    expect(over.message.ja).toMatch(/^セブン-イレブンでお支払いいただける金額は1回あたり300,000円までです/)
    expect(checkAmount("konbini", 300_001, { chain: "00C002" })).toBeUndefined()
    expect(checkAmount("konbini", 400_000, { chain: "00C002", limits: { konbini: 350_000 } })?.message.en).toMatch(/Lawson accepts at most ¥350,000/)
  })
})
