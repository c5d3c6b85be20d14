import type { AxiosInstance } from "axios"
import type { SeededStore } from "./seed-store"

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

/** A shopper going through Medusa's store API, as a storefront would. */
export class Shopper {
  constructor(
    private readonly api: AxiosInstance,
    private readonly store: SeededStore
  ) {}

  private get headers() {
    return { headers: { "x-publishable-api-key": this.store.publishableKey } }
  }

  /** A cart with `quantity` items, an address and a shipping method, ready for payment. */
  async cart(options: { quantity?: number; variantId?: string; regionId?: string } = {}): Promise<any> {
    const { data } = await this.api.post(
      "/store/carts",
      {
        region_id: options.regionId ?? this.store.regionId,
        sales_channel_id: this.store.salesChannelId,
        email: "taro@example.jp",
        items: [{ variant_id: options.variantId ?? this.store.variantId, quantity: options.quantity ?? 1 }],
        shipping_address: JP_ADDRESS,
        billing_address: JP_ADDRESS,
      },
      this.headers
    )
    await this.api.post(`/store/carts/${data.cart.id}/shipping-methods`, { option_id: this.store.shippingOptionId }, this.headers)
    return (await this.api.get(`/store/carts/${data.cart.id}`, this.headers)).data.cart
  }

  /** Starts (or replaces) the cart's payment session with a provider and the data a storefront sends. */
  async pay(cartId: string, providerId: string, data: Record<string, unknown> = {}): Promise<any> {
    const cart = (await this.api.get(`/store/carts/${cartId}?fields=+payment_collection.id`, this.headers)).data.cart
    let collectionId = cart.payment_collection?.id
    if (!collectionId) {
      collectionId = (await this.api.post("/store/payment-collections", { cart_id: cartId }, this.headers)).data
        .payment_collection.id
    }
    const { data: body } = await this.api.post(
      `/store/payment-collections/${collectionId}/payment-sessions`,
      { provider_id: providerId, data },
      this.headers
    )
    return body.payment_collection.payment_sessions.find((s: any) => s.provider_id === providerId)
  }

  /** POST /store/carts/:id/complete: `{ type: "order", order }` or `{ type: "cart", cart, error }`. */
  async complete(cartId: string): Promise<any> {
    return (await this.api.post(`/store/carts/${cartId}/complete`, {}, this.headers)).data
  }

  /** The cart's current payment session for a provider, with its data, as the storefront sees it. */
  async session(cartId: string, providerId: string): Promise<any> {
    const { data } = await this.api.get(
      `/store/carts/${cartId}?fields=*payment_collection,*payment_collection.payment_sessions`,
      this.headers
    )
    return data.cart.payment_collection.payment_sessions.find((s: any) => s.provider_id === providerId)
  }

  async updateCart(cartId: string, body: Record<string, unknown>): Promise<any> {
    return (await this.api.post(`/store/carts/${cartId}`, body, this.headers)).data.cart
  }

  async setQuantity(cartId: string, lineItemId: string, quantity: number): Promise<any> {
    return (await this.api.post(`/store/carts/${cartId}/line-items/${lineItemId}`, { quantity }, this.headers)).data.cart
  }
}
