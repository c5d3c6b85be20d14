/**
 * Names a storefront shows for Paygent's payment methods, konbini chains and card payment classes, in Japanese and
 * English. Browser-safe: no imports beyond types.
 */
import type { PAYGENT_IDENTIFIERS } from "../providers/paygent/identifiers"
import type { PaygentMethod } from "../paygent/methods"
import type { LocalizedMessage as Bilingual } from "../paygent/messages"

// One declaration of the bilingual message (src/paygent/messages.ts), under the name this layer uses.
export type { Bilingual }

export type Locale = "ja" | "en"
export type { PaygentMethod }

/** The text of a bilingual message in the shopper's language. */
export function localize(message: Bilingual, locale: Locale): string {
  return message[locale]
}

/** Service identifiers of the provider (kept equal to the provider's by the type check below). */
const SERVICE_IDS = {
  card: "paygent-card",
  konbini: "paygent-konbini",
  payeasy: "paygent-payeasy",
  banknet: "paygent-banknet",
} as const satisfies typeof PAYGENT_IDENTIFIERS

/**
 * The Medusa `provider_id` of a Paygent method: `pp_<service>_<id>`, where `id` is the id the provider is
 * registered with in medusa-config.ts (default "paygent", e.g. `pp_paygent-card_paygent`).
 */
export function paygentProviderId(method: PaygentMethod, registrationId = "paygent"): string {
  return `pp_${SERVICE_IDS[method]}_${registrationId}`
}

/** The Paygent method of a Medusa provider_id, or undefined when it is not a Paygent one. */
export function paygentMethodOf(providerId: string | undefined): PaygentMethod | undefined {
  const match = /^pp_paygent-(card|konbini|payeasy|banknet)_/.exec(providerId ?? "")
  return match ? (match[1] as PaygentMethod) : undefined
}

export const PAYMENT_METHOD_NAMES: Record<PaygentMethod, Bilingual> = {
  card: { ja: "クレジットカード", en: "Credit card" },
  konbini: { ja: "コンビニ決済", en: "Konbini (convenience store)" },
  payeasy: { ja: "ペイジー（銀行ATM・ネットバンキング）", en: "Pay-easy (bank ATM / online banking)" },
  banknet: { ja: "銀行ネット決済", en: "Online bank transfer (net bank)" },
}

/** Konbini chains the shopper can choose (`cvs_company_id`, docs/protocol.md §8.1), in a usual display order. */
export const KONBINI_CHAINS = [
  { id: "00C001", name: { ja: "セブン-イレブン", en: "Seven-Eleven" } },
  { id: "00C005", name: { ja: "ファミリーマート", en: "FamilyMart" } },
  { id: "00C002", name: { ja: "ローソン", en: "Lawson" } },
  { id: "00C004", name: { ja: "ミニストップ", en: "Ministop" } },
  { id: "00C014", name: { ja: "デイリーヤマザキ", en: "Daily Yamazaki" } },
  { id: "00C016", name: { ja: "セイコーマート", en: "Seicomart" } },
] as const satisfies readonly { id: string; name: Bilingual }[]

export type KonbiniChainId = (typeof KONBINI_CHAINS)[number]["id"]

/** Codes that only appear in Paygent's answers (`usable_cvs_company_id`) for connection type F. */
const ANSWER_ONLY_CHAINS: Record<string, Bilingual> = {
  P0C016: { ja: "セイコーマート", en: "Seicomart" },
  P0C002: { ja: "ローソン・ミニストップ", en: "Lawson / Ministop" },
}

/** A konbini chain's name; unknown codes are returned as they are. */
export function konbiniChainName(id: string, locale: Locale): string {
  const known = KONBINI_CHAINS.find((chain) => chain.id === id)?.name ?? ANSWER_ONLY_CHAINS[id]
  return known ? known[locale] : id
}

/** Card payment classes (支払区分, docs/protocol.md §11.5); which ones a shop may offer depends on its contract. */
export const PAYMENT_CLASSES = [
  { code: "10", name: { ja: "一括払い", en: "One-time payment" }, short: { ja: "一括", en: "One-time" } },
  { code: "61", name: { ja: "分割払い", en: "Installments" }, short: { ja: "分割", en: "Installments" }, needsSplitCount: true },
  { code: "23", name: { ja: "ボーナス一括払い", en: "Bonus one-time payment" }, short: { ja: "ボーナス一括", en: "Bonus" } },
  { code: "80", name: { ja: "リボ払い", en: "Revolving payment" }, short: { ja: "リボ", en: "Revolving" } },
] as const

export type PaymentClass = (typeof PAYMENT_CLASSES)[number]["code"]

/** Installment counts commonly accepted by Japanese card companies (the contract decides; Paygent answers P030 otherwise). */
export const COMMON_SPLIT_COUNTS = [3, 5, 6, 10, 12, 15, 18, 20, 24] as const

/** A payment class's name, e.g. `paymentClassName("61", "ja", 3)` → "分割払い（3回）". */
export function paymentClassName(code: string, locale: Locale, splitCount?: number | string): string {
  const found = PAYMENT_CLASSES.find((entry) => entry.code === code)
  if (!found) {
    return code
  }
  const name = found.name[locale]
  if (code !== "61" || splitCount === undefined || splitCount === "") {
    return name
  }
  return locale === "ja" ? `${name}（${splitCount}回）` : `${name} (${splitCount} payments)`
}
