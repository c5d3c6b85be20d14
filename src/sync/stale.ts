import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { stateOf } from "../providers/paygent/core/session-data"
import { paygentProviderIds } from "./providers"
import { paymentTypeOfProvider } from "../notices/plan"
import { medusaFilter } from "../medusa/filters"
import { STATUS, PAYMENT_TYPE } from "../paygent/statuses"

/** Why a payment session is stuck in 決済処理中. */
export type StaleReason =
  /** The card's 3-D Secure authentication was started and never finished. */
  | "three_ds_abandoned"
  /** A card attempt failed and the shopper did not try again. */
  | "card_not_retried"
  /** The card was chosen but the order was never placed. */
  | "card_entry_abandoned"
  /** A net-bank order whose bank selection screen was never used (no bank chosen). */
  | "bank_screen_not_used"
  /** Konbini / Pay-easy chosen, order never placed. */
  | "checkout_abandoned"

export interface StaleSession {
  session_id: string
  provider_id: string
  status: string
  reason: StaleReason
  /** Last change of the session (ISO 8601). */
  since: string
  age_minutes: number
  amount: number
  trading_id?: string
  order_id?: string
  cart_id?: string
}

function reasonOf(type: string, status: string, data: Record<string, unknown> | undefined): StaleReason | undefined {
  const state = stateOf(data)
  if (type === PAYMENT_TYPE.CARD) {
    if (status === "requires_more" && state?.threeds?.state === "challenge") {
      return "three_ds_abandoned"
    }
    return state?.last_error || state?.input_error ? "card_not_retried" : "card_entry_abandoned"
  }
  if (status === "pending_authorization") {
    return type === PAYMENT_TYPE.BANK_NET && !state?.payment_id && (state?.payment_status ?? STATUS.APPLIED) === STATUS.APPLIED ? "bank_screen_not_used" : undefined
  }
  return "checkout_abandoned"
}

/**
 * Paygent payment sessions left in 決済処理中 longer than `olderThanMinutes`: card entry or 3-D Secure abandoned
 * (pending / requires_more), and net-bank orders whose bank screen was never used. The sync job lists them on
 * every run (paygent_sync_run.stale_sessions); this is also the query an admin page can call.
 */
export async function listStaleSessions(
  container: MedusaContainer,
  { now = new Date(), olderThanMinutes }: { now?: Date; olderThanMinutes: number }
): Promise<StaleSession[]> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const providers = await paygentProviderIds(container)
  if (!providers.length) {
    return []
  }
  const cutoff = new Date(now.getTime() - olderThanMinutes * 60_000)
  // Placed konbini / ATM orders wait in pending_authorization for days by design: only net bank's can be stale
  // (reasonOf), so the others are not read at all (at scale they are most of the sessions).
  const bankNet = providers.filter((id) => paymentTypeOfProvider(id) === PAYMENT_TYPE.BANK_NET)
  const sessions = await paymentModule.listPaymentSessions(
    medusaFilter({
      provider_id: providers,
      updated_at: { $lt: cutoff },
      $or: [{ status: ["pending", "requires_more"] }, ...(bankNet.length ? [{ provider_id: bankNet, status: "pending_authorization" }] : [])],
    }),
    { take: 1000, order: { updated_at: "ASC" } }
  )
  const found: Array<{ entry: StaleSession; collection: string }> = []
  for (const session of sessions) {
    const reason = reasonOf(paymentTypeOfProvider(session.provider_id)!, session.status, session.data)
    if (!reason) {
      continue
    }
    const since = new Date((session as { updated_at?: Date | string }).updated_at ?? now)
    const tradingId = stateOf(session.data)?.trading_id
    found.push({
      collection: session.payment_collection_id,
      entry: {
        session_id: session.id,
        provider_id: session.provider_id,
        status: session.status,
        reason,
        since: since.toISOString(),
        age_minutes: Math.floor((now.getTime() - since.getTime()) / 60_000),
        amount: Number(session.amount),
        ...(tradingId ? { trading_id: tradingId } : {}),
      },
    })
  }
  if (!found.length) {
    return []
  }
  const collections = [...new Set(found.map((f) => f.collection))]
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: orders }, { data: carts }] = await Promise.all([
    query.graph({ entity: "order_payment_collection", fields: ["order_id", "payment_collection_id"], filters: { payment_collection_id: collections } }),
    query.graph({ entity: "cart_payment_collection", fields: ["cart_id", "payment_collection_id"], filters: { payment_collection_id: collections } }),
  ])
  const orderOf = new Map((orders as Array<{ order_id: string; payment_collection_id: string }>).map((row) => [row.payment_collection_id, row.order_id]))
  const cartOf = new Map((carts as Array<{ cart_id: string; payment_collection_id: string }>).map((row) => [row.payment_collection_id, row.cart_id]))
  return found.map(({ entry, collection }) => {
    const orderId = orderOf.get(collection)
    const cartId = cartOf.get(collection)
    return { ...entry, ...(orderId ? { order_id: orderId } : {}), ...(cartId ? { cart_id: cartId } : {}) }
  })
}
