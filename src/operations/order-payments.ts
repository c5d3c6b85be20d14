import type { BigNumberInput, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { isAuthorized, isPaid, STATUS, statusLabel, statusName } from "../paygent"
import { PAYMENT_TYPE_OF, paygentMethodOf } from "../paygent/methods"
import type { PaygentState } from "../providers/paygent/core/session-data"
import type { PaygentMethod } from "../paygent/methods"

/**
 * An order's Paygent payments as the merchant operations see them: Medusa's payment (or, for a konbini / ATM /
 * net-bank order still waiting for the shopper, its payment session) with the provider's state `data.paygent`.
 */
export interface OrderPaygentPayment {
  /** Medusa's payment, once there is one (card: at authorization; konbini & co.: once paid). */
  medusa_payment_id: string | null
  payment_session_id: string | null
  payment_collection_id: string
  provider_id: string
  method: PaygentMethod
  paygent: PaygentState
  /** Medusa's view, yen. */
  amount: number
  captured: number
  refunded: number
  captured_at: string | null
  canceled_at: string | null
  session_status: string | null
}

export interface OrderWithPaygent {
  id: string
  display_id: number | null
  status: string
  email: string | null
  currency_code: string
  /**
   * What the customer owes for the order in Medusa's accounting (order.summary: transactions + the outstanding
   * difference): the order total, less the items whose return is requested (an exchange or claim not received yet).
   */
  total: number
  customer_name: string | null
  has_open_fulfillments: boolean
  /** Every payment collection of the order (also those whose Paygent attempts all ended). */
  payment_collection_ids: string[]
  payments: OrderPaygentPayment[]
}

export { PAYMENT_TYPE_OF, METHOD_LABELS, paygentPaymentLockKey, paygentMethodOf } from "../paygent/methods"

/** The order a Medusa payment belongs to (through its payment collection), if any. */
export async function orderIdOfPayment(container: MedusaContainer, paymentId: string): Promise<string | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "payment", fields: ["id", "payment_collection.order.id"], filters: { id: paymentId } })
  return (data[0] as { payment_collection?: { order?: { id?: string } } } | undefined)?.payment_collection?.order?.id
}

/** transaction_total + pending_difference of an order summary (Query returns them as numbers or BigNumber JSON). */
export function accountingTotal(summary: Record<string, unknown>): number {
  const value = (key: string) => Number((summary[`raw_${key}`] as { value?: string } | undefined)?.value ?? summary[key] ?? 0)
  return value("transaction_total") + value("pending_difference")
}

function yen(value: unknown): number {
  if (value === null || value === undefined) {
    return 0
  }
  return MathBN.convert(value as BigNumberInput).toNumber()
}

function sum(rows: Array<{ amount?: unknown; raw_amount?: unknown }> | null | undefined): number {
  return (rows ?? []).reduce((total, row) => total + yen(row.raw_amount ?? row.amount), 0)
}

const ORDER_FIELDS = [
  "id",
  "display_id",
  "status",
  "email",
  "currency_code",
  "total",
  "summary",
  "customer.first_name",
  "customer.last_name",
  "billing_address.first_name",
  "billing_address.last_name",
  "fulfillments.id",
  "fulfillments.canceled_at",
  "payment_collections.id",
  "payment_collections.status",
  "payment_collections.payment_sessions.id",
  "payment_collections.payment_sessions.provider_id",
  "payment_collections.payment_sessions.status",
  "payment_collections.payment_sessions.amount",
  "payment_collections.payment_sessions.data",
  "payment_collections.payments.id",
  "payment_collections.payments.provider_id",
  "payment_collections.payments.amount",
  "payment_collections.payments.data",
  "payment_collections.payments.captured_at",
  "payment_collections.payments.canceled_at",
  "payment_collections.payments.payment_session_id",
  "payment_collections.payments.captures.id",
  "payment_collections.payments.captures.amount",
  "payment_collections.payments.refunds.id",
  "payment_collections.payments.refunds.amount",
]

/** Reads an order with its Paygent payments and sessions (Query), or throws NOT_FOUND. */
export async function loadOrderPaygent(container: MedusaContainer, orderId: string): Promise<OrderWithPaygent> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: orderId } })
  const order = data[0] as any
  if (!order) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found. / 注文 ${orderId} が見つかりません。`)
  }
  const payments: OrderPaygentPayment[] = []
  for (const collection of order.payment_collections ?? []) {
    const paidSessions = new Set<string>()
    for (const payment of collection.payments ?? []) {
      const method = paygentMethodOf(payment.provider_id)
      const state = payment.data?.paygent as PaygentState | undefined
      if (payment.payment_session_id) {
        paidSessions.add(payment.payment_session_id)
      }
      if (!method || !state) {
        continue
      }
      payments.push({
        medusa_payment_id: payment.id,
        payment_session_id: payment.payment_session_id ?? payment.data?.session_id ?? null,
        payment_collection_id: collection.id,
        provider_id: payment.provider_id,
        method,
        paygent: state,
        amount: yen(payment.amount),
        captured: sum(payment.captures),
        refunded: sum(payment.refunds),
        captured_at: payment.captured_at ?? null,
        canceled_at: payment.canceled_at ?? null,
        session_status: null,
      })
    }
    for (const session of collection.payment_sessions ?? []) {
      const method = paygentMethodOf(session.provider_id)
      const state = session.data?.paygent as PaygentState | undefined
      // Sessions that became payments are listed as payments; the others only when Paygent knows them.
      if (!method || !state || paidSessions.has(session.id) || (!state.payment_id && !state.trading_id)) {
        continue
      }
      if (!["pending_authorization", "authorized", "captured"].includes(session.status)) {
        continue
      }
      payments.push({
        medusa_payment_id: null,
        payment_session_id: session.id,
        payment_collection_id: collection.id,
        provider_id: session.provider_id,
        method,
        paygent: state,
        amount: yen(session.amount),
        captured: 0,
        refunded: 0,
        captured_at: null,
        canceled_at: null,
        session_status: session.status,
      })
    }
  }
  const first = order.billing_address?.first_name ?? order.customer?.first_name ?? ""
  const last = order.billing_address?.last_name ?? order.customer?.last_name ?? ""
  return {
    id: order.id,
    display_id: order.display_id ?? null,
    status: order.status,
    email: order.email ?? null,
    currency_code: order.currency_code,
    total: order.summary ? accountingTotal(order.summary) : yen(order.total),
    customer_name: `${last} ${first}`.trim() || null,
    has_open_fulfillments: (order.fulfillments ?? []).some((f: any) => !f.canceled_at),
    payment_collection_ids: (order.payment_collections ?? []).filter(Boolean).map((c: any) => c.id),
    payments,
  }
}

/** Paygent statuses in which the payment holds money (authorized, captured, paid). */

/**
 * The amounts the merchant compares: what Paygent holds (after partial captures / refunds), what Medusa's records
 * say it should hold (captured − refunded, or the authorization; 0 once cancelled), and the order total.
 */
export function amountsOf(payment: OrderPaygentPayment, orderTotal: number) {
  const state = payment.paygent
  const status = state.payment_status ?? ""
  const manual = (state.manual_refunds ?? []).reduce((total, row) => total + row.amount, 0)
  const applied = payment.method !== "card" && status === STATUS.APPLIED
  const atPaygent = state.zero_amount ? 0 : isAuthorized(status) || isPaid(status) || applied ? state.amount : 0
  let expected: number
  if (payment.medusa_payment_id === null) {
    expected = payment.amount
  } else if (payment.canceled_at) {
    expected = 0
  } else if (payment.captured > 0) {
    expected = payment.captured - payment.refunded
  } else {
    expected = payment.amount
  }
  // Money Paygent still holds but the merchant owes back by hand counts as returned.
  const net = atPaygent - manual
  return {
    amount_at_paygent: atPaygent,
    manual_refunds_owed: manual,
    expected_at_paygent: expected,
    order_total: orderTotal,
    mismatch: !state.zero_amount && net !== expected,
    differs_from_order_total: atPaygent !== orderTotal,
  }
}

export function statusView(payment: OrderPaygentPayment) {
  const code = payment.paygent.payment_status ?? null
  const type = PAYMENT_TYPE_OF[payment.method]
  return {
    code,
    label: code ? (statusLabel(type, code) ?? null) : null,
    name: code ? (statusName(code) ?? null) : null,
  }
}

export function deadlinePassed(iso: string | undefined, at: Date = new Date()): boolean {
  return !!iso && new Date(iso).getTime() < at.getTime()
}
