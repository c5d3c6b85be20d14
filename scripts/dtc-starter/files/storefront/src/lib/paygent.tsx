"use client"
/**
 * The storefront's Paygent pieces, on medusa-payment-paygent/react: the kit's configuration, the payment step's
 * hook (fields + "Continue to review"), the "Place order" button and the 3-D Secure return page.
 */
import { HttpTypes } from "@medusajs/types"
import {
  PaygentErrorMessage,
  PaygentPaymentFields,
  PaygentPlaceOrderButton,
  PaygentThreeDsReturn,
  usePaygentCheckout,
  type PaygentKitConfig,
} from "medusa-payment-paygent/react"
import { isPaygentProvider, PAYGENT_TOKEN_SCRIPT_URLS, type SavedCard } from "medusa-payment-paygent/storefront"
import { useParams, useRouter } from "next/navigation"
import { useEffect, useState } from "react"
import { listPaygentSavedCardsAction, placePaygentOrderAction, setPaygentPaymentAction } from "@lib/data/paygent"

/** Public values only: the merchant ID, the token generation key and PaygentToken.js's URL. */
export const paygentConfig: PaygentKitConfig = {
  locale: "ja",
  merchantId: process.env.NEXT_PUBLIC_PAYGENT_MERCHANT_ID ?? "",
  tokenKey: process.env.NEXT_PUBLIC_PAYGENT_TOKEN_KEY ?? "",
  tokenScriptUrl: process.env.NEXT_PUBLIC_PAYGENT_TOKEN_SCRIPT_URL ?? PAYGENT_TOKEN_SCRIPT_URLS.sandbox,
  // The card payment classes your Paygent contract allows, e.g. ["10", "61", "80"].
  paymentClasses: ["10"],
  // Tailwind classes for the kit's parts, in the starter's look.
  classNames: {
    field: "flex flex-col gap-y-1 mt-3",
    label: "txt-compact-small text-ui-fg-subtle",
    input: "h-10 px-3 bg-ui-bg-field border border-ui-border-base rounded-md txt-medium",
    select: "h-10 px-3 bg-ui-bg-field border border-ui-border-base rounded-md txt-medium",
    hint: "txt-compact-small text-ui-fg-muted mt-1",
    error: "txt-compact-small text-rose-500",
    fieldset: "mt-3 flex flex-col gap-y-1",
    legend: "txt-medium-plus text-ui-fg-base mb-1",
    option: "flex items-center gap-x-2 txt-medium py-1",
    alert: "mt-3 txt-medium text-rose-500",
    brand: "txt-compact-small text-ui-fg-subtle",
    link: "underline text-ui-fg-interactive",
    status: "txt-medium text-ui-fg-subtle",
  },
}

/**
 * The payment step's Paygent part: `fields(id, selected)` renders the kit's fields under the chosen method, and
 * `submit(id)` checks them, makes the card token in the browser and sets the payment (server action). A
 * logged-in customer's saved cards are offered, with "save this card".
 */
export function usePaygentPaymentStep(cart: HttpTypes.StoreCart, options: { loggedIn?: boolean } = {}) {
  const params = useParams<{ countryCode: string }>()
  const [origin, setOrigin] = useState("")
  const [savedCards, setSavedCards] = useState<SavedCard[]>([])
  useEffect(() => {
    setOrigin(window.location.origin)
    if (options.loggedIn) {
      void listPaygentSavedCardsAction().then((result) => result.ok && setSavedCards(result.cards))
    }
  }, [options.loggedIn])
  const checkout = usePaygentCheckout({
    cart,
    config: paygentConfig,
    actions: { setPayment: setPaygentPaymentAction, placeOrder: placePaygentOrderAction },
    // The 3-D Secure return page; its origin must be in the backend's STORE_CORS.
    returnUrl: origin ? `${origin}/${params.countryCode}/checkout/paygent-3ds` : undefined,
  })
  return {
    checkout,
    fields: (providerId: string, selected: string) =>
      providerId === selected && isPaygentProvider(providerId) ? (
        <div className="px-8 pb-4" data-testid="paygent-fields">
          <PaygentPaymentFields providerId={providerId} checkout={checkout} savedCards={savedCards} canSaveCard={options.loggedIn} />
          <PaygentErrorMessage error={checkout.error} config={paygentConfig} />
        </div>
      ) : null,
    submit: async (providerId: string) => (await checkout.submitPayment(providerId))?.ok === true,
  }
}

/** "Place order" for a Paygent payment: 3-D Secure, the bank screen, or the confirmation page. */
export function PaygentPaymentButton(props: { notReady: boolean; "data-testid"?: string }) {
  const router = useRouter()
  const params = useParams<{ countryCode: string }>()
  return (
    <PaygentPlaceOrderButton
      placeOrder={placePaygentOrderAction}
      config={paygentConfig}
      disabled={props.notReady}
      data-testid={props["data-testid"]}
      className="transition-fg relative inline-flex w-full items-center justify-center overflow-hidden rounded-md h-10 px-5 txt-compact-medium-plus bg-ui-button-inverted text-ui-contrast-fg-primary disabled:bg-ui-bg-disabled disabled:text-ui-fg-disabled"
      // Net bank: the kit sends the shopper to the bank screen itself.
      onOrder={(order, next) => next.type !== "redirect" && router.push(`/${order.country_code ?? params.countryCode}/order/${order.id}/confirmed`)}
    >
      注文を確定する
    </PaygentPlaceOrderButton>
  )
}

/** The 3-D Secure return page's content: places the order, or shows why not with a way back to the payment step. */
export function PaygentReturn() {
  const router = useRouter()
  const params = useParams<{ countryCode: string }>()
  return (
    <PaygentThreeDsReturn
      placeOrder={placePaygentOrderAction}
      config={paygentConfig}
      retryHref={`/${params.countryCode}/checkout?step=payment`}
      onOrder={(order) => router.replace(`/${order.country_code ?? params.countryCode}/order/${order.id}/confirmed`)}
    />
  )
}
