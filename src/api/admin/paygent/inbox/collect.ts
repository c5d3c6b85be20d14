/**
 * The 決済処理中 inbox, reading part: what `buildInbox` needs for one page. The stale sessions through the sync code
 * (the job lists the same); everything else in plain SQL with its order: Medusa's sessions and payments
 * (sql-reads.ts: why, and the indexes), the plugin's alerts, manual refunds owed and notices (sql-records.ts). The two lists that grow with the
 * shop (orders waiting for payment, capture deadlines) are read a page at a time in the inbox's order, with their
 * counts (sql-pages.ts); every other read is bounded (`SCAN_LIMIT`). `truncated` says when a bound was reached.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { paygentMethodOf } from "../../../../operations/order-payments"
import type { PaygentMethod } from "../../../../paygent/methods"
import { paygentModule } from "../../../../modules/paygent/container"
import { paygentProviderIds } from "../../../../sync/providers"
import { listStaleSessions } from "../../../../sync/stale"
import { readAwaitingPage, readCaptureDuePage } from "./sql-pages"
import { readFlaggablePayments } from "./sql-flags"
import { readOrders, readPaymentRefs, readSessionsByIds, ReadWithOrder } from "./sql-reads"
import { readManualRefundsOwed, readOpenAlerts, readUnappliedNotices } from "./sql-records"
import type { InboxOrder, InboxPaymentRef, InboxSources, PagedCounts } from "./types"

export const SCAN_LIMIT = 1000
/** Card payments older than this cannot change any more (sales-cancel deadline 60 days + margin). */
const PAYMENT_WINDOW_DAYS = 120

export interface InboxRead {
  sources: InboxSources
  /** The counts of the lists read a page at a time (pageInbox adds them). */
  paged: PagedCounts
  truncated: boolean
}

/**
 * Reads what the page `offset`..`offset + limit` of the inbox can hold, for the payment methods asked for (all when
 * none): each paged list up to that position, everything else in full (bounded).
 */
export async function collectInbox(
  container: MedusaContainer,
  { now = new Date(), offset = 0, limit = 50, methods = [] as PaygentMethod[] } = {}
): Promise<InboxRead> {
  const service = paygentModule(container)
  const options = service.syncOptions()
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  const providers = await paygentProviderIds(container)
  const asked = (id: string) => !methods.length || methods.includes(paygentMethodOf(id)!)
  const ofMethod = (method: PaygentMethod) => providers.filter((id) => paygentMethodOf(id) === method && asked(id))
  const asyncProviders = providers.filter((id) => paygentMethodOf(id) !== "card" && asked(id))
  const since = new Date(now.getTime() - PAYMENT_WINDOW_DAYS * 24 * 60 * 60 * 1000)
  const pageEnd = Math.min(offset + limit, SCAN_LIMIT)
  const awaiting = (overdue: boolean) =>
    readAwaitingPage(knex, {
      providers: asyncProviders,
      bankNetProviders: ofMethod("banknet"),
      overdue,
      now,
      graceMs: options.expiryGraceHours * 60 * 60 * 1000,
      staleBefore: new Date(now.getTime() - options.staleSessionMinutes * 60_000),
      limit: pageEnd,
      cap: SCAN_LIMIT,
    })

  const [stale, waiting, overdue, captureDue, flaggedRows, refundRows, alertRows, noticeRows] = await Promise.all([
    listStaleSessions(container, { now, olderThanMinutes: options.staleSessionMinutes }),
    awaiting(false),
    awaiting(true),
    readCaptureDuePage(knex, {
      cardProviders: ofMethod("card"),
      since,
      now,
      warningDays: options.captureDeadlineWarningDays,
      limit: pageEnd,
      cap: SCAN_LIMIT,
    }),
    readFlaggablePayments(knex, {
      providers,
      cardProviders: providers.filter((id) => paygentMethodOf(id) === "card"),
      since,
      limit: SCAN_LIMIT,
    }),
    readManualRefundsOwed(knex, SCAN_LIMIT),
    readOpenAlerts(knex, SCAN_LIMIT),
    readUnappliedNotices(knex, SCAN_LIMIT),
  ])

  const flaggedIds = new Set(flaggedRows.map(({ row }) => row.id))
  const alerted = [...new Set(alertRows.map(({ row }) => row.medusa_payment_id).filter((id): id is string => !!id && !flaggedIds.has(id)))]
  const staleBankNet = stale.filter((session) => paygentMethodOf(session.provider_id) === "banknet").map((session) => session.session_id)
  const [refRows, staleSessionRows] = await Promise.all([readPaymentRefs(knex, alerted), readSessionsByIds(knex, staleBankNet)])

  const orderOfCollection = new Map<string, string>()
  const orders = new Map<string, InboxOrder>()
  /** Keeps each row's order (and, for sessions and payments, which order their collection belongs to). */
  const withOrders = <T>(reads: Array<ReadWithOrder<T>>): T[] =>
    reads.map(({ row, order }) => {
      if (order) {
        orders.set(order.id, order)
        const collection = (row as { payment_collection_id?: string }).payment_collection_id
        if (collection) {
          orderOfCollection.set(collection, order.id)
        }
      }
      return row
    })
  const sessions = withOrders([...waiting.rows, ...overdue.rows, ...staleSessionRows])
  const payments = withOrders([...captureDue.rows, ...flaggedRows])
  const paymentRefs = new Map<string, InboxPaymentRef>(withOrders(refRows).map((ref) => [ref.id, ref]))
  const manualRefunds = withOrders(refundRows)
  const alerts = withOrders(alertRows)
  const unapplied = withOrders(noticeRows)

  // Orders of stale sessions that the reads above did not bring.
  const missing = [...new Set(stale.map((session) => session.order_id).filter((id): id is string => !!id && !orders.has(id)))]
  for (const order of await readOrders(knex, missing)) {
    orders.set(order.id, order)
  }

  const truncated =
    [waiting, overdue, captureDue].some((list) => list.capped) ||
    [flaggedRows, refundRows, alertRows, noticeRows, stale].some((rows) => rows.length >= SCAN_LIMIT)
  return {
    truncated,
    paged: { awaiting_payment: waiting.total, expiry_not_reported: overdue.total, capture_deadline: captureDue.total },
    sources: {
      now,
      options: {
        staleSessionMinutes: options.staleSessionMinutes,
        captureDeadlineWarningDays: options.captureDeadlineWarningDays,
        expiryGraceHours: options.expiryGraceHours,
      },
      stale,
      awaiting: sessions,
      payments,
      paymentRefs,
      manualRefunds,
      alerts,
      unapplied,
      orderOfCollection,
      orders,
    },
  }
}
