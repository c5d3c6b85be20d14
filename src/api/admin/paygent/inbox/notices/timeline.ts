import type { StoredNotice } from "../../../../../modules/paygent/types"
import { statusLabel } from "../../../../../paygent"
import type { LocalizedMessage as Bilingual } from "../../../../../paygent/messages"
import { paygentDateTime } from "../../../../../sync/time"

/** A stored notice as GET /admin/paygent/inbox/notices answers it (the order widget's timeline reads it). */
export type NoticeTimelineEntry = Pick<
  StoredNotice,
  | "id"
  | "payment_notice_id"
  | "paygent_payment_id"
  | "trading_id"
  | "payment_type"
  | "payment_status"
  | "received_via"
  | "received_count"
  | "result"
  | "apply_attempts"
  | "last_error"
> & {
  status_label: Bilingual | null
  payment_amount: number | null
  change_date: string | null
  /** Dates as JSON carries them (ISO 8601). */
  received_at: string
  applied_at: string | null
}

function iso(value: Date | string | null | undefined): string | null {
  return value ? new Date(value).toISOString() : null
}

/** The answer's entry for a stored notice; `type` is its payment type (the notice's, else its payment's). */
export function timelineEntry(row: StoredNotice, type: string): NoticeTimelineEntry {
  return {
    id: row.id,
    payment_notice_id: row.payment_notice_id,
    paygent_payment_id: row.paygent_payment_id,
    trading_id: row.trading_id,
    payment_type: row.payment_type,
    payment_status: row.payment_status,
    status_label: statusLabel(type, row.payment_status) ?? null,
    payment_amount: row.payment_amount && /^\d+$/.test(row.payment_amount) ? Number(row.payment_amount) : null,
    change_date: paygentDateTime(row.change_date)?.toISOString() ?? null,
    received_via: row.received_via,
    received_at: iso(row.received_at)!,
    received_count: row.received_count,
    applied_at: iso(row.applied_at),
    result: row.result,
    apply_attempts: row.apply_attempts,
    last_error: row.last_error,
  }
}
