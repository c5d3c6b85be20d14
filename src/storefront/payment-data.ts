/**
 * The `data` a storefront sends when it creates a Paygent payment session
 * (`sdk.store.payment.initiatePaymentSession(cart, { provider_id, data })`).
 */
import type { KonbiniChainId, PaymentClass } from "./labels"
import type { CardSessionData } from "./token"

export interface CardPaymentOptions {
  /** 10 一括 (default), 23 ボーナス一括, 61 分割 (needs splitCount), 80 リボ. */
  paymentClass?: PaymentClass
  /** Number of installments for 61 (2–99; which ones the contract allows is up to the card company). */
  splitCount?: number | string
  /** The storefront page the shopper comes back to after 3-D Secure (its origin must be in STORE_CORS). */
  returnUrl?: string
  /** Shopper e-mail, sent as 3-D Secure risk data (brands ask for it or a phone); defaults to the customer's. */
  email?: string
  /** `data.paygent.input_error.retry_ref` of the failed session, to retry an input error (2003) on the same payment. */
  retryRef?: string
}

export interface CardPaymentData extends CardSessionData {
  payment_class: PaymentClass
  split_count?: string
  return_url?: string
  email?: string
  retry_ref?: string
}

/** The card session's data: the token fields from createCardToken plus how the shopper wants to pay. */
export function cardPaymentData(token: CardSessionData, options: CardPaymentOptions = {}): CardPaymentData {
  const paymentClass = options.paymentClass ?? "10"
  const data: CardPaymentData = { ...token, payment_class: paymentClass }
  if (paymentClass === "61") {
    const count = String(options.splitCount ?? "")
    if (!/^(?:[2-9]|[1-9]\d)$/.test(count)) {
      throw new Error("cardPaymentData: splitCount (2–99) is required for installments (payment class 61).")
    }
    data.split_count = count
  }
  if (options.returnUrl) data.return_url = options.returnUrl
  if (options.email) data.email = options.email
  if (options.retryRef) data.retry_ref = options.retryRef
  return data
}

/** A Medusa address (cart.billing_address / shipping_address); Japanese addresses keep 姓 in last_name. */
export interface AddressLike {
  first_name?: string | null
  last_name?: string | null
  phone?: string | null
}

/** The buyer's kana, which Medusa's address has no fields for (ask for it in the checkout form, or keep it in metadata). */
export interface BuyerKana {
  familyNameKana?: string
  givenNameKana?: string
}

export interface BuyerData {
  customer_family_name?: string
  customer_name?: string
  customer_family_name_kana?: string
  customer_name_kana?: string
  customer_tel?: string
}

function text(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

/**
 * The buyer's names and phone as the konbini, Pay-easy and net-bank sessions take them. Full-width katakana
 * kana is fine (the provider converts it); the phone may contain hyphens.
 */
export function buyerFromAddress(address: AddressLike | null | undefined, kana: BuyerKana = {}): BuyerData {
  const data: BuyerData = {}
  const entries: [keyof BuyerData, string | undefined][] = [
    ["customer_family_name", text(address?.last_name)],
    ["customer_name", text(address?.first_name)],
    ["customer_family_name_kana", text(kana.familyNameKana)],
    ["customer_name_kana", text(kana.givenNameKana)],
    ["customer_tel", text(address?.phone)],
  ]
  for (const [key, value] of entries) {
    if (value) data[key] = value
  }
  return data
}

/** The konbini session's data: the chosen chain (cvs_company_id) and the buyer. */
export function konbiniPaymentData(
  chain: KonbiniChainId,
  address: AddressLike | null | undefined,
  kana: BuyerKana = {}
): BuyerData & { cvs_company_id: KonbiniChainId } {
  return { cvs_company_id: chain, ...buyerFromAddress(address, kana) }
}
