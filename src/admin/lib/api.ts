/** The plugin's admin routes, called through the js-sdk (session auth), and their react-query keys. */
import { sdk } from "./sdk"
import type {
  AmountChangePlan,
  BulkResult,
  InboxPage,
  InboxReason,
  OperationPlan,
  OrderView,
  PaygentAction,
  PaygentMethod,
  StoredNotice,
  SyncState,
  SyncSummary,
} from "./types"

export interface InboxFilters {
  reason: InboxReason[]
  method: PaygentMethod[]
  limit: number
  offset: number
}

export const paygentKeys = {
  all: ["paygent"] as const,
  order: (orderId: string) => ["paygent", "order", orderId] as const,
  notices: (orderId: string) => ["paygent", "notices", orderId] as const,
  inbox: (filters: InboxFilters) => ["paygent", "inbox", filters] as const,
  inboxAll: ["paygent", "inbox"] as const,
  sync: ["paygent", "sync"] as const,
}

export const fetchOrderView = (orderId: string) =>
  sdk.client.fetch<OrderView>(`/admin/paygent/orders/${encodeURIComponent(orderId)}`)

export const fetchOrderNotices = (orderId: string) =>
  sdk.client.fetch<{ notices: StoredNotice[] }>("/admin/paygent/inbox/notices", { query: { order_id: orderId } })

/** `?preview=true`: what the action would send, nothing is sent. */
export const previewAction = (orderId: string, action: PaygentAction) =>
  sdk.client.fetch<{ preview: true; plan: OperationPlan | AmountChangePlan }>(
    `/admin/paygent/orders/${encodeURIComponent(orderId)}/${action}`,
    { method: "POST", body: {}, query: { preview: "true" } }
  )

export const runAction = (orderId: string, action: PaygentAction) =>
  sdk.client.fetch<OrderView & { preview: false }>(`/admin/paygent/orders/${encodeURIComponent(orderId)}/${action}`, {
    method: "POST",
    body: {},
  })

export const fetchInbox = (filters: InboxFilters) =>
  sdk.client.fetch<InboxPage>("/admin/paygent/inbox", {
    query: {
      ...(filters.reason.length ? { reason: filters.reason.join(",") } : {}),
      ...(filters.method.length ? { method: filters.method.join(",") } : {}),
      limit: filters.limit,
      offset: filters.offset,
    },
  })

export const runBulk = (operation: "capture" | "cancel", orderIds: string[], preview: boolean) =>
  sdk.client.fetch<BulkResult>(`/admin/paygent/bulk/${operation}`, {
    method: "POST",
    body: { order_ids: orderIds },
    ...(preview ? { query: { preview: "true" } } : {}),
  })

export const resolveAlert = (alertId: string) =>
  sdk.client.fetch<{ alert: unknown }>(`/admin/paygent/alerts/${encodeURIComponent(alertId)}/resolve`, { method: "POST", body: {} })

export const fetchSync = () => sdk.client.fetch<SyncState>("/admin/paygent/sync")

export const runSyncNow = () => sdk.client.fetch<{ run: SyncSummary }>("/admin/paygent/sync", { method: "POST", body: {} })
