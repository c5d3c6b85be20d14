import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { paygentModule } from "../../../../../../modules/paygent/container"

/** POST /admin/paygent/alerts/:id/resolve — the merchant has dealt with the alert. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const alert = await paygentModule(req.scope).resolveAlert(req.params.id, req.auth_context?.actor_id ?? null)
  res.json({ alert })
}
