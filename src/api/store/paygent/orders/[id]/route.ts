import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { describePaygentPayment, type PaygentRecordLike } from "../../../../../storefront/payment-view"
import { findPaygentSession } from "../../../../../storefront/session-state"

interface OrderRow {
  id: string
  display_id?: number
  customer_id?: string | null
  customer?: { has_account?: boolean } | null
  cart?: { id?: string } | null
  payment_collections?: { payment_sessions?: PaygentRecordLike[]; payments?: (PaygentRecordLike & { payment_session_id?: string })[] }[]
}

/**
 * GET /store/paygent/orders/:id — the order's Paygent payment as its shopper may see it: `{ paygent_payment: {
 * order_id, display_id, method, provider_id, status, amount, instructions?, card?, paid_at? } | null }` (see
 * src/storefront/payment-view.ts). While a konbini / Pay-easy / net-bank order waits for payment, `instructions`
 * hold the numbers, the deadline and the bank screen's URL.
 *
 * Scope: a guest order answers by its id, as Medusa's own `GET /store/orders/:id` does (the id is the secret); an
 * order of a registered customer answers only to that customer logged in, or to a request naming the order's cart
 * (`?cart_id=`, which the storefront that completed it knows). Anything else is "not found", so that an id alone
 * does not even tell that such an order exists.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "display_id",
      "customer_id",
      "customer.has_account",
      "cart.id",
      "payment_collections.payment_sessions.*",
      "payment_collections.payments.*",
    ],
    filters: { id: req.params.id },
  })
  const order = data[0] as OrderRow | undefined
  const cartId = typeof req.query.cart_id === "string" ? req.query.cart_id : undefined
  const customerId = req.auth_context?.actor_type === "customer" ? req.auth_context.actor_id : undefined
  const allowed =
    !!order &&
    ((cartId !== undefined && cartId === order.cart?.id) ||
      !order.customer?.has_account ||
      (customerId !== undefined && customerId === order.customer_id))
  if (!order || !allowed) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `ご注文が見つかりません。 / Order ${req.params.id} was not found.`)
  }
  const session = findPaygentSession(order)
  const payment = session
    ? order.payment_collections?.flatMap((collection) => collection.payments ?? []).find((p) => p.payment_session_id === session.id)
    : undefined
  const view = describePaygentPayment(payment ?? session)
  res.json({ paygent_payment: view ? { order_id: order.id, display_id: order.display_id, ...view } : null })
}
