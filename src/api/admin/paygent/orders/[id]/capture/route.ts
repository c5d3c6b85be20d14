import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { captureOrder } from "../../../../../../operations/admin-actions"
import { actorOf, CaptureBody, parseBody, wantsPreview } from "../../../../../../operations/http"

/**
 * POST /admin/paygent/orders/:id/capture `{ amount?, payment_id? }` — 売上 of the order's card payment(s) through
 * Medusa's capture (022; 029 for a partial amount), under a per-payment lock. `?preview=true` answers what would be
 * sent without sending anything.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const body = parseBody(CaptureBody, req.body)
  res.json(await captureOrder(req.scope, req.params.id, body, { preview: wantsPreview(req), actorId: actorOf(req) }))
}
