import { model } from "@medusajs/framework/utils"

/**
 * Secrets the plugin generates for itself, one row per `name`: today only `session_secret`, which seals and signs
 * what the provider keeps on payment sessions when the `sessionSecret` option is not set (outside production). The
 * unique name makes every instance use the first one written (providers/paygent/core/session-secret.ts).
 */
export const PaygentSecret = model.define("paygent_secret", {
  id: model.id({ prefix: "pgsec" }).primaryKey(),
  name: model.text().unique(),
  value: model.text(),
})
