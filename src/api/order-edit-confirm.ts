import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { actorOf } from "../operations/http"
import { confirmPaygentOrderEditWorkflow } from "../workflows/confirm-paygent-order-edit"
import { loadOrderPaymentPicture, previewTotal, routeOrderEdit } from "../amount-change/plan"
import { answerForPaygentOrders } from "./order-change-confirm"

/**
 * `POST /admin/order-edits/:id/confirm` (Medusa's own route) for orders paid through Paygent. Medusa's confirmation
 * ends with `createOrUpdateOrderPaymentCollectionWorkflow`, which cancels a card authorization (021) and asks the
 * customer to pay the whole new total again. Middlewares run before the route's handler, so this one answers itself
 * for a Paygent card order (the plugin's confirmation: 028 / 029 / a collection for the difference), refuses an
 * amount change of an unpaid konbini / ATM / net-bank order, and hands every other order to Medusa untouched.
 */
export async function paygentOrderEditConfirm(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
): Promise<void> {
  const orderId = req.params.id
  return answerForPaygentOrders(req, res, next, {
    route: async () => routeOrderEdit(await loadOrderPaymentPicture(req.scope, orderId), await previewTotal(req.scope, orderId)),
    confirm: async () => {
      const { result } = await confirmPaygentOrderEditWorkflow(req.scope).run({
        input: { order_id: orderId, confirmed_by: actorOf(req) },
      })
      return { order_preview: result.order_preview, paygent: result.paygent }
    },
  })
}
