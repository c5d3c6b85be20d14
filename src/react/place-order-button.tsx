"use client"
/**
 * "Place order" for a Paygent payment: places the order through the storefront's server-side step and does what
 * the answer says — the 3-D Secure page, the net-bank screen, or `onOrder` (the confirmation page). A refused
 * attempt shows its message; the shopper changes the payment and tries again on the same cart.
 */
import type { ReactNode } from "react"
import type { PlacedOrder, PlaceOrderResult } from "../storefront/checkout-steps"
import type { PaygentAction } from "../storefront/session-state"
import { slotClass, type PaygentClassNames, type PaygentKitConfig } from "./config"
import { PaygentErrorMessage } from "./error-message"
import { TEXT } from "./text"
import { usePaygentCheckout } from "./use-paygent-checkout"

export function PaygentPlaceOrderButton(props: {
  placeOrder: () => Promise<PlaceOrderResult>
  onOrder?: (order: PlacedOrder, next: PaygentAction) => void
  disabled?: boolean
  children?: ReactNode
  className?: string
  classNames?: PaygentClassNames
  config?: Partial<PaygentKitConfig>
  "data-testid"?: string
}) {
  const checkout = usePaygentCheckout({
    actions: { placeOrder: props.placeOrder },
    onOrder: props.onOrder,
    config: props.config,
  })
  const locale = checkout.config.locale
  const label =
    checkout.status === "redirecting" ? TEXT.processing[locale] : checkout.pending ? TEXT.processing[locale] : props.children ?? TEXT.placeOrder[locale]
  return (
    <>
      <button
        type="button"
        className={[slotClass("place-order", "button", checkout.config, props.classNames), props.className].filter(Boolean).join(" ")}
        disabled={props.disabled || checkout.pending}
        aria-busy={checkout.pending}
        data-testid={props["data-testid"]}
        onClick={() => void checkout.placeOrder()}
      >
        {label}
      </button>
      <PaygentErrorMessage error={checkout.error} config={checkout.config} classNames={props.classNames} />
    </>
  )
}
