import type { MedusaContainer } from "@medusajs/framework/types"
import { registeredSyncOptions } from "../options/sync"
import { paygentModule } from "../modules/paygent/container"
import { runPaygentSync, type SyncSummary } from "../sync/run"

/**
 * Paygent sync (see src/sync/run.ts): repairs notice gaps, pulls difference notices (091), reconciles with 094
 * after a purge, handles deadlines and stale sessions. Safe to run on every instance: a lock lets one run at a
 * time. Plugin options: `syncEnabled` (default true), `syncSchedule` (cron, default every minute).
 *
 * Called by the scheduler (with `scheduledFor`) it does nothing while `syncEnabled` is false. Called directly
 * (`await paygentSyncJob(container)`, or with `{ now }` to move the sweeps' clock) it always runs.
 */
export default async function paygentSyncJob(
  container: MedusaContainer,
  context?: { scheduledFor?: Date; now?: Date }
): Promise<SyncSummary | undefined> {
  const scheduled = !!context?.scheduledFor
  if (scheduled && !paygentModule(container).syncOptions().syncEnabled) {
    return undefined
  }
  return runPaygentSync(container, { now: context?.now, trigger: scheduled ? "schedule" : "manual" })
}

export const config = {
  name: "paygent-sync",
  // Read when Medusa registers the job, after the paygent module (which holds the plugin options) is loaded.
  get schedule(): string {
    return registeredSyncOptions().syncSchedule
  },
}
