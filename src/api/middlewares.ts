import { authenticate, defineMiddlewares } from "@medusajs/framework/http"
import { paygentCaptureGuard } from "./capture-guard"
import { paygentOrderChangeConfirm } from "./order-change-confirm"
import { paygentOrderEditConfirm } from "./order-edit-confirm"
import { paygentNoticeMiddlewares } from "./paygent/notice/body-parser"
import { paygentSessionDataMiddlewares } from "./store/paygent-session-data"
import { validatePaygentBody } from "./validate-body"
import {
  AuthorizeDifferenceBody,
  BulkBody,
  CaptureBody,
  ChangeAmountBody,
  DispatchBody,
  EmptyBody,
  SaveCardBody,
} from "./validators"

export default defineMiddlewares({
  routes: [
    ...paygentNoticeMiddlewares,
    ...paygentSessionDataMiddlewares,
    {
      method: ["POST"],
      matcher: "/admin/payments/:id/capture",
      middlewares: [paygentCaptureGuard],
    },
    {
      method: ["POST"],
      matcher: "/admin/order-edits/:id/confirm",
      middlewares: [paygentOrderEditConfirm],
    },
    {
      // The shopper's view of an order's Paygent payment: a logged-in customer is recognised, guests are welcome.
      method: ["GET"],
      matcher: "/store/paygent/orders/:id",
      middlewares: [authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })],
    },
    // Exchanges, claims and returns of Paygent orders: the plugin's confirmation (src/api/order-change-confirm.ts).
    { method: ["POST"], matcher: "/admin/exchanges/:id/request", middlewares: [paygentOrderChangeConfirm("exchange")] },
    { method: ["POST"], matcher: "/admin/claims/:id/request", middlewares: [paygentOrderChangeConfirm("claim")] },
    { method: ["POST"], matcher: "/admin/returns/:id/request", middlewares: [paygentOrderChangeConfirm("return_request")] },
    { method: ["POST"], matcher: "/admin/returns/:id/receive/confirm", middlewares: [paygentOrderChangeConfirm("return_receive")] },
    // The plugin's own routes: request bodies checked before the handler (src/api/validators.ts).
    { method: ["POST"], matcher: "/admin/paygent/orders/:id/capture", middlewares: [validatePaygentBody(CaptureBody)] },
    { method: ["POST"], matcher: "/admin/paygent/orders/:id/cancel", middlewares: [validatePaygentBody(EmptyBody)] },
    { method: ["POST"], matcher: "/admin/paygent/orders/:id/refresh", middlewares: [validatePaygentBody(EmptyBody)] },
    { method: ["POST"], matcher: "/admin/paygent/orders/:id/resend-instructions", middlewares: [validatePaygentBody(EmptyBody)] },
    { method: ["POST"], matcher: "/admin/paygent/orders/:id/change-amount", middlewares: [validatePaygentBody(ChangeAmountBody)] },
    { method: ["POST"], matcher: "/admin/paygent/bulk/capture", middlewares: [validatePaygentBody(BulkBody)] },
    { method: ["POST"], matcher: "/admin/paygent/bulk/cancel", middlewares: [validatePaygentBody(BulkBody)] },
    { method: ["POST"], matcher: "/admin/paygent/shopper-mails/dispatch", middlewares: [validatePaygentBody(DispatchBody)] },
    { method: ["POST"], matcher: "/store/customers/me/paygent-cards", middlewares: [validatePaygentBody(SaveCardBody)] },
    {
      method: ["POST"],
      matcher: "/store/paygent/payment-collections/:id/authorize",
      middlewares: [validatePaygentBody(AuthorizeDifferenceBody)],
    },
  ],
})
