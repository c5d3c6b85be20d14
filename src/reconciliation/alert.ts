import type PaygentModuleService from "../modules/paygent/service"

import type { PlannedAlert } from "../notices/plan"
import { DISCREPANCY_LABELS } from "./explain"
import type { DiscrepancyKind, ReconciliationReport } from "./types"

export const RECONCILIATION_ALERT_KIND = "reconciliation_mismatch"

/** Kinds that only say the report could not look (warning), not that money disagrees (critical). */
const NOT_CHECKED = new Set<DiscrepancyKind>(["inquiry_failed", "not_checked"])

/** The admin API path that shows the report again. */
export function reportPath(report: Pick<ReconciliationReport, "range">): string {
  return `/admin/paygent/reconciliation?from=${report.range.from}&to=${report.range.to}`
}

/**
 * The alert a report raises when something does not match (manual refunds owed alone do not raise one: they are
 * known and listed), or undefined. One per range: `dedupe_key` makes a second run for the same days a no-op.
 */
export function plannedReconciliationAlert(report: ReconciliationReport): PlannedAlert | undefined {
  const kinds = Object.entries(report.summary.by_kind).filter(
    ([kind, count]) => kind !== "manual_refund_owed" && (count ?? 0) > 0
  ) as Array<[DiscrepancyKind, number]>
  if (!kinds.length) {
    return undefined
  }
  const range = report.range.from === report.range.to ? report.range.from : `${report.range.from}〜${report.range.to}`
  const rangeEn = report.range.from === report.range.to ? report.range.from : `${report.range.from} to ${report.range.to}`
  const listJa = kinds.map(([kind, count]) => `${DISCREPANCY_LABELS[kind].ja} ${count} 件`).join("、")
  const listEn = kinds.map(([kind, count]) => `${DISCREPANCY_LABELS[kind].en}: ${count}`).join(", ")
  const owed = report.summary.manual_refunds.owed
  return {
    kind: RECONCILIATION_ALERT_KIND,
    severity: kinds.every(([kind]) => NOT_CHECKED.has(kind)) ? "warning" : "critical",
    dedupe_key: `${RECONCILIATION_ALERT_KIND}:${report.range.from}:${report.range.to}`,
    message: {
      ja: `決済照合（${range}）で Medusa とペイジェントの不一致が見つかりました: ${listJa}。${owed ? `未完了の手動返金が ${owed} 件あります。` : ""}照合レポート（${reportPath(report)}）で内容と対処を確認してください。`,
      en: `Reconciliation (${rangeEn}) found differences between Medusa and Paygent: ${listEn}.${owed ? ` ${owed} manual refund(s) are still owed.` : ""} See the report (${reportPath(report)}) for each one and how to fix it.`,
    },
  }
}

/** Raises the report's alert (see above). Returns whether a new alert was created. */
export async function raiseReconciliationAlert(service: PaygentModuleService, report: ReconciliationReport): Promise<boolean> {
  const alert = plannedReconciliationAlert(report)
  if (!alert) {
    return false
  }
  const created = await service.raiseAlerts([alert], {
    data: {
      from: report.range.from,
      to: report.range.to,
      path: reportPath(report),
      summary: report.summary as unknown as Record<string, unknown>,
      rows: report.rows
        .filter((row) => row.discrepancy && row.discrepancy !== "manual_refund_owed")
        .slice(0, 50)
        .map((row) => ({
          discrepancy: row.discrepancy,
          payment_id: row.payment_id,
          trading_id: row.trading_id,
          order_id: row.order_id,
          medusa_payment_id: row.medusa_payment_id,
          payment_status: row.payment_status,
          difference: row.difference,
        })),
    },
  })
  return created > 0
}
