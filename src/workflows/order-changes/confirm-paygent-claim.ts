import { ChangeActionType, OrderWorkflowEvents, ReturnStatus } from "@medusajs/framework/utils"
import { createWorkflow, parallelize, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  confirmClaimRequestValidationStep,
  createOrderClaimItemsFromActionsStep,
  emitEventStep,
  previewOrderChangeStep,
  updateReturnsStep,
  useRemoteQueryStep,
} from "@medusajs/medusa/core-flows"
import { confirmOrderChangesStep } from "../steps/confirm-order-changes"
import { createReturnShippingFulfillment, extractShippingMethods, reserveOutboundItems } from "./medusa-parts"
import { createReturnItemsStep, requireItems } from "./return-items"
import {
  lockOrderAndPaygentPayment,
  queryActiveOrderChange,
  releaseOrderAndPaygentPayment,
  settlePaygentOrderChange,
} from "./settlement"

export interface ConfirmPaygentClaimInput {
  claim_id: string
  confirmed_by?: string
}

export const confirmPaygentClaimWorkflowId = "paygent-confirm-claim"

/**
 * `POST /admin/claims/:id/request` for an order paid through Paygent: Medusa 2.21.2's `confirmClaimRequestWorkflow`
 * step for step (claim and return items, the change confirmed, the return requested, reservations for replacements,
 * the return's fulfillment, `order.claim_created`), with the payment settled by the plugin (settlement.ts) instead of
 * Medusa's collection rebuild: a replacement that costs what the claimed item cost leaves the card authorization as
 * it is, where Medusa would cancel it and ask for the whole total again.
 */
export const confirmPaygentClaimWorkflow = createWorkflow(
  confirmPaygentClaimWorkflowId,
  (input: WorkflowData<ConfirmPaygentClaimInput>) => {
    const orderClaim = useRemoteQueryStep({
      entry_point: "order_claim",
      fields: ["id", "status", "order_id", "canceled_at", "additional_items.id"],
      variables: { id: input.claim_id },
      list: false,
      throw_if_key_not_found: true,
    })
    const orderId = transform({ orderClaim }, ({ orderClaim }) => orderClaim.order_id as string)
    const located = lockOrderAndPaygentPayment(orderId)

    const order = useRemoteQueryStep({
      entry_point: "orders",
      fields: ["id", "version", "canceled_at", "items.*", "items.item.id", "shipping_address.*"],
      variables: { id: orderId },
      list: false,
      throw_if_key_not_found: true,
    }).config({ name: "order-query" })
    const orderChange = queryActiveOrderChange({ order_id: orderId, claim_id: input.claim_id }, [
      "claim_id",
      "return_id",
      "actions.claim_id",
      "actions.return_id",
    ])
    confirmClaimRequestValidationStep({ order, orderClaim, orderChange } as any)

    const { claimItems, returnItems } = transform({ orderChange }, ({ orderChange }: any) => {
      const actions = orderChange.actions ?? []
      const claimed = actions.filter((a: any) => a.action === ChangeActionType.ITEM_ADD || a.action === ChangeActionType.WRITE_OFF_ITEM)
      const returned = actions.filter((a: any) => a.action === ChangeActionType.RETURN_ITEM)
      return {
        claimItems: { changes: claimed, claimId: claimed[0]?.claim_id },
        returnItems: { changes: returned, returnId: returned[0]?.return_id },
      }
    })
    const orderPreview = previewOrderChangeStep(orderId)
    const [createdClaimItems, createdReturnItems] = parallelize(
      createOrderClaimItemsFromActionsStep(claimItems),
      createReturnItemsStep(returnItems)
    )
    requireItems({
      outbound: createdClaimItems,
      inbound: createdReturnItems,
      both: false,
      message: "Order claim request should have at least 1 item",
    })
    const returnId = transform({ createdReturnItems }, ({ createdReturnItems }) => createdReturnItems?.[0]?.return_id as string)
    confirmOrderChangesStep({ changes: [orderChange], orderId, confirmed_by: input.confirmed_by })
    when({ returnId }, ({ returnId }) => !!returnId).then(() => {
      updateReturnsStep(
        transform({ returnId }, ({ returnId }) => [{ id: returnId, status: ReturnStatus.REQUESTED, requested_at: new Date() }]) as any
      )
    })

    const shipping = transform({ orderPreview, orderClaim, returnId }, ({ orderPreview, orderClaim, returnId }) =>
      extractShippingMethods(orderPreview, returnId, { key: "claim_id", id: orderClaim.id })
    )
    when({ shipping }, ({ shipping }) => !!shipping.outboundShippingMethod).then(() => {
      reserveOutboundItems({ name: "claim", entry_point: "order_claim", id: input.claim_id, order_id: orderId })
    })
    when({ shipping, returnId }, ({ shipping, returnId }) => !!shipping.returnShippingMethod && !!returnId).then(() => {
      createReturnShippingFulfillment({
        name: "claim",
        order,
        items: createdReturnItems,
        shipping_option_id: transform({ shipping }, ({ shipping }) => shipping.returnShippingMethod.shipping_option_id),
        return_id: returnId,
      })
    })

    const paygent = settlePaygentOrderChange({ order_id: orderId, kind: "claim", confirmed_by: input.confirmed_by, located })
    emitEventStep({
      eventName: OrderWorkflowEvents.CLAIM_CREATED,
      data: transform({ orderId, input }, ({ orderId, input }) => ({ order_id: orderId, claim_id: input.claim_id })),
    })
    releaseOrderAndPaygentPayment(orderId, located)
    return new WorkflowResponse({ order_preview: orderPreview, paygent })
  }
)
