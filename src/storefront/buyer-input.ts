/**
 * Checks of the buyer's name, kana and phone in the browser, before anything is sent: the same rules the provider
 * applies on the server (names JIS X 0208 within a byte limit, kana convertible to Zengin half-width kana, a
 * 10–11 digit phone), with messages that name the field as the shopper saw it. The server checks again; this only
 * spares the shopper a round trip and a message in the wrong words.
 */
import { firstRefusedNameChar, shiftJisLength, type NameCharProblem } from "./jis-x0208"
import type { Bilingual, PaygentMethod } from "./labels"
import type { BuyerData } from "./payment-data"

/** The buyer fields of the kit's forms. */
export type BuyerField = "familyName" | "givenName" | "familyNameKana" | "givenNameKana" | "phone"

export interface InputProblem<F extends string = string> {
  field: F
  message: Bilingual
}

/** What each method asks of the buyer (the provider's rules: konbini needs names and phone, the others not). */
export const BUYER_RULES: Record<Exclude<PaygentMethod, "card">, { required: boolean; nameBytes: number; kanaBytes: number; phone: boolean }> = {
  konbini: { required: true, nameBytes: 20, kanaBytes: 14, phone: true },
  payeasy: { required: false, nameBytes: 12, kanaBytes: 12, phone: false },
  banknet: { required: false, nameBytes: 12, kanaBytes: 12, phone: false },
}

export const BUYER_FIELD_LABELS: Record<BuyerField, Bilingual> = {
  familyName: { ja: "お名前（姓）", en: "Family name" },
  givenName: { ja: "お名前（名）", en: "Given name" },
  familyNameKana: { ja: "フリガナ（セイ）", en: "Family name in katakana" },
  givenNameKana: { ja: "フリガナ（メイ）", en: "Given name in katakana" },
  phone: { ja: "電話番号", en: "Phone number" },
}

const NAME_PROBLEMS: Record<NameCharProblem, Bilingual> = {
  control: { ja: "制御文字は使用できません", en: "control characters cannot be used" },
  half_width_kana: { ja: "半角カナは使用できません。全角で入力してください", en: "half-width katakana cannot be used; type it full-width" },
  not_jis_x0208: {
    ja: "機種依存文字・外字は使用できません（例: ①、㈱、髙）。標準の文字に置き換えてください",
    en: "this character cannot be sent to the payment company (vendor-specific characters such as ①, ㈱, 髙); use a standard one",
  },
}

function shown(ch: string): string {
  const cp = ch.codePointAt(0)!
  return `「${ch}」(U+${cp.toString(16).toUpperCase().padStart(4, "0")})`
}

/** A name for konbini / Pay-easy / net bank, or the reason it cannot be sent. */
export function checkBuyerName(field: "familyName" | "givenName", value: string, maxBytes: number): InputProblem<BuyerField> | undefined {
  const label = BUYER_FIELD_LABELS[field]
  const refused = firstRefusedNameChar(value)
  if (refused) {
    const why = NAME_PROBLEMS[refused.problem]
    return {
      field,
      message: {
        ja: `${label.ja}に使用できない文字があります: ${shown(refused.char)} — ${why.ja}。`,
        en: `${label.en} contains a character that cannot be used: ${shown(refused.char)} — ${why.en}.`,
      },
    }
  }
  if (shiftJisLength(value) > maxBytes) {
    return {
      field,
      message: {
        ja: `${label.ja}は全角${maxBytes / 2}文字（半角${maxBytes}文字）までで入力してください。`,
        en: `${label.en} is too long: at most ${maxBytes / 2} full-width (${maxBytes} half-width) characters.`,
      },
    }
  }
  return undefined
}

// Katakana Paygent's conversion knows (src/paygent/kana.ts), by how many half-width characters each becomes.
const KANA_ONE = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッーヰヱヵヶヮ「」゛゜"
const KANA_TWO = "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴヷヺ"
const DASHES = "‐‑‒–—―−"
const ZENGIN_ASCII = /^[0-9A-Za-z ,.()\-/\\]$/

/** Half-width characters one kana character becomes, or 0 when Paygent's kana fields cannot take it. */
function kanaWidth(raw: string): number {
  let code = raw.charCodeAt(0)
  if (code >= 0x3041 && code <= 0x3096) code += 0x60 // hiragana → katakana
  const ch = String.fromCharCode(code)
  if (KANA_ONE.includes(ch) || DASHES.includes(ch)) return 1
  if (KANA_TWO.includes(ch)) return 2
  if (code === 0x3000) return 1 // ideographic space
  if (code >= 0xff01 && code <= 0xff5e) return ZENGIN_ASCII.test(String.fromCharCode(code - 0xfee0)) ? 1 : 0
  if (code >= 0xff66 && code <= 0xff9f) return 1 // half-width katakana
  if (code === 0xff62 || code === 0xff63 || code === 0xa5) return 1
  return ZENGIN_ASCII.test(ch) ? 1 : 0
}

/** A kana name (full- or half-width katakana, hiragana), or the reason it cannot be sent. */
export function checkBuyerKana(field: "familyNameKana" | "givenNameKana", value: string, maxBytes: number): InputProblem<BuyerField> | undefined {
  const label = BUYER_FIELD_LABELS[field]
  let bytes = 0
  for (const ch of value) {
    const width = ch.length === 1 ? kanaWidth(ch) : 0
    if (width === 0) {
      return {
        field,
        message: {
          ja: `${label.ja}はカタカナで入力してください。使用できない文字: ${shown(ch)}。`,
          en: `${label.en}: please use katakana. Character not allowed: ${shown(ch)}.`,
        },
      }
    }
    bytes += width
  }
  if (bytes > maxBytes) {
    return {
      field,
      message: {
        ja: `${label.ja}が長すぎます（半角${maxBytes}文字まで。濁点・半濁点も1文字に数えます）。`,
        en: `${label.en} is too long (at most ${maxBytes} half-width characters; voiced marks count as one).`,
      },
    }
  }
  return undefined
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
          ja: "電話番号は10桁または11桁の数字で入力してください（例: 090-1234-5678）。",
          en: "Please enter a 10 or 11 digit Japanese phone number (e.g. 090-1234-5678).",
        },
      })
    }
  }
  return problems
}
