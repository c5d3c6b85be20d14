import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { parseBody } from "../../../../../operations/http"
import { dispatchShopperMails } from "../../../../../shopper-mails/dispatch"
import { paygentModule } from "../../../../../modules/paygent/container"

const DispatchBody = z
  .object({
    /**
     * Send what is due at this time instead of now (ISO 8601): for trying reminders against the simulator's moved
     * clock (the demo's "+6 日"). Refused with Paygent's production environment.
     */
    now: z.string().datetime({ offset: true }).optional(),
  })
  .strict()

/** POST /admin/paygent/shopper-mails/dispatch — one run of the shopper-mail job now (failed mails are retried if due). */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const body = parseBody(DispatchBody, req.body)
  if (body.now && paygentModule(req.scope).isProduction()) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "now は本番環境では指定できません / now cannot be given with Paygent's production environment"
    )
  }
  res.json({ run: await dispatchShopperMails(req.scope, { now: body.now ? new Date(body.now) : undefined }) })
}
