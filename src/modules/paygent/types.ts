import type { InferTypeOf } from "@medusajs/framework/types"
import type { PaygentAlert, PaygentNotice, PaygentSyncRun, PaygentTelegram } from "./models"

/** The module's rows as its models define them (no hand-kept copies). */
export type StoredNotice = InferTypeOf<typeof PaygentNotice>
export type StoredAlert = InferTypeOf<typeof PaygentAlert>
export type StoredSyncRun = InferTypeOf<typeof PaygentSyncRun>
export type StoredTelegram = InferTypeOf<typeof PaygentTelegram>

/** How a notice reached the plugin: pushed by Paygent, pulled with 091, or learnt from a 094 answer. */
export type NoticeVia = "push" | "pull" | "inquiry"

/** A notice as it is first stored (the payment_notice_id already zero-padded, the fields already redacted). */
export interface NewNotice {
  payment_notice_id: string | null
  paygent_payment_id: string | null
  trading_id: string | null
  payment_type: string
  payment_status: string
  payment_amount: string | null
  change_date: string | null
  fields: Record<string, string>
  received_via: NoticeVia
  received_at: Date
  payment_session_id: string | null
}

/** Looks a notice up by its payment_notice_id, or (a status learnt by 094, no id) by payment and status. */
export type NoticeKey =
  | { payment_notice_id: string }
  | { payment_notice_id: null; paygent_payment_id: string | null; trading_id: string | null; payment_status: string }

/** What applying a notice did, written once under the notice's lock. */
export interface NoticeApplied {
  apply_attempts: number
  result: string
  order_id: string | null
  /** false when the notice was deferred (it waits for an order, the sync job retries it). */
  applied: boolean
}

export type AlertSeverity = "info" | "warning" | "critical"

/** An alert to raise; one with a dedupe_key already raised is not raised again. */
export interface AlertInput {
  kind: string
  severity: AlertSeverity
  message: { ja: string; en: string }
  dedupe_key?: string
}

/** What an alert is about. */
export interface AlertTarget {
  order_id?: string | null
  payment_session_id?: string | null
  medusa_payment_id?: string | null
  paygent_payment_id?: string | null
  trading_id?: string | null
  data?: Record<string, unknown> | null
}

/** What a finished sync run records (src/sync/run.ts). */
export interface SyncRunTotals {
  status: string
  notices_fetched: number
  notices_new: number
  notices_applied: number
  gaps: string[]
  gaps_repaired: number
  repair_telegrams: number
  repair_capped: boolean
  gaps_remaining: number
  implausible_ids: string[]
  in_doubt_settled: number
  in_doubt_open: number
  lost: string[]
  purged: boolean
  reconciled: number
  expired_checked: number
  stale_sessions: object[]
  errors: Array<{ stage: string; message: string; code?: string }>
  max_lag_ms: number | null
  contiguous_through: string | null
}

/** The JSON list columns of a sync run, as finishSyncRun writes them (null while the run is going on). */
type SyncRunLists = "gaps" | "implausible_ids" | "lost" | "stale_sessions" | "errors"

/** A sync run row with its JSON list columns typed as they are written (the model types them as objects). */
export type SyncRunRow = Omit<StoredSyncRun, SyncRunLists> & { [K in SyncRunLists]: SyncRunTotals[K] | null }
