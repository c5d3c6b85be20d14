import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { paygentModule } from "../../../../modules/paygent/container"
import type { SyncRunRow } from "../../../../modules/paygent/types"
import paygentSyncJob from "../../../../jobs/paygent-sync"
import { listStaleSessions } from "../../../../sync/stale"

/**
 * GET /admin/paygent/sync — the sync job's recent runs (newest first, each with its gap repair's telegrams against the
 * per-run cap and the telegrams in doubt it settled), the open alerts, the notices not applied yet, the payment
 * sessions stuck in 決済処理中 right now with their reason, and the refused notices counted per source.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(await syncState(req.scope))
}

async function syncState(scope: MedusaContainer) {
  const service = paygentModule(scope)
  const options = service.syncOptions()
  const [runs, alerts, pending, stale, refusals] = await Promise.all([
    service.listPaygentSyncRuns({}, { order: { started_at: "DESC" }, take: 20 }),
    service.listPaygentAlerts({ resolved_at: null }, { order: { created_at: "DESC" }, take: 100 }),
    service.listPaygentNotices({ applied_at: null }, { order: { received_at: "ASC" }, take: 100 }),
    listStaleSessions(scope, { olderThanMinutes: options.staleSessionMinutes }),
    service.listPaygentNoticeAnomalyCounts({}, { order: { last_seen_at: "DESC" }, take: 20 }),
  ])
  return {
    runs: runs as unknown as SyncRunRow[],
    open_alerts: alerts,
    unapplied_notices: pending,
    stale_sessions: stale,
    // Refused notices per source and reason, most recent first (src/notices/anomalies.ts).
    notice_refusals: refusals,
    limits: { gap_fetches_per_run: options.maxGapFetchesPerRun, notice_id_jump: options.noticeIdJumpLimit },
  }
}

/** What GET /admin/paygent/sync answers (before JSON turns its dates into strings). */
export type SyncState = Awaited<ReturnType<typeof syncState>>

/** POST /admin/paygent/sync — runs the sync job now, as a manual run (skipped when a run is already going on). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ run: await paygentSyncJob(req.scope) })
}
