import { ChangeActionType, Modules, ReservationItemWorkflowEvents } from "@medusajs/framework/utils"
import { transform } from "@medusajs/framework/workflows-sdk"
import {
  confirmVariantInventoryWorkflow,
  createRemoteLinkStep,
  createReturnFulfillmentWorkflow,
  emitEventStep,
  reserveInventoryStep,
  useRemoteQueryStep,
} from "@medusajs/medusa/core-flows"

/*
 * Pieces of Medusa 2.21.2's exchange, claim and return confirmations (core-flows order/workflows/{exchange,claim,
 * return}) that the plugin's confirmations repeat unchanged; core-flows does not export them.
 */

/** The shipping methods the change adds: the return's (inbound) and the exchange's / claim's (outbound). */
export function extractShippingMethods(
  orderPreview: any,
  returnId: string | undefined,
  outbound: { key: "exchange_id" | "claim_id"; id: string } | null
): { returnShippingMethod?: any; outboundShippingMethod?: any } {
  let returnShippingMethod: any
  let outboundShippingMethod: any
  for (const shippingMethod of orderPreview.shipping_methods ?? []) {
    for (const action of shippingMethod.actions ?? []) {
      if (action.action !== ChangeActionType.SHIPPING_ADD) {
        continue
      }
      if (!!action.return_id && action.return_id === returnId) {
        returnShippingMethod = shippingMethod
      } else if (outbound && action[outbound.key] === outbound.id) {
        outboundShippingMethod = shippingMethod
      }
    }
  }
  return { returnShippingMethod, outboundShippingMethod }
}

/** Medusa's fulfillment input for the items coming back (to the shipping option's stock location). */
export function returnFulfillmentInput({ order, items, shippingOption }: { order: any; items: any[]; shippingOption: any }) {
  const orderItems = new Map<string, any>((order.items ?? []).map((item: any) => [item.id, item]))
  const address = { ...(shippingOption.service_zone.fulfillment_set.location?.address ?? {}) }
  delete address.id
  return {
    input: {
      location_id: shippingOption.service_zone.fulfillment_set.location?.id,
      provider_id: shippingOption.provider_id,
      shipping_option_id: shippingOption.id,
      items: items.map((item: any) => {
        const orderItem = orderItems.get(item.item_id) ?? orderItems.get(item.id) ?? item.item ?? {}
        return {
          line_item_id: item.item_id,
          quantity: item.quantity,
          return_quantity: item.quantity,
          title: orderItem.variant_title ?? orderItem.title,
          sku: orderItem.variant_sku || "",
          barcode: orderItem.variant_barcode || "",
        }
      }),
      delivery_address: address,
      order,
    },
  }
}

/** The return's fulfillment (its shipping option's provider) linked to the return, as Medusa makes it. */
export function createReturnShippingFulfillment(input: {
  name: string
  // Workflow data, all of them.
  order: any
  items: any
  shipping_option_id: any
  return_id: any
}) {
  const shippingOption = useRemoteQueryStep({
    entry_point: "shipping_options",
    fields: ["id", "provider_id", "service_zone.fulfillment_set.location.id", "service_zone.fulfillment_set.location.address.*"],
    variables: { id: input.shipping_option_id },
    list: false,
  }).config({ name: `${input.name}-return-shipping-option` })
  const fulfillmentData = transform({ order: input.order, items: input.items, shippingOption }, returnFulfillmentInput)
  const fulfillment = createReturnFulfillmentWorkflow.runAsStep(fulfillmentData as any)
  const link = transform({ returnId: input.return_id, fulfillment }, ({ returnId, fulfillment }) => [
    { [Modules.ORDER]: { return_id: returnId }, [Modules.FULFILLMENT]: { fulfillment_id: (fulfillment as any).id } },
  ])
  createRemoteLinkStep(link).config({ name: `${input.name}-return-shipping-fulfillment-link` })
}

/** Reservations for the items an exchange or claim sends out, as Medusa makes them (with its stock check). */
export function reserveOutboundItems(input: {
  name: string
  entry_point: "order_exchange" | "order_claim"
  // Workflow data: the exchange's or claim's id and the order's.
  id: any
  order_id: any
}) {
  const change = useRemoteQueryStep({
    entry_point: input.entry_point,
    fields: [
      "id",
      "order.sales_channel_id",
      "additional_items.quantity",
      "additional_items.raw_quantity",
      "additional_items.item.id",
      "additional_items.item.variant_id",
      "additional_items.item.variant.manage_inventory",
      "additional_items.item.variant.allow_backorder",
      "additional_items.item.variant.inventory_items.inventory_item_id",
      "additional_items.item.variant.inventory_items.required_quantity",
      "additional_items.item.variant.inventory_items.inventory.location_levels.stock_locations.id",
      "additional_items.item.variant.inventory_items.inventory.location_levels.stock_locations.name",
      "additional_items.item.variant.inventory_items.inventory.location_levels.stock_locations.sales_channels.id",
      "additional_items.item.variant.inventory_items.inventory.location_levels.stock_locations.sales_channels.name",
    ],
    variables: { id: input.id },
    list: false,
    throw_if_key_not_found: true,
  }).config({ name: `${input.name}-outbound-query` })
  const inventoryInput = transform({ change }, ({ change }: any) => ({
    sales_channel_id: change.order.sales_channel_id,
    variants: change.additional_items.map((added: any) => added.item.variant),
    items: change.additional_items.map((added: any) => ({
      id: added.item.id,
      variant_id: added.item.variant_id,
      quantity: added.raw_quantity ?? added.quantity,
    })),
  }))
  // Core's prepareConfirmInventoryInput is reached through this exported workflow (which also checks the stock).
  const inventory = confirmVariantInventoryWorkflow.runAsStep({ input: inventoryInput as any })
  const reservations = reserveInventoryStep(inventory as any)
  const events = transform({ reservations, order_id: input.order_id }, ({ reservations, order_id }) =>
    (reservations ?? []).map((reservation: any) => ({ id: reservation.id, order_id }))
  )
  emitEventStep({ eventName: ReservationItemWorkflowEvents.CREATED, data: events }).config({
    name: "emit-reservation-item-created",
  })
}
