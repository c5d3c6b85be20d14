import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { orderIdsOfPayments } from "../shopper-mails/facts"
import { queueAndSend } from "../shopper-mails/queue"

/**
 * Shopper mails on the events that change a Paygent payment: an order placed (konbini / Pay-easy / net bank: the
 * payment instructions, and the reminder queued for later), a payment captured (the notice workflow's 入金), an order
 * cancelled (expired or cancelled). What each payment should get is decided from its state, not from the event, so
 * a repeated or late event queues nothing twice (src/shopper-mails/plan.ts). Never throws: the job catches up.
 */
export default async function paygentShopperMailsHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  let orderIds: string[]
  try {
    orderIds = event.name === "payment.captured" ? await orderIdsOfPayments(container, [event.data.id]) : [event.data.id]
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`Paygent: shopper mails for ${event.name} ${event.data?.id} not queued (the job catches up): ${(error as Error).message}`)
    return
  }
  await queueAndSend(container, orderIds)
}

export const config: SubscriberConfig = {
  event: ["order.placed", "order.canceled", "payment.captured"],
}
