/**
 * A storefront and an admin over HTTP, as a real client would use this app: carts, payment sessions, completion,
 * and the admin's buttons (Medusa's own and the plugin's). Nothing here reaches into the app's process.
 */
import { PAYGENT_PROVIDER_IDS } from "../../scripts/demo/seed-store"
import { must, ok, request, type Reply } from "./http"
import type { CampaignContext } from "./types"

export { PAYGENT_PROVIDER_IDS }

export type Method = keyof typeof PAYGENT_PROVIDER_IDS

export const JP_ADDRESS = {
  first_name: "太郎",
  last_name: "山田",
  address_1: "千代田1-1",
  city: "千代田区",
  province: "東京都",
  postal_code: "100-0001",
  country_code: "jp",
  phone: "090-1234-5678",
}

/** A konbini / ATM buyer whose name and phone Paygent accepts. */
export const BUYER = {
  customer_family_name: "山田",
  customer_name: "太郎",
  customer_family_name_kana: "ヤマダ",
  customer_name_kana: "タロウ",
  customer_tel: "090-1234-5678",
}

/** A card every scenario may use (VISA, authorizes and cancels normally). */
export const CARD = "4923000000001111"

export function storeHeaders(ctx: CampaignContext): Record<string, string> {
  return { "x-publishable-api-key": ctx.store.publishableKey }
}

export function url(ctx: CampaignContext, path: string, instance = 0): string {
  const urls = ctx.urls()
  return `${urls[instance % urls.length]}${path}`
}

export function store(ctx: CampaignContext, method: string, path: string, body?: unknown, instance = 0): Promise<Reply> {
  return request(method, url(ctx, path, instance), { body, headers: storeHeaders(ctx) })
}

export function admin(ctx: CampaignContext, method: string, path: string, body?: unknown, instance = 0): Promise<Reply> {
  return request(method, url(ctx, path, instance), { body: body ?? (method === "GET" ? undefined : {}), headers: ctx.adminHeaders })
}

/** What a storefront sends for a card payment: a PaygentToken.js token (made by the simulator) and its summary. */
export function cardData(ctx: CampaignContext, cardNumber = CARD): Record<string, unknown> {
  const token = ctx.sim.control.createToken({
    card_number: cardNumber,
    expire_month: "12",
    expire_year: "30",
    cvc: "123",
    name: "TARO YAMADA",
  })
  ctx.issued.tokens.add(token.token)
  ctx.issued.cards.add(cardNumber)
  return {
    card_token: token.token,
    masked_card_number: token.masked_card_number,
    valid_until: token.valid_until,
    fingerprint: token.fingerprint,
    token_hc: token.hc,
    cardholder_name: "TARO YAMADA",
  }
}

export function methodData(ctx: CampaignContext, method: Method, extra: Record<string, unknown> = {}): Record<string, unknown> {
  switch (method) {
    case "card":
      return { ...cardData(ctx), ...extra }
    case "konbini":
      return { ...BUYER, cvs_company_id: "00C002", ...extra }
    default:
      return { ...BUYER, ...extra }
  }
}

export interface CartOptions {
  quantity?: number
  variantId?: string
  regionId?: string
  email?: string
  instance?: number
}

let carts = 0

/** A cart with items, addresses and a shipping method, ready for payment. */
export async function createCart(ctx: CampaignContext, options: CartOptions = {}): Promise<string> {
  const instance = options.instance ?? 0
  const created = must(
    await store(
      ctx,
      "POST",
      "/store/carts",
      {
        region_id: options.regionId ?? ctx.store.regionId,
        sales_channel_id: ctx.store.salesChannelId,
        // One guest e-mail per cart: Medusa creates the guest customer on the fly and two carts created at the
        // same moment with one new e-mail race (400 "Customer … already exists").
        email: options.email ?? `taro+${Date.now().toString(36)}${(carts++).toString(36)}@example.jp`,
        items: [{ variant_id: options.variantId ?? ctx.store.variantId, quantity: options.quantity ?? 1 }],
        shipping_address: JP_ADDRESS,
        billing_address: JP_ADDRESS,
      },
      instance
    ),
    "create a cart"
  )
  const cartId = created.data.cart.id as string
  must(
    await store(ctx, "POST", `/store/carts/${cartId}/shipping-methods`, { option_id: ctx.store.shippingOptionId }, instance),
    "add a shipping method"
  )
  return cartId
}

/** Starts the cart's payment session; the reply as the store API gives it (a refusal is a 4xx). */
export async function startSession(
  ctx: CampaignContext,
  cartId: string,
  method: Method | string,
  data: Record<string, unknown>,
  instance = 0
): Promise<Reply> {
  const providerId = (PAYGENT_PROVIDER_IDS as Record<string, string>)[method] ?? method
  const collection = await store(ctx, "POST", "/store/payment-collections", { cart_id: cartId }, instance)
  if (!ok(collection)) {
    return collection
  }
  return store(
    ctx,
    "POST",
    `/store/payment-collections/${collection.data.payment_collection.id}/payment-sessions`,
    { provider_id: providerId, data },
    instance
  )
}

export async function complete(ctx: CampaignContext, cartId: string, instance = 0): Promise<Reply> {
  return store(ctx, "POST", `/store/carts/${cartId}/complete`, {}, instance)
}

export interface PlacedOrder {
  orderId: string
  cartId: string
  method: Method
}

/** Cart → session → completion; throws when no order comes out (a set-up step, no fault is active). */
export async function placeOrder(
  ctx: CampaignContext,
  method: Method,
  options: CartOptions & { data?: Record<string, unknown> } = {}
): Promise<PlacedOrder> {
  const cartId = await createCart(ctx, options)
  must(await startSession(ctx, cartId, method, options.data ?? methodData(ctx, method), options.instance), `start a ${method} session`)
  const done = must(await complete(ctx, cartId, options.instance), `complete a ${method} cart`)
  if (done.data.type !== "order") {
    throw new Error(`completing a ${method} cart gave no order: ${JSON.stringify(done.data.error ?? done.data).slice(0, 300)}`)
  }
  return { orderId: done.data.order.id, cartId, method }
}

/** Logs in as the admin the seed created; the `authorization` header. */
export async function adminLogin(baseUrl: string, email: string, password: string): Promise<Record<string, string>> {
  const login = must(await request("POST", `${baseUrl}/auth/user/emailpass`, { body: { email, password } }), "admin login")
  return { authorization: `Bearer ${login.data.token}` }
}

/** One run of the sync job through the admin API (`POST /admin/paygent/sync`). */
export async function runSync(ctx: CampaignContext, instance = 0): Promise<any> {
  const reply = await admin(ctx, "POST", "/admin/paygent/sync", {}, instance)
  if (!ok(reply)) {
    throw new Error(`sync: ${reply.error ?? reply.status} ${reply.text.slice(0, 300)}`)
  }
  return reply.data.run
}
