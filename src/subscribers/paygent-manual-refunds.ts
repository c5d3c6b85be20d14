import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { linkManualRefundsToOrder } from "../operations/manual-refunds"

/**
 * Medusa's own order cancel and refund (core admin buttons) reach the provider, which records a manual refund owed
 * when Paygent cannot return the money but does not know the order (it sees only the payment module). This completes
 * those records with the order and the customer's e-mail / name.
 */
export default async function paygentManualRefundsHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  try {
    let orderId: string | undefined = event.name === "order.canceled" ? event.data.id : undefined
    if (!orderId) {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "payment",
        fields: ["id", "provider_id", "payment_collection.order.id"],
        filters: { id: event.data.id },
      })
      const payment = data[0] as { provider_id?: string; payment_collection?: { order?: { id?: string } } } | undefined
      if (!payment || !String(payment.provider_id ?? "").startsWith("pp_paygent-")) {
        return
      }
      orderId = payment.payment_collection?.order?.id
    }
    if (orderId) {
      await linkManualRefundsToOrder(container, orderId)
    }
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`Paygent: could not link manual refunds (${event.name} ${event.data?.id}): ${(error as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: ["order.canceled", "payment.refunded"],
}
