import { createWorkflow, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { releaseLockStep } from "@medusajs/medusa/core-flows"
import { paygentOrderLockKeysStep } from "./steps/paygent-order-lock-keys"
import { refreshPaygentPaymentsStep } from "./steps/refresh-paygent-payments"
import { acquirePaygentLocksStep } from "./steps/acquire-paygent-locks"

export interface RefreshPaygentOrderInput {
  order_id: string
  /** Owner of the payment locks for this run (a fresh id per call). */
  lock_owner: string
}

export const refreshPaygentOrderWorkflowId = "paygent-refresh-order"

/**
 * 照会 (094) of every Paygent payment of an order, under the payment locks: Medusa's copy of the Paygent state is
 * brought up to date, and a konbini / ATM / net-bank order found paid becomes paid in Medusa.
 */
export const refreshPaygentOrderWorkflow = createWorkflow(
  refreshPaygentOrderWorkflowId,
  (input: WorkflowData<RefreshPaygentOrderInput>) => {
    const keys = paygentOrderLockKeysStep({ order_id: input.order_id })
    acquirePaygentLocksStep({ key: keys, ownerId: input.lock_owner, timeout: 30, ttl: 120 })
    const refreshed = refreshPaygentPaymentsStep({ order_id: input.order_id })
    releaseLockStep({ key: keys, ownerId: input.lock_owner })
    return new WorkflowResponse(refreshed)
  }
)
