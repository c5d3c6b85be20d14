import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { PaygentBanknetService, PaygentCardService, PaygentKonbiniService, PaygentPayeasyService } from "./services"

/**
 * The Paygent payment provider: four services sharing one base class. Registered with `id: "paygent"` they are
 * `pp_paygent-card_paygent`, `pp_paygent-konbini_paygent`, `pp_paygent-payeasy_paygent`, `pp_paygent-banknet_paygent`.
 */
export default ModuleProvider(Modules.PAYMENT, {
  services: [PaygentCardService, PaygentKonbiniService, PaygentPayeasyService, PaygentBanknetService],
})

export type { AmountLimits, PaygentProviderOptions } from "../../options/types"
export type { PaygentMethod } from "../../paygent/methods"
export { PAYGENT_IDENTIFIERS } from "./identifiers"
export type { PaygentState, PaymentInstructions, ThreeDsState } from "./core/session-data"
export { tradingIdFor, sessionOfTradingId } from "../../modules/paygent/trading-id"
