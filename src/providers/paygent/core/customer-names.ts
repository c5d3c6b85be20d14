import type { PaymentProviderContext } from "@medusajs/framework/types"
import { assertJisX0208, assertZenginKana, byteLength, normalizePhone, toHalfWidthKana } from "../../../paygent"
import { invalidData } from "./errors"
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

function checkLength(field: string, value: string, max: number): void {
  if (byteLength(value, "Windows-31J") > max) {
    throw invalidData({
      ja: `${field} が長すぎます（${max}バイトまで）。`,
      en: `${field} is too long (at most ${max} Shift_JIS bytes).`,
    })
  }
}

/**
 * The buyer's name for konbini, ATM and net-bank applications: taken from the session data the storefront sent
 * (usually the billing address), else from the Medusa customer. Kanji must be JIS X 0208 (no 髙, ①, emoji…),
 * kana is converted to half-width and must be Zengin characters (PROTOCOL §8.3); errors name the field.
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
      en: "customer_family_name and customer_name (the buyer's family and given names) are required.",
    })
  }
  const names: CustomerNames = {}
  for (const [field, value] of [
    ["customer_family_name", family],
    ["customer_name", given],
  ] as const) {
    if (value) {
      assertJisX0208(field, value)
      checkLength(field, value, rules.kanjiBytes)
      names[field] = value
    }
  }
  for (const field of ["customer_family_name_kana", "customer_name_kana"] as const) {
    const value = text(data[field])
    if (value) {
      const kana = toHalfWidthKana(value)
      assertZenginKana(field, kana)
      checkLength(field, kana, rules.kanaBytes)
      names[field] = kana
    }
  }
  return names
}

/** The buyer's phone number as Paygent wants it (digits only), from the session data or the customer. */
export function resolvePhone(data: SessionData, context: PaymentProviderContext | undefined): string {
  const phone = text(data.customer_tel) ?? text(context?.customer?.phone)
  if (!phone) {
    throw invalidData({ ja: "電話番号を入力してください。", en: "customer_tel (the buyer's phone number) is required." })
  }
  return normalizePhone("customer_tel", phone)
}
