import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { cancelOrderWorkflow, releaseLockStep } from "@medusajs/medusa/core-flows"
import { linkManualRefundsStep } from "./steps/link-manual-refunds"
import { preparePaygentCancelStep } from "./steps/prepare-paygent-cancel"
import { settlePaidApplicationsStep } from "./steps/settle-paid-applications"
import { voidPaygentAuthorizationsStep } from "./steps/void-paygent-authorizations"
import { acquirePaygentLocksStep } from "./steps/acquire-paygent-locks"

export interface CancelPaygentOrderInput {
  order_id: string
  canceled_by?: string
  /** Owner of the payment locks for this run (a fresh id per call, e.g. a UUID). */
  lock_owner: string
}

export const cancelPaygentOrderWorkflowId = "paygent-cancel-order"

/**
 * The plugin's order cancel (取消): locks the order's Paygent payments, voids open card authorizations (021) first so
 * a failure stops the cancel with the reason, then runs Medusa's own `cancelOrderWorkflow`, whose refunds of captured
 * payments reach the provider (023, 029, or a manual refund owed past the deadline / for konbini, ATM and net bank).
 * An already cancelled order only gets its remaining open authorizations voided (a void that failed before).
 */
export const cancelPaygentOrderWorkflow = createWorkflow(
  cancelPaygentOrderWorkflowId,
  (input: WorkflowData<CancelPaygentOrderInput>) => {
    const prepared = preparePaygentCancelStep({ order_id: input.order_id })
    acquirePaygentLocksStep({ key: prepared.lock_keys, ownerId: input.lock_owner, timeout: 30, ttl: 300 })
    voidPaygentAuthorizationsStep({ payment_ids: prepared.void_payment_ids, order_id: input.order_id })
    settlePaidApplicationsStep({
      order_id: input.order_id,
      applications: prepared.applications,
      email: prepared.email,
      customer_name: prepared.customer_name,
    })
    when({ prepared }, ({ prepared }) => !prepared.already_canceled).then(() => {
      cancelOrderWorkflow.runAsStep({
        input: transform({ input }, ({ input }) => ({ order_id: input.order_id, canceled_by: input.canceled_by })),
      })
    })
    linkManualRefundsStep({ order_id: input.order_id })
    releaseLockStep({ key: prepared.lock_keys, ownerId: input.lock_owner })
    return new WorkflowResponse({ order_id: input.order_id })
  }
)
