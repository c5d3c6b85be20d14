"use server"
/**
 * Paygent's server-side checkout steps as server actions (medusa-payment-paygent/storefront), with this
 * storefront's SDK, cookies and cache tags. They return every outcome as a value — `{ ok: false, error: { code,
 * field, message: { ja, en } } }` — because Next.js replaces the message of a thrown error in production builds.
 */
import { sdk } from "@lib/config"
import {
  failure,
  listPaygentSavedCards,
  placePaygentOrder,
  readPaygentOrderPayment,
  setPaygentPayment,
  type PlaceOrderResult,
  type SetPaymentResult,
} from "medusa-payment-paygent/storefront"
import { revalidateTag } from "next/cache"
import { getAuthHeaders, getCacheTag, getCartId, removeCartId } from "./cookies"

const NO_CART = {
  ja: "カートが見つかりません。ページを読み込み直してください。",
  en: "Your cart was not found. Please reload the page.",
}

async function headers(): Promise<Record<string, string>> {
  return { ...(await getAuthHeaders()) }
}

/** "Continue to review": the payment session with the kit's data (card token, konbini chain, buyer kana…). */
export async function setPaygentPaymentAction(input: { providerId: string; data: Record<string, unknown> }): Promise<SetPaymentResult> {
  const cartId = await getCartId()
  if (!cartId) return failure("cart_not_found", NO_CART)
  const result = await setPaygentPayment(sdk, { cartId, ...input, headers: await headers() })
  revalidateTag(await getCacheTag("carts"))
  return result
}

/** "Place order", and the 3-D Secure return page: 3-D Secure to start, the order, or why not. */
export async function placePaygentOrderAction(): Promise<PlaceOrderResult> {
  const cartId = await getCartId()
  if (!cartId) return failure("cart_not_found", NO_CART)
  const result = await placePaygentOrder(sdk, { cartId, headers: await headers() })
  if (result.ok && result.type === "order") {
    revalidateTag(await getCacheTag("orders"))
    revalidateTag(await getCacheTag("carts"))
    await removeCartId()
  }
  revalidateTag(await getCacheTag("carts"))
  return result
}

/** The order page: the order's Paygent payment (numbers, deadline, status) through the plugin's store route. */
export async function readPaygentOrderPaymentAction(orderId: string) {
  return readPaygentOrderPayment(sdk, { orderId, headers: await headers() })
}

/** A logged-in customer's saved cards, for the card form ([] for guests). */
export async function listPaygentSavedCardsAction() {
  return listPaygentSavedCards(sdk, { headers: await headers() })
}
