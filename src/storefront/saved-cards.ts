/**
 * A logged-in customer's saved cards for the checkout's card form (`GET /store/customers/me/paygent-cards`), as a
 * value like every server-side step (docs/saved-cards.md).
 */
import type { MedusaClientLike } from "./checkout-steps"
import { toPaygentError, type PaygentResult } from "./errors"

export interface SavedCard {
  id: string
  data: {
    customer_card_id?: string
    masked_card_number?: string
    last4?: string
    card_brand?: string | null
    expiry_month?: string
    expiry_year?: string
    expired?: boolean
    cardholder_name?: string
  }
}

/** The customer's saved cards (pass the customer's `authorization` header); a guest gets `[]`. */
export async function listPaygentSavedCards(
  sdk: MedusaClientLike,
  input: { headers?: Record<string, string> } = {}
): Promise<PaygentResult<{ cards: SavedCard[] }>> {
  try {
    const { payment_methods } = await sdk.client.fetch<{ payment_methods: SavedCard[] }>("/store/customers/me/paygent-cards", {
      headers: input.headers,
    })
    return { ok: true, cards: payment_methods }
  } catch (error) {
    if ((error as { status?: number }).status === 401) return { ok: true, cards: [] }
    return toPaygentError(error)
  }
}
