import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

import { authorizePaygentOrderPaymentWorkflow } from "../../../../../../workflows/authorize-paygent-order-payment"
import type { AuthorizeDifferenceBodyType } from "../../../../../validators"

/**
 * POST /store/paygent/payment-collections/:id/authorize { payment_session_id } — pays what an exchange or order edit
 * left owing: the storefront creates a Paygent payment session on the order's new payment collection (Medusa's
 * `POST /store/payment-collections/:id/payment-sessions`, with a card token, or the konbini / Pay-easy / net-bank
 * data), goes through 3-D Secure if asked (as at checkout), then calls this. Answers the collection with its
 * sessions and payments (a konbini / ATM / net-bank session is then waiting for the shopper, with its numbers).
 */
export const POST = async (req: MedusaRequest<AuthorizeDifferenceBodyType>, res: MedusaResponse) => {
  const { payment_session_id } = req.validatedBody
  const { result } = await authorizePaygentOrderPaymentWorkflow(req.scope).run({
    input: { payment_collection_id: req.params.id, payment_session_id },
  })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment_collection",
    fields: [
      "id",
      "status",
      "amount",
      "currency_code",
      "authorized_amount",
      "payment_sessions.id",
      "payment_sessions.provider_id",
      "payment_sessions.status",
      "payment_sessions.amount",
      "payment_sessions.data",
      "payments.id",
      "payments.amount",
      "payments.provider_id",
    ],
    filters: { id: req.params.id },
  })
  res.json({ payment_collection: data[0], order_id: result.order_id, payment_id: (result.payment as any)?.id ?? null })
}
