import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { registeredReconcileOptions } from "../options/reconcile"
import { previousJstDay } from "../reconciliation/range"
import { paygentModule } from "../modules/paygent/container"
import { reconcilePaygentPaymentsWorkflow, type ReconcilePaygentPaymentsResult } from "../workflows/reconcile-paygent-payments"

/** One nightly run at a time across instances that share the locking provider. */
export const RECONCILE_LOCK_KEY = "paygent:reconcile"

export interface PaygentReconcileJobResult {
  skipped?: boolean
  from?: string
  to?: string
  summary?: ReconcilePaygentPaymentsResult["report"]["summary"]
  alert_raised?: boolean
}

/**
 * Nightly reconciliation (決済照合): the report for the previous JST day (docs/operations/reconciliation.md); when
 * something does not match it raises a `reconciliation_mismatch` alert (GET /admin/paygent/alerts). Plugin options:
 * `reconcileEnabled` (default true), `reconcileSchedule` (default 03:00 JST in the server's zone).
 *
 * Called by the scheduler (with `scheduledFor`) it does nothing while `reconcileEnabled` is false. Called directly
 * (`await paygentReconcileJob(container)`, or with `{ now }` to report on the day before another day, or `{ from, to }`)
 * it always runs.
 */
export default async function paygentReconcileJob(
  container: MedusaContainer,
  context?: { scheduledFor?: Date; now?: Date; from?: string; to?: string }
): Promise<PaygentReconcileJobResult | undefined> {
  const scheduled = !!context?.scheduledFor
  if (scheduled && !paygentModule(container).reconcileOptions().reconcileEnabled) {
    return undefined
  }
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const now = context?.now ?? context?.scheduledFor ?? new Date()
  const from = context?.from ?? previousJstDay(now)
  const to = context?.to ?? from
  const locking = container.resolve(Modules.LOCKING)
  let entered = false
  try {
    return await locking.execute(
      RECONCILE_LOCK_KEY,
      async () => {
        entered = true
        const { result } = await reconcilePaygentPaymentsWorkflow(container).run({
          input: { from, to, raise_alert: true, source: "sync" },
        })
        const { summary } = result.report
        const line = `Paygent reconciliation ${from}${to === from ? "" : `..${to}`}: ${summary.payments} payments, ${summary.discrepancies} discrepancies, ${summary.manual_refunds.owed} manual refunds owed`
        if (summary.discrepancies > 0) {
          logger.warn(`${line} (alert ${result.alert_raised ? "raised" : "already open"})`)
        } else {
          logger.info(line)
        }
        return { from, to, summary, alert_raised: result.alert_raised }
      },
      { timeout: 1 }
    )
  } catch (error) {
    if (entered) {
      throw error
    }
    logger.debug?.("Paygent reconciliation: another run holds the lock; skipped")
    return { skipped: true, from, to }
  }
}

export const config = {
  name: "paygent-reconcile",
  // Read when Medusa registers the job, after the paygent module (which holds the plugin options) is loaded.
  get schedule(): string {
    return registeredReconcileOptions().reconcileSchedule
  },
}
