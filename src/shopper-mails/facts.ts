/**
 * Reads what the shopper mails are about: an order's Paygent payments (session, the newest provider state, Medusa's
 * payment) with the order's address, language and total, through Query. No writes.
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { paygentMethodOf } from "../storefront/labels"
import type { PaygentState } from "../providers/paygent/core/session-data"
import type { MailOrder, MailPayment } from "./types"

const ORDER_FIELDS = [
  "id",
  "display_id",
  "status",
  "email",
  "locale",
  "customer_id",
  "created_at",
  "currency_code",
  "total",
  "customer.first_name",
  "customer.last_name",
  "customer.metadata",
  "billing_address.first_name",
  "billing_address.last_name",
  "payment_collections.id",
  "payment_collections.payment_sessions.id",
  "payment_collections.payment_sessions.provider_id",
  "payment_collections.payment_sessions.status",
  "payment_collections.payment_sessions.data",
  "payment_collections.payments.id",
  "payment_collections.payments.provider_id",
  "payment_collections.payments.data",
  "payment_collections.payments.captured_at",
  "payment_collections.payments.payment_session_id",
]

/** Session statuses of a payment the shopper went through with (an abandoned choice stays pending / requires_more). */
const PLACED = new Set(["pending_authorization", "authorized", "captured", "canceled"])

function stateOf(data: Record<string, unknown> | null | undefined): PaygentState | undefined {
  const state = data?.paygent
  return state && typeof state === "object" ? (state as PaygentState) : undefined
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim() : null
}

function iso(value: unknown): string | null {
  if (!value) return null
  const date = value instanceof Date ? value : new Date(String(value))
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

function orderOf(order: any): MailOrder {
  const metadata = (order.customer?.metadata ?? {}) as Record<string, unknown>
  const first = text(order.billing_address?.first_name) ?? text(order.customer?.first_name) ?? ""
  const last = text(order.billing_address?.last_name) ?? text(order.customer?.last_name) ?? ""
  return {
    id: order.id,
    display_id: order.display_id ?? null,
    status: order.status,
    email: text(order.email),
    locale: text(order.locale) ?? text(metadata.locale) ?? text(metadata.language),
    customer_id: order.customer_id ?? null,
    customer_name: `${last} ${first}`.trim() || null,
    currency_code: order.currency_code,
    total: MathBN.convert(order.total ?? 0).toNumber(),
    created_at: iso(order.created_at),
  }
}

/** The Paygent payments of orders, one per payment session the shopper completed the order with. */
export async function loadMailPayments(container: MedusaContainer, orderIds: string[]): Promise<MailPayment[]> {
  const ids = [...new Set(orderIds.filter(Boolean))]
  if (!ids.length) {
    return []
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: ids } })
  const out: MailPayment[] = []
  for (const order of data as any[]) {
    const mailOrder = orderOf(order)
    for (const collection of order.payment_collections ?? []) {
      const payments = new Map<string, any>()
      for (const payment of collection.payments ?? []) {
        if (payment.payment_session_id) payments.set(payment.payment_session_id, payment)
      }
      for (const session of collection.payment_sessions ?? []) {
        const method = paygentMethodOf(session.provider_id)
        const payment = payments.get(session.id)
        const state = stateOf(payment?.data) ?? stateOf(session.data)
        if (!method || !state || (!state.trading_id && !state.payment_id) || !(payment || PLACED.has(session.status))) {
          continue
        }
        out.push({
          payment_session_id: session.id,
          session_status: session.status,
          method,
          state,
          medusa_payment_id: payment?.id ?? null,
          captured_at: iso(payment?.captured_at),
          order: mailOrder,
        })
      }
    }
  }
  return out
}

/** The orders of payment collections (Medusa links them through order_payment_collection). */
export async function orderIdsOfCollections(container: MedusaContainer, collectionIds: string[]): Promise<string[]> {
  const ids = [...new Set(collectionIds.filter(Boolean))]
  if (!ids.length) {
    return []
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order_payment_collection",
    fields: ["order_id"],
    filters: { payment_collection_id: ids },
  })
  return [...new Set((data as Array<{ order_id?: string }>).map((row) => row.order_id).filter((id): id is string => !!id))]
}

/** The orders of payment sessions. */
export async function orderIdsOfSessions(container: MedusaContainer, sessionIds: string[]): Promise<string[]> {
  const ids = [...new Set(sessionIds.filter(Boolean))]
  if (!ids.length) {
    return []
  }
  const sessions = await container
    .resolve<IPaymentModuleService>(Modules.PAYMENT)
    .listPaymentSessions({ id: ids }, { select: ["id", "payment_collection_id"], take: ids.length })
  return orderIdsOfCollections(
    container,
    sessions.map((session) => session.payment_collection_id)
  )
}

/** The orders of Medusa payments (the paid event names the payment). */
export async function orderIdsOfPayments(container: MedusaContainer, paymentIds: string[]): Promise<string[]> {
  const ids = [...new Set(paymentIds.filter(Boolean))]
  if (!ids.length) {
    return []
  }
  const payments = await container
    .resolve<IPaymentModuleService>(Modules.PAYMENT)
    .listPayments({ id: ids }, { select: ["id", "provider_id", "payment_collection_id"], take: ids.length })
  const paygent = payments.filter((payment) => paygentMethodOf(payment.provider_id))
  return orderIdsOfCollections(
    container,
    paygent.map((payment) => payment.payment_collection_id)
  )
}

/** The shop's name for the mails: the option, else the provider's storeName, else Medusa's store name. */
export async function shopNameOf(container: MedusaContainer, configured: string | undefined): Promise<string> {
  if (configured) {
    return configured
  }
  try {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "store", fields: ["name"], pagination: { take: 1 } })
    return text((data[0] as { name?: string } | undefined)?.name) ?? ""
  } catch {
    return ""
  }
}
