/**
 * A storefront's table of payment providers (the DTC starter's `paymentInfoMap`): the four Paygent provider ids →
 * title in the shopper's language and an icon of the storefront's choice (the React kit has `PaygentMethodIcon`).
 */
import { PAYMENT_METHOD_NAMES, paygentMethodOf, paygentProviderId, type Locale, type PaygentMethod } from "./labels"

export const PAYGENT_METHODS: readonly PaygentMethod[] = ["card", "konbini", "payeasy", "banknet"]

/** True for the provider ids of this plugin (`pp_paygent-card_paygent` …), whatever the registration id. */
export function isPaygentProvider(providerId: string | undefined | null): boolean {
  return paygentMethodOf(providerId ?? undefined) !== undefined
}

/**
 * `{ [provider_id]: { title, icon } }` for the four methods, e.g. spread into the starter's map:
 * `...paygentPaymentInfoMap("ja", (method) => <PaygentMethodIcon method={method} />)`.
 */
export function paygentPaymentInfoMap<Icon>(
  locale: Locale,
  icon: (method: PaygentMethod) => Icon,
  registrationId = "paygent"
): Record<string, { title: string; icon: Icon; method: PaygentMethod }> {
  const map: Record<string, { title: string; icon: Icon; method: PaygentMethod }> = {}
  for (const method of PAYGENT_METHODS) {
    map[paygentProviderId(method, registrationId)] = { title: PAYMENT_METHOD_NAMES[method][locale], icon: icon(method), method }
  }
  return map
}
