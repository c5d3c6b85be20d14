import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refreshOrder } from "../../../../../../operations/admin-actions"
import { actorOf, wantsPreview } from "../../../../../../operations/http"

/** POST /admin/paygent/orders/:id/refresh — 照会 (094) of each Paygent payment; Medusa's copy is updated. */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  res.json(await refreshOrder(req.scope, req.params.id, { preview: wantsPreview(req), actorId: actorOf(req) }))
}
