import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { paygentMethodOf } from "../../operations/order-payments"
import { sessionInputError } from "../../providers/paygent/core/session-input"

/**
 * `POST /store/payment-collections/:id/payment-sessions` (Medusa's own route) for a Paygent provider: the session
 * data is checked before Medusa stores it (providers/paygent/core/session-input.ts). Medusa inserts the data before
 * any provider sees it, and an insert that fails (U+0000 in `jsonb`) is logged with the data, card token included;
 * so the check cannot wait for the provider. Other providers' sessions pass untouched.
 */
export function paygentSessionDataGuard(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction): void {
  const body = (req.body ?? {}) as { provider_id?: unknown; data?: unknown }
  if (typeof body.provider_id !== "string" || !paygentMethodOf(body.provider_id)) {
    return next()
  }
  next(sessionInputError(body.data))
}

export const paygentSessionDataMiddlewares: MiddlewareRoute[] = [
  {
    methods: ["POST"],
    matcher: "/store/payment-collections/:id/payment-sessions",
    middlewares: [paygentSessionDataGuard],
  },
]
