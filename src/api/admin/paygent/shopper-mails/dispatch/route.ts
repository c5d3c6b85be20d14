import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

import { dispatchShopperMails } from "../../../../../shopper-mails/dispatch"
import { paygentModule } from "../../../../../modules/paygent/container"
import type { DispatchBodyType } from "../../../../validators"

/** POST /admin/paygent/shopper-mails/dispatch — one run of the shopper-mail job now (failed mails are retried if due). */
export const POST = async (req: MedusaRequest<DispatchBodyType>, res: MedusaResponse) => {
  const body = req.validatedBody
  if (body.now && paygentModule(req.scope).isProduction()) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "now は本番環境では指定できません / now cannot be given with Paygent's production environment"
    )
  }
  res.json({ run: await dispatchShopperMails(req.scope, { now: body.now ? new Date(body.now) : undefined }) })
}
