import { ContainerRegistrationKeys, MedusaError, PaymentCollectionStatus } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, authorizePaymentSessionStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { paygentMethodOf, paygentPaymentLockKey } from "../operations/order-payments"

export interface AuthorizePaygentOrderPaymentInput {
  payment_collection_id: string
  payment_session_id: string
}

const notPayable = (ja: string, en: string) => new MedusaError(MedusaError.Types.NOT_ALLOWED, `${ja} / ${en}`)

/**
 * The collection must be an order's (a difference left by an exchange or an order edit), not a cart's (carts are paid
 * by completing them), still open, and the session one of its Paygent sessions.
 */
const checkOrderPaymentStep = createStep("paygent-check-order-payment", async (input: AuthorizePaygentOrderPaymentInput, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment_collection",
    fields: ["id", "status", "order.id", "cart.id", "payment_sessions.id", "payment_sessions.provider_id", "payment_sessions.status"],
    filters: { id: input.payment_collection_id },
  })
  const collection = data[0] as any
  if (!collection) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payment collection ${input.payment_collection_id} was not found`)
  }
  if (!collection.order?.id || collection.cart?.id) {
    throw notPayable("このお支払いは注文の追加のお支払いではありません（カートはご注文の確定でお支払いください）。", "This is not an order's payment (a cart is paid by completing it).")
  }
  if (![PaymentCollectionStatus.NOT_PAID, PaymentCollectionStatus.AWAITING].includes(collection.status)) {
    throw notPayable("このお支払いは既に完了しているか、取り消されています。", `This payment is ${collection.status}; there is nothing left to pay.`)
  }
  const session = (collection.payment_sessions ?? []).find((s: any) => s.id === input.payment_session_id)
  if (!session || !paygentMethodOf(session.provider_id)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "payment_session_id: ペイジェントのお支払いではありません / not a Paygent payment session of this collection"
    )
  }
  return new StepResponse({ order_id: collection.order.id as string })
})

export const authorizePaygentOrderPaymentWorkflowId = "paygent-authorize-order-payment"

/**
 * Authorizes a Paygent payment session on an order's own payment collection — what an exchange or order edit that
 * needs more money leaves for the storefront to collect. Medusa 2.21 authorizes such sessions only from a provider's
 * webhook (processPaymentWorkflow); Paygent's card authorization has no webhook, so the storefront asks here after
 * creating the session (`POST /store/payment-collections/:id/payment-sessions`). Locked per session, and the
 * provider's own checks make a repeated call answer with the payment already made.
 */
export const authorizePaygentOrderPaymentWorkflow = createWorkflow(
  authorizePaygentOrderPaymentWorkflowId,
  (input: WorkflowData<AuthorizePaygentOrderPaymentInput>) => {
    const checked = checkOrderPaymentStep(input)
    const key = transform({ input }, ({ input }) => paygentPaymentLockKey(input.payment_session_id))
    acquireLockStep({ key, timeout: 30, ttl: 120 })
    const payment = authorizePaymentSessionStep(transform({ input }, ({ input }) => ({ id: input.payment_session_id, context: {} })))
    releaseLockStep({ key })
    return new WorkflowResponse({ order_id: checked.order_id, payment })
  }
)
