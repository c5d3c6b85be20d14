/** Service identifiers; with the provider registered as `id: "paygent"` they become `pp_paygent-card_paygent` … */
export { PAYGENT_IDENTIFIERS } from "../../paygent/methods"
