/**
 * The kit judges the buyer's names, kana and phone in the browser as the provider does on the server, in both
 * directions: what a session start accepts the kit lets through, and what it refuses the kit stops with the same
 * message (the same words, the field named as the shopper saw it, Japanese first). The server here is the provider
 * itself: the konbini, Pay-easy and net-bank services' initiatePayment (where names are converted and checked, no
 * telegram sent), and src/paygent's conversion for the generated tables.
 */
import * as fs from "fs"
import { assertJisX0208, isZenginKana, toFullWidthField, toZenginKana, WINDOWS_31J_EQUIVALENTS } from "../../paygent"
import { FIELD_LABELS } from "../../providers/paygent/core/errors"
import { PaygentBanknetService, PaygentCardService, PaygentKonbiniService, PaygentPayeasyService } from "../../providers/paygent/services"
import type { PaygentProviderOptions } from "../../options/types"
import { BUYER_FIELD_LABELS, BUYER_RULES, buyerAsSent, checkBuyer, sentFormNote } from "../buyer-input"
import { CARD_FIELD_LABELS, checkCardInput } from "../card-input"
import { fieldOfServerMessage } from "../errors"
import { nameCharProblem } from "../jis-x0208"
import type { Bilingual } from "../labels"
import type { BuyerData } from "../payment-data"
import { toPaygentKana, toPaygentName } from "../sent-forms"

// The generator is a plain Node script (it runs before any build); its render() takes the server's functions.
const generator = require("../../../scripts/storefront/generate-sent-forms-table.js") as { render(server: object): string; TARGET: string }

type Method = "konbini" | "payeasy" | "banknet"

const OPTIONS: PaygentProviderOptions = {
  merchantId: "123456789",
  connectId: "testconnect01",
  connectPassword: "TestPassw0rd99",
  // Session start sends nothing: no Paygent (nor simulator) is needed.
  baseUrl: "https://127.0.0.1:9",
  threeDsMode: "disabled",
}
const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() } as any
const SERVICES = {
  konbini: new PaygentKonbiniService({ logger }, OPTIONS),
  payeasy: new PaygentPayeasyService({ logger }, OPTIONS),
  banknet: new PaygentBanknetService({ logger }, OPTIONS),
}
const METHOD_DATA: Record<Method, Record<string, string>> = { konbini: { cvs_company_id: "00C005" }, payeasy: {}, banknet: {} }
const SESSION_ID = "payses_01JTESTAGREEMENT0000000000"
const BUYER_KEYS = ["customer_family_name", "customer_name", "customer_family_name_kana", "customer_name_kana", "customer_tel"] as const
const OK_BUYER: BuyerData = { customer_family_name: "山田", customer_name: "太郎", customer_tel: "09012345678" }

type Verdict = { sent: BuyerData } | { refused: Bilingual; field?: string; raw?: string }

/** The provider's answer at session start: what it will send, or the shopper's 400 ("日本語 / English"). */
async function server(method: Method, buyer: BuyerData): Promise<Verdict> {
  try {
    const { data } = await SERVICES[method].initiatePayment({
      amount: 1000,
      currency_code: "jpy",
      data: { session_id: SESSION_ID, ...METHOD_DATA[method], ...buyer },
    })
    const sent: BuyerData = {}
    for (const key of BUYER_KEYS) if (typeof data?.[key] === "string") sent[key] = data[key] as string
    return { sent }
  } catch (error) {
    expect((error as { type?: string }).type).toBe("invalid_data")
    const raw = (error as Error).message
    const at = raw.indexOf(" / ")
    return { refused: { ja: raw.slice(0, at), en: raw.slice(at + 3) }, field: fieldOfServerMessage(raw), raw }
  }
}

/** The kit's answer in the browser: its first problem, or the data as it will be sent. */
function kit(method: Method, buyer: BuyerData): Verdict {
  const [problem] = checkBuyer(method, buyer)
  return problem ? { refused: problem.message, field: problem.field } : { sent: buyerAsSent(method, buyer) }
}

const NAMES_REQUIRED = "お名前（姓・名）を入力してください。 / Please enter your name (family name and given name)."

/**
 * Whether both answer the same: the same data sent, or a refusal of the same field with the same words. Two
 * refusals are worded apart on purpose: a control character is refused by the provider's check of all session data,
 * before the name rules, in its own words; and a missing name, which the provider asks for as お名前（姓・名）, the kit
 * asks for by the field that is empty (姓を入力してください。).
 */
async function disagreement(method: Method, buyer: BuyerData): Promise<string | undefined> {
  const [ours, theirs] = [kit(method, buyer), await server(method, buyer)]
  const shown = () => `${JSON.stringify(buyer)}: kit ${JSON.stringify(ours)}, server ${JSON.stringify(theirs)}`
  if ("refused" in ours && "refused" in theirs) {
    if (theirs.raw === NAMES_REQUIRED) {
      const empty = ours.field === "familyName" ? buyer.customer_family_name : buyer.customer_name
      return !empty?.trim() && /^(姓|名)を入力してください。$/.test(ours.refused.ja) ? undefined : shown()
    }
    const control = /[\u0000-\u001f\u007f-\u009f]/.test(Object.values(buyer).join(""))
    const same = control ? ours.field === theirs.field : ours.field === theirs.field && theirs.raw === `${ours.refused.ja} / ${ours.refused.en}`
    return same ? undefined : shown()
  }
  return JSON.stringify(ours) === JSON.stringify(theirs) ? undefined : shown()
}

function* bmp(): Generator<string> {
  for (let cp = 0x20; cp <= 0xffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue
    yield String.fromCharCode(cp)
  }
}

const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`

describe("the kit's tables are the server's conversion", () => {
  it("sent-forms-table.ts is what the generator makes from src/paygent today (else: node scripts/storefront/generate-sent-forms-table.js)", () => {
    const rendered = generator.render({ toFullWidthField, assertJisX0208, toZenginKana, isZenginKana })
    expect(rendered === fs.readFileSync(generator.TARGET, "utf8")).toBe(true)
  })

  it("converts every BMP character of a name and of a kana field as the server does, and judges it as the server does", () => {
    const disagree: string[] = []
    for (const ch of bmp()) {
      if (toPaygentName(ch) !== toFullWidthField(ch)) disagree.push(`${hex(ch)} name: kit ${toPaygentName(ch)}, server ${toFullWidthField(ch)}`)
      if (toPaygentKana(ch) !== toZenginKana(ch)) disagree.push(`${hex(ch)} kana: kit ${toPaygentKana(ch)}, server ${toZenginKana(ch)}`)
      let reason: string | undefined
      try {
        assertJisX0208("name", ch)
      } catch (error) {
        reason = (error as { reason: string }).reason
      }
      if (nameCharProblem(ch) !== reason) disagree.push(`${hex(ch)}: kit ${nameCharProblem(ch)}, server ${reason}`)
    }
    expect(disagree.slice(0, 20)).toEqual([])
  })

  it("merges a half-width kana with the voiced mark after it as the server does (ｶﾞ → ガ, ﾊﾟ → パ, ｳﾞ → ヴ)", () => {
    const disagree: string[] = []
    for (let cp = 0xff61; cp <= 0xff9f; cp++) {
      for (const mark of ["ﾞ", "ﾟ", "ﾞﾞ", "ﾟﾞ"]) {
        const text = String.fromCharCode(cp) + mark
        if (toPaygentName(text) !== toFullWidthField(text)) disagree.push(`${text}: kit ${toPaygentName(text)}, server ${toFullWidthField(text)}`)
      }
    }
    expect(disagree).toEqual([])
    expect(toPaygentName("ﾔﾏﾀﾞ ﾀﾛｳ")).toBe("ヤマダ　タロウ")
  })
})

describe("names: kit and session start agree", () => {
  it("on every BMP character in a name (konbini): the same name sent, or the same refusal", async () => {
    const disagree: string[] = []
    for (const ch of bmp()) {
      const found = await disagreement("konbini", { ...OK_BUYER, customer_family_name: `山${ch}田` })
      if (found) disagree.push(found)
    }
    expect(disagree.slice(0, 20)).toEqual([])
  })

  it("on every BMP character in a kana field (konbini)", async () => {
    const disagree: string[] = []
    for (const ch of bmp()) {
      const found = await disagreement("konbini", { ...OK_BUYER, customer_name_kana: `タ${ch}ロ` })
      if (found) disagree.push(found)
    }
    expect(disagree.slice(0, 20)).toEqual([])
  })

  it.each(["konbini", "payeasy", "banknet"] as const)("on mixed names and kana of every length (%s, 3000 seeded samples)", async (method) => {
    const alphabet = [..."ABCxyz 　ｱｶﾊｳﾞﾟ山田髙﨑①㈱〜−‖¢£¬—¥彅😀＂ヤマダやまだーｧｯ-."]
    let seed = 20261206
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
    const pick = () => Array.from({ length: 1 + random(12) }, () => alphabet[random(alphabet.length)]).join("")
    const disagree: string[] = []
    for (let i = 0; i < 3000; i++) {
      const found = await disagreement(method, { ...OK_BUYER, [random(2) ? "customer_family_name" : "customer_name"]: pick(), customer_family_name_kana: pick() })
      if (found) disagree.push(found)
    }
    expect(disagree.slice(0, 10)).toEqual([])
  })

  it("sends what Mac/iOS keyboards type in Windows-31J's characters, and ¥ as ￥ (names) but ¥ as it is (kana)", async () => {
    expect(Object.keys(WINDOWS_31J_EQUIVALENTS).sort()).toEqual([..."〜−‖¢£¬—"].sort())
    for (const [typed, sent] of Object.entries({ ...WINDOWS_31J_EQUIVALENTS, "¥": "￥" })) {
      const buyer = { ...OK_BUYER, customer_name: `太${typed}郎` }
      expect(kit("konbini", buyer)).toEqual({ sent: { ...OK_BUYER, customer_name: `太${sent}郎` } })
      expect(await server("konbini", buyer)).toEqual(kit("konbini", buyer))
    }
    const kana = { ...OK_BUYER, customer_family_name_kana: "ﾔﾏﾀﾞ¥" }
    expect(kit("payeasy", kana)).toEqual({ sent: { customer_family_name: "山田", customer_name: "太郎", customer_family_name_kana: "ﾔﾏﾀﾞ¥" } })
    expect(await server("payeasy", kana)).toEqual(kit("payeasy", kana))
  })

  it.each([
    ["髙橋", "高橋"],
    ["山﨑", "山崎"],
    ["德川", "徳川"],
    ["①", "１"],
    ["㈱山田", "（株）山田"],
  ])("accepts %s and sends it as %s (a vendor character's standard form)", async (typed, sent) => {
    const buyer = { ...OK_BUYER, customer_family_name: typed }
    expect(kit("konbini", buyer)).toEqual({ sent: { ...OK_BUYER, customer_family_name: sent } })
    expect(await server("konbini", buyer)).toEqual(kit("konbini", buyer))
    expect(sentFormNote("familyName", typed)).toEqual({ ja: `決済会社へは「${sent}」として送信されます`, en: `Sent to the payment company as “${sent}”` })
  })

  it("refuses 彅 (no standard form) naming 名, in the server's words, Japanese first", async () => {
    const buyer = { ...OK_BUYER, customer_family_name: "草", customer_name: "彅" }
    const ours = kit("konbini", buyer)
    expect(ours).toEqual({
      field: "givenName",
      refused: {
        ja: "名に使用できない文字が含まれています: 「彅」 (U+5F45) — 機種依存文字・外字は使用できません。標準の字体で入力してください",
        en: "Given name contains a character that cannot be used: 「彅」 (U+5F45) — vendor-specific characters without a standard form cannot be sent; use the standard form of the character",
      },
    })
    expect(await server("konbini", buyer)).toMatchObject({ refused: (ours as { refused: Bilingual }).refused, field: "givenName" })
  })
})

describe.each(Object.keys(SERVICES) as Method[])("%s: romaji names count two bytes a letter, as the telegram sends them", (method) => {
  const letters = BUYER_RULES[method].nameBytes / 2
  const kanaLetters = BUYER_RULES[method].kanaBytes

  it(`a romaji family name of ${letters} letters passes and is sent full-width; ${letters + 1} letters is refused naming 姓`, async () => {
    const fits = { customer_family_name: "Y".repeat(letters), customer_name: "Taro", customer_tel: "09012345678" }
    expect(kit(method, fits)).toEqual(await server(method, fits))
    expect((kit(method, fits) as { sent: BuyerData }).sent.customer_family_name).toBe("Ｙ".repeat(letters))

    const over = { ...fits, customer_family_name: "Y".repeat(letters + 1) }
    const ours = kit(method, over)
    expect(ours).toEqual({
      field: "familyName",
      refused: { ja: `姓が長すぎます（全角${letters}文字まで）。`, en: `Family name is too long (at most ${letters} full-width characters).` },
    })
    expect(await server(method, over)).toMatchObject({ ...ours, raw: `姓が長すぎます（全角${letters}文字まで）。 / Family name is too long (at most ${letters} full-width characters).` })
  })

  it(`a kana name of ${kanaLetters} half-width characters passes, one more is refused naming メイ (voiced kana count two)`, async () => {
    const fits = { ...OK_BUYER, customer_name_kana: "ガ".repeat(kanaLetters / 2) }
    expect(kit(method, fits)).toEqual(await server(method, fits))
    const over = { ...OK_BUYER, customer_name_kana: "ガ".repeat(kanaLetters / 2) + "ア" }
    expect(kit(method, over)).toEqual({
      field: "givenNameKana",
      refused: { ja: `メイが長すぎます（半角${kanaLetters}文字まで）。`, en: `Given name (kana) is too long (at most ${kanaLetters} half-width characters).` },
    })
    expect(await server(method, over)).toMatchObject(kit(method, over))
  })
})

describe("labels and the other fields", () => {
  it("the kit names the fields in the server's words: 姓 名 セイ メイ 電話番号 カード名義", () => {
    expect(BUYER_FIELD_LABELS).toEqual({
      familyName: FIELD_LABELS.customer_family_name,
      givenName: FIELD_LABELS.customer_name,
      familyNameKana: FIELD_LABELS.customer_family_name_kana,
      givenNameKana: FIELD_LABELS.customer_name_kana,
      phone: FIELD_LABELS.customer_tel,
    })
    expect(CARD_FIELD_LABELS.name).toEqual(FIELD_LABELS.cardholder_name)
    expect(Object.values(BUYER_FIELD_LABELS).map((label) => label.ja)).toEqual(["姓", "名", "セイ", "メイ", "電話番号"])
  })

  it("a kana field the server refuses: the same words, naming セイ", async () => {
    const buyer = { ...OK_BUYER, customer_family_name_kana: "山田" }
    const ours = kit("konbini", buyer)
    expect(ours).toMatchObject({ field: "familyNameKana", refused: { ja: "セイはカタカナ・英大文字・数字で入力してください。使用できない文字: 「山」 (U+5C71)" } })
    expect(await server("konbini", buyer)).toMatchObject(ours)
  })

  it.each(["12-34", "090-1234-5678", "+81 90 1234 5678", "０３（１２３４）５６７８", "abc", ""])("konbini phone %p: the same verdict and words (電話番号)", async (phone) => {
    const buyer = { ...OK_BUYER, customer_tel: phone }
    expect(await disagreement("konbini", buyer)).toBeUndefined()
  })

  it.each(["TARO YAMADA", "O'NEIL & SONS", "山田太郎", "A".repeat(46), "TARO\u00e9"])("cardholder name %p: refused by the kit exactly when the server refuses it, in its words (カード名義)", async (name) => {
    const card = new PaygentCardService({ logger }, OPTIONS)
    const good = { number: "4111 1111 1111 1111", expireMonth: "12", expireYear: "30", cvc: "123" }
    const [problem] = checkCardInput({ ...good, name }, { now: new Date(2026, 11, 6) })
    const refusal = await card
      .initiatePayment({ amount: 1000, currency_code: "jpy", data: { session_id: SESSION_ID, cardholder_name: name } })
      .then(() => undefined, (error: Error) => error.message)
    // Without a card token the session start fails after the name check; only the name's refusal counts here.
    const serverRefusal = refusal?.startsWith("カード名義") ? refusal : undefined
    expect(problem ? `${problem.message.ja} / ${problem.message.en}` : undefined).toBe(serverRefusal)
    if (serverRefusal) expect(fieldOfServerMessage(serverRefusal)).toBe("name")
  })
})
