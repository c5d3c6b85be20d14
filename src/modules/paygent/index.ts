import { Module } from "@medusajs/framework/utils"
import PaygentModuleService from "./service"

export const PAYGENT_MODULE = "paygent"

export default Module(PAYGENT_MODULE, {
  service: PaygentModuleService,
})

export { PaygentModuleService }
export type { TelegramLedger, TelegramSource } from "./ledger-registry"
