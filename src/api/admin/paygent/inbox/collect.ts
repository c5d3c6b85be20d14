/**
 * The 決済処理中 inbox, reading part: what `buildInbox` needs. The plugin's own records (alerts, manual refunds,
 * notices) through its module; the stale sessions through the sync code (the job lists the same); Medusa's sessions,
 * payments and orders in plain SQL (sql-reads.ts: why, and the indexes). Every read is bounded (`SCAN_LIMIT`);
 * `truncated` says when a bound was reached.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { paygentMethodOf } from "../../../../operations/order-payments"
import { paygentModule, paygentProviderIds } from "../../../../sync/apply"
import { listStaleSessions } from "../../../../sync/stale"
import { readAwaitingSessions, readOrders, readPayments, ReadWithOrder } from "./sql-reads"
import type { InboxAlert, InboxManualRefund, InboxNotice, InboxOrder, InboxPayment, InboxSources } from "./types"

export const SCAN_LIMIT = 1000
/** Card payments older than this cannot change any more (sales-cancel deadline 60 days + margin). */
const PAYMENT_WINDOW_DAYS = 120

function isoOf(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value ?? "")
}

export async function collectInbox(container: MedusaContainer, now = new Date()): Promise<{ sources: InboxSources; truncated: boolean }> {
  const service = paygentModule(container)
  const options = service.syncOptions()
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  const providers = await paygentProviderIds(container)
  const asyncProviders = providers.filter((id) => paygentMethodOf(id) !== "card")
  const since = new Date(now.getTime() - PAYMENT_WINDOW_DAYS * 24 * 60 * 60 * 1000)

  const [stale, awaitingRows, uncapturedRows, recentRows, refundRows, alertRows, noticeRows] = await Promise.all([
    listStaleSessions(container, { now, olderThanMinutes: options.staleSessionMinutes }),
    readAwaitingSessions(knex, asyncProviders, SCAN_LIMIT),
    // Two windows of payments: the oldest authorizations not captured (capture deadlines) and the newest payments.
    readPayments(knex, providers, { since, limit: SCAN_LIMIT, oldestUncaptured: true }),
    readPayments(knex, providers, { since, limit: SCAN_LIMIT, oldestUncaptured: false }),
    service.listPaygentManualRefunds({ status: "owed" }, { take: SCAN_LIMIT, order: { created_at: "ASC" } }),
    service.listPaygentAlerts({ resolved_at: null } as never, { take: SCAN_LIMIT, order: { created_at: "ASC" } }),
    service.listPaygentNotices({ applied_at: null } as never, { take: SCAN_LIMIT, order: { received_at: "ASC" } }),
  ])

  const orderOfCollection = new Map<string, string>()
  const orders = new Map<string, InboxOrder>()
  const withOrders = <T extends { payment_collection_id: string }>(reads: Array<ReadWithOrder<T>>): T[] =>
    reads.map(({ row, order }) => {
      if (order) {
        orderOfCollection.set(row.payment_collection_id, order.id)
        orders.set(order.id, order)
      }
      return row
    })
  const awaiting = withOrders(awaitingRows)
  const paymentList: InboxPayment[] = [...new Map(withOrders([...uncapturedRows, ...recentRows]).map((p) => [p.id, p])).values()]

  // Orders named by refunds, alerts, notices and stale sessions that the reads above did not bring.
  const missing = new Set<string>()
  for (const row of [...refundRows, ...alertRows, ...noticeRows, ...stale] as Array<{ order_id?: string | null }>) {
    if (row.order_id && !orders.has(row.order_id)) {
      missing.add(row.order_id)
    }
  }
  for (const order of await readOrders(knex, [...missing])) {
    orders.set(order.id, order)
  }

  const truncated = [awaitingRows, uncapturedRows, recentRows, refundRows, alertRows, noticeRows].some((rows) => rows.length >= SCAN_LIMIT)
  return {
    truncated,
    sources: {
      now,
      options: {
        staleSessionMinutes: options.staleSessionMinutes,
        captureDeadlineWarningDays: options.captureDeadlineWarningDays,
        expiryGraceHours: options.expiryGraceHours,
      },
      stale,
      awaiting,
      payments: paymentList,
      manualRefunds: (refundRows as any[]).map((row) => ({ ...row, created_at: isoOf(row.created_at) })) as InboxManualRefund[],
      alerts: (alertRows as any[]).map((row) => ({ ...row, created_at: isoOf(row.created_at) })) as InboxAlert[],
      unapplied: (noticeRows as any[]).map((row) => ({ ...row, received_at: isoOf(row.received_at) })) as InboxNotice[],
      orderOfCollection,
      orders,
    },
  }
}
