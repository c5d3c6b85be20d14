import { PaygentInputError } from "../errors"
import { assertJisX0208, isJisX0208, toFullWidth } from "../jis"
import { assertZenginKana, normalizeZenginKana, toHalfWidthKana, toZenginKana } from "../kana"
import { normalizePhone } from "../phone"

function inputError(run: () => unknown): PaygentInputError {
  try {
    run()
  } catch (e) {
    expect(e).toBeInstanceOf(PaygentInputError)
    return e as PaygentInputError
  }
  throw new Error("expected a PaygentInputError")
}

describe("toHalfWidthKana", () => {
  it.each([
    ["ヤマダ", "ﾔﾏﾀﾞ"],
    ["ガギグゲゴ", "ｶﾞｷﾞｸﾞｹﾞｺﾞ"],
    ["パピプペポ", "ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ"],
    ["ヴァイオリン", "ｳﾞｧｲｵﾘﾝ"],
    ["コーヒー", "ｺｰﾋｰ"],
    ["ソ", "ｿ"],
    ["ゴチュウモンダイキン", "ｺﾞﾁｭｳﾓﾝﾀﾞｲｷﾝ"],
    ["やまだ　たろう", "ﾔﾏﾀﾞ ﾀﾛｳ"],
    ["ＡＢＣ１２３－", "ABC123-"],
    ["「テスト」。", "｢ﾃｽﾄ｣｡"],
    ["ヲン", "ｦﾝ"],
  ])("%s → %s", (full, half) => {
    expect(toHalfWidthKana(full)).toBe(half)
  })

  it("keeps characters it has no half-width form for", () => {
    expect(toHalfWidthKana("山田ABC")).toBe("山田ABC")
  })
})

describe("toZenginKana / assertZenginKana", () => {
  it("upper-cases small kana and letters like Paygent does", () => {
    expect(toZenginKana("ジュッキュウ")).toBe("ｼﾞﾕﾂｷﾕｳ")
    expect(toZenginKana("ｧｨｩｪｫｬｭｮｯ")).toBe("ｱｲｳｴｵﾔﾕﾖﾂ")
    expect(toZenginKana("abc xyz")).toBe("ABC XYZ")
  })

  it("accepts the Zengin set (digits, A–Z, kana, ﾞﾟ, ｢｣, ｰ, space, ¥ , . ( ) - /)", () => {
    expect(() => assertZenginKana("f", "ｶ)ﾍﾟｲｼﾞｴﾝﾄ ABC-123/(.,)｢ｰ｣¥")).not.toThrow()
  })

  it.each([
    ["kanji", "山田", "山"],
    ["full-width katakana", "ヤマダ", "ヤ"],
    ["the half-width ideographic full stop", "ｱ｡", "｡"],
    ["an asterisk", "A*B", "*"],
    ["an at sign", "A@B", "@"],
  ])("refuses %s and names the character", (_what, value, bad) => {
    const e = inputError(() => assertZenginKana("customer_name_kana", value))
    expect(e.field).toBe("customer_name_kana")
    expect(e.reason).toBe("not_zengin_kana")
    expect(e.merchantMessage.ja).toContain(bad)
    expect(e.merchantMessage.en).toContain(bad)
  })

  it("normalizeZenginKana converts then checks", () => {
    expect(normalizeZenginKana("f", "スズキ　イチロウ")).toBe("ｽｽﾞｷ ｲﾁﾛｳ")
    expect(() => normalizeZenginKana("f", "鈴木")).toThrow(PaygentInputError)
  })
})

describe("assertJisX0208", () => {
  it("accepts JIS X 0208 level 1–2 kanji, kana and symbols (rows 1–8, 16–84)", () => {
    for (const v of ["山田太郎", "能登", "表参道ソフト館", "さくら", "ご注文代金", "～", "　", "凜熙", "≒∵"]) {
      expect(isJisX0208(v)).toBe(true)
    }
  })

  it.each([
    ["①", "not_jis_x0208"],
    ["㈱", "not_jis_x0208"],
    ["㍉", "not_jis_x0208"],
    ["髙", "not_jis_x0208"],
    ["﨑", "not_jis_x0208"],
    ["ⅰ", "not_jis_x0208"],
    ["\uE000", "unencodable"],
    ["ｱ", "half_width_kana"],
    ["𠮷", "unencodable"],
    ["😀", "unencodable"],
    ["〜", "unencodable"],
    ["\t", "control"],
  ])("refuses %s (%s)", (ch, reason) => {
    const e = inputError(() => assertJisX0208("customer_family_name", `山${ch}田`))
    expect(e.reason).toBe(reason)
    expect(e.field).toBe("customer_family_name")
    expect(e.class).toBe("validation")
  })

  it("accepts ASCII unless told not to", () => {
    expect(isJisX0208("ABC 1")).toBe(true)
    expect(inputError(() => assertJisX0208("f", "ABC", { allowAscii: false })).reason).toBe("ascii")
  })

  it("toFullWidth turns every printable ASCII character into a JIS X 0208 one", () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join("")
    const wide = toFullWidth(ascii)
    expect([...wide]).toHaveLength(95)
    expect(() => assertJisX0208("f", wide, { allowAscii: false })).not.toThrow()
    expect(toFullWidth(`O'Neil "A"`)).toBe("Ｏ’Ｎｅｉｌ　”Ａ”")
  })

  it("toFullWidth merges voiced marks and widens ASCII", () => {
    expect(toFullWidth("ｶﾞｲｺｸ ﾊﾟﾝ ｳﾞ Smith-1")).toBe("ガイコク　パン　ヴ　Ｓｍｉｔｈ－１")
    expect(isJisX0208(toFullWidth("ｶﾞｲｺｸ ﾊﾟﾝ ｳﾞ Smith-1"), { allowAscii: false })).toBe(true)
  })
})

describe("normalizePhone", () => {
  it.each([
    ["090-1234-5678", "09012345678"],
    ["03 1234 5678", "0312345678"],
    ["０９０－１２３４－５６７８", "09012345678"],
    ["(03)1234-5678", "0312345678"],
    ["+81 90-1234-5678", "09012345678"],
    ["+81 (0)3-1234-5678", "0312345678"],
  ])("%s → %s", (input, expected) => {
    expect(normalizePhone("customer_tel", input)).toBe(expected)
  })

  it.each(["98765", "090-1234-56789", "abc", "", "090-1234-567８a"])("refuses %j naming the field, without echoing it", (input) => {
    const e = inputError(() => normalizePhone("customer_tel", input))
    expect(e.field).toBe("customer_tel")
    expect(e.reason).toBe("invalid_phone")
    if (input) expect(e.message).not.toContain(input)
  })
})
