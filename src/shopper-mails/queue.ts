/**
 * Queues the mails orders' Paygent payments should have (plan.ts decides) and sends those already due. Called by
 * the subscriber on the events that change a payment (order placed, paid, cancelled), by the job's catch-up, and
 * again for the same order by any of them: the dedupe_key makes every repeat a no-op.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { paygentModule } from "../modules/paygent/container"
import { deliverMail, type Delivery } from "./deliver"
import { loadMailPayments } from "./facts"
import { dedupeKey, isCanceled, isPaid, wantedMails } from "./plan"
import { insertMail, skipPending } from "./store"
import type { ShopperMailRow } from "./types"

/** Queues what the orders' payments should have (new rows only) and skips mails made moot by a payment or cancel. */
export async function queueMailsForOrders(container: MedusaContainer, orderIds: string[], now: Date = new Date()): Promise<ShopperMailRow[]> {
  const options = paygentModule(container).shopperMailOptions()
  if (!options.enabled || !orderIds.length) {
    return []
  }
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  const queued: ShopperMailRow[] = []
  for (const payment of await loadMailPayments(container, orderIds)) {
    for (const mail of wantedMails(payment, options, now)) {
      const row = await insertMail(knex, {
        dedupe_key: dedupeKey(payment.payment_session_id, mail.kind),
        kind: mail.kind,
        reason: mail.reason ?? null,
        method: payment.method,
        payment_session_id: payment.payment_session_id,
        order_id: payment.order.id,
        due_at: mail.due_at,
      })
      if (row) {
        queued.push(row)
      }
    }
    if (isPaid(payment) || isCanceled(payment)) {
      await skipPending(knex, payment.payment_session_id, ["instructions", "reminder"], isPaid(payment) ? "paid" : "canceled")
    }
  }
  return queued
}

/** Sends the given mails that are due at `now`, one after the other. */
export async function deliverDue(container: MedusaContainer, rows: ShopperMailRow[], now: Date = new Date()): Promise<Delivery[]> {
  const deliveries: Delivery[] = []
  for (const row of rows) {
    if (new Date(row.due_at).getTime() <= now.getTime()) {
      deliveries.push(await deliverMail(container, row.id, now))
    }
  }
  return deliveries
}

/** The subscriber's and catch-up's whole step: queue, then send what is due. Logs instead of throwing. */
export async function queueAndSend(container: MedusaContainer, orderIds: string[], now: Date = new Date()): Promise<Delivery[]> {
  try {
    return await deliverDue(container, await queueMailsForOrders(container, orderIds, now), now)
  } catch (error) {
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .warn(`Paygent: shopper mails for ${orderIds.join(", ")} not queued (the job catches up): ${(error as Error).message}`)
    return []
  }
}
