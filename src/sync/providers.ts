import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { paymentTypeOfProvider } from "../notices/plan"

/** The ids of the Paygent services registered in the payment module (pp_paygent-card_paygent …). */
export async function paygentProviderIds(container: MedusaContainer): Promise<string[]> {
  const providers = await container.resolve<IPaymentModuleService>(Modules.PAYMENT).listPaymentProviders({}, { take: 100 })
  return providers.map((provider) => provider.id).filter((id) => paymentTypeOfProvider(id) !== undefined)
}
