import type { IPaymentModuleService } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, capturePaymentWorkflow, releaseLockStep } from "@medusajs/medusa/core-flows"
import { paygentPaymentLockKey } from "../operations/order-payments"

export interface CapturePaygentPaymentInput {
  /** Medusa's payment id. */
  payment_id: string
  /** Yen; less than the authorization = a partial capture (補正売上 029). Default: the whole payment. */
  amount?: number
  captured_by?: string
}

/** A capture of a payment Medusa already holds as fully captured (a second click, a click racing another). */
export function alreadyCapturedError(): MedusaError {
  return new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    "この支払いは売上済みです（ペイジェントでは1件の決済につき売上は1回です）。 / This payment is already captured (Paygent captures a payment once)."
  )
}

/**
 * Under the payment's lock: refuses a payment that is fully captured by now. Medusa's capture workflow would answer
 * it with success and add the existing capture to the order's transactions a second time.
 */
const refuseCapturedPaymentStep = createStep("paygent-refuse-captured-payment", async (input: { payment_id: string }, { container }) => {
  const payment = await container
    .resolve<IPaymentModuleService>(Modules.PAYMENT)
    .retrievePayment(input.payment_id, { select: ["id", "captured_at"] })
  if (payment.captured_at) {
    throw alreadyCapturedError()
  }
  return new StepResponse(void 0)
})

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
    refuseCapturedPaymentStep({ payment_id: input.payment_id })
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
