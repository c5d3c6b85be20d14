"use client"
/**
 * The storefront's 3-D Secure return page. The plugin's term_url sends the shopper back to the card session's
 * `return_url` with `?session_id=…&paygent_3ds=ok|failed`; this places the order (the storefront's server-side
 * step, which completes the cart after a successful authentication and answers the card's refusal otherwise) and
 * hands over to `onOrder`, or shows why not with a way back to the payment step. The parameters are removed from
 * the address bar first, so that a reload does not act twice.
 */
import { useEffect, useRef, useState } from "react"
import type { PlacedOrder, PlaceOrderResult } from "../storefront/checkout-steps"
import type { PaygentError } from "../storefront/errors"
import type { PaygentAction } from "../storefront/session-state"
import { readThreeDsReturn, stripThreeDsReturn, type ThreeDsReturn } from "../storefront/three-ds"
import { slotClass, usePaygentConfig, type PaygentClassNames, type PaygentKitConfig } from "./config"
import { PaygentErrorMessage } from "./error-message"
import { TEXT } from "./text"

export type ThreeDsReturnState =
  /** Before the page's address was read (the first render, also on the server). */
  | { state: "checking" }
  /** The address has no 3-D Secure result (e.g. a reload after the order). */
  | { state: "none" }
  | { state: "completing"; back: ThreeDsReturn }
  | { state: "done"; order: PlacedOrder; next: PaygentAction }
  | { state: "failed"; error: PaygentError }

export function usePaygentThreeDsReturn(options: {
  placeOrder: () => Promise<PlaceOrderResult>
  onOrder?: (order: PlacedOrder, next: PaygentAction) => void
  /** For tests: the page's URL and history (default window.location / window.history). */
  location?: { href: string }
  history?: { replaceState(data: unknown, unused: string, url: string): void }
}): ThreeDsReturnState {
  const [state, setState] = useState<ThreeDsReturnState>({ state: "checking" })
  const started = useRef(false)
  const { placeOrder, onOrder } = options
  useEffect(() => {
    // Once per page load, also under React's development double effects.
    if (started.current) return
    started.current = true
    const location = options.location ?? window.location
    const back = readThreeDsReturn(location)
    if (!back) return setState({ state: "none" })
    ;(options.history ?? window.history).replaceState(null, "", stripThreeDsReturn(location))
    setState({ state: "completing", back })
    void placeOrder().then((result) => {
      if (!result.ok) return setState({ state: "failed", error: result.error })
      if (result.type === "three_ds") {
        // The session asks for authentication again (it was restarted elsewhere): back to the payment step.
        return setState({
          state: "failed",
          error: {
            code: "card_refused",
            field: "card",
            retry: true,
            message: { ja: "本人認証が完了していません。もう一度お試しください。", en: "Authentication was not completed. Please try again." },
          },
        })
      }
      setState({ state: "done", order: result.order, next: result.next })
      onOrder?.(result.order, result.next)
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return state
}

export function PaygentThreeDsReturn(props: {
  placeOrder: () => Promise<PlaceOrderResult>
  onOrder?: (order: PlacedOrder, next: PaygentAction) => void
  /** Where "enter card details again" leads (the payment step). */
  retryHref?: string
  className?: string
  classNames?: PaygentClassNames
  config?: Partial<PaygentKitConfig>
}) {
  const config = usePaygentConfig(props.config)
  const locale = config.locale
  const state = usePaygentThreeDsReturn({ placeOrder: props.placeOrder, onOrder: props.onOrder })
  const c = (slot: Parameters<typeof slotClass>[1]) => slotClass("three-ds-return", slot, config, props.classNames)
  return (
    <div className={[c("root"), props.className].filter(Boolean).join(" ")} data-state={state.state} aria-live="polite">
      {(state.state === "checking" || state.state === "completing" || state.state === "done") && (
        <p className={c("status")}>{TEXT.completing[locale]}</p>
      )}
      {state.state === "failed" && (
        <>
          <PaygentErrorMessage error={state.error} config={config} classNames={props.classNames} />
          {state.error.retry && props.retryHref && (
            <a className={c("link")} href={props.retryHref} data-link="retry">
              {TEXT.retryCard[locale]}
            </a>
          )}
        </>
      )}
    </div>
  )
}
