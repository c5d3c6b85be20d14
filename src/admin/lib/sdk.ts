import Medusa from "@medusajs/js-sdk"

/** Defined by the admin bundler (plugins must not read import.meta.env). */
declare const __BACKEND_URL__: string | undefined

/** The admin's own session (cookie) is used, as the dashboard does. */
export const sdk = new Medusa({
  baseUrl: (typeof __BACKEND_URL__ !== "undefined" && __BACKEND_URL__) || "/",
  auth: { type: "session" },
})
