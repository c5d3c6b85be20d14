import { controlCharacterError, sessionInputError } from "../core/session-input"

const TOKEN = "tok_abcdefghijklmnop"

function messageOf(data: unknown): string | undefined {
  return sessionInputError(data)?.message
}

describe("session data a storefront may send", () => {
  it("accepts ordinary card and konbini data, Japanese included", () => {
    expect(messageOf({ card_token: TOKEN, token_hc: "ab12", cardholder_name: "TARO YAMADA", payment_class: "10" })).toBeUndefined()
    expect(messageOf({ customer_family_name: "山田", customer_name_kana: "タロウ", customer_tel: "090-1234-5678", nested: { list: ["ｱ", 1, null] } })).toBeUndefined()
    expect(messageOf(undefined)).toBeUndefined()
  })

  it.each([
    ["NUL", "\u0000"],
    ["line feed", "\n"],
    ["tab", "\t"],
    ["DEL", "\u007f"],
    ["C1 control", "\u0085"],
  ])("refuses a %s, naming the field as the shopper saw it (ja first), never echoing the value", (_name, char) => {
    const message = messageOf({ card_token: TOKEN, token_hc: "ab12", cardholder_name: `TARO${char}YAMADA` })!
    expect(message).toMatch(/^カード名義（data\.cardholder_name）に制御文字/)
    expect(message).toMatch(/data\.cardholder_name \(Cardholder name\) contains a control character/)
    expect(message).not.toContain("TARO")
    expect(message).not.toContain(TOKEN)
  })

  it("names a nested field, an array element and a key that holds the control character", () => {
    expect(messageOf({ card_token: `${TOKEN}\u0000` })).toMatch(/data\.card_token/)
    expect(messageOf({ address: { lines: ["ok", "bad\u0000"] } })).toMatch(/data\.address\.lines\[1\]/)
    expect(messageOf({ ["ke\u0000y"]: "v" })).toMatch(/data\["ke\?y"\]/)
    expect(messageOf({ customer_family_name: "山\u0000田" })).toMatch(/^姓（data\.customer_family_name）/)
  })

  it("refuses keys only the server writes (the provider's state would keep them: Medusa merges data)", () => {
    expect(messageOf({ card_token: TOKEN, paygent: { payment_status: "20" } })).toMatch(/data\.paygent はサーバーが設定する項目/)
    expect(messageOf({ paygent_3ds_result: { result: "0" } })).toMatch(/data\.paygent_3ds_result/)
    expect(messageOf({ paygent_notice: { payment_status: "40", mac: "x" } })).toMatch(/data\.paygent_notice/)
    // Sealed card values are rewritten by the card service on every session: dropped there, not refused here.
    expect(messageOf({ card_token_sealed: "v1.x.y.z", card_retry: "1:a" })).toBeUndefined()
  })

  it("refuses data nested deeper than any storefront sends", () => {
    let deep: unknown = "x"
    for (let i = 0; i < 40; i++) deep = { d: deep }
    expect(messageOf(deep)).toMatch(/nested too deeply/)
  })

  it("checks a value taken from the Medusa customer, naming it", () => {
    expect(controlCharacterError("email", "taro@example.jp")).toBeUndefined()
    expect(controlCharacterError("email", null)).toBeUndefined()
    expect(controlCharacterError("email", "taro\u0000@example.jp")?.message).toMatch(/^メールアドレス（email）/)
  })
})
