/**
 * The store-API steps of a Paygent checkout, for a storefront's server side (Next.js server actions through the JS
 * SDK, as Medusa's DTC starter does it) or its browser (a plain SPA): set the payment, place the order, read an
 * order's payment. Framework-free, and they never throw for the shopper's sake: every outcome is a value
 * (`PaygentResult`), because Next.js hides thrown messages in production builds.
 *
 * Only two things must happen in the browser, and are not here: creating the card token (PaygentToken.js) and
 * writing the 3-D Secure page (`startThreeDs`); `placePaygentOrder` answers `type: "three_ds"` with the HTML.
 */
import { failure, toPaygentError, type PaygentResult } from "./errors"
import { paygentMethodOf } from "./labels"
import { buyerFromAddress, type AddressLike } from "./payment-data"
import type { PaygentPaymentView } from "./payment-view"
import { findPaygentSession, nextPaygentAction, readPaygentState, type PaygentAction, type PaygentSessionLike } from "./session-state"

/** What the steps need of `@medusajs/js-sdk` (its `sdk`): `sdk.client.fetch`. */
export interface MedusaClientLike {
  client: {
    fetch<T>(
      path: string,
      init?: { method?: string; body?: Record<string, unknown>; query?: Record<string, unknown>; headers?: Record<string, string> }
    ): Promise<T>
  }
}

interface StepOptions {
  /** Extra headers for every call, e.g. the logged-in customer's `authorization`. */
  headers?: Record<string, string>
}

interface CartLike {
  id: string
  completed_at?: string | null
  total?: number
  email?: string | null
  billing_address?: AddressLike | null
  shipping_address?: AddressLike | null
  payment_collection?: { id: string; payment_sessions?: PaygentSessionLike[] | null } | null
}

const CART_FIELDS = "id,completed_at,total,email,*billing_address,*shipping_address,*payment_collection,*payment_collection.payment_sessions"
const ORDER_FIELDS = "id,display_id,email,*shipping_address,*payment_collections,*payment_collections.payment_sessions"

const CART_GONE = {
  ja: "カートが見つからないか、すでにご注文済みです。ページを読み込み直してください。",
  en: "The cart was not found or has already been ordered. Please reload the page.",
}

async function readCart(sdk: MedusaClientLike, cartId: string, options: StepOptions): Promise<CartLike | undefined> {
  try {
    const { cart } = await sdk.client.fetch<{ cart: CartLike }>(`/store/carts/${encodeURIComponent(cartId)}`, {
      query: { fields: CART_FIELDS },
      headers: options.headers,
    })
    return cart
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined
    throw error
  }
}

export interface SetPaymentInput extends StepOptions {
  cartId: string
  /** `paygentProviderId(method)`. */
  providerId: string
  /** The session data: `cardPaymentData(token, …)`, `konbiniPaymentData(…)`, buyer kana… */
  data?: Record<string, unknown>
}

export type SetPaymentResult = PaygentResult<{
  session: { id?: string; provider_id?: string; status?: string }
  /** `three_ds` for a card with 3-D Secure: start it when the shopper places the order. */
  next: PaygentAction
}>

/**
 * Creates the cart's Paygent payment session (Medusa replaces any earlier one). For konbini, Pay-easy and net bank
 * the buyer's names and phone come from the cart's billing (else shipping) address unless `data` has them; a card
 * attempt after an input error carries the failed session's retry reference, so that it continues the same
 * Paygent payment.
 */
export async function setPaygentPayment(sdk: MedusaClientLike, input: SetPaymentInput): Promise<SetPaymentResult> {
  const method = paygentMethodOf(input.providerId)
  if (!method) {
    return failure("invalid_input", { ja: "お支払い方法を選択してください。", en: "Please choose a payment method." }, { field: "method" })
  }
  try {
    const cart = await readCart(sdk, input.cartId, input)
    if (!cart || cart.completed_at) return failure("cart_not_found", CART_GONE)
    const data: Record<string, unknown> = { ...(input.data ?? {}) }
    if (method === "card") {
      const retryRef = readPaygentState(findPaygentSession(cart))?.input_error?.retry_ref
      if (retryRef && data.retry_ref === undefined && data.card_token) data.retry_ref = retryRef
    } else {
      const buyer = buyerFromAddress(cart.billing_address ?? cart.shipping_address)
      for (const [key, value] of Object.entries(buyer)) {
        if (data[key] === undefined || data[key] === "") data[key] = value
      }
    }
    const collectionId =
      cart.payment_collection?.id ??
      (
        await sdk.client.fetch<{ payment_collection: { id: string } }>("/store/payment-collections", {
          method: "POST",
          body: { cart_id: cart.id },
          headers: input.headers,
        })
      ).payment_collection.id
    const { payment_collection } = await sdk.client.fetch<{ payment_collection: { payment_sessions?: PaygentSessionLike[] } }>(
      `/store/payment-collections/${encodeURIComponent(collectionId)}/payment-sessions`,
      { method: "POST", body: { provider_id: input.providerId, data }, headers: input.headers }
    )
    const session = (payment_collection.payment_sessions ?? []).filter((s) => s.provider_id === input.providerId).pop()
    const next = nextPaygentAction(session)
    if (next.type === "retry_card") {
      return failure("card_refused", next.message, { field: "card" })
    }
    return { ok: true, session: { id: session?.id, provider_id: session?.provider_id, status: session?.status }, next }
  } catch (error) {
    return toPaygentError(error)
  }
}

export interface PlacedOrder {
  id: string
  display_id?: number
  email?: string | null
  /** Lower-case, from the shipping address (the DTC starter's URLs start with it). */
  country_code?: string
}

export type PlaceOrderResult =
  /** Card with 3-D Secure: write `html` into the page (`startThreeDs`); the return page calls this again. */
  | { ok: true; type: "three_ds"; html: string }
  /** Placed. `next` is `redirect` for net bank (send the shopper to the bank screen), `show_instructions` for
   * konbini / Pay-easy. */
  | { ok: true; type: "order"; order: PlacedOrder; next: PaygentAction }
  | { ok: false; error: import("./errors").PaygentError }

interface OrderLike {
  id: string
  display_id?: number
  email?: string | null
  shipping_address?: { country_code?: string | null } | null
  payment_collections?: { payment_sessions?: PaygentSessionLike[] | null }[] | null
}

function placed(order: OrderLike): PlaceOrderResult {
  return {
    ok: true,
    type: "order",
    order: {
      id: order.id,
      ...(order.display_id !== undefined ? { display_id: order.display_id } : {}),
      ...(order.email ? { email: order.email } : {}),
      ...(order.shipping_address?.country_code ? { country_code: order.shipping_address.country_code.toLowerCase() } : {}),
    },
    next: nextPaygentAction(findPaygentSession(order)),
  }
}

/**
 * Places the order: starts nothing in the browser itself, but answers what the browser must do. With a card
 * session waiting for 3-D Secure it answers `three_ds`; after a refused card attempt the error (take the card
 * again); otherwise it completes the cart. Call it again on the 3-D Secure return page: the session is then
 * authenticated (the order is placed) or failed (the error).
 */
export async function placePaygentOrder(sdk: MedusaClientLike, input: StepOptions & { cartId: string }): Promise<PlaceOrderResult> {
  try {
    const cart = await readCart(sdk, input.cartId, input)
    if (!cart) return failure("cart_not_found", CART_GONE)
    if (!cart.completed_at) {
      const before = nextPaygentAction(findPaygentSession(cart))
      if (before.type === "three_ds") return { ok: true, type: "three_ds", html: before.html }
      if (before.type === "retry_card") return failure("card_refused", before.message, { field: "card" })
    }
    const result = await sdk.client.fetch<
      { type: "order"; order: OrderLike } | { type: "cart"; cart: CartLike; error?: { message?: string } }
    >(`/store/carts/${encodeURIComponent(input.cartId)}/complete`, {
      method: "POST",
      body: {},
      query: { fields: ORDER_FIELDS },
      headers: input.headers,
    })
    if (result.type === "order") return placed(result.order)
    // Refused: the provider recorded why on the session (a declined card, an input error to retry).
    const after = await readCart(sdk, input.cartId, input)
    const action = nextPaygentAction(findPaygentSession(after))
    if (action.type === "retry_card") return failure("card_refused", action.message, { field: "card" })
    return toPaygentError(Object.assign(new Error(result.error?.message ?? ""), { status: 400 }))
  } catch (error) {
    return toPaygentError(error)
  }
}

export interface PaygentOrderPayment extends PaygentPaymentView {
  order_id: string
  display_id?: number
}

/**
 * An order's Paygent payment as the shopper may see it (instructions while unpaid, the status in shopper words),
 * from the plugin's store route `GET /store/paygent/orders/:id`. The route answers for guest orders by their id
 * (as Medusa's own order route), for a registered customer's order only to that customer (pass their
 * `authorization` header) or with the order's `cartId`.
 */
export async function readPaygentOrderPayment(
  sdk: MedusaClientLike,
  input: StepOptions & { orderId: string; cartId?: string }
): Promise<PaygentResult<{ payment: PaygentOrderPayment | null }>> {
  try {
    const { paygent_payment } = await sdk.client.fetch<{ paygent_payment: PaygentOrderPayment | null }>(
      `/store/paygent/orders/${encodeURIComponent(input.orderId)}`,
      { query: input.cartId ? { cart_id: input.cartId } : undefined, headers: input.headers }
    )
    return { ok: true, payment: paygent_payment }
  } catch (error) {
    return toPaygentError(error)
  }
}
