import { PAYMENT_TYPE, paymentTypeLabel, statusLabel, statusName } from "../paygent/statuses"
import { paygentDateToIso } from "../providers/paygent/core/session-data"
import type { Bilingual, ManualRefundFact, MedusaPaymentRecord, NoticeFact, PaygentPaymentView, ReconciliationRow } from "./types"

/** The columns of a report row taken from Paygent's answer, the notices and the manual refunds (pure). */

export function viewDates(view: PaygentPaymentView | undefined) {
  if (!view) {
    return { payment_init_date: null, authorized_date: null, payment_date: null, cancel_date: null, payment_limit_date: null }
  }
  // Konbini / net bank: when the shopper paid; card and ATM: Paygent's payment_date (売上日 / 入金日).
  const paid = view.payment_type !== PAYMENT_TYPE.CARD && view.user_payment_date ? view.user_payment_date : view.payment_date
  return {
    payment_init_date: paygentDateToIso(view.payment_init_date ?? undefined) ?? null,
    authorized_date: paygentDateToIso(view.authorized_date ?? undefined) ?? null,
    payment_date: paygentDateToIso(paid ?? undefined) ?? null,
    cancel_date: paygentDateToIso(view.cancel_date ?? undefined) ?? null,
    payment_limit_date: paygentDateToIso(view.payment_limit_date ?? undefined) ?? null,
  }
}

export function statusLabelOf(type: string | null, status: string | null): Bilingual | null {
  if (!status) {
    return null
  }
  return statusName(status) ?? (type ? statusLabel(type, status) : undefined) ?? null
}

export function emptyRow(): ReconciliationRow {
  return {
    row_type: "payment",
    discrepancy: null,
    severity: "ok",
    explanation: { ja: "", en: "" },
    payment_id: null,
    trading_id: null,
    payment_type: null,
    payment_type_label: null,
    payment_status: null,
    payment_status_label: null,
    payment_amount: null,
    payment_init_date: null,
    authorized_date: null,
    payment_date: null,
    cancel_date: null,
    payment_limit_date: null,
    previous_payment_ids: [],
    compared_payment_id: null,
    paygent_side: null,
    order_id: null,
    order_display_id: null,
    order_status: null,
    medusa_payment_id: null,
    payment_session_id: null,
    method: null,
    medusa_side: null,
    medusa_side_label: null,
    medusa_recorded_status: null,
    medusa_amount: null,
    medusa_captured: null,
    medusa_refunded: null,
    expected_amount: null,
    difference: null,
    manual_refund_id: null,
    manual_refund_amount: null,
    manual_refund_status: null,
    manual_refund_reason: null,
    customer_name: null,
    last_notice_status: null,
    last_notice_at: null,
    notices_unapplied: 0,
  }
}

export function paygentColumns(view: PaygentPaymentView | undefined, fallback: { payment_id: string | null; trading_id: string | null; payment_type: string | null }) {
  const type = view?.payment_type || fallback.payment_type
  return {
    payment_id: view?.payment_id || fallback.payment_id,
    trading_id: view?.trading_id || fallback.trading_id,
    payment_type: type,
    payment_type_label: type ? (paymentTypeLabel(type) ?? null) : null,
    payment_status: view?.payment_status ?? null,
    payment_status_label: statusLabelOf(type, view?.payment_status ?? null),
    payment_amount: view?.payment_amount ?? null,
    ...viewDates(view),
  }
}

export function noticeColumns(notices: NoticeFact[], ids: Set<string>, tradingId: string | null) {
  const mine = notices.filter((n) => (n.payment_id && ids.has(n.payment_id)) || (!n.payment_id && tradingId && n.trading_id === tradingId))
  // change_date (YYYYMMDDhhmmss JST) orders a payment's notices; received_at when Paygent gave none.
  const key = (n: NoticeFact) => paygentDateToIso(n.change_date ?? undefined) ?? n.received_at
  const last = [...mine].sort((a, b) => new Date(key(a)).getTime() - new Date(key(b)).getTime()).pop()
  return {
    last_notice_status: last?.payment_status ?? null,
    last_notice_at: last ? (paygentDateToIso(last.change_date ?? undefined) ?? last.received_at) : null,
    notices_unapplied: mine.filter((n) => !n.applied).length,
  }
}

export function idsOf(record: MedusaPaymentRecord): Set<string> {
  return new Set([record.payment_id, ...record.previous_payment_ids].filter((id): id is string => !!id))
}

export function manualFor(record: MedusaPaymentRecord, refunds: ManualRefundFact[]) {
  const ids = idsOf(record)
  const mine = refunds.filter(
    (r) =>
      r.status !== "canceled" &&
      ((record.medusa_payment_id && r.medusa_payment_id === record.medusa_payment_id) || (r.paygent_payment_id && ids.has(r.paygent_payment_id)))
  )
  const fromTable = mine.reduce((total, r) => total + r.amount, 0)
  const statuses = [...new Set(mine.map((r) => r.status))]
  return {
    covered: mine.length ? fromTable : record.recorded_manual_refunds,
    status: statuses.length === 1 ? statuses[0] : statuses.length ? statuses.join("/") : record.recorded_manual_refunds ? "owed" : null,
    reason: [...new Set(mine.map((r) => r.reason))].join("/") || null,
  }
}

/** The newest (by application date) of several views. */
export function newest(views: PaygentPaymentView[]): PaygentPaymentView | undefined {
  return [...views].sort((a, b) => ((a.payment_init_date ?? "") < (b.payment_init_date ?? "") ? -1 : 1)).pop()
}
