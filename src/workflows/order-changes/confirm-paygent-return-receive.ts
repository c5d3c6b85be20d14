import { ChangeActionType, InventoryLevelWorkflowEvents, MathBN, OrderWorkflowEvents, ReturnStatus } from "@medusajs/framework/utils"
import { createWorkflow, parallelize, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  adjustInventoryLevelsStep,
  confirmReceiveReturnValidationStep,
  emitEventStep,
  previewOrderChangeStep,
  updateReturnItemsStep,
  updateReturnsStep,
  useRemoteQueryStep,
} from "@medusajs/medusa/core-flows"
import { confirmOrderChangesStep } from "../steps/confirm-order-changes"
import {
  lockOrderAndPaygentPayment,
  queryActiveOrderChange,
  releaseOrderAndPaygentPayment,
  settlePaygentOrderChange,
} from "./settlement"

export interface ConfirmPaygentReturnReceiveInput {
  return_id: string
  confirmed_by?: string
}

export const confirmPaygentReturnReceiveWorkflowId = "paygent-confirm-return-receive"

const RECEIVED = [ChangeActionType.RECEIVE_RETURN_ITEM, ChangeActionType.RECEIVE_DAMAGED_RETURN_ITEM] as string[]

/** Medusa's return item updates and the return's status from the change's receive actions (its own transform). */
function receivedUpdates({ orderChange, orderReturn }: { orderChange: any; orderReturn: any }) {
  const returnedQuantityMap: Record<string, any> = {}
  const items = orderReturn.items ?? []
  const received = (orderChange.actions ?? []).filter((action: any) => RECEIVED.includes(action.action))
  for (const action of received) {
    if (action.action !== ChangeActionType.RECEIVE_RETURN_ITEM) {
      continue
    }
    const variantId = items.find((item: any) => item.item_id === action.details.reference_id)?.item?.variant_id
    if (variantId) {
      returnedQuantityMap[variantId] = MathBN.add(returnedQuantityMap[variantId] ?? 0, action.details.quantity)
    }
  }
  const returnItemIdOf: Record<string, string> = Object.fromEntries(items.map((item: any) => [item.item_id, item.id]))
  const updates: Record<string, any> = {}
  for (const action of received) {
    const itemId = action.details.reference_id
    const damaged = action.action === ChangeActionType.RECEIVE_DAMAGED_RETURN_ITEM ? action.details.quantity : 0
    if (updates[itemId]) {
      updates[itemId].received_quantity = MathBN.add(updates[itemId].received_quantity, action.details.quantity)
      updates[itemId].damaged_quantity = MathBN.add(updates[itemId].damaged_quantity, damaged)
    } else {
      updates[itemId] = { id: returnItemIdOf[itemId], received_quantity: action.details.quantity, damaged_quantity: damaged }
    }
  }
  const all = items.every((item: any) => MathBN.eq(updates[item.item_id]?.received_quantity ?? item.received_quantity, item.quantity))
  return {
    updateReturnItem: Object.values(updates),
    returnedQuantityMap,
    updateReturn: {
      id: orderReturn.id,
      ...(all ? { status: ReturnStatus.RECEIVED, received_at: new Date() } : { status: ReturnStatus.PARTIALLY_RECEIVED }),
    },
  }
}

/** Medusa's stock adjustment of what came back, at the return's location (its own prepareInventoryUpdate). */
function inventoryAdjustment({ orderReturn, returnedQuantityMap }: { orderReturn: any; returnedQuantityMap: Record<string, any> }) {
  let managed = false
  let stocked = false
  const inventoryItems = new Map<string, { variant_id: string; inventory_item_id: string; required_quantity: any }>()
  for (const returnItem of orderReturn.items ?? []) {
    const variant = returnItem.item?.variant
    if (!variant?.manage_inventory) {
      continue
    }
    managed = true
    for (const link of variant.inventory_items ?? []) {
      const levels = link.inventory?.location_levels ?? []
      if (!levels.some((level: any) => level?.location_id === orderReturn.location_id)) {
        continue
      }
      stocked = true
      if (!inventoryItems.has(link.inventory_item_id)) {
        inventoryItems.set(link.inventory_item_id, {
          variant_id: link.variant_id ?? returnItem.item.variant_id,
          inventory_item_id: link.inventory_item_id,
          required_quantity: link.required_quantity,
        })
      }
    }
  }
  if (managed && !stocked) {
    throw new Error(`Cannot receive the Return at location ${orderReturn.location_id}`)
  }
  const adjustments: Array<{ inventory_item_id: string; location_id: string; adjustment: any }> = []
  for (const [variantId, quantity] of Object.entries(returnedQuantityMap)) {
    for (const link of inventoryItems.values()) {
      if (link.variant_id === variantId) {
        adjustments.push({
          inventory_item_id: link.inventory_item_id,
          location_id: orderReturn.location_id,
          adjustment: MathBN.mult(quantity, link.required_quantity),
        })
      }
    }
  }
  return adjustments
}

/**
 * `POST /admin/returns/:id/receive/confirm` for an order paid through Paygent: Medusa 2.21.2's
 * `confirmReturnReceiveWorkflow` step for step (return items received, the return's status, the change confirmed,
 * stock back at the location, `order.return_received`), with the payment settled by the plugin for what came back
 * (028 / 029 / 023 / 021, or a manual refund owed) instead of Medusa's collection rebuild.
 */
export const confirmPaygentReturnReceiveWorkflow = createWorkflow(
  confirmPaygentReturnReceiveWorkflowId,
  (input: WorkflowData<ConfirmPaygentReturnReceiveInput>) => {
    const orderReturn = useRemoteQueryStep({
      entry_point: "return",
      fields: [
        "id",
        "status",
        "order_id",
        "location_id",
        "canceled_at",
        "items.*",
        "items.item.variant_id",
        "items.item.variant.manage_inventory",
        "items.item.variant.inventory_items.inventory_item_id",
        "items.item.variant.inventory_items.variant_id",
        "items.item.variant.inventory_items.required_quantity",
        "items.item.variant.inventory_items.inventory.location_levels.location_id",
      ],
      variables: { id: input.return_id },
      list: false,
      throw_if_key_not_found: true,
    })
    const orderId = transform({ orderReturn }, ({ orderReturn }) => orderReturn.order_id as string)
    const located = lockOrderAndPaygentPayment(orderId)

    const order = useRemoteQueryStep({
      entry_point: "orders",
      fields: ["id", "version", "canceled_at"],
      variables: { id: orderId },
      list: false,
      throw_if_key_not_found: true,
    }).config({ name: "order-query" })
    const orderChange = queryActiveOrderChange({ order_id: orderId, return_id: input.return_id })

    const { updateReturnItem, returnedQuantityMap, updateReturn } = transform({ orderChange, orderReturn }, receivedUpdates)
    const adjustments = transform({ orderReturn, returnedQuantityMap }, inventoryAdjustment)
    confirmReceiveReturnValidationStep({ order, orderReturn, orderChange } as any)
    const [, , , adjustedLevels] = parallelize(
      updateReturnsStep([updateReturn] as any),
      updateReturnItemsStep(updateReturnItem as any),
      confirmOrderChangesStep({ changes: [orderChange], orderId, confirmed_by: input.confirmed_by }),
      adjustInventoryLevelsStep(adjustments as any)
    )

    const paygent = settlePaygentOrderChange({ order_id: orderId, kind: "return_receive", confirmed_by: input.confirmed_by, located })
    const levelEvents = transform({ adjustedLevels, orderId }, ({ adjustedLevels, orderId }) =>
      ((adjustedLevels as any[]) ?? []).map((level) => ({ id: level.id, order_id: orderId }))
    )
    parallelize(
      emitEventStep({
        eventName: OrderWorkflowEvents.RETURN_RECEIVED,
        data: transform({ orderId, input }, ({ orderId, input }) => ({ order_id: orderId, return_id: input.return_id })),
      }),
      emitEventStep({ eventName: InventoryLevelWorkflowEvents.UPDATED, data: levelEvents }).config({
        name: "emit-inventory-level-updated",
      })
    )
    releaseOrderAndPaygentPayment(orderId, located)
    return new WorkflowResponse({ order_preview: previewOrderChangeStep(orderId), paygent })
  }
)
