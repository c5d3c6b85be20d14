import type { MedusaContainer } from "@medusajs/framework/types"
import { dispatchShopperMails, type DispatchSummary } from "../shopper-mails/dispatch"
import { registeredShopperMailOptions } from "../options/shopper-mails"
import { paygentModule } from "../modules/paygent/container"

/**
 * Shopper mails (src/shopper-mails): sends reminders when their time comes, retries failed mails, settles mails whose
 * sender stopped and queues mails an event missed. Safe on every instance at once: each mail is claimed by one.
 * Plugin options `shopperMails.jobEnabled` (default true) and `shopperMails.schedule` (default every minute).
 *
 * Called by the scheduler it does nothing while the job is off; called directly (`await job(container, { now })`,
 * `now` moving the clock the reminders are compared with) it always runs.
 */
export default async function paygentShopperMailsJob(
  container: MedusaContainer,
  context?: { scheduledFor?: Date; now?: Date }
): Promise<DispatchSummary | undefined> {
  if (context?.scheduledFor && !paygentModule(container).shopperMailOptions().jobEnabled) {
    return undefined
  }
  return dispatchShopperMails(container, { now: context?.now })
}

export const config = {
  name: "paygent-shopper-mails",
  // Read when Medusa registers the job, after the paygent module (which holds the plugin options) is loaded.
  get schedule(): string {
    return registeredShopperMailOptions().schedule
  },
}
