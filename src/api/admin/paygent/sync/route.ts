import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { paygentModule } from "../../../../sync/apply"
import { runPaygentSync } from "../../../../sync/run"
import { listStaleSessions } from "../../../../sync/stale"

/**
 * GET /admin/paygent/sync — the sync job's recent runs (newest first), the open alerts, the notices not applied yet
 * and the payment sessions stuck in 決済処理中 right now, with their reason.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const service = paygentModule(req.scope)
  const [runs, alerts, pending, stale] = await Promise.all([
    service.listPaygentSyncRuns({}, { order: { started_at: "DESC" }, take: 20 }),
    service.listPaygentAlerts({ resolved_at: null } as never, { order: { created_at: "DESC" }, take: 100 }),
    service.listPaygentNotices({ applied_at: null } as never, { order: { received_at: "ASC" }, take: 100 }),
    listStaleSessions(req.scope, { olderThanMinutes: service.syncOptions().staleSessionMinutes }),
  ])
  res.json({ runs, open_alerts: alerts, unapplied_notices: pending, stale_sessions: stale })
}

/** POST /admin/paygent/sync — runs the sync now (skipped when a run is already going on). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ run: await runPaygentSync(req.scope, { trigger: "manual" }) })
}
