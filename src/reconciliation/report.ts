import type { MedusaContainer } from "@medusajs/framework/types"
import type { TelegramSource } from "../modules/paygent/ledger-registry"
import { sessionOfTradingId } from "../modules/paygent/trading-id"
import { paygentModule } from "../modules/paygent/container"
import { columnList } from "./columns"
import { reconcile } from "./compare"
import { gatherActivity, gatherManualRefunds, gatherMedusaRecords, sessionContexts, type Activity } from "./gather-medusa"
import { inquirePayments, type InquiryTarget } from "./gather-paygent"
import type { MedusaPaymentRecord, OtherPaygentPayment, ReconciliationReport, ReportRange } from "./types"

export interface BuildReportOptions {
  /** Whose telegrams the ledger records the 094s under: the admin route's or the nightly job's. */
  source?: TelegramSource
  now?: Date
}

interface OtherRef {
  payment_id: string | null
  trading_id: string | null
  session_id: string | null
  seen_in: Set<"notice" | "ledger">
}

/**
 * Paygent payments the ledger or the notices of the range mention that no Medusa record accounts for (neither its
 * current nor an earlier payment_id, nor — for a reference without payment_id — its trading_id).
 */
export function otherPaymentsOf(activity: Activity, records: MedusaPaymentRecord[]): OtherRef[] {
  const known = new Set<string>()
  const knownTrading = new Set<string>()
  for (const record of records) {
    for (const id of [record.payment_id, ...record.previous_payment_ids]) {
      if (id) {
        known.add(id)
      }
    }
    if (record.trading_id) {
      knownTrading.add(record.trading_id)
    }
  }
  const others = new Map<string, OtherRef>()
  for (const ref of activity.refs) {
    if (ref.payment_id ? known.has(ref.payment_id) : !ref.trading_id || knownTrading.has(ref.trading_id)) {
      continue
    }
    const key = ref.payment_id ? `p:${ref.payment_id}` : `t:${ref.trading_id}`
    const entry = others.get(key) ?? {
      payment_id: ref.payment_id,
      trading_id: ref.trading_id,
      session_id: ref.payment_session_id ?? (ref.trading_id ? (sessionOfTradingId(ref.trading_id)?.sessionId ?? null) : null),
      seen_in: new Set<"notice" | "ledger">(),
    }
    entry.trading_id ??= ref.trading_id
    entry.seen_in.add(ref.source)
    others.set(key, entry)
  }
  // A trading_id-only reference (a lost answer) is covered once a payment_id of the same trading_id is listed.
  const tradingWithIds = new Set([...others.values()].filter((o) => o.payment_id && o.trading_id).map((o) => o.trading_id!))
  return [...others.values()].filter((o) => o.payment_id || !tradingWithIds.has(o.trading_id!))
}

/**
 * The reconciliation report for a range of JST days: gathers Medusa's payments and what the ledger and the notices
 * say changed, asks Paygent (094, a few at a time) about each, and compares (compare.ts). Reads only: nothing in
 * Medusa or at Paygent is changed.
 */
export async function buildReconciliationReport(
  container: MedusaContainer,
  range: ReportRange,
  options: BuildReportOptions = {}
): Promise<ReconciliationReport> {
  const service = paygentModule(container)
  const settings = service.reconcileOptions()
  const syncOptions = service.syncOptions()

  const activity = await gatherActivity(service, range)
  const [records, manualRefunds] = await Promise.all([gatherMedusaRecords(container, range, activity), gatherManualRefunds(service, range)])
  const otherRefs = otherPaymentsOf(activity, records)

  const targets: InquiryTarget[] = [
    ...records.map((r) =>
      r.zero_amount ? {} : { payment_id: r.payment_id, trading_id: r.trading_id, payment_type: r.payment_type }
    ),
    ...otherRefs.map((o) => ({ payment_id: o.payment_id, trading_id: o.trading_id })),
  ]
  const needsInquiry = targets.length > 0
  const { lookups, sent } = needsInquiry
    ? await inquirePayments(service.client(options.source ?? "admin"), targets, {
        concurrency: settings.reconcileConcurrency,
        max: settings.reconcileMaxInquiries,
        siteId: syncOptions.siteId,
      })
    : { lookups: [], sent: 0 }

  const contexts = await sessionContexts(
    container,
    otherRefs.map((o) => o.session_id).filter((id): id is string => !!id)
  )
  const others: OtherPaygentPayment[] = otherRefs.map((o, i) => {
    const context = o.session_id ? contexts.get(o.session_id) : undefined
    return {
      payment_id: o.payment_id,
      trading_id: o.trading_id,
      lookup: lookups[records.length + i],
      session_id: o.session_id,
      session_exists: !!context?.exists,
      session_status: context?.status ?? null,
      order_id: context?.order?.id ?? null,
      order_display_id: context?.order?.display_id ?? null,
      seen_in: [...o.seen_in],
    }
  })

  const { rows, summary } = reconcile({
    records: records.map((medusa, i) => ({
      medusa,
      lookup: medusa.zero_amount ? { status: "skipped", reason: "zero_amount" } : lookups[i],
    })),
    others,
    manual_refunds: manualRefunds,
    notices: activity.notices,
    preliminary_is_paid: syncOptions.treatPreliminaryAsPaid,
    inquiries: sent,
    max_inquiries: settings.reconcileMaxInquiries,
  })
  return {
    range: { from: range.from, to: range.to, timezone: "Asia/Tokyo", start: range.start.toISOString(), end: range.end.toISOString() },
    generated_at: (options.now ?? new Date()).toISOString(),
    summary,
    columns: columnList(),
    rows,
  }
}
