import { ChangeActionType, OrderWorkflowEvents, ReturnStatus } from "@medusajs/framework/utils"
import { createWorkflow, parallelize, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  confirmExchangeRequestValidationStep,
  createOrderExchangeItemsFromActionsStep,
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

export interface ConfirmPaygentExchangeInput {
  exchange_id: string
  confirmed_by?: string
}

export const confirmPaygentExchangeWorkflowId = "paygent-confirm-exchange"

/**
 * `POST /admin/exchanges/:id/request` for an order paid through Paygent: Medusa 2.21.2's `confirmExchangeRequestWorkflow`
 * step for step (exchange and return items, the change confirmed, the return requested, reservations for what goes
 * out, the return's fulfillment, `order.exchange_created`), under a lock on the order and on its Paygent payment, with
 * the payment settled by the plugin (settlement.ts) instead of Medusa's collection rebuild, which would cancel a card
 * authorization (021) and ask for the whole new total again.
 */
export const confirmPaygentExchangeWorkflow = createWorkflow(
  confirmPaygentExchangeWorkflowId,
  (input: WorkflowData<ConfirmPaygentExchangeInput>) => {
    const orderExchange = useRemoteQueryStep({
      entry_point: "order_exchange",
      fields: ["id", "status", "order_id", "canceled_at"],
      variables: { id: input.exchange_id },
      list: false,
      throw_if_key_not_found: true,
    })
    const orderId = transform({ orderExchange }, ({ orderExchange }) => orderExchange.order_id as string)
    const located = lockOrderAndPaygentPayment(orderId)

    const order = useRemoteQueryStep({
      entry_point: "orders",
      fields: ["id", "version", "canceled_at", "items.*", "items.item.id", "shipping_address.*"],
      variables: { id: orderId },
      list: false,
      throw_if_key_not_found: true,
    }).config({ name: "order-query" })
    const orderChange = queryActiveOrderChange({ order_id: orderId, exchange_id: input.exchange_id }, [
      "actions.exchange_id",
      "actions.return_id",
    ])
    confirmExchangeRequestValidationStep({ order, orderExchange, orderChange } as any)

    const { exchangeItems, returnItems } = transform({ orderChange }, ({ orderChange }: any) => {
      const actions = orderChange.actions ?? []
      const added = actions.filter((a: any) => a.action === ChangeActionType.ITEM_ADD)
      const returned = actions.filter((a: any) => a.action === ChangeActionType.RETURN_ITEM)
      return {
        exchangeItems: { changes: added, exchangeId: added[0]?.exchange_id },
        returnItems: { changes: returned, returnId: returned[0]?.return_id },
      }
    })
    const orderPreview = previewOrderChangeStep(orderId)
    const [createdExchangeItems, createdReturnItems] = parallelize(
      createOrderExchangeItemsFromActionsStep(exchangeItems),
      createReturnItemsStep(returnItems)
    )
    requireItems({
      outbound: createdExchangeItems,
      inbound: createdReturnItems,
      both: true,
      message: "Order exchange request should have at least 1 item inbound and 1 item outbound",
    })
    confirmOrderChangesStep({ changes: [orderChange], orderId, confirmed_by: input.confirmed_by })

    const returnId = transform({ createdReturnItems }, ({ createdReturnItems }) => createdReturnItems?.[0]?.return_id as string)
    when({ returnId }, ({ returnId }) => !!returnId).then(() => {
      updateReturnsStep(
        transform({ returnId }, ({ returnId }) => [{ id: returnId, status: ReturnStatus.REQUESTED, requested_at: new Date() }]) as any
      )
    })
    const shipping = transform({ orderPreview, orderExchange, returnId }, ({ orderPreview, orderExchange, returnId }) =>
      extractShippingMethods(orderPreview, returnId, { key: "exchange_id", id: orderExchange.id })
    )
    when({ shipping }, ({ shipping }) => !!shipping.outboundShippingMethod).then(() => {
      reserveOutboundItems({ name: "exchange", entry_point: "order_exchange", id: input.exchange_id, order_id: orderId })
    })
    when({ shipping, returnId }, ({ shipping, returnId }) => !!shipping.returnShippingMethod && !!returnId).then(() => {
      createReturnShippingFulfillment({
        name: "exchange",
        order,
        items: createdReturnItems,
        shipping_option_id: transform({ shipping }, ({ shipping }) => shipping.returnShippingMethod.shipping_option_id),
        return_id: returnId,
      })
    })

    const paygent = settlePaygentOrderChange({ order_id: orderId, kind: "exchange", confirmed_by: input.confirmed_by, located })
    emitEventStep({
      eventName: OrderWorkflowEvents.EXCHANGE_CREATED,
      data: transform({ orderId, input }, ({ orderId, input }) => ({ order_id: orderId, exchange_id: input.exchange_id })),
    })
    releaseOrderAndPaygentPayment(orderId, located)
    return new WorkflowResponse({ order_preview: orderPreview, paygent })
  }
)
