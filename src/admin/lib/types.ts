/**
 * Shapes of the plugin's admin API answers (src/api/admin/paygent/**), as the admin uses them: imported from the
 * API (type-only, nothing of the server reaches the admin's bundle) where the API declares them.
 */
import type { Bilingual, InboxItem, InboxOrder, InboxReason } from "../../api/admin/paygent/inbox/types"
import type { PaygentMethod } from "../../paygent/methods"
import type { AttemptEnd } from "../../operations/order-attempts"
import type { OperationPlan, PlannedOperation } from "../../operations/plans"
import type { SyncSummary } from "../../sync/summary"
import type { NoticeTimelineEntry as StoredNotice } from "../../api/admin/paygent/inbox/notices/timeline"

export type { AttemptEnd, Bilingual, InboxItem, InboxOrder, InboxReason, OperationPlan, PaygentMethod, PlannedOperation, StoredNotice, SyncSummary }

export interface StatusView {
  code: string | null
  label: Bilingual | null
  name?: Bilingual | null
}

export interface CardSummary {
  masked_card_number?: string
  card_brand?: string
  card_valid_term?: string
  payment_class: string
  split_count?: string
  acq_name?: string
}

export type PaymentInstructions =
  | {
      kind: "konbini"
      cvs_company_id: string
      receipt_number: string
      receipt_print_url?: string
      usable_cvs_company_ids: string[]
      payment_limit_date?: string
      second_number?: { kind: "confirmation" | "phone"; value: string }
    }
  | { kind: "payeasy"; pay_center_number: string; customer_number: string; conf_number: string; payment_limit_date?: string }
  | { kind: "banknet"; asp_url: string; asp_limit_date?: string; asp_payment_limit_date?: string }

export interface OrderPayment {
  medusa_payment_id: string | null
  payment_session_id: string | null
  /** null while the attempt holds money or waits for it. */
  ended: AttemptEnd | null
  provider_id: string
  method: PaygentMethod
  method_label: Bilingual
  payment_id: string | null
  trading_id: string | null
  previous_payment_ids: string[]
  status: StatusView
  amount_at_paygent: number
  manual_refunds_owed: number
  expected_at_paygent: number
  order_total: number
  mismatch: boolean
  differs_from_order_total: boolean
  authorized_amount: number | null
  medusa: {
    amount: number
    captured: number
    refunded: number
    captured_at: string | null
    canceled_at: string | null
    session_status: string | null
  }
  authorized_at: string | null
  capture_deadline: string | null
  capture_deadline_passed: boolean
  refund_deadline: string | null
  refund_deadline_passed: boolean
  card: CardSummary | null
  instructions: PaymentInstructions | null
  /** The numbers the shopper got, named as the shopper saw them (払込票番号 at Seven-Eleven…). */
  instruction_numbers: Array<{ key: string; label: Bilingual; value: string }>
  manual_refunds: Array<{ id: string; amount: number; reason: string; status: string }>
  attention: { message: Bilingual; at: string } | null
  last_operation: { operation: string; telegram_kind?: string; outcome: string; at: string } | null
  last_error: { code?: string; message: Bilingual; at: string } | null
  inquired_at: string | null
}

export interface LedgerTelegram {
  id: string
  telegram_kind: string
  operation: string
  source: string
  outcome: string
  response_code: string | null
  response_detail: string | null
  amount: number | null
  paygent_payment_id: string | null
  trading_id: string | null
  started_at: string
  finished_at: string | null
  duration_ms: number | null
  error_message: string | null
}

export interface OrderView {
  order: {
    id: string
    display_id: number | null
    status: string
    email: string | null
    customer_name: string | null
    currency_code: string
    total: number
  }
  payments: OrderPayment[]
  manual_refunds: Array<{ id: string; amount: number; reason: string; status: string }>
  telegrams: LedgerTelegram[]
}

export interface AmountChangePlan {
  allowed: boolean
  order_id: string
  refusal?: Bilingual
  code?: string
  action?: "none" | "change_authorization" | "change_sales"
  telegram?: "028" | "029" | null
  current_amount?: number
  new_amount?: number
  order_total?: number
  three_ds?: boolean
  notes?: Array<{ code: string; message: Bilingual }>
}

export type PaygentAction = "capture" | "cancel" | "change-amount" | "refresh"

/** The inbox's reasons in the order the admin lists them (the API's reasons; the compiler refuses any other). */
export const INBOX_REASONS = [
  "checkout_abandoned",
  "awaiting_payment",
  "capture_deadline",
  "amount_mismatch",
  "manual_refund",
  "notice_overdue",
  "alert",
] as const satisfies readonly InboxReason[]
export const PAYGENT_METHODS: PaygentMethod[] = ["card", "konbini", "payeasy", "banknet"]

export interface InboxPage {
  items: InboxItem[]
  count: number
  limit: number
  offset: number
  counts: Record<InboxReason, number>
  truncated: boolean
  generated_at: string
  options: { staleSessionMinutes: number; captureDeadlineWarningDays: number; expiryGraceHours: number }
}

export interface BulkResult {
  preview: boolean
  operation: "capture" | "cancel"
  summary: { orders: number; succeeded: number; failed: number }
  results: Array<{ order_id: string; ok: boolean; error?: string; plan?: OperationPlan; order_status?: string }>
}

export interface SyncRun {
  id: string
  started_at: string
  finished_at: string | null
  status: "running" | "succeeded" | "failed" | "backed_off" | "interrupted" | string
  trigger: string
  notices_fetched: number
  notices_new: number
  notices_applied: number
  gaps: string[] | null
  gaps_repaired: number
  lost: string[] | null
  purged: boolean
  reconciled: number
  expired_checked: number
  errors: Array<{ stage: string; message: string; code?: string }> | null
  max_lag_ms: number | null
  /** 091 by id of the gap repair this run, whether the per-run cap stopped it, and the gaps left. */
  repair_telegrams?: number
  repair_capped?: boolean
  gaps_remaining?: number
  implausible_ids?: string[] | null
  in_doubt_settled?: number
  in_doubt_open?: number
}

export interface SyncState {
  runs: SyncRun[]
  open_alerts: unknown[]
  unapplied_notices: unknown[]
  stale_sessions: unknown[]
  limits?: { gap_fetches_per_run: number; notice_id_jump: number }
}

