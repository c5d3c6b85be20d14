/** The 決済処理中 inbox: its reasons, items and the rows it is built from (items.ts builds, page.ts filters). */
import type { PaygentMethod } from "../../../../paygent/methods"
import type { StaleSession } from "../../../../sync/stale"
import type { LocalizedMessage as Bilingual } from "../../../../paygent/messages"

// One declaration of the bilingual message (src/paygent/messages.ts), under the name this layer uses.
export type { Bilingual }

export const INBOX_REASONS = [
  /** 決済処理中: card entry / 3-D Secure abandoned, a net-bank screen never used (the sync job's stale sessions). */
  "checkout_abandoned",
  /** 入金待ち: konbini / ATM / net bank placed and not paid yet, with its deadline. */
  "awaiting_payment",
  /** A card authorization near (or past) its capture deadline. */
  "capture_deadline",
  /** Paygent holds another amount than Medusa's records, or more than the order total. */
  "amount_mismatch",
  /** Money to return by hand: sales-cancel deadline passed, konbini / ATM / net bank, a payment after cancel. */
  "manual_refund",
  /** A notice that should have come did not (expiry, konbini confirmation), or one was not applied / was lost. */
  "notice_overdue",
  /** Any other open alert, and payments the plugin flagged for attention. */
  "alert",
] as const
export type InboxReason = (typeof INBOX_REASONS)[number]

export type Severity = "info" | "warning" | "critical"

export interface InboxOrder {
  id: string
  display_id: number | null
  status: string
  email: string | null
  currency_code: string
  total: number
}

export interface InboxItem {
  /** Stable: reason + what it is about. */
  id: string
  reason: InboxReason
  /** Finer cause, e.g. three_ds_abandoned, near, expired, paid_after_cancel, notice_unapplied, an alert kind. */
  detail: string
  severity: Severity
  method: PaygentMethod | null
  order: InboxOrder | null
  cart_id: string | null
  payment_session_id: string | null
  medusa_payment_id: string | null
  paygent_payment_id: string | null
  trading_id: string | null
  /** Paygent's status with its labels, when known. */
  status: { code: string | null; label: Bilingual | null } | null
  /** Yen concerned (session, payment, refund owed). */
  amount: number | null
  /** When the situation began (ISO 8601). */
  since: string | null
  /** The deadline that matters for it (ISO 8601): payment deadline, capture deadline. */
  deadline: string | null
  amounts: { at_paygent: number; expected_at_paygent: number; order_total: number } | null
  /** A message recorded by the backend (alerts, attention), both languages. */
  message: Bilingual | null
  alert_id: string | null
  manual_refund_id: string | null
  notice_id: string | null
  /** The order can be sent to bulk 売上 (an authorized card payment before its deadline). */
  capturable: boolean
}

export interface InboxSession {
  id: string
  provider_id: string
  status: string
  amount: number
  data: Record<string, unknown> | null
  updated_at: string
  payment_collection_id: string
  /**
   * Past its deadline + the grace for Paygent's batch, as the paged read decided it (sql-pages.ts), so that the page
   * and its count agree; items.ts decides from the deadline when this is absent.
   */
  overdue?: boolean
}

export interface InboxPayment {
  id: string
  provider_id: string
  amount: number
  captured: number
  refunded: number
  captured_at: string | null
  canceled_at: string | null
  payment_session_id: string | null
  payment_collection_id: string
  data: Record<string, unknown> | null
  created_at: string
  /**
   * Which checks to run: the paged read of capture deadlines brings payments for that check only, the read of recent
   * payments for the others (each list is counted where it is read); absent: all.
   */
  only?: "capture_deadline" | "flags"
}

/** What an alert about a payment needs of it: its method and order. */
export interface InboxPaymentRef {
  id: string
  provider_id: string
  payment_collection_id: string
}

export interface InboxManualRefund {
  id: string
  order_id: string | null
  medusa_payment_id: string | null
  paygent_payment_id: string | null
  trading_id: string | null
  method: string
  amount: number
  reason: string
  note: string | null
  created_at: string
}

export interface InboxAlert {
  id: string
  kind: string
  severity: Severity
  order_id: string | null
  payment_session_id: string | null
  medusa_payment_id: string | null
  paygent_payment_id: string | null
  trading_id: string | null
  message_ja: string
  message_en: string
  data: Record<string, unknown> | null
  created_at: string
}

export interface InboxNotice {
  id: string
  payment_notice_id: string | null
  paygent_payment_id: string | null
  trading_id: string | null
  payment_type: string
  payment_status: string
  payment_session_id: string | null
  order_id: string | null
  received_at: string
  apply_attempts: number
  last_error: string | null
}

export interface InboxOptions {
  staleSessionMinutes: number
  captureDeadlineWarningDays: number
  expiryGraceHours: number
}

export interface InboxSources {
  now: Date
  options: InboxOptions
  stale: StaleSession[]
  /** Konbini / ATM / net-bank sessions in pending_authorization (placed orders waiting for the shopper). */
  awaiting: InboxSession[]
  /** Medusa payments of Paygent providers, not cancelled. */
  payments: InboxPayment[]
  manualRefunds: InboxManualRefund[]
  alerts: InboxAlert[]
  unapplied: InboxNotice[]
  /** Payments named by alerts that are not among `payments`. */
  paymentRefs?: Map<string, InboxPaymentRef>
  /** payment_collection_id → order_id */
  orderOfCollection: Map<string, string>
  orders: Map<string, InboxOrder>
}

/**
 * The lists read a page at a time (sql-pages.ts), each with its count: their items on the page come from those reads,
 * and what they add to the counts is the count of the read, not the items on the page.
 */
export interface PagedCounts {
  awaiting_payment: number
  expiry_not_reported: number
  capture_deadline: number
}

export interface InboxFilters {
  reasons?: InboxReason[]
  methods?: PaygentMethod[]
  limit: number
  offset: number
}
