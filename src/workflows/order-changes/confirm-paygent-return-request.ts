import { ChangeActionType, OrderWorkflowEvents, ReturnStatus } from "@medusajs/framework/utils"
import { createWorkflow, parallelize, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  confirmReturnRequestValidationStep,
  emitEventStep,
  previewOrderChangeStep,
  updateReturnsStep,
  useRemoteQueryStep,
} from "@medusajs/medusa/core-flows"
import { confirmOrderChangesStep } from "../steps/confirm-order-changes"
import { createReturnShippingFulfillment, extractShippingMethods } from "./medusa-parts"
import { createReturnItemsStep, requireItems } from "./return-items"
import {
  lockOrderAndPaygentPayment,
  queryActiveOrderChange,
  releaseOrderAndPaygentPayment,
  settlePaygentOrderChange,
} from "./settlement"

export interface ConfirmPaygentReturnRequestInput {
  return_id: string
  confirmed_by?: string
}

export const confirmPaygentReturnRequestWorkflowId = "paygent-confirm-return-request"

/**
 * `POST /admin/returns/:id/request` for an order paid through Paygent: Medusa 2.21.2's `confirmReturnRequestWorkflow`
 * step for step (return items, the return's fulfillment, the return requested, the change confirmed,
 * `order.return_requested`) without its payment-collection rebuild, which would cancel a card authorization (021)
 * before anything came back. The payment is left as it is; it is settled when the return is received.
 */
export const confirmPaygentReturnRequestWorkflow = createWorkflow(
  confirmPaygentReturnRequestWorkflowId,
  (input: WorkflowData<ConfirmPaygentReturnRequestInput>) => {
    const orderReturn = useRemoteQueryStep({
      entry_point: "return",
      fields: ["id", "status", "order_id", "location_id", "canceled_at"],
      variables: { id: input.return_id },
      list: false,
      throw_if_key_not_found: true,
    })
    const orderId = transform({ orderReturn }, ({ orderReturn }) => orderReturn.order_id as string)
    const located = lockOrderAndPaygentPayment(orderId)

    const order = useRemoteQueryStep({
      entry_point: "orders",
      fields: [
        "id",
        "version",
        "canceled_at",
        "items.id",
        "items.title",
        "items.variant_title",
        "items.variant_sku",
        "items.variant_barcode",
      ],
      variables: { id: orderId },
      list: false,
      throw_if_key_not_found: true,
    }).config({ name: "order-query" })
    const orderChange = queryActiveOrderChange({ order_id: orderId, return_id: input.return_id })
    confirmReturnRequestValidationStep({ order, orderReturn, orderChange } as any)

    const orderPreview = previewOrderChangeStep(orderId)
    const createdReturnItems = createReturnItemsStep(
      transform({ orderChange, input }, ({ orderChange, input }: any) => ({
        returnId: input.return_id,
        changes: (orderChange.actions ?? []).filter((a: any) => a.action === ChangeActionType.RETURN_ITEM),
      }))
    )
    requireItems({ inbound: createdReturnItems, both: false, message: "Order return request should have at least 1 item" })

    const shipping = transform({ orderPreview, input }, ({ orderPreview, input }) =>
      extractShippingMethods(orderPreview, input.return_id, null)
    )
    when({ shipping }, ({ shipping }) => !!shipping.returnShippingMethod).then(() => {
      createReturnShippingFulfillment({
        name: "return",
        order,
        items: createdReturnItems,
        shipping_option_id: transform({ shipping }, ({ shipping }) => shipping.returnShippingMethod.shipping_option_id),
        return_id: input.return_id,
      })
    })

    parallelize(
      updateReturnsStep(
        transform({ input }, ({ input }) => [{ id: input.return_id, status: ReturnStatus.REQUESTED, requested_at: new Date() }]) as any
      ),
      confirmOrderChangesStep({ changes: [orderChange], orderId, confirmed_by: input.confirmed_by }),
      emitEventStep({
        eventName: OrderWorkflowEvents.RETURN_REQUESTED,
        data: transform({ orderId, input }, ({ orderId, input }) => ({ order_id: orderId, return_id: input.return_id })),
      })
    )

    const paygent = settlePaygentOrderChange({ order_id: orderId, kind: "return_request", confirmed_by: input.confirmed_by, located })
    releaseOrderAndPaygentPayment(orderId, located)
    return new WorkflowResponse({ order_preview: orderPreview, paygent })
  }
)
