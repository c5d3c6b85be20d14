/**
 * Shapes of the plugin's admin API answers (src/api/admin/paygent/**), as the admin uses them: the types the routes
 * produce, imported type-only (nothing of the server reaches the admin's bundle) and passed through JsonShape (dates
 * arrive as strings), so a route that changes its answer breaks the admin's build instead of its pages.
 */
import type { Bilingual, InboxItem, InboxOrder, InboxReason } from "../../api/admin/paygent/inbox/types"
import type { PaygentMethod } from "../../paygent/methods"
import type { AttemptEnd } from "../../operations/order-attempts"
import type { OperationPlan, PlannedOperation } from "../../operations/plans"
import type { SyncSummary } from "../../sync/summary"
import type { NoticeTimelineEntry as StoredNotice } from "../../api/admin/paygent/inbox/notices/timeline"
import type { BulkAnswer, OrderView as ServerOrderView } from "../../operations/admin-actions"
import type { JsonShape } from "../../api/json-shape"
import type { SyncState as ServerSyncState } from "../../api/admin/paygent/sync/route"
import type { InboxPage as ServerInboxPage } from "../../api/admin/paygent/inbox/route"
import type { AmountChangePreview } from "../../api/admin/paygent/orders/[id]/change-amount/route"

export type { AttemptEnd, Bilingual, InboxItem, InboxOrder, InboxReason, OperationPlan, PaygentMethod, PlannedOperation, StoredNotice, SyncSummary }

/** GET /admin/paygent/orders/:id, as the route builds it (src/operations/admin-actions.ts orderView). */
export type OrderView = JsonShape<ServerOrderView>
/** One Paygent payment attempt of the order. */
export type OrderPayment = OrderView["payments"][number]
/** One ledger row of the order's telegrams. */
export type LedgerTelegram = OrderView["telegrams"][number]
/** What the shopper was given to pay with (konbini / Pay-easy numbers, the net bank's page). */
export type PaymentInstructions = NonNullable<OrderPayment["instructions"]>

/** The plan of an amount change's preview, as the route builds it. */
export type AmountChangePlan = JsonShape<AmountChangePreview>

export type PaygentAction = "capture" | "cancel" | "change-amount" | "refresh"

/** The inbox's reasons in the order the admin lists them (the API's reasons; the compiler refuses any other). */
export const INBOX_REASONS = [
  "checkout_abandoned",
  "awaiting_payment",
  "capture_deadline",
  "amount_mismatch",
  "manual_refund",
  "notice_overdue",
  "alert",
] as const satisfies readonly InboxReason[]
export const PAYGENT_METHODS: PaygentMethod[] = ["card", "konbini", "payeasy", "banknet"]

/** GET /admin/paygent/inbox, as the route builds it. */
export type InboxPage = JsonShape<ServerInboxPage>

/** POST /admin/paygent/bulk/{capture,cancel}, as the route builds it. */
export type BulkResult = JsonShape<BulkAnswer>

/** GET /admin/paygent/sync, as the route builds it. */
export type SyncState = JsonShape<ServerSyncState>
/** One run of the sync job (the module's paygent_sync_run row). */
export type SyncRun = SyncState["runs"][number]
