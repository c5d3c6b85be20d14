/**
 * The card form's checks in the browser, before PaygentToken.js is called: the number's length for its brand,
 * an expiry month that has not passed, a security code of the right length, a cardholder name in ASCII (≤ 45).
 * PaygentToken.js and Paygent check again; these give the shopper the message at once, naming the field.
 */
import type { Bilingual } from "./labels"
import type { InputProblem } from "./buyer-input"
import type { CardField, CardInput } from "./token"

export type CardBrand = "visa" | "mastercard" | "jcb" | "amex" | "diners" | "unknown"

export const CARD_BRAND_NAMES: Record<CardBrand, string> = {
  visa: "VISA",
  mastercard: "Mastercard",
  jcb: "JCB",
  amex: "American Express",
  diners: "Diners Club",
  unknown: "",
}

/** Digits the brand's numbers have; CVC digits. */
const BRAND_RULES: Record<CardBrand, { lengths: number[]; cvc: number }> = {
  visa: { lengths: [13, 16, 19], cvc: 3 },
  mastercard: { lengths: [16], cvc: 3 },
  jcb: { lengths: [16, 17, 18, 19], cvc: 3 },
  amex: { lengths: [15], cvc: 4 },
  diners: { lengths: [14, 16], cvc: 3 },
  unknown: { lengths: [13, 14, 15, 16, 17, 18, 19], cvc: 3 },
}

/** The card number as PaygentToken.js takes it: spaces and hyphens (also full-width digits) normalized away. */
export function normalizeCardNumber(value: string): string {
  return value.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000\-‐－]/g, "")
}

/** The brand by the number's first digits (IIN ranges), as far as typed; "unknown" until it is clear. */
export function cardBrandOf(number: string): CardBrand {
  const n = normalizeCardNumber(number)
  if (/^4/.test(n)) return "visa"
  if (/^3[47]/.test(n)) return "amex"
  if (/^35(2[89]|[3-8])/.test(n)) return "jcb"
  if (/^(30[0-5]|309|36|38|39)/.test(n)) return "diners"
  if (/^(5[1-5]|222[1-9]|22[3-9]|2[3-6]|27[01]|2720)/.test(n)) return "mastercard"
  return "unknown"
}

/** Groups of four (AMEX 4-6-5) for display while typing. */
export function formatCardNumber(value: string): string {
  const n = normalizeCardNumber(value).replace(/\D/g, "").slice(0, 19)
  if (cardBrandOf(n) === "amex") return [n.slice(0, 4), n.slice(4, 10), n.slice(10, 15)].filter(Boolean).join(" ")
  return n.replace(/(\d{4})(?=\d)/g, "$1 ")
}

export const CARD_FIELD_LABELS: Record<CardField, Bilingual> = {
  number: { ja: "カード番号", en: "Card number" },
  expireMonth: { ja: "有効期限（月）", en: "Expiry month" },
  expireYear: { ja: "有効期限（年）", en: "Expiry year" },
  expiry: { ja: "有効期限", en: "Expiry date" },
  cvc: { ja: "セキュリティコード", en: "Security code" },
  name: { ja: "カード名義", en: "Cardholder name" },
}

export interface CardCheckOptions {
  /** Today, for the expiry check (default: now). */
  now?: Date
  /** The security code must be given (the shop's contract asks for it). Default true. */
  requireCvc?: boolean
  /** The cardholder name must be given. Default false (PaygentToken.js takes it as optional risk data). */
  requireName?: boolean
}

function ask(field: CardField, ja: string, en: string): InputProblem<CardField> {
  return { field, message: { ja, en } }
}

/** Every problem of the card input, in form order; empty when PaygentToken.js may be called. */
export function checkCardInput(card: CardInput, options: CardCheckOptions = {}): InputProblem<CardField>[] {
  const problems: InputProblem<CardField>[] = []
  const number = normalizeCardNumber(String(card.number ?? ""))
  const brand = cardBrandOf(number)
  const rules = BRAND_RULES[brand]
  if (!number) {
    problems.push(ask("number", "カード番号を入力してください。", "Please enter the card number."))
  } else if (!/^\d+$/.test(number)) {
    problems.push(ask("number", "カード番号は数字で入力してください。", "The card number may contain digits only."))
  } else if (!rules.lengths.includes(number.length)) {
    const expected = rules.lengths.length === 1 ? `${rules.lengths[0]}` : `${rules.lengths[0]}〜${rules.lengths[rules.lengths.length - 1]}`
    problems.push(
      ask(
        "number",
        `カード番号の桁数が正しくありません（${brand === "unknown" ? "" : `${CARD_BRAND_NAMES[brand]}は`}${expected}桁、入力は${number.length}桁）。`,
        `The card number has ${number.length} digits; ${brand === "unknown" ? "card numbers have" : `${CARD_BRAND_NAMES[brand]} numbers have`} ${expected.replace("〜", "–")}.`
      )
    )
  }

  const monthText = String(card.expireMonth ?? "").trim()
  const yearText = String(card.expireYear ?? "").trim()
  const month = /^\d{1,2}$/.test(monthText) ? Number(monthText) : NaN
  const year = /^\d{2}$/.test(yearText) ? 2000 + Number(yearText) : /^20\d{2}$/.test(yearText) ? Number(yearText) : NaN
  if (!monthText) {
    problems.push(ask("expireMonth", "有効期限（月）を入力してください。", "Please enter the expiry month."))
  } else if (!(month >= 1 && month <= 12)) {
    problems.push(ask("expireMonth", "有効期限（月）は01〜12で入力してください。", "The expiry month must be 01 to 12."))
  }
  if (!yearText) {
    problems.push(ask("expireYear", "有効期限（年）を入力してください。", "Please enter the expiry year."))
  } else if (Number.isNaN(year)) {
    problems.push(ask("expireYear", "有効期限（年）は西暦下2桁で入力してください（例: 30）。", "Enter the expiry year as two digits (e.g. 30)."))
  }
  if (month >= 1 && month <= 12 && !Number.isNaN(year)) {
    const now = options.now ?? new Date()
    const current = now.getFullYear() * 12 + now.getMonth()
    const expiry = year * 12 + (month - 1)
    if (expiry < current) {
      problems.push(ask("expiry", "カードの有効期限が切れています。", "This card has expired (the expiry month has passed)."))
    } else if (expiry >= current + 20 * 12) {
      problems.push(ask("expiry", "有効期限が正しくありません。", "The expiry date is not valid."))
    }
  }

  const cvc = String(card.cvc ?? "").trim()
  if (!cvc) {
    if (options.requireCvc ?? true) {
      problems.push(ask("cvc", "セキュリティコードを入力してください。", "Please enter the security code."))
    }
  } else if (!/^\d{3,4}$/.test(cvc) || (brand !== "unknown" && cvc.length !== rules.cvc)) {
    problems.push(
      ask(
        "cvc",
        `セキュリティコードは${brand === "unknown" ? "3桁または4桁" : `${rules.cvc}桁`}の数字で入力してください。`,
        `The security code is ${brand === "unknown" ? "3 or 4" : rules.cvc} digits.`
      )
    )
  }

  const name = String(card.name ?? "").trim()
  if (!name) {
    if (options.requireName) {
      problems.push(ask("name", "カード名義を入力してください。", "Please enter the cardholder name."))
    }
  } else if (!/^[\x20-\x7e]{1,45}$/.test(name)) {
    // PaygentToken.js and the provider take printable ASCII up to 45 characters (the provider's words follow).
    const label = CARD_FIELD_LABELS.name
    problems.push(
      ask(
        "name",
        `${label.ja}はカードに記載のとおり半角英字（45文字まで）で入力してください。`,
        `${label.en} must be written as on the card, in ASCII letters (at most 45 characters).`
      )
    )
  }
  return problems
}
