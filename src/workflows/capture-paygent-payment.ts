import { createWorkflow, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, capturePaymentWorkflow, releaseLockStep } from "@medusajs/medusa/core-flows"
import { paygentPaymentLockKey } from "../operations/order-payments"

export interface CapturePaygentPaymentInput {
  /** Medusa's payment id. */
  payment_id: string
  /** Yen; less than the authorization = a partial capture (補正売上 029). Default: the whole payment. */
  amount?: number
  captured_by?: string
}

export const capturePaygentPaymentWorkflowId = "paygent-capture-payment"

/**
 * The plugin's capture (売上): Medusa's own `capturePaymentWorkflow` (so Medusa records the capture, its order
 * transaction and `payment.captured`), under a lock on the payment so that clicks, retries and bulk runs of the
 * plugin queue up instead of racing. The provider then makes the capture idempotent against Paygent itself
 * (merchant-operations.ts), which also covers Medusa's own capture button, which does not take this lock.
 */
export const capturePaygentPaymentWorkflow = createWorkflow(
  capturePaygentPaymentWorkflowId,
  (input: WorkflowData<CapturePaygentPaymentInput>) => {
    const key = transform({ input }, ({ input }) => paygentPaymentLockKey(input.payment_id))
    acquireLockStep({ key, timeout: 30, ttl: 120 })
    const payment = capturePaymentWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        payment_id: input.payment_id,
        amount: input.amount,
        captured_by: input.captured_by,
      })),
    })
    releaseLockStep({ key })
    return new WorkflowResponse(payment)
  }
)
