import {
  ChangeActionType,
  MathBN,
  Modules,
  OrderChangeStatus,
  OrderEditWorkflowEvents,
  ReservationItemWorkflowEvents,
} from "@medusajs/framework/utils"
import {
  createStep,
  createWorkflow,
  parallelize,
  StepResponse,
  transform,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  confirmOrderEditRequestValidationStep,
  confirmVariantInventoryWorkflow,
  deleteReservationsByLineItemsStep,
  emitEventStep,
  previewOrderChangeStep,
  releaseLockStep,
  reserveInventoryStep,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { loadOrderPaymentPicture, OrderEditPlan, planOrderEdit, unwrap } from "../amount-change/plan"
import type { AmountChangeOutcome } from "../amount-change/change"
import { changePaygentAmountStep } from "./steps/change-paygent-amount"
import { confirmOrderChangesStep } from "./steps/confirm-order-changes"
import { differenceCollectionId, syncDifferenceCollection } from "./difference-collection"
import { paygentPaymentLockKey } from "../operations/order-payments"

export interface ConfirmPaygentOrderEditInput {
  order_id: string
  confirmed_by?: string
}

/** What the plugin did about the payment, returned next to `order_preview`. */
export interface PaygentOrderEditResult {
  action: OrderEditPlan["action"] | "collect_difference"
  message: { ja: string; en: string }
  previous_total: number
  new_total: number
  /** What Paygent holds now. */
  paygent_amount: number
  /** Created or resized for the part Paygent cannot hold. */
  difference_payment_collection_id: string | null
  difference: number
  change: AmountChangeOutcome
}

// Copied from @medusajs/core-flows 2.21.2 (order-edit/utils/fields.ts and cart/utils/prepare-confirm-inventory-input.ts),
// which do not export them.
const FIELDS_TO_REFRESH_ORDER_EDIT = [
  "id",
  "status",
  "version",
  "currency_code",
  "email",
  "canceled_at",
  "sales_channel_id",
  "region_id",
  "customer_id",
  "customer.*",
  "customer.groups.*",
  "promotions.*",
  "subtotal",
  "items.*",
  "items.subtotal",
  "items.product.id",
  "items.product_id",
  "items.adjustments.*",
  "shipping_methods.*",
  "shipping_methods.adjustments.*",
  "shipping_methods.shipping_option_id",
  "shipping_address.*",
]
const INVENTORY_FIELDS = [
  "id",
  "version",
  "canceled_at",
  "sales_channel_id",
  "items.*",
  "items.variant.manage_inventory",
  "items.variant.allow_backorder",
  "items.variant.inventory_items.inventory_item_id",
  "items.variant.inventory_items.required_quantity",
  "items.variant.inventory_items.inventory.location_levels.stocked_quantity",
  "items.variant.inventory_items.inventory.location_levels.reserved_quantity",
  "items.variant.inventory_items.inventory.location_levels.raw_stocked_quantity",
  "items.variant.inventory_items.inventory.location_levels.raw_reserved_quantity",
  "items.variant.inventory_items.inventory.location_levels.location_id",
  "items.variant.inventory_items.inventory.location_levels.stock_locations.id",
  "items.variant.inventory_items.inventory.location_levels.stock_locations.name",
  "items.variant.inventory_items.inventory.location_levels.stock_locations.sales_channels.id",
  "items.variant.inventory_items.inventory.location_levels.stock_locations.sales_channels.name",
]
const ORDER_FIELDS = [...new Set([...INVENTORY_FIELDS, ...FIELDS_TO_REFRESH_ORDER_EDIT])]

const planPaygentOrderEditStep = createStep(
  "paygent-plan-order-edit",
  async (input: { order_id: string; new_total: number }, { container }) => {
    const picture = await loadOrderPaymentPicture(container, input.order_id)
    return new StepResponse(unwrap(planOrderEdit(picture, input.new_total)))
  }
)

/**
 * Confirms an order edit of an order paid with a Paygent card. It does what Medusa's
 * `confirmOrderEditRequestWorkflow` does (order lock, validation, confirming the change, reservations, the
 * `order-edit.confirmed` event) except its `createOrUpdateOrderPaymentCollectionWorkflow`, which would cancel the
 * card authorization (021) and ask the customer to pay the whole new total again. Instead:
 * - a lower total keeps the authorization and lowers it at Paygent: 028 before capture (Medusa's payment,
 *   session and collection then hold the new amount), 029 after capture (recorded as a refund of the difference);
 * - a higher total keeps the authorization as it is (Paygent cannot raise an amount) and asks for the difference
 *   in a new payment collection of the order.
 * The Paygent change comes last: an amount once lowered at Paygent cannot be raised back by a compensation.
 */
export const confirmPaygentOrderEditWorkflow = createWorkflow(
  "paygent-confirm-order-edit",
  (input: WorkflowData<ConfirmPaygentOrderEditInput>) => {
    acquireLockStep({ key: input.order_id, timeout: 2, ttl: 300 })

    const orderResult = useQueryGraphStep({
      entity: "order",
      fields: FIELDS_TO_REFRESH_ORDER_EDIT,
      filters: { id: input.order_id },
      options: { throwIfKeyNotFound: true },
    }).config({ name: "order-query" })
    const order = transform({ orderResult }, ({ orderResult }) => orderResult.data[0] as any)

    const orderChangeResult = useQueryGraphStep({
      entity: "order_change",
      fields: [
        "id",
        "status",
        "no_notification",
        "actions.id",
        "actions.order_id",
        "actions.return_id",
        "actions.action",
        "actions.details",
        "actions.reference",
        "actions.reference_id",
        "actions.internal_note",
      ],
      filters: { order_id: input.order_id, status: [OrderChangeStatus.PENDING, OrderChangeStatus.REQUESTED] },
    }).config({ name: "order-change-query" })
    const orderChange = transform({ orderChangeResult }, ({ orderChangeResult }) => orderChangeResult.data[0] as any)

    confirmOrderEditRequestValidationStep({ order, orderChange })
    const orderPreview = previewOrderChangeStep(order.id)

    const newTotal = transform({ orderPreview }, ({ orderPreview }) => Number(orderPreview.total))
    const plan = planPaygentOrderEditStep({ order_id: input.order_id, new_total: newTotal })
    const paymentLock = transform({ plan }, ({ plan }) => paygentPaymentLockKey(plan.payment_id))
    acquireLockStep({ key: paymentLock, timeout: 5, ttl: 300 }).config({ name: "acquire-paygent-payment-lock" })

    confirmOrderChangesStep({ changes: [orderChange], orderId: order.id, confirmed_by: input.confirmed_by })

    const { data: refreshedOrder } = useQueryGraphStep({
      entity: "order",
      fields: ORDER_FIELDS,
      filters: { id: input.order_id },
      options: { throwIfKeyNotFound: true, isList: false },
    }).config({ name: "order-items-query" })

    // Reservations, as Medusa's confirmation makes them.
    const { variants, items, toRemoveReservationLineItemIds } = transform(
      { refreshedOrder, previousOrderItems: order.items, orderPreview },
      ({ refreshedOrder, previousOrderItems, orderPreview }: any) => {
        const allItems: any[] = []
        const allVariants: any[] = []
        const previousItemIds = (previousOrderItems || []).map(({ id }: any) => id)
        const currentItemIds = refreshedOrder.items.map(({ id }: any) => id)
        const removedItemIds = previousItemIds.filter((id: string) => !currentItemIds.includes(id))
        const updatedItemIds: string[] = []
        refreshedOrder.items.forEach((ordItem: any) => {
          const itemAction = orderPreview.items?.find(
            (item: any) =>
              item.id === ordItem.id &&
              item.actions?.find((a: any) => a.action === ChangeActionType.ITEM_ADD || a.action === ChangeActionType.ITEM_UPDATE)
          )
          if (!itemAction) {
            return
          }
          if (itemAction.actions.find((a: any) => a.action === ChangeActionType.ITEM_UPDATE)) {
            updatedItemIds.push(ordItem.id)
          }
          const newQuantity = itemAction.raw_quantity ?? itemAction.quantity
          allItems.push({
            id: ordItem.id,
            variant_id: ordItem.variant_id,
            quantity: MathBN.sub(newQuantity, ordItem.raw_fulfilled_quantity),
          })
          allVariants.push(ordItem.variant)
        })
        return {
          variants: allVariants,
          items: allItems,
          toRemoveReservationLineItemIds: [...removedItemIds, ...updatedItemIds],
        }
      }
    )
    const deletedReservationIds = deleteReservationsByLineItemsStep(toRemoveReservationLineItemIds)
    // Core's prepareConfirmInventoryInput is reached through this exported workflow (it also checks the stock,
    // which the reservation itself would check too).
    const inventory = confirmVariantInventoryWorkflow.runAsStep({
      input: { sales_channel_id: refreshedOrder.sales_channel_id, variants, items } as any,
    })
    const createdReservations = reserveInventoryStep(inventory as any)
    const { reservationDeletedEvents, reservationCreatedEvents } = transform(
      { deletedReservationIds, createdReservations, order },
      ({ deletedReservationIds, createdReservations, order }) => ({
        reservationDeletedEvents: ((deletedReservationIds as string[]) ?? []).map((id) => ({ id, order_id: order.id })),
        reservationCreatedEvents: (createdReservations ?? []).map((reservation: any) => ({
          id: reservation.id,
          order_id: order.id,
        })),
      })
    )
    parallelize(
      emitEventStep({ eventName: ReservationItemWorkflowEvents.DELETED, data: reservationDeletedEvents }).config({
        name: "emit-reservation-item-deleted",
      }),
      emitEventStep({ eventName: ReservationItemWorkflowEvents.CREATED, data: reservationCreatedEvents }).config({
        name: "emit-reservation-item-created",
      })
    )

    // The payment, instead of createOrUpdateOrderPaymentCollectionWorkflow. Collections first (they can be undone).
    const created = syncDifferenceCollection(plan)
    const change = changePaygentAmountStep({ plan, actor_id: input.confirmed_by, reason: "受注編集 / order edit" })

    const eventData = transform({ order, orderChange }, ({ order, orderChange }) => ({
      order_id: order.id,
      actions: orderChange.actions,
      no_notification: orderChange.no_notification,
    }))
    emitEventStep({ eventName: OrderEditWorkflowEvents.CONFIRMED, data: eventData })

    releaseLockStep({ key: paymentLock }).config({ name: "release-paygent-payment-lock" })
    releaseLockStep({ key: input.order_id })

    const paygent = transform({ plan, change, created }, ({ plan, change, created }): PaygentOrderEditResult => ({
      action: plan.difference > 0 ? "collect_difference" : plan.action,
      message: plan.message,
      previous_total: plan.previous_total,
      new_total: plan.order_total,
      paygent_amount: change.amount,
      difference_payment_collection_id: differenceCollectionId(plan, created),
      difference: plan.difference,
      change,
    }))
    return new WorkflowResponse({ order_preview: orderPreview, paygent })
  }
)
