import { transform, when, WorkflowData } from "@medusajs/framework/workflows-sdk"
import { createOrderPaymentCollectionWorkflow, updatePaymentCollectionStep } from "@medusajs/medusa/core-flows"

/** What a plan says about the payment collection for the part of the total a Paygent payment cannot hold. */
export interface DifferencePlan {
  order_id: string
  /** Amount owed on top (0 = none). */
  difference: number
  /** An unpaid collection of an earlier increase. */
  open_collection_id: string | null
  open_collection_amount: number
}

/**
 * Inside a confirmation workflow: creates the order's payment collection for the difference, resizes an unpaid one
 * of an earlier increase, or cancels it when nothing more is owed. Collections come before the Paygent change in the
 * workflows (they can be undone; an amount lowered at Paygent cannot). Returns the created collection, if any.
 */
export function syncDifferenceCollection(plan: WorkflowData<DifferencePlan>) {
  const created = when("paygent-create-difference-collection", { plan }, ({ plan }) => plan.difference > 0 && !plan.open_collection_id).then(
    () =>
      createOrderPaymentCollectionWorkflow.runAsStep({
        input: transform({ plan }, ({ plan }) => ({ order_id: plan.order_id, amount: plan.difference })),
      })
  )
  when(
    "paygent-resize-difference-collection",
    { plan },
    ({ plan }) => !!plan.open_collection_id && plan.difference > 0 && plan.difference !== plan.open_collection_amount
  ).then(() => {
    updatePaymentCollectionStep({ selector: { id: plan.open_collection_id! }, update: { amount: plan.difference } }).config({
      name: "paygent-resize-difference-collection-step",
    })
  })
  when("paygent-close-difference-collection", { plan }, ({ plan }) => !!plan.open_collection_id && plan.difference === 0).then(() => {
    updatePaymentCollectionStep({ selector: { id: plan.open_collection_id! }, update: { status: "canceled" } as any }).config({
      name: "paygent-close-difference-collection-step",
    })
  })
  return created
}

/** The id of the collection that now asks for the difference (created or resized), or null when none is owed. */
export function differenceCollectionId(plan: DifferencePlan, created: unknown): string | null {
  return plan.difference > 0 ? ((created as any)?.[0]?.id ?? plan.open_collection_id ?? null) : null
}
