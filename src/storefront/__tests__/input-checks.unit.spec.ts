/**
 * The browser's checks: the name table agrees with the server's JIS X 0208 check, the phone with its normalization,
 * and the buyer, card and amount checks answer what the shopper needs to hear. How the name and kana checks agree with
 * the provider's session start, message for message, is server-agreement.unit.spec.ts.
 */
import { isJisX0208, normalizePhone } from "../../paygent"
import { DEFAULT_LIMITS } from "../../options/provider"
import { checkBuyer, checkBuyerKana, normalizeBuyerPhone, sentFormNote } from "../buyer-input"
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
  it("the table takes exactly the characters the server's check takes, over the whole BMP", () => {
    const disagree: string[] = []
    for (const ch of bmp()) {
      if ((nameCharProblem(ch) === undefined) !== isJisX0208(ch)) disagree.push(`U+${ch.charCodeAt(0).toString(16)}`)
    }
    expect(disagree).toEqual([])
  })

  it("counts Shift_JIS bytes as the server's encoder does", () => {
    for (const name of ["山田", "TARO", "高橋", "ｱ", "渡邊 太郎", "ＹＡＭＡＤＡ"]) {
      expect(shiftJisLength(name)).toBe(iconv.encode(name, "cp932").length)
    }
  })

  it("judges a name as it is sent: 髙, ①, ㈱, half-width kana and 〜 pass; 彅, emoji and control characters do not", () => {
    for (const name of ["髙橋", "①", "㈱山田", "ﾔﾏﾀﾞ", "〜", "山田 太郎", "Taro"]) expect(firstRefusedNameChar(name)).toBeUndefined()
    expect(firstRefusedNameChar("草彅")).toEqual({ char: "彅", problem: "not_jis_x0208" })
    expect(firstRefusedNameChar("山田😀")).toEqual({ char: "😀", problem: "unencodable" })
    expect(firstRefusedNameChar("山\u0085田")).toEqual({ char: "\u0085", problem: "control" })
    // A raw half-width kana, which a name never keeps (it is sent full-width), is what the server calls it.
    expect(nameCharProblem("ｱ")).toBe("half_width_kana")
  })
})

describe("kana in the browser", () => {
  it("counts voiced kana as two half-width characters, as Paygent does", () => {
    expect(checkBuyerKana("familyNameKana", "ガガガガガガガ", 14)).toBeUndefined()
    expect(checkBuyerKana("familyNameKana", "ガガガガガガガガ", 14)?.message.ja).toBe("セイが長すぎます（半角14文字まで）。")
  })

  it("takes hiragana and small kana, as they are sent (ﾔﾏﾀﾞ, ﾂ)", () => {
    expect(checkBuyerKana("givenNameKana", "やまだ っ", 14)).toBeUndefined()
    expect(sentFormNote("givenNameKana", "やまだ っ")?.ja).toBe("決済会社へは「ﾔﾏﾀﾞ ﾂ」として送信されます")
  })
})

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

  it("a name with a character Paygent cannot take gets a message naming the field and the character, in both languages", () => {
    const [problem] = checkBuyer("konbini", { customer_family_name: "草彅", customer_name: "太郎", customer_tel: "09012345678" })
    expect(problem.field).toBe("familyName")
    expect(problem.message.ja).toMatch(/^姓に使用できない文字が含まれています: 「彅」 \(U\+5F45\) — 機種依存文字/)
    expect(problem.message.en).toMatch(/^Family name contains a character that cannot be used: 「彅」/)
  })

  it("a name with a vendor character that has a standard form passes, and the field says how it is sent", () => {
    expect(checkBuyer("konbini", { customer_family_name: "髙橋", customer_name: "太郎", customer_tel: "09012345678" })).toEqual([])
    expect(sentFormNote("familyName", " 髙橋 ")).toEqual({ ja: "決済会社へは「高橋」として送信されます", en: "Sent to the payment company as “高橋”" })
    expect(sentFormNote("familyName", "山田")).toBeUndefined()
  })

  it("applies each method's byte limit after the conversion (konbini 20, Pay-easy 12; romaji counts full width)", () => {
    const name = "山".repeat(10)
    expect(checkBuyer("konbini", { customer_family_name: name, customer_name: "太郎", customer_tel: "09012345678" })).toEqual([])
    expect(checkBuyer("payeasy", { customer_family_name: name })[0].message.ja).toBe("姓が長すぎます（全角6文字まで）。")
    expect(checkBuyer("payeasy", { customer_name: "Taro" })).toEqual([])
    expect(checkBuyer("payeasy", { customer_name: "Takeshi" })[0].message).toEqual({
      ja: "名が長すぎます（全角6文字まで）。",
      en: "Given name is too long (at most 6 full-width characters).",
    })
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
