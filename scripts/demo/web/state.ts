/** What the demo page remembers in the browser: the cart, the last order, the address, the language. */
import type { Locale } from "../../../src/storefront"

const CART = "paygent-demo:cart"
const ORDER = "paygent-demo:order"
const ADDRESS = "paygent-demo:address"
const LOCALE = "paygent-demo:locale"

export interface AddressForm {
  email: string
  last_name: string
  first_name: string
  postal_code: string
  province: string
  city: string
  address_1: string
  phone: string
}

export const SAMPLE_ADDRESS: AddressForm = {
  email: "taro@example.jp",
  last_name: "山田",
  first_name: "太郎",
  postal_code: "100-0001",
  province: "東京都",
  city: "千代田区",
  address_1: "千代田1-1",
  phone: "090-1234-5678",
}

export const stored = {
  cartId: () => localStorage.getItem(CART) ?? undefined,
  setCartId: (id: string | undefined) => (id ? localStorage.setItem(CART, id) : localStorage.removeItem(CART)),
  orderId: () => localStorage.getItem(ORDER) ?? undefined,
  setOrderId: (id: string | undefined) => (id ? localStorage.setItem(ORDER, id) : localStorage.removeItem(ORDER)),
  address: (): AddressForm => {
    try {
      return { ...SAMPLE_ADDRESS, ...JSON.parse(localStorage.getItem(ADDRESS) ?? "{}") }
    } catch {
      return SAMPLE_ADDRESS
    }
  },
  setAddress: (address: AddressForm) => localStorage.setItem(ADDRESS, JSON.stringify(address)),
  locale: (): Locale => (localStorage.getItem(LOCALE) === "en" ? "en" : "ja"),
  setLocale: (locale: Locale) => localStorage.setItem(LOCALE, locale),
}
