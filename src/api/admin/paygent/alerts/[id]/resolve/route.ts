import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resolveAlert } from "../../../../../../operations/resolve-alert"

/**
 * POST /admin/paygent/alerts/:id/resolve — the merchant has dealt with the alert (for an amount change in doubt: has
 * checked Paygent's console, see src/operations/resolve-alert.ts).
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ alert: await resolveAlert(req.scope, req.params.id, req.auth_context?.actor_id ?? null) })
}
