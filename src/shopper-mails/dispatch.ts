/**
 * The shopper-mail job's run: catch up mails an event did not queue (a process that stopped before its subscriber
 * ran), settle mails whose sender stopped, and send every mail that is due (reminders when their time comes,
 * retries after their back-off). Several instances may run it at once: each mail is claimed by one of them.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { paygentModule } from "../modules/paygent/container"
import { paygentProviderIds } from "../sync/providers"
import { paygentMethodOf } from "../storefront/labels"
import { deliverMail, recoverMail, SENDING_LEASE_MS, type Delivery } from "./deliver"
import { orderIdsOfSessions } from "./facts"
import type { ResolvedShopperMailOptions } from "../options/shopper-mails"
import { queueMailsForOrders } from "./queue"
import { dueMailIds, staleMailIds } from "./store"

/** Payments changed within this window are checked for a mail their event did not queue. */
export const CATCH_UP_HOURS = 24
/** Most mails one run sends; the rest wait for the next run. */
const MAX_PER_RUN = 200

export interface DispatchSummary {
  caught_up: number
  recovered: number
  sent: number
  retried: number
  failed: number
  skipped: number
  unknown: number
}

function count(summary: DispatchSummary, deliveries: Delivery[]): void {
  for (const delivery of deliveries) {
    if (delivery.outcome === "sent") summary.sent++
    else if (delivery.outcome === "retry") summary.retried++
    else if (delivery.outcome === "failed") summary.failed++
    else if (delivery.outcome === "skipped") summary.skipped++
    else if (delivery.outcome === "unknown") summary.unknown++
  }
}

/**
 * Sessions of konbini / Pay-easy / net-bank payments changed recently that have no mail of what they are now:
 * waiting for payment and no mail at all, paid (authorized) and no paid-mail, cancelled and neither a cancelled- nor
 * a paid-mail. Only for kinds that are on, so that a session that wants nothing is not read again every run.
 */
async function sessionsMissingMails(container: MedusaContainer, options: ResolvedShopperMailOptions): Promise<string[]> {
  const providers = (await paygentProviderIds(container)).filter((id) => {
    const method = paygentMethodOf(id)
    return method && method !== "card" && options.methods.includes(method)
  })
  const statuses = [
    ...(options.kinds.instructions ? ["pending_authorization"] : []),
    ...(options.kinds.paid ? ["authorized"] : []),
    ...(options.kinds.canceled ? ["canceled"] : []),
  ]
  if (!providers.length || !statuses.length) {
    return []
  }
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  const list = (values: string[]) => values.map(() => "?").join(", ")
  const { rows } = await knex.raw(
    `SELECT s.id FROM payment_session s
     WHERE s.deleted_at IS NULL AND s.provider_id IN (${list(providers)}) AND s.status IN (${list(statuses)})
       AND s.updated_at > now() - (? * interval '1 hour')
       AND NOT EXISTS (
         SELECT 1 FROM paygent_shopper_mail m
         WHERE m.payment_session_id = s.id AND m.deleted_at IS NULL
           AND (s.status = 'pending_authorization'
             OR (s.status = 'authorized' AND m.kind = 'paid')
             OR (s.status = 'canceled' AND m.kind IN ('canceled', 'paid'))))
     ORDER BY s.updated_at LIMIT ?`,
    [...providers, ...statuses, CATCH_UP_HOURS, MAX_PER_RUN]
  )
  return rows.map((row: { id: string }) => row.id)
}

/** One run: catch up, settle stale sends, send what is due at `now` (default: the current time). */
export async function dispatchShopperMails(container: MedusaContainer, options: { now?: Date } = {}): Promise<DispatchSummary> {
  const now = options.now ?? new Date()
  const summary: DispatchSummary = { caught_up: 0, recovered: 0, sent: 0, retried: 0, failed: 0, skipped: 0, unknown: 0 }
  const mailOptions = paygentModule(container).shopperMailOptions()
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  if (mailOptions.enabled) {
    const missing = await sessionsMissingMails(container, mailOptions)
    if (missing.length) {
      summary.caught_up = (await queueMailsForOrders(container, await orderIdsOfSessions(container, missing), now)).length
    }
  }
  const recovered: Delivery[] = []
  for (const id of await staleMailIds(knex, SENDING_LEASE_MS, MAX_PER_RUN)) {
    recovered.push(await recoverMail(container, id))
  }
  summary.recovered = recovered.filter((delivery) => delivery.outcome !== "not_claimed").length
  count(summary, recovered)
  const due: Delivery[] = []
  for (const id of await dueMailIds(knex, now, MAX_PER_RUN)) {
    due.push(await deliverMail(container, id, now))
  }
  count(summary, due)
  return summary
}
