import type { PaymentProviderContext } from "@medusajs/framework/types"
import { assertJisX0208, byteLength, normalizePhone, normalizeZenginKana, toFullWidthField } from "../../../paygent"
import { FIELD_LABELS, invalidData } from "./errors"
import type { SessionData } from "./session-data"

export interface CustomerNames {
  customer_family_name?: string
  customer_name?: string
  customer_family_name_kana?: string
  customer_name_kana?: string
}

interface NameRules {
  required: boolean
  /** Maximum Windows-31J bytes of each kanji name field. */
  kanjiBytes: number
  /** Maximum bytes of each half-width kana field. */
  kanaBytes: number
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined
}

/** A converted value longer than the telegram allows: a 400 naming the field, with the limit in characters. */
function checkLength(field: keyof typeof FIELD_LABELS, value: string, maxBytes: number, bytesPerChar: 1 | 2): void {
  if (byteLength(value, "Windows-31J") > maxBytes) {
    const label = FIELD_LABELS[field]
    const chars = maxBytes / bytesPerChar
    throw invalidData({
      ja: `${label.ja}が長すぎます（${bytesPerChar === 2 ? "全角" : "半角"}${chars}文字まで）。`,
      en: `${label.en} is too long (at most ${chars} ${bytesPerChar === 2 ? "full-width" : "half-width"} characters).`,
    })
  }
}

/**
 * The buyer's name for konbini, ATM and net-bank applications: taken from the session data the storefront sent
 * (usually the billing address), else from the Medusa customer, and converted exactly as the telegram will send it
 * (docs/protocol.md §8.3): kanji fields to full width (so "YAMADA" counts 12 bytes, not 6), with 〜 − ¥ … mapped and
 * extension characters in their standard form (髙 → 高); kana fields to half-width Zengin kana. Lengths are checked
 * after that conversion, and every error names the field as the shopper saw it (姓, 名, セイ, メイ).
 */
export function resolveCustomerNames(
  data: SessionData,
  context: PaymentProviderContext | undefined,
  rules: NameRules
): CustomerNames {
  const family = text(data.customer_family_name) ?? text(context?.customer?.last_name)
  const given = text(data.customer_name) ?? text(context?.customer?.first_name)
  if (rules.required && (!family || !given)) {
    throw invalidData({
      ja: "お名前（姓・名）を入力してください。",
      en: "Please enter your name (family name and given name).",
    })
  }
  const names: CustomerNames = {}
  for (const [field, value] of [
    ["customer_family_name", family],
    ["customer_name", given],
  ] as const) {
    if (value) {
      const converted = toFullWidthField(value)
      assertJisX0208(field, converted, { label: FIELD_LABELS[field] })
      checkLength(field, converted, rules.kanjiBytes, 2)
      names[field] = converted
    }
  }
  for (const field of ["customer_family_name_kana", "customer_name_kana"] as const) {
    const value = text(data[field])
    if (value) {
      const kana = normalizeZenginKana(field, value, FIELD_LABELS[field])
      checkLength(field, kana, rules.kanaBytes, 1)
      names[field] = kana
    }
  }
  return names
}

/** The buyer's phone number as Paygent wants it (digits only), from the session data or the customer. */
export function resolvePhone(data: SessionData, context: PaymentProviderContext | undefined): string {
  const phone = text(data.customer_tel) ?? text(context?.customer?.phone)
  if (!phone) {
    throw invalidData({ ja: "電話番号を入力してください。", en: "Please enter your phone number." })
  }
  return normalizePhone("customer_tel", phone, FIELD_LABELS.customer_tel)
}
