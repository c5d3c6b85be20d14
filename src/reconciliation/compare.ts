import { paymentTypeLabel } from "../paygent/statuses"
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
  DiscrepancyKind,
  ManualRefundFact,
  MedusaPaymentRecord,
  NoticeFact,
  OtherPaygentPayment,
  PaygentLookup,
  PaygentPaymentView,
  ReconciliationRow,
  ReconciliationSummary,
} from "./types"
import { comparePayment, expectedAtPaygent, holds, medusaSideOf, paygentSideOf } from "./sides"
import { emptyRow, idsOf, manualFor, newest, noticeColumns, paygentColumns } from "./row-columns"
import { PAYMENT_TYPE_OF } from "../paygent/methods"

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
    const type = (PAYMENT_TYPE_OF as Record<string, string>)[refund.method] ?? null
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
