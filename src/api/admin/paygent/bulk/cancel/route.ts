import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { bulk } from "../../../../../operations/admin-actions"
import { actorOf, wantsPreview } from "../../../../../operations/http"
import type { BulkBodyType } from "../../../../validators"

/** POST /admin/paygent/bulk/cancel `{ order_ids }` — 取消 of each order; one result per order. */
export const POST = async (req: MedusaRequest<BulkBodyType>, res: MedusaResponse) => {
  const { order_ids } = req.validatedBody
  res.json(await bulk(req.scope, order_ids, "cancel", { preview: wantsPreview(req), actorId: actorOf(req) }))
}
