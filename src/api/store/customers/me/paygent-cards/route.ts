import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

import { accountHolderFor, cardProviderId, customerIdOf, restoreSavedCardError } from "./helpers"
import type { SaveCardBodyType } from "../../../../validators"

/**
 * GET /store/customers/me/paygent-cards — the logged-in customer's saved cards (Paygent 027): `{ payment_methods:
 * [{ id, provider_id, data: { masked_card_number, last4, card_brand, expiry_month, expiry_year, expired, … } }] }`.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const customerId = customerIdOf(req)
  const providerId = await cardProviderId(req.scope)
  const holder = await accountHolderFor(req.scope, customerId, providerId, { create: false })
  if (!holder) {
    res.json({ payment_methods: [] })
    return
  }
  const payments = req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const methods = await payments.listPaymentMethods({ provider_id: providerId, context: { account_holder: holder } })
  res.json({ payment_methods: methods })
}

/**
 * POST /store/customers/me/paygent-cards — saves a card (Paygent 025) from a PaygentToken.js token, e.g. on the
 * account page. The account holder is created on the first save. `{ payment_method: { id, provider_id, data } }`.
 */
export const POST = async (req: AuthenticatedMedusaRequest<SaveCardBodyType>, res: MedusaResponse) => {
  const customerId = customerIdOf(req)
  const body = req.validatedBody
  const providerId = await cardProviderId(req.scope)
  const holder = await accountHolderFor(req.scope, customerId, providerId, { create: true })
  const payments = req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
  try {
    const method = await payments.createPaymentMethods({
      provider_id: providerId,
      data: body,
      context: { account_holder: holder! },
    })
    res.status(201).json({ payment_method: method })
  } catch (error) {
    throw restoreSavedCardError(error)
  }
}
