import type { PaygentMethod } from "../paygent/methods"
import type { LocalizedMessage as Bilingual } from "../paygent/messages"

// One declaration of the bilingual message (src/paygent/messages.ts), under the name this layer uses.
export type { Bilingual }

/**
 * Types of the reconciliation report (照合レポート): Medusa's payments set against Paygent's view of them for a range
 * of JST days. The gathering code (gather-*.ts) fills the facts, `compare.ts` (pure) turns them into rows, `csv.ts`
 * (pure) renders the rows for Excel. See docs/operations/reconciliation.md.
 */

/** A range of whole JST days, both ends included, with the instants that bound it. */
export interface ReportRange {
  /** YYYY-MM-DD (JST), first day. */
  from: string
  /** YYYY-MM-DD (JST), last day (included). */
  to: string
  /** 00:00 JST of `from`. */
  start: Date
  /** 00:00 JST of the day after `to` (excluded). */
  end: Date
}

/** What Medusa's records say about one Paygent payment: a Medusa payment, or a session still waiting for the shopper. */
export interface MedusaPaymentRecord {
  medusa_payment_id: string | null
  payment_session_id: string | null
  payment_collection_id: string | null
  order_id: string | null
  order_display_id: number | null
  order_status: string | null
  provider_id: string
  method: PaygentMethod
  /** Paygent's payment_type of the method (02 card, 03 konbini, 01 ATM, 05 net bank). */
  payment_type: string
  /** Paygent's payment_id Medusa knows as current, and the earlier ones (each 029 / 028 makes a new one). */
  payment_id: string | null
  previous_payment_ids: string[]
  trading_id: string | null
  /** The order total was 0: nothing was sent to Paygent. */
  zero_amount: boolean
  /** Yen: the payment's (or session's) amount, what was captured and refunded in Medusa. */
  amount: number
  captured: number
  refunded: number
  captured_at: string | null
  canceled_at: string | null
  /** The session's status when there is no Medusa payment yet (pending_authorization …). */
  session_status: string | null
  /** Medusa's copy of the Paygent status (data.paygent.payment_status): shown, never trusted as Paygent's view. */
  recorded_status: string | null
  /** Manual refunds the provider recorded on the payment's data (used when the table has none). */
  recorded_manual_refunds: number
  created_at: string | null
}

/** A 094 answer, reduced to what the report shows (dates as Paygent sent them: YYYYMMDDhhmmss JST). */
export interface PaygentPaymentView {
  payment_id: string
  trading_id: string | null
  payment_type: string
  payment_status: string
  payment_amount: number | null
  payment_init_date: string | null
  authorized_date: string | null
  payment_date: string | null
  user_payment_date: string | null
  cancel_date: string | null
  payment_limit_date: string | null
}

/** What asking Paygent (094) about one payment gave. */
export type PaygentLookup =
  | { status: "found"; view: PaygentPaymentView }
  /** 13001: Paygent has no such payment. */
  | { status: "not_found" }
  | { status: "error"; code?: string; message: string }
  /** Not asked: zero-amount order, nothing to ask by, or the per-report inquiry limit was reached. */
  | { status: "skipped"; reason: "zero_amount" | "no_reference" | "limit" }

/**
 * A Paygent payment seen in the notice history or the telegram ledger of the range that is not the current or an
 * earlier payment_id of a record: another payment of a record's trading_id (an amount change made in Paygent Online),
 * an earlier checkout attempt, or a payment Medusa has no order for.
 */
export interface OtherPaygentPayment {
  payment_id: string | null
  trading_id: string | null
  lookup: PaygentLookup
  /** The Medusa payment session its trading_id leads to, if it exists, and that session's order. */
  session_id: string | null
  session_exists: boolean
  session_status: string | null
  order_id: string | null
  order_display_id: number | null
  seen_in: Array<"notice" | "ledger">
}

export interface ManualRefundFact {
  id: string
  order_id: string | null
  medusa_payment_id: string | null
  paygent_payment_id: string | null
  trading_id: string | null
  method: string
  amount: number
  reason: string
  status: "owed" | "refunded" | "canceled" | string
  customer_name: string | null
  created_at: string | null
  refunded_at: string | null
}

/** The last notice stored for a payment in the range (notice history). */
export interface NoticeFact {
  payment_id: string | null
  trading_id: string | null
  payment_status: string
  change_date: string | null
  received_at: string
  applied: boolean
}

export const DISCREPANCY_KINDS = [
  /** Both sides agree on the state but not on the amount. */
  "amount_mismatch",
  /** Paygent captured / was paid; Medusa still shows an authorization or an unpaid order. */
  "captured_at_paygent_only",
  /** Medusa recorded a capture; Paygent did not capture. */
  "captured_in_medusa_only",
  /** Paygent cancelled, refunded or expired the payment; Medusa still counts the money. */
  "canceled_at_paygent_only",
  /** Medusa cancelled or refunded; Paygent still holds the money and no manual refund covers it. */
  "canceled_in_medusa_only",
  /** Medusa knows a payment_id that Paygent does not (13001). */
  "missing_at_paygent",
  /** Paygent holds money for a payment with no Medusa order (unknown trading_id, a cart, an earlier attempt). */
  "paygent_only",
  /** Money owed back by hand, not returned yet. */
  "manual_refund_owed",
  /** Paygent could not be asked (an error); the row is not checked. */
  "inquiry_failed",
  /** Not asked: the report's inquiry limit was reached. */
  "not_checked",
] as const
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number]

/** Medusa's side in words: what its records say the money is doing. */
export type MedusaSide = "awaiting_payment" | "authorized" | "captured" | "refunded" | "canceled" | "none"
/** Paygent's side in words, from the status (docs/protocol.md §6). */
export type PaygentSide = "awaiting_payment" | "authorized" | "captured" | "canceled" | "failed" | "not_found" | "unknown"

/** One row of the report: a payment (Medusa ↔ Paygent), a Paygent payment without order, or a manual refund. */
export interface ReconciliationRow {
  row_type: "payment" | "paygent_only" | "manual_refund"
  /** null when both sides agree. */
  discrepancy: DiscrepancyKind | null
  severity: "ok" | "info" | "warning" | "critical"
  explanation: Bilingual
  // ---- Paygent's side (094), named as in Paygent Online's payment list ----
  payment_id: string | null
  trading_id: string | null
  payment_type: string | null
  payment_type_label: Bilingual | null
  payment_status: string | null
  payment_status_label: Bilingual | null
  payment_amount: number | null
  /** ISO 8601 (+09:00). */
  payment_init_date: string | null
  authorized_date: string | null
  /** Card: sales date; konbini / ATM / net bank: when the shopper paid (else Paygent's accounting date). */
  payment_date: string | null
  cancel_date: string | null
  payment_limit_date: string | null
  /** Earlier payment_ids of the same Medusa payment, and the Paygent payment the comparison used when it differs. */
  previous_payment_ids: string[]
  compared_payment_id: string | null
  paygent_side: PaygentSide | null
  // ---- Medusa's side ----
  order_id: string | null
  order_display_id: number | null
  order_status: string | null
  medusa_payment_id: string | null
  payment_session_id: string | null
  method: string | null
  medusa_side: MedusaSide | null
  medusa_side_label: Bilingual | null
  /** Medusa's copy of the Paygent status (data.paygent.payment_status). */
  medusa_recorded_status: string | null
  medusa_amount: number | null
  medusa_captured: number | null
  medusa_refunded: number | null
  /** What Paygent should hold according to Medusa (captured − refunded, the authorization, or 0). */
  expected_amount: number | null
  /** Paygent's amount (less manual refunds) − expected_amount, when both are known. */
  difference: number | null
  // ---- manual refunds ----
  manual_refund_id: string | null
  manual_refund_amount: number | null
  manual_refund_status: string | null
  manual_refund_reason: string | null
  customer_name: string | null
  // ---- notice history ----
  last_notice_status: string | null
  last_notice_at: string | null
  notices_unapplied: number
}

export interface ReconciliationSummary {
  /** Payments compared (Medusa ↔ Paygent), Paygent payments without order, manual refund rows. */
  payments: number
  matched: number
  discrepancies: number
  by_kind: Partial<Record<DiscrepancyKind, number>>
  paygent_only: number
  manual_refunds: { owed: number; owed_amount: number; refunded: number; refunded_amount: number; canceled: number }
  /** Yen Paygent holds and Medusa expects, over the compared payments. */
  paygent_total: number
  medusa_total: number
  inquiries: number
  inquiry_errors: number
  notices: { in_range: number; unapplied: number }
  truncated: boolean
}

export interface ReconciliationColumn {
  key: string
  ja: string
  en: string
}

export interface ReconciliationReport {
  range: { from: string; to: string; timezone: "Asia/Tokyo"; start: string; end: string }
  generated_at: string
  summary: ReconciliationSummary
  columns: ReconciliationColumn[]
  rows: ReconciliationRow[]
}
