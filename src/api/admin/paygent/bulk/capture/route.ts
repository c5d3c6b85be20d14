import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { bulk } from "../../../../../operations/admin-actions"
import { actorOf, BulkBody, parseBody, wantsPreview } from "../../../../../operations/http"

/** POST /admin/paygent/bulk/capture `{ order_ids }` — 売上 of each order; one result per order. */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const { order_ids } = parseBody(BulkBody, req.body)
  res.json(await bulk(req.scope, order_ids, "capture", { preview: wantsPreview(req), actorId: actorOf(req) }))
}
