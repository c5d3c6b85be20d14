import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { paygentModule } from "../../../../../../modules/paygent/container"

/** POST /admin/paygent/alerts/:id/resolve — the merchant has dealt with the alert. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const service = paygentModule(req.scope)
  const alert = await service.retrievePaygentAlert(req.params.id)
  const updated = alert.resolved_at
    ? alert
    : await service.updatePaygentAlerts({ id: alert.id, resolved_at: new Date(), resolved_by: req.auth_context?.actor_id ?? null })
  res.json({ alert: updated })
}
