import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelOrder } from "../../../../../../operations/admin-actions"
import { actorOf, wantsPreview } from "../../../../../../operations/http"
import { answeringOutcomePending } from "../../../../../../operations/outcome-pending-http"

/**
 * POST /admin/paygent/orders/:id/cancel — 取消 of the order: open authorizations voided (021), captured sales
 * cancelled (023) through Medusa's order cancel, manual refunds owed where Paygent cannot refund. `?preview=true`
 * answers the plan without sending anything.
 * An outcome Paygent did not confirm is answered 409 "outcome pending".
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  await answeringOutcomePending(res, () => cancelOrder(req.scope, req.params.id, { preview: wantsPreview(req), actorId: actorOf(req) }))
}
