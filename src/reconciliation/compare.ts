import { paymentTypeLabel, statusLabel, statusName } from "../paygent/statuses"
import { paygentDateToIso } from "../providers/paygent/core/session-data"
import {
  DISCREPANCY_LABELS,
  explainInquiryFailed,
  explainManualRefund,
  explainNotChecked,
  explainPaygentOnly,
  explainPayment,
  MEDUSA_SIDE_LABELS,
} from "./explain"
import type {
  Bilingual,
  DiscrepancyKind,
  ManualRefundFact,
  MedusaPaymentRecord,
  MedusaSide,
  NoticeFact,
  OtherPaygentPayment,
  PaygentLookup,
  PaygentPaymentView,
  PaygentSide,
  ReconciliationRow,
  ReconciliationSummary,
} from "./types"
import { STATUS } from "../paygent"

/**
 * The comparison: pure, so every rule can be tested without Medusa or Paygent. Medusa's side is read from its money
 * records (captures, refunds, cancellation, the order's status), never from its copy of Paygent's status, which a
 * notice may have updated behind the records' back; Paygent's side is the 094 answer.
 */

export interface ReconcileFacts {
  records: Array<{ medusa: MedusaPaymentRecord; lookup: PaygentLookup }>
  others: OtherPaygentPayment[]
  manual_refunds: ManualRefundFact[]
  notices: NoticeFact[]
  /** Konbini 速報 (43) counts as paid (the plugin's `treatPreliminaryAsPaid`). */
  preliminary_is_paid: boolean
  /** 094 sent for this report, and the limit that made some rows "not checked". */
  inquiries: number
  max_inquiries: number
}

export interface ReconcileResult {
  rows: ReconciliationRow[]
  summary: ReconciliationSummary
}

const SEVERITY: Record<DiscrepancyKind, ReconciliationRow["severity"]> = {
  amount_mismatch: "critical",
  captured_at_paygent_only: "warning",
  captured_in_medusa_only: "critical",
  canceled_at_paygent_only: "critical",
  canceled_in_medusa_only: "critical",
  missing_at_paygent: "critical",
  paygent_only: "critical",
  manual_refund_owed: "warning",
  inquiry_failed: "warning",
  not_checked: "warning",
}

/** Medusa's side from its records: the order's cancellation wins over a payment a failed void left authorized. */
export function medusaSideOf(record: MedusaPaymentRecord): MedusaSide {
  let side: MedusaSide
  if (record.medusa_payment_id) {
    if (record.canceled_at) {
      side = "canceled"
    } else if (record.captured > 0) {
      side = record.captured - record.refunded > 0 ? "captured" : "refunded"
    } else {
      side = "authorized"
    }
  } else {
    side =
      record.session_status === "pending_authorization"
        ? "awaiting_payment"
        : record.session_status === "authorized"
          ? "authorized"
          : record.session_status === "captured"
            ? "captured"
            : record.session_status === "canceled"
              ? "canceled"
              : "none"
  }
  if (record.order_status === "canceled" && (side === "awaiting_payment" || side === "authorized" || side === "captured")) {
    return "canceled"
  }
  return side
}

/** Paygent's side from a status (docs/protocol.md §6); 43 counts as paid when the shop treats it so. */
export function paygentSideOf(paymentType: string, status: string, preliminaryIsPaid: boolean): PaygentSide {
  switch (status) {
    case STATUS.APPLIED:
      // Card 10: an authorization waiting for a corrected input (2003); no money.
      return paymentType === "02" ? "failed" : "awaiting_payment"
    case STATUS.AUTHORIZED:
    case STATUS.AUTH_COMPLETE:
    case STATUS.CAPTURE_PENDING:
    case STATUS.AUTH_CANCEL_PENDING:
    case STATUS.CHANGE_PENDING:
    case STATUS.CAPTURE_REQUESTED:
    case STATUS.CAPTURE_ON_HOLD:
      return "authorized"
    case STATUS.CLEARED:
    case STATUS.CLEARED_NO_REFUND:
    case STATUS.SALES_CANCEL_PENDING:
    case STATUS.CLEARING_COMPLETE:
    case STATUS.SALES_CANCEL_TALLYING:
      return "captured"
    case STATUS.PRELIMINARY:
      return preliminaryIsPaid ? "captured" : "awaiting_payment"
    case STATUS.EXPIRED:
    case STATUS.EXPIRED_UNCLEARED:
    case STATUS.AUTH_CANCELLED:
    case STATUS.AUTH_EXPIRED:
    case STATUS.SALES_CANCELLED:
    case STATUS.PRELIMINARY_CANCELLED:
    case STATUS.CANCEL_COMPLETE:
      return "canceled"
    case STATUS.ABORTED:
      return paymentType === "02" ? "failed" : "canceled"
    case STATUS.DECLINED:
    case STATUS.THREE_DS1_INTERRUPTED:
    case STATUS.THREE_DS1_AUTHENTICATING:
    case STATUS.VALIDITY_NG:
    case STATUS.VALIDITY_OK:
    case STATUS.CAPTURE_IMPOSSIBLE:
      return "failed"
    default:
      return "unknown"
  }
}

function holds(side: PaygentSide | MedusaSide): boolean {
  return side === "authorized" || side === "captured"
}

/** What Paygent should hold according to Medusa's records. */
export function expectedAtPaygent(record: MedusaPaymentRecord, side: MedusaSide): number {
  if (record.zero_amount) {
    return 0
  }
  switch (side) {
    case "captured":
      return record.captured - record.refunded
    case "authorized":
    case "awaiting_payment":
      return record.amount
    default:
      return 0
  }
}

export interface PaymentVerdict {
  discrepancy: DiscrepancyKind | null
  medusa_side: MedusaSide
  paygent_side: PaygentSide
  expected: number
  /** What Paygent holds less manual refunds (null when Paygent's amount is unknown). */
  paygent_net: number | null
  difference: number | null
}

/**
 * Compares one Medusa payment with the Paygent payment it corresponds to. `manualCovered` is money Paygent still
 * holds that the merchant returns by hand (it counts as returned).
 */
export function comparePayment(
  record: MedusaPaymentRecord,
  view: PaygentPaymentView,
  manualCovered: number,
  preliminaryIsPaid: boolean
): PaymentVerdict {
  const m = medusaSideOf(record)
  const p = paygentSideOf(view.payment_type || record.payment_type, view.payment_status, preliminaryIsPaid)
  const expected = expectedAtPaygent(record, m)
  const amount = view.payment_amount
  const net = amount === null ? null : p === "captured" ? amount - manualCovered : holds(p) || p === "awaiting_payment" ? amount : 0
  const verdict = (discrepancy: DiscrepancyKind | null): PaymentVerdict => ({
    discrepancy,
    medusa_side: m,
    paygent_side: p,
    expected,
    paygent_net: net,
    difference: net === null ? null : net - expected,
  })
  if (p === "unknown") {
    return verdict(null)
  }
  const medusaHolds = holds(m)
  const medusaAwaits = m === "awaiting_payment"
  if (!medusaHolds && !medusaAwaits) {
    // Medusa: cancelled, refunded or nothing. Paygent must hold nothing, or only what is owed back by hand.
    if (holds(p) && (net ?? amount ?? 0) > 0) {
      return verdict("canceled_in_medusa_only")
    }
    return { ...verdict(null), difference: holds(p) ? (net ?? 0) : 0 }
  }
  if (p === "canceled" || p === "failed") {
    return verdict("canceled_at_paygent_only")
  }
  if (p === "captured" && m !== "captured") {
    return verdict("captured_at_paygent_only")
  }
  if (m === "captured" && p !== "captured") {
    return verdict("captured_in_medusa_only")
  }
  if (p === "authorized" && medusaAwaits) {
    return verdict("captured_at_paygent_only")
  }
  if (p === "awaiting_payment" && m === "authorized") {
    return verdict("canceled_at_paygent_only")
  }
  // Same state on both sides: the amounts must agree.
  if (net !== null && net !== expected) {
    return verdict("amount_mismatch")
  }
  return verdict(null)
}

function viewDates(view: PaygentPaymentView | undefined) {
  if (!view) {
    return { payment_init_date: null, authorized_date: null, payment_date: null, cancel_date: null, payment_limit_date: null }
  }
  // Konbini / net bank: when the shopper paid; card and ATM: Paygent's payment_date (売上日 / 入金日).
  const paid = view.payment_type !== "02" && view.user_payment_date ? view.user_payment_date : view.payment_date
  return {
    payment_init_date: paygentDateToIso(view.payment_init_date ?? undefined) ?? null,
    authorized_date: paygentDateToIso(view.authorized_date ?? undefined) ?? null,
    payment_date: paygentDateToIso(paid ?? undefined) ?? null,
    cancel_date: paygentDateToIso(view.cancel_date ?? undefined) ?? null,
    payment_limit_date: paygentDateToIso(view.payment_limit_date ?? undefined) ?? null,
  }
}

function statusLabelOf(type: string | null, status: string | null): Bilingual | null {
  if (!status) {
    return null
  }
  return statusName(status) ?? (type ? statusLabel(type, status) : undefined) ?? null
}

function emptyRow(): ReconciliationRow {
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

function paygentColumns(view: PaygentPaymentView | undefined, fallback: { payment_id: string | null; trading_id: string | null; payment_type: string | null }) {
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

function noticeColumns(notices: NoticeFact[], ids: Set<string>, tradingId: string | null) {
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

function idsOf(record: MedusaPaymentRecord): Set<string> {
  return new Set([record.payment_id, ...record.previous_payment_ids].filter((id): id is string => !!id))
}

function manualFor(record: MedusaPaymentRecord, refunds: ManualRefundFact[]) {
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
function newest(views: PaygentPaymentView[]): PaygentPaymentView | undefined {
  return [...views].sort((a, b) => ((a.payment_init_date ?? "") < (b.payment_init_date ?? "") ? -1 : 1)).pop()
}

const RANK: Record<ReconciliationRow["severity"], number> = { critical: 0, warning: 1, info: 2, ok: 3 }
const TYPE_ORDER: Record<ReconciliationRow["row_type"], number> = { payment: 0, paygent_only: 1, manual_refund: 2 }

/** Compares every gathered payment and lists the manual refunds: the rows and the summary of a report. */
export function reconcile(facts: ReconcileFacts): ReconcileResult {
  const rows: ReconciliationRow[] = []
  const usedOthers = new Set<OtherPaygentPayment>()
  const holding = (o: OtherPaygentPayment) =>
    o.lookup.status === "found" && holds(paygentSideOf(o.lookup.view.payment_type, o.lookup.view.payment_status, facts.preliminary_is_paid))
  let paygentTotal = 0
  let medusaTotal = 0

  for (const { medusa: record, lookup } of facts.records) {
    const ids = idsOf(record)
    const manual = manualFor(record, facts.manual_refunds)
    const side = medusaSideOf(record)
    const row: ReconciliationRow = {
      ...emptyRow(),
      order_id: record.order_id,
      order_display_id: record.order_display_id,
      order_status: record.order_status,
      medusa_payment_id: record.medusa_payment_id,
      payment_session_id: record.payment_session_id,
      method: record.method,
      medusa_side: side,
      medusa_side_label: MEDUSA_SIDE_LABELS[side],
      medusa_recorded_status: record.recorded_status,
      medusa_amount: record.amount,
      medusa_captured: record.captured,
      medusa_refunded: record.refunded,
      expected_amount: expectedAtPaygent(record, side),
      previous_payment_ids: record.previous_payment_ids,
      manual_refund_amount: manual.covered || null,
      manual_refund_status: manual.status,
      manual_refund_reason: manual.reason,
      ...noticeColumns(facts.notices, ids, record.trading_id),
    }
    const fallback = { payment_id: record.payment_id, trading_id: record.trading_id, payment_type: record.payment_type }
    if (lookup.status === "skipped") {
      const zero = lookup.reason === "zero_amount"
      rows.push({
        ...row,
        ...paygentColumns(undefined, fallback),
        discrepancy: zero ? null : "not_checked",
        severity: zero ? "ok" : SEVERITY.not_checked,
        explanation: zero
          ? { ja: "一致しています（¥0 の注文のため、ペイジェントへの送信はありません）。", en: "Consistent (a ¥0 order: nothing was sent to Paygent)." }
          : explainNotChecked(facts.max_inquiries),
      })
      continue
    }
    if (lookup.status === "error") {
      rows.push({
        ...row,
        ...paygentColumns(undefined, fallback),
        discrepancy: "inquiry_failed",
        severity: SEVERITY.inquiry_failed,
        explanation: explainInquiryFailed(lookup.code, lookup.message),
      })
      continue
    }
    if (lookup.status === "not_found") {
      const nothingExpected = side === "canceled" || side === "refunded" || side === "none"
      const noBankYet = side === "awaiting_payment" && !record.payment_id
      const ok = nothingExpected || noBankYet
      rows.push({
        ...row,
        ...paygentColumns(undefined, fallback),
        paygent_side: "not_found",
        discrepancy: ok ? null : "missing_at_paygent",
        severity: ok ? "ok" : SEVERITY.missing_at_paygent,
        difference: ok ? 0 : -row.expected_amount!,
        explanation: ok
          ? noBankYet
            ? { ja: "一致しています（お客様がまだ銀行を選んでいません）。", en: "Consistent (the shopper has not chosen a bank yet)." }
            : { ja: "一致しています（どちらにもお金の動きはありません）。", en: "Consistent (no money on either side)." }
          : explainPayment("missing_at_paygent", {
              medusa_side: side,
              paygent_side: "not_found",
              paygent_status: null,
              paygent_amount: null,
              expected: row.expected_amount ?? 0,
              difference: null,
              order_canceled: record.order_status === "canceled",
              successor_payment_id: null,
              manual_covered: manual.covered,
            }),
      })
      continue
    }

    // Paygent's current payment for this Medusa payment: its own payment_id, or, when Paygent cancelled that one,
    // another payment of the same trading_id holding the money (an amount change made in Paygent Online).
    let view = lookup.view
    let successor: string | null = null
    const ownSide = paygentSideOf(view.payment_type, view.payment_status, facts.preliminary_is_paid)
    if (!holds(ownSide) && record.trading_id) {
      const siblings = facts.others.filter((o) => !usedOthers.has(o) && o.trading_id === record.trading_id && holding(o) && !ids.has(o.payment_id ?? ""))
      const pick = newest(siblings.map((o) => (o.lookup as { view: PaygentPaymentView }).view))
      if (pick) {
        siblings.filter((o) => (o.lookup as { view: PaygentPaymentView }).view === pick).forEach((o) => usedOthers.add(o))
        view = pick
        successor = pick.payment_id
      }
    }
    const verdict = comparePayment(record, view, manual.covered, facts.preliminary_is_paid)
    if (holds(verdict.paygent_side)) {
      paygentTotal += verdict.paygent_net ?? 0
    }
    medusaTotal += verdict.expected
    rows.push({
      ...row,
      ...paygentColumns(view, fallback),
      compared_payment_id: successor,
      paygent_side: verdict.paygent_side,
      discrepancy: verdict.discrepancy,
      severity: verdict.discrepancy ? SEVERITY[verdict.discrepancy] : "ok",
      difference: verdict.difference,
      explanation: explainPayment(verdict.discrepancy, {
        medusa_side: verdict.medusa_side,
        paygent_side: verdict.paygent_side,
        paygent_status: view.payment_status,
        paygent_amount: view.payment_amount,
        expected: verdict.expected,
        difference: verdict.difference,
        order_canceled: record.order_status === "canceled",
        successor_payment_id: successor,
        manual_covered: manual.covered,
      }),
    })
  }

  // Paygent payments of the range that no Medusa payment accounts for.
  const recordByTrading = new Map(facts.records.filter((r) => r.medusa.trading_id).map((r) => [r.medusa.trading_id!, r.medusa]))
  const recordBySession = new Map(facts.records.filter((r) => r.medusa.payment_session_id).map((r) => [r.medusa.payment_session_id!, r.medusa]))
  for (const other of facts.others) {
    if (usedOthers.has(other)) {
      continue
    }
    const sameTrading = other.trading_id ? recordByTrading.get(other.trading_id) : undefined
    const sameSession = other.session_id ? recordBySession.get(other.session_id) : undefined
    const related = sameTrading ?? sameSession
    const base: ReconciliationRow = {
      ...emptyRow(),
      row_type: "paygent_only",
      order_id: related?.order_id ?? other.order_id,
      order_display_id: related?.order_display_id ?? other.order_display_id,
      order_status: related?.order_status ?? null,
      payment_session_id: other.session_id,
      method: related?.method ?? null,
      ...noticeColumns(facts.notices, new Set(other.payment_id ? [other.payment_id] : []), other.payment_id ? null : other.trading_id),
    }
    const fallback = { payment_id: other.payment_id, trading_id: other.trading_id, payment_type: related?.payment_type ?? null }
    if (other.lookup.status === "error") {
      rows.push({
        ...base,
        ...paygentColumns(undefined, fallback),
        discrepancy: "inquiry_failed",
        severity: SEVERITY.inquiry_failed,
        explanation: explainInquiryFailed(other.lookup.code, other.lookup.message),
      })
      continue
    }
    if (other.lookup.status === "skipped" && other.lookup.reason === "limit") {
      rows.push({ ...base, ...paygentColumns(undefined, fallback), discrepancy: "not_checked", severity: SEVERITY.not_checked, explanation: explainNotChecked(facts.max_inquiries) })
      continue
    }
    if (other.lookup.status !== "found" || !holding(other)) {
      // Declined, cancelled, expired, or unknown to Paygent: no money without an order.
      continue
    }
    const view = other.lookup.view
    const side = paygentSideOf(view.payment_type, view.payment_status, facts.preliminary_is_paid)
    paygentTotal += view.payment_amount ?? 0
    rows.push({
      ...base,
      ...paygentColumns(view, fallback),
      paygent_side: side,
      discrepancy: "paygent_only",
      severity: SEVERITY.paygent_only,
      expected_amount: 0,
      difference: view.payment_amount,
      explanation: explainPaygentOnly({
        status: view.payment_status,
        amount: view.payment_amount,
        session_id: other.session_id,
        session_exists: other.session_exists,
        order_id: related?.order_id ?? other.order_id,
        order_display_id: related?.order_display_id ?? other.order_display_id,
        same_trading_as_record: !!sameTrading,
        earlier_attempt: !sameTrading && !!sameSession,
      }),
    })
  }

  // Manual refunds owed, returned or withdrawn in the range (and every one still owed).
  const displayOf = new Map(facts.records.filter((r) => r.medusa.order_id).map((r) => [r.medusa.order_id!, r.medusa.order_display_id]))
  for (const refund of facts.manual_refunds) {
    const owed = refund.status === "owed"
    const type = ({ card: "02", konbini: "03", payeasy: "01", banknet: "05" } as Record<string, string>)[refund.method] ?? null
    rows.push({
      ...emptyRow(),
      row_type: "manual_refund",
      discrepancy: owed ? "manual_refund_owed" : null,
      severity: owed ? SEVERITY.manual_refund_owed : "info",
      explanation: explainManualRefund(refund.status, refund.reason, refund.amount),
      payment_id: refund.paygent_payment_id,
      trading_id: refund.trading_id,
      payment_type: type,
      payment_type_label: type ? (paymentTypeLabel(type) ?? null) : null,
      order_id: refund.order_id,
      order_display_id: refund.order_id ? (displayOf.get(refund.order_id) ?? null) : null,
      medusa_payment_id: refund.medusa_payment_id,
      method: refund.method,
      manual_refund_id: refund.id,
      manual_refund_amount: refund.amount,
      manual_refund_status: refund.status,
      manual_refund_reason: refund.reason,
      customer_name: refund.customer_name,
    })
  }

  rows.sort((a, b) => {
    const bySeverity = RANK[a.severity] - RANK[b.severity]
    if (bySeverity) {
      return bySeverity
    }
    const byType = TYPE_ORDER[a.row_type] - TYPE_ORDER[b.row_type]
    if (byType) {
      return byType
    }
    const at = a.payment_init_date ?? "~"
    const bt = b.payment_init_date ?? "~"
    return at < bt ? -1 : at > bt ? 1 : 0
  })
  return { rows, summary: summarize(rows, facts, paygentTotal, medusaTotal) }
}

function summarize(rows: ReconciliationRow[], facts: ReconcileFacts, paygentTotal: number, medusaTotal: number): ReconciliationSummary {
  const byKind: Partial<Record<DiscrepancyKind, number>> = {}
  for (const row of rows) {
    if (row.discrepancy) {
      byKind[row.discrepancy] = (byKind[row.discrepancy] ?? 0) + 1
    }
  }
  const compared = rows.filter((r) => r.row_type !== "manual_refund")
  const refunds = facts.manual_refunds
  const sum = (list: ManualRefundFact[]) => list.reduce((total, r) => total + r.amount, 0)
  return {
    payments: compared.length,
    matched: compared.filter((r) => !r.discrepancy).length,
    discrepancies: compared.filter((r) => r.discrepancy).length,
    by_kind: byKind,
    paygent_only: compared.filter((r) => r.row_type === "paygent_only" && r.discrepancy === "paygent_only").length,
    manual_refunds: {
      owed: refunds.filter((r) => r.status === "owed").length,
      owed_amount: sum(refunds.filter((r) => r.status === "owed")),
      refunded: refunds.filter((r) => r.status === "refunded").length,
      refunded_amount: sum(refunds.filter((r) => r.status === "refunded")),
      canceled: refunds.filter((r) => r.status === "canceled").length,
    },
    paygent_total: paygentTotal,
    medusa_total: medusaTotal,
    inquiries: facts.inquiries,
    inquiry_errors: rows.filter((r) => r.discrepancy === "inquiry_failed").length,
    notices: { in_range: facts.notices.length, unapplied: facts.notices.filter((n) => !n.applied).length },
    truncated: rows.some((r) => r.discrepancy === "not_checked"),
  }
}

export { DISCREPANCY_LABELS }
