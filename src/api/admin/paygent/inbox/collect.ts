/**
 * The 決済処理中 inbox, reading part: what `buildInbox` needs, from the payment module, the plugin's module
 * (alerts, manual refunds, notices) and Query (the orders of payment collections). Every read is bounded
 * (`SCAN_LIMIT`); `truncated` says when a bound was reached.
 *
 * Indexes used: paygent_alert (resolved_at, created_at), paygent_manual_refund (status, created_at),
 * paygent_notice (applied_at, received_at), payment (provider_id), the order ↔ payment collection link
 * (payment_collection_id). Medusa's payment_session has no index on (provider_id, status, updated_at): the stale and
 * awaiting scans read the Paygent sessions by status; see docs/operations/admin.md ("Inbox at scale").
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { paygentMethodOf } from "../../../../operations/order-payments"
import { paygentModule, paygentProviderIds } from "../../../../sync/apply"
import { listStaleSessions } from "../../../../sync/stale"
import type { InboxAlert, InboxManualRefund, InboxNotice, InboxOrder, InboxPayment, InboxSession, InboxSources } from "./types"

export const SCAN_LIMIT = 1000
/** Card payments older than this cannot change any more (sales-cancel deadline 60 days + margin). */
const PAYMENT_WINDOW_DAYS = 120

function yen(value: unknown): number {
  if (value === null || value === undefined) {
    return 0
  }
  return MathBN.convert(value as never).toNumber()
}

function sum(rows: Array<{ amount?: unknown; raw_amount?: unknown }> | null | undefined): number {
  return (rows ?? []).reduce((total, row) => total + yen(row.raw_amount ?? row.amount), 0)
}

function isoOf(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value ?? "")
}

export async function collectInbox(container: MedusaContainer, now = new Date()): Promise<{ sources: InboxSources; truncated: boolean }> {
  const service = paygentModule(container)
  const options = service.syncOptions()
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const providers = await paygentProviderIds(container)
  const asyncProviders = providers.filter((id) => paygentMethodOf(id) !== "card")
  const since = new Date(now.getTime() - PAYMENT_WINDOW_DAYS * 24 * 60 * 60 * 1000)

  const [stale, awaitingRows, paymentRows, refundRows, alertRows, noticeRows] = await Promise.all([
    listStaleSessions(container, { now, olderThanMinutes: options.staleSessionMinutes }),
    asyncProviders.length
      ? payments.listPaymentSessions({ provider_id: asyncProviders, status: "pending_authorization" } as never, {
          take: SCAN_LIMIT,
          order: { updated_at: "ASC" },
        })
      : Promise.resolve([]),
    providers.length
      ? payments.listPayments({ provider_id: providers, canceled_at: null, created_at: { $gte: since } } as never, {
          take: SCAN_LIMIT,
          relations: ["captures", "refunds"],
          order: { created_at: "DESC" },
        })
      : Promise.resolve([]),
    service.listPaygentManualRefunds({ status: "owed" }, { take: SCAN_LIMIT, order: { created_at: "ASC" } }),
    service.listPaygentAlerts({ resolved_at: null } as never, { take: SCAN_LIMIT, order: { created_at: "ASC" } }),
    service.listPaygentNotices({ applied_at: null } as never, { take: SCAN_LIMIT, order: { received_at: "ASC" } }),
  ])

  const awaiting: InboxSession[] = (awaitingRows as any[]).map((row) => ({
    id: row.id,
    provider_id: row.provider_id,
    status: row.status,
    amount: yen(row.amount),
    data: row.data ?? null,
    updated_at: isoOf(row.updated_at),
    payment_collection_id: row.payment_collection_id,
  }))
  const paymentList: InboxPayment[] = (paymentRows as any[]).map((row) => ({
    id: row.id,
    provider_id: row.provider_id,
    amount: yen(row.amount),
    captured: sum(row.captures),
    refunded: sum(row.refunds),
    captured_at: row.captured_at ? isoOf(row.captured_at) : null,
    canceled_at: row.canceled_at ? isoOf(row.canceled_at) : null,
    payment_session_id: row.payment_session_id ?? null,
    payment_collection_id: row.payment_collection_id,
    data: row.data ?? null,
    created_at: isoOf(row.created_at),
  }))

  // Orders: of the collections above, and those named by refunds, alerts, notices and stale sessions.
  const collections = [...new Set([...awaiting, ...paymentList].map((row) => row.payment_collection_id).filter(Boolean))]
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const orderOfCollection = new Map<string, string>()
  if (collections.length) {
    const { data } = await query.graph({
      entity: "order_payment_collection",
      fields: ["order_id", "payment_collection_id"],
      filters: { payment_collection_id: collections },
    })
    for (const row of data as Array<{ order_id: string; payment_collection_id: string }>) {
      orderOfCollection.set(row.payment_collection_id, row.order_id)
    }
  }
  const orderIds = new Set<string>(orderOfCollection.values())
  for (const row of [...refundRows, ...alertRows, ...noticeRows, ...stale] as Array<{ order_id?: string | null }>) {
    if (row.order_id) {
      orderIds.add(row.order_id)
    }
  }
  const orders = new Map<string, InboxOrder>()
  if (orderIds.size) {
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "display_id", "status", "email", "currency_code", "total"],
      filters: { id: [...orderIds] },
    })
    for (const order of data as any[]) {
      orders.set(order.id, {
        id: order.id,
        display_id: order.display_id ?? null,
        status: order.status,
        email: order.email ?? null,
        currency_code: order.currency_code,
        total: yen(order.total),
      })
    }
  }

  const truncated = [awaitingRows, paymentRows, refundRows, alertRows, noticeRows].some((rows) => rows.length >= SCAN_LIMIT)
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
