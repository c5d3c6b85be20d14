import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { SAVED_CARD_MESSAGES } from "../../../../../../providers/paygent/core/stored-cards"
import { bilingual } from "../../../../../../providers/paygent/core/errors"
import { accountHolderFor, cardProviderId, customerIdOf, restoreSavedCardError } from "../helpers"

/**
 * DELETE /store/customers/me/paygent-cards/:id — deletes one of the logged-in customer's saved cards (Paygent 026;
 * `:id` is the card's customer_card_id). Another customer's card is not found: the customer_id comes from the
 * logged-in customer's account holder.
 */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const customerId = customerIdOf(req)
  const providerId = await cardProviderId(req.scope)
  const holder = await accountHolderFor(req.scope, customerId, providerId, { create: false })
  if (!holder) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, bilingual(SAVED_CARD_MESSAGES.deleteNotFound))
  }
  const payments = req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
  try {
    await payments.deletePaymentMethods({ id: req.params.id, provider_id: providerId, context: { account_holder: holder } })
  } catch (error) {
    throw restoreSavedCardError(error)
  }
  res.json({ id: req.params.id, object: "payment_method", deleted: true })
}
