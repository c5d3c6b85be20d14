import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { orderView } from "../../../../../../operations/admin-actions"
import { actorOf, wantsPreview } from "../../../../../../operations/http"
import { loadOrderPaymentPicture, planChangeAmount } from "../../../../../../amount-change/plan"
import {
  paygentChangeAmountWorkflow,
  paygentConfirmAmountChangeWorkflow,
} from "../../../../../../workflows/paygent-change-amount"
import type { ChangeAmountBodyType } from "../../../../../validators"

/**
 * POST /admin/paygent/orders/:id/change-amount `{ amount? }` — オーソリ変更 (028) of an authorized card payment or
 * 売上変更 (029, recorded as a refund of the difference) of a captured one, down to `amount` (default: the order's
 * total), under the order's lock and a lock on the payment. `?preview=true` answers what would be sent, without
 * sending anything. `{ paygent_payment_id }` settles a change whose answer was lost (see docs/operations/amount-changes.md).
 */
export const POST = async (req: MedusaRequest<ChangeAmountBodyType>, res: MedusaResponse) => {
  const body = req.validatedBody
  const orderId = req.params.id
  if (wantsPreview(req)) {
    res.json({ preview: true, plan: await previewChange(req.scope, orderId, body.amount) })
    return
  }
  const { result } = body.paygent_payment_id
    ? await paygentConfirmAmountChangeWorkflow(req.scope).run({
        input: { order_id: orderId, paygent_payment_id: body.paygent_payment_id, actor_id: actorOf(req) },
      })
    : await paygentChangeAmountWorkflow(req.scope).run({
        input: { order_id: orderId, amount: body.amount, actor_id: actorOf(req) },
      })
  res.json({ preview: false, result, ...(await orderView(req.scope, orderId)) })
}

/** What `?preview=true` answers as its plan: what would be sent, or why nothing can be. */
async function previewChange(scope: MedusaContainer, orderId: string, amount?: number) {
  const planned = planChangeAmount(await loadOrderPaymentPicture(scope, orderId), amount)
  return planned.allowed
    ? { allowed: true as const, ...planned.plan }
    : { allowed: false as const, order_id: orderId, code: planned.code, refusal: planned.message }
}

/** The plan of POST /admin/paygent/orders/:id/change-amount?preview=true. */
export type AmountChangePreview = Awaited<ReturnType<typeof previewChange>>
