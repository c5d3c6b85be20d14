import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { paygentModule } from "../../../../modules/paygent/container"

/** GET /admin/paygent/alerts?resolved=true|false&order_id=… — payment alerts (ja/en), newest first. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const filters: Record<string, unknown> = {}
  if (req.query.resolved === "false") {
    filters.resolved_at = null
  } else if (req.query.resolved === "true") {
    filters.resolved_at = { $ne: null }
  }
  if (typeof req.query.order_id === "string") {
    filters.order_id = req.query.order_id
  }
  const alerts = await paygentModule(req.scope).listPaygentAlerts(filters, { order: { created_at: "DESC" }, take: 200 })
  res.json({ alerts })
}
