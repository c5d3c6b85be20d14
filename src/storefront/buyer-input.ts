/**
 * Checks of the buyer's name, kana and phone in the browser, before anything is sent: the provider's rules on the
 * server, applied the same way (src/providers/paygent/core/customer-names.ts). Names and kana are converted as the
 * telegram will send them first (sent-forms.ts: 髙 → 高, 〜 → ～, romaji to full width, kana to half width) and their
 * length is checked after that, so "YAMADA" counts 12 bytes; then a 10–11 digit phone. The messages are the server's,
 * word for word, naming the field as the shopper saw it (姓, 名, セイ, メイ, 電話番号). The server checks again; this
 * only spares the shopper a round trip.
 */
import { firstRefusedNameChar, shiftJisLength, type NameCharProblem } from "./jis-x0208"
import type { Bilingual, PaygentMethod } from "./labels"
import type { BuyerData } from "./payment-data"
import { isZenginCharacter, toPaygentKana, toPaygentName } from "./sent-forms"

/** The buyer fields of the kit's forms. */
export type BuyerField = "familyName" | "givenName" | "familyNameKana" | "givenNameKana" | "phone"

export interface InputProblem<F extends string = string> {
  field: F
  message: Bilingual
}

/**
 * What each method asks of the buyer (the provider's rules: konbini needs names and phone, the others not) and the
 * telegram's limits, in Shift_JIS bytes of the converted value (names: two a character).
 */
export const BUYER_RULES: Record<Exclude<PaygentMethod, "card">, { required: boolean; nameBytes: number; kanaBytes: number; phone: boolean }> = {
  konbini: { required: true, nameBytes: 20, kanaBytes: 14, phone: true },
  payeasy: { required: false, nameBytes: 12, kanaBytes: 12, phone: false },
  banknet: { required: false, nameBytes: 12, kanaBytes: 12, phone: false },
}

/** The fields as the shopper sees them, in the server's words (its messages name them so). */
export const BUYER_FIELD_LABELS: Record<BuyerField, Bilingual> = {
  familyName: { ja: "姓", en: "Family name" },
  givenName: { ja: "名", en: "Given name" },
  familyNameKana: { ja: "セイ", en: "Family name (kana)" },
  givenNameKana: { ja: "メイ", en: "Given name (kana)" },
  phone: { ja: "電話番号", en: "Phone number" },
}

const NAME_PROBLEMS: Record<NameCharProblem, Bilingual> = {
  control: { ja: "制御文字は使用できません", en: "control characters are not allowed" },
  half_width_kana: { ja: "半角カナは使用できません（全角で入力してください）", en: "half-width katakana is not allowed (use full-width)" },
  unencodable: { ja: "この文字は送信できません", en: "this character cannot be sent (not in Shift_JIS)" },
  not_jis_x0208: {
    ja: "機種依存文字・外字は使用できません。標準の字体で入力してください",
    en: "vendor-specific characters without a standard form cannot be sent; use the standard form of the character",
  },
}

/** A character in a message: 「彅」 (U+5F45), or only the code point when it does not print. */
function describeChar(ch: string): string {
  const cp = ch.codePointAt(0)!
  const printable = /^[\p{L}\p{N}\p{S}\p{P}]$/u.test(ch)
  return `${printable ? `「${ch}」 ` : ""}(U+${cp.toString(16).toUpperCase().padStart(4, "0")})`
}

function tooLong(label: Bilingual, chars: number, width: "full" | "half"): Bilingual {
  return {
    ja: `${label.ja}が長すぎます（${width === "full" ? "全角" : "半角"}${chars}文字まで）。`,
    en: `${label.en} is too long (at most ${chars} ${width === "full" ? "full-width" : "half-width"} characters).`,
  }
}

/** A name for konbini / Pay-easy / net bank, or the reason it cannot be sent (judged as it will be sent). */
export function checkBuyerName(field: "familyName" | "givenName", value: string, maxBytes: number): InputProblem<BuyerField> | undefined {
  const label = BUYER_FIELD_LABELS[field]
  const refused = firstRefusedNameChar(value)
  if (refused) {
    const why = NAME_PROBLEMS[refused.problem]
    return {
      field,
      message: {
        ja: `${label.ja}に使用できない文字が含まれています: ${describeChar(refused.char)} — ${why.ja}`,
        en: `${label.en} contains a character that cannot be used: ${describeChar(refused.char)} — ${why.en}`,
      },
    }
  }
  if (shiftJisLength(toPaygentName(value)) > maxBytes) {
    return { field, message: tooLong(label, maxBytes / 2, "full") }
  }
  return undefined
}

/** A kana name (katakana, hiragana, full- or half-width), or the reason it cannot be sent (judged as it will be sent). */
export function checkBuyerKana(field: "familyNameKana" | "givenNameKana", value: string, maxBytes: number): InputProblem<BuyerField> | undefined {
  const label = BUYER_FIELD_LABELS[field]
  const sent = toPaygentKana(value)
  const bad = [...sent].find((ch) => !isZenginCharacter(ch))
  if (bad !== undefined) {
    return {
      field,
      message: {
        ja: `${label.ja}はカタカナ・英大文字・数字で入力してください。使用できない文字: ${describeChar(bad)}`,
        en: `${label.en} must be katakana, capital letters and digits. Character not allowed: ${describeChar(bad)}`,
      },
    }
  }
  // Every Zengin character is one byte.
  if (sent.length > maxBytes) {
    return { field, message: tooLong(label, maxBytes, "half") }
  }
  return undefined
}

/**
 * The buyer data as the provider sends it to Paygent for a method (names full-width in their standard forms, kana
 * Zengin half-width, the phone digits only), for a review step that shows the shopper what the slip or the bank
 * screen will carry. Meaningful once checkBuyer finds no problem. The kit sends what the shopper typed: the server
 * converts it the same way.
 */
export function buyerAsSent(method: Exclude<PaygentMethod, "card">, buyer: BuyerData): BuyerData {
  const sent: BuyerData = {}
  const put = (key: keyof BuyerData, value: string | undefined, convert: (text: string) => string | undefined) => {
    const text = value?.trim()
    const converted = text ? convert(text) : undefined
    if (converted) sent[key] = converted
  }
  put("customer_family_name", buyer.customer_family_name, toPaygentName)
  put("customer_name", buyer.customer_name, toPaygentName)
  put("customer_family_name_kana", buyer.customer_family_name_kana, toPaygentKana)
  put("customer_name_kana", buyer.customer_name_kana, toPaygentKana)
  if (BUYER_RULES[method].phone) put("customer_tel", buyer.customer_tel, normalizeBuyerPhone)
  return sent
}

/**
 * A note for a name or kana field whose value Paygent receives in another form (髙橋 → 高橋, Taro → Ｔａｒｏ,
 * やまだ → ﾔﾏﾀﾞ), so that the shopper knows what the slip or the bank screen will show; undefined when it is sent as
 * typed. The kit sends what the shopper typed and the server converts it the same way.
 */
export function sentFormNote(field: Exclude<BuyerField, "phone">, value: string): Bilingual | undefined {
  const typed = value.trim()
  if (!typed) return undefined
  const sent = field === "familyName" || field === "givenName" ? toPaygentName(typed) : toPaygentKana(typed)
  return sent === typed ? undefined : { ja: `決済会社へは「${sent}」として送信されます`, en: `Sent to the payment company as “${sent}”` }
}

/** The phone as Paygent takes it (digits only), or undefined when it is not a 10–11 digit Japanese number. */
export function normalizeBuyerPhone(value: string): string | undefined {
  let digits = value
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/＋/g, "+")
    .replace(/[\s\u3000\-‐‑‒–—―−－ー()（）.]/g, "")
  if (digits.startsWith("+81")) digits = "0" + digits.slice(3).replace(/^0/, "")
  return /^\d{10,11}$/.test(digits) ? digits : undefined
}

/** Every problem of the buyer data a method would refuse, in form order. */
export function checkBuyer(method: Exclude<PaygentMethod, "card">, buyer: BuyerData): InputProblem<BuyerField>[] {
  const rules = BUYER_RULES[method]
  const problems: InputProblem<BuyerField>[] = []
  const names = [
    ["familyName", buyer.customer_family_name],
    ["givenName", buyer.customer_name],
  ] as const
  for (const [field, value] of names) {
    const text = value?.trim() ?? ""
    if (!text) {
      if (rules.required) {
        problems.push({
          field,
          message: { ja: `${BUYER_FIELD_LABELS[field].ja}を入力してください。`, en: `Please enter your ${BUYER_FIELD_LABELS[field].en.toLowerCase()}.` },
        })
      }
      continue
    }
    const problem = checkBuyerName(field, text, rules.nameBytes)
    if (problem) problems.push(problem)
  }
  const kana = [
    ["familyNameKana", buyer.customer_family_name_kana],
    ["givenNameKana", buyer.customer_name_kana],
  ] as const
  for (const [field, value] of kana) {
    const text = value?.trim() ?? ""
    const problem = text ? checkBuyerKana(field, text, rules.kanaBytes) : undefined
    if (problem) problems.push(problem)
  }
  if (rules.phone) {
    const phone = buyer.customer_tel?.trim() ?? ""
    if (!phone) {
      problems.push({ field: "phone", message: { ja: "電話番号を入力してください。", en: "Please enter your phone number." } })
    } else if (!normalizeBuyerPhone(phone)) {
      problems.push({
        field: "phone",
        message: {
          ja: `${BUYER_FIELD_LABELS.phone.ja}は10桁または11桁の数字で入力してください（例: 09012345678）。`,
          en: `${BUYER_FIELD_LABELS.phone.en} must be a Japanese number of 10 or 11 digits (e.g. 09012345678).`,
        },
      })
    }
  }
  return problems
}
