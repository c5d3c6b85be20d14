import type { MedusaContainer } from "@medusajs/framework/types"
import { PAYGENT_MODULE } from "./index"
import type PaygentModuleService from "./service"

/** The plugin's module as the routes, jobs, subscribers and workflows resolve it from Medusa's container. */
export function paygentModule(container: Pick<MedusaContainer, "resolve">): PaygentModuleService {
  return container.resolve<PaygentModuleService>(PAYGENT_MODULE)
}
