/**
 * The plugin's payment methods and the names that hang on them, in one place (no Medusa): the method ids, the
 * provider service identifiers, Paygent's payment type per method, the merchant-facing labels and the lock keys
 * every operation on a payment takes.
 */
import { PAYMENT_TYPE } from "./statuses"

export type PaygentMethod = "card" | "konbini" | "payeasy" | "banknet"

export const PAYGENT_METHODS: readonly PaygentMethod[] = ["card", "konbini", "payeasy", "banknet"]

/** Service identifiers; with the provider registered as `id: "paygent"` they become `pp_paygent-card_paygent` … */
export const PAYGENT_IDENTIFIERS = {
  card: "paygent-card",
  konbini: "paygent-konbini",
  payeasy: "paygent-payeasy",
  banknet: "paygent-banknet",
} as const satisfies Record<PaygentMethod, string>

/** Paygent's `payment_type` of each method's payments. */
export const PAYMENT_TYPE_OF: Record<PaygentMethod, string> = {
  card: PAYMENT_TYPE.CARD,
  konbini: PAYMENT_TYPE.KONBINI,
  payeasy: PAYMENT_TYPE.ATM,
  banknet: PAYMENT_TYPE.BANK_NET,
}

export const METHOD_LABELS: Record<PaygentMethod, { ja: string; en: string }> = {
  card: { ja: "クレジットカード", en: "Card" },
  konbini: { ja: "コンビニ決済", en: "Konbini" },
  payeasy: { ja: "ペイジー（ATM）", en: "Pay-easy (ATM)" },
  banknet: { ja: "ネットバンキング", en: "Net banking" },
}

/** The method of a Medusa payment provider id (`pp_paygent-card_paygent` → card), undefined for other providers. */
export function paygentMethodOf(providerId: string | null | undefined): PaygentMethod | undefined {
  const match = /^pp_paygent-(card|konbini|payeasy|banknet)(?:_|$)/.exec(providerId ?? "")
  return match ? (match[1] as PaygentMethod) : undefined
}

/** The lock every operation on one Medusa payment takes (capture, cancel, refresh, amount changes). */
export function paygentPaymentLockKey(medusaPaymentId: string): string {
  return `paygent:payment:${medusaPaymentId}`
}

/** The lock a notice takes on what it is about (one Paygent payment or trading id), so two notices apply in order. */
export function noticeSubjectLockKey(subject: string): string {
  return `paygent:notice-subject:${subject}`
}

/** Lock keys for every Paygent payment (or pending session) of an order, each once. */
export function paymentLockKeys(payments: Array<{ medusa_payment_id: string | null; payment_session_id: string | null }>): string[] {
  return [...new Set(payments.map((p) => paygentPaymentLockKey(p.medusa_payment_id ?? p.payment_session_id ?? "")))].filter(
    (key) => !key.endsWith(":")
  )
}
