import { defineMiddlewares, type MedusaNextFunction, type MedusaRequest, type MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { actorOf } from "../operations/http"
import { confirmPaygentOrderEditWorkflow } from "../workflows/confirm-paygent-order-edit"
import { paygentNoticeMiddlewares } from "./paygent/notice/body-parser"
import { loadOrderPaymentPicture, previewTotal, refusalError, routeOrderEdit } from "../workflows/steps/amount-change-plan"

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
  let route
  try {
    const picture = await loadOrderPaymentPicture(req.scope, orderId)
    route = routeOrderEdit(picture, await previewTotal(req.scope, orderId))
  } catch (error) {
    // An unknown order is Medusa's to report; anything else stops here rather than risk Medusa's void of a card.
    return next(error instanceof MedusaError && error.type === MedusaError.Types.NOT_FOUND ? undefined : error)
  }
  if (route.route === "core") {
    return next()
  }
  if (route.route === "refuse") {
    return next(refusalError(route))
  }
  try {
    const { result } = await confirmPaygentOrderEditWorkflow(req.scope).run({
      input: { order_id: orderId, confirmed_by: actorOf(req) },
    })
    res.json({ order_preview: result.order_preview, paygent: result.paygent })
  } catch (error) {
    next(error)
  }
}

export default defineMiddlewares({
  routes: [
    ...paygentNoticeMiddlewares,
    {
      method: ["POST"],
      matcher: "/admin/order-edits/:id/confirm",
      middlewares: [paygentOrderEditConfirm],
    },
  ],
})
