import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { captureOrder } from "../../../../../../operations/admin-actions"
import { actorOf, wantsPreview } from "../../../../../../operations/http"
import { answeringOutcomePending } from "../../../../../../operations/outcome-pending-http"
import type { CaptureBodyType } from "../../../../../validators"

/**
 * POST /admin/paygent/orders/:id/capture `{ amount?, payment_id? }` — 売上 of the order's card payment(s) through
 * Medusa's capture (022; 029 for a partial amount), under a per-payment lock. `?preview=true` answers what would be
 * sent without sending anything. A capture whose outcome Paygent did not confirm (its answer and the inquiry after
 * it lost) is answered 409 "outcome pending"; the sync job settles it.
 */
export const POST = async (req: MedusaRequest<CaptureBodyType>, res: MedusaResponse) => {
  const body = req.validatedBody
  await answeringOutcomePending(res, () => captureOrder(req.scope, req.params.id, body, { preview: wantsPreview(req), actorId: actorOf(req) }))
}
