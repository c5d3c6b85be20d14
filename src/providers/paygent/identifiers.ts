/** Service identifiers; with the provider registered as `id: "paygent"` they become `pp_paygent-card_paygent` … */
export const PAYGENT_IDENTIFIERS = {
  card: "paygent-card",
  konbini: "paygent-konbini",
  payeasy: "paygent-payeasy",
  banknet: "paygent-banknet",
} as const
