/**
 * The demo's checkout page: a small React shop whose payment is done entirely with the plugin's storefront kit
 * (medusa-payment-paygent/react and /storefront), bundled by esbuild when the demo starts. The kit's server-side
 * steps (setPaygentPayment, placePaygentOrder) run here in the browser against the store API; a Next.js
 * storefront runs the same functions in server actions (docs/storefront-nextjs.md).
 *
 * Pages: shop → address → payment → order; `?return=3ds` is the 3-D Secure return page, `?bank=return|stop` the
 * net-bank return, `?order=last` the last order.
 */
import { StrictMode, useEffect, useMemo, useState } from "react"
import { createRoot } from "react-dom/client"
import { PaygentProvider, usePaygentThreeDsReturn } from "../../../src/react"
import {
  placePaygentOrder,
  setPaygentPayment,
  simulatorTokenScriptUrl,
  type Locale,
  type PaygentError,
  type PlacedOrder,
} from "../../../src/storefront"
import { storeApi, type DemoConfig } from "./api"
import { Order } from "./order"
import { Payment } from "./payment"
import { Address, Shop, t, type Api } from "./shop"
import { stored } from "./state"

type View =
  | { page: "shop" }
  | { page: "address" }
  | { page: "payment"; error?: PaygentError }
  | { page: "order"; orderId: string; banner?: string }
  | { page: "three-ds" }

function firstView(url: URL): View {
  if (url.searchParams.get("return") === "3ds") return { page: "three-ds" }
  const bank = url.searchParams.get("bank")
  const last = stored.orderId()
  if (bank && last) {
    return { page: "order", orderId: last, banner: bank === "return" && url.searchParams.get("result") !== "1" ? "paid" : "unpaid" }
  }
  if (url.searchParams.get("order") === "last" && last) return { page: "order", orderId: last }
  return { page: "shop" }
}

/** The 3-D Secure return page: the kit places the order (or tells why not) and the page moves on. */
function ThreeDsReturn(props: {
  locale: Locale
  placeOrder: () => ReturnType<typeof placePaygentOrder>
  onOrder: (order: PlacedOrder) => void
  onFailed: (error: PaygentError) => void
  onNothing: () => void
}) {
  const state = usePaygentThreeDsReturn({ placeOrder: props.placeOrder, onOrder: props.onOrder })
  useEffect(() => {
    if (state.state === "checking") return
    history.replaceState(null, "", "/")
    if (state.state === "failed") props.onFailed(state.error)
    // A reload of the return page after the order: nothing to place any more.
    if (state.state === "none") props.onNothing()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.state])
  return (
    <p className="loading" id="completing" data-state={state.state}>
      {t(props.locale, "本人認証が完了しました。ご注文を確定しています…", "Authentication complete; placing your order…")}
    </p>
  )
}

function App(props: { config: DemoConfig; api: Api }) {
  const { config, api } = props
  const [locale, setLocale] = useState<Locale>(stored.locale())
  const [view, setView] = useState<View>(() => firstView(new URL(location.href)))

  useEffect(() => {
    // Return parameters (bank) are not kept in the address bar: a reload shows the order again.
    if (new URL(location.href).searchParams.has("bank")) history.replaceState(null, "", "/?order=last")
    document.documentElement.lang = locale
  }, [locale])

  const cartId = () => stored.cartId() ?? ""
  const actions = useMemo(
    () => ({
      setPayment: (input: { providerId: string; data: Record<string, unknown> }) => setPaygentPayment(api.sdk, { cartId: cartId(), ...input }),
      placeOrder: () => placePaygentOrder(api.sdk, { cartId: cartId() }),
    }),
    [api]
  )
  const kit = useMemo(
    () => ({
      locale,
      merchantId: config.merchantId,
      tokenKey: config.tokenKey,
      tokenScriptUrl: simulatorTokenScriptUrl(config.simulatorUrl),
      // The simulator accepts every payment class; a real shop lists what its contract allows.
      paymentClasses: ["10" as const, "61" as const, "23" as const, "80" as const],
    }),
    [config, locale]
  )
  const ordered = (order: PlacedOrder) => {
    stored.setCartId(undefined)
    stored.setOrderId(order.id)
    setView({ page: "order", orderId: order.id })
  }
  const switchLocale = (next: Locale) => {
    stored.setLocale(next)
    setLocale(next)
  }
  const banner = (kind: string | undefined) =>
    kind === "paid"
      ? t(locale, "銀行でのお支払いを受け付けました。入金の確認まで少しお待ちください。", "Your bank payment was submitted; its confirmation follows.")
      : kind === "unpaid"
        ? t(locale, "銀行でのお支払いは完了していません。下のリンクからもう一度お手続きください。", "The bank payment was not completed; use the link below to try again.")
        : undefined

  return (
    <PaygentProvider config={kit}>
      <div className="lang" role="group" aria-label="Language">
        <button className={locale === "ja" ? "" : "secondary"} id="lang-ja" aria-pressed={locale === "ja"} onClick={() => switchLocale("ja")}>
          日本語
        </button>
        <button className={locale === "en" ? "" : "secondary"} id="lang-en" aria-pressed={locale === "en"} onClick={() => switchLocale("en")}>
          English
        </button>
      </div>
      {view.page === "shop" && <Shop api={api} config={config} locale={locale} onCheckout={() => setView({ page: "address" })} />}
      {view.page === "address" && <Address api={api} locale={locale} onBack={() => setView({ page: "shop" })} onDone={() => setView({ page: "payment" })} />}
      {view.page === "payment" && (
        <Payment
          api={api}
          config={config}
          locale={locale}
          actions={actions}
          initialError={view.error}
          onOrder={ordered}
          onBack={() => setView({ page: "address" })}
        />
      )}
      {view.page === "three-ds" && (
        <ThreeDsReturn
          locale={locale}
          placeOrder={actions.placeOrder}
          onOrder={ordered}
          onFailed={(error) => setView({ page: "payment", error })}
          onNothing={() => setView(stored.orderId() ? { page: "order", orderId: stored.orderId()! } : { page: "shop" })}
        />
      )}
      {view.page === "order" && (
        <Order
          api={api}
          config={config}
          locale={locale}
          orderId={view.orderId}
          banner={banner(view.banner)}
          onShopAgain={() => {
            stored.setOrderId(undefined)
            history.replaceState(null, "", "/")
            setView({ page: "shop" })
          }}
        />
      )}
    </PaygentProvider>
  )
}

async function start(): Promise<void> {
  const config: DemoConfig = await (await fetch("/config.json")).json()
  ;(document.getElementById("nav-admin") as HTMLAnchorElement).href = config.adminUrl
  ;(document.getElementById("nav-tool") as HTMLAnchorElement).href = config.toolUrl
  createRoot(document.getElementById("app")!).render(
    <StrictMode>
      <App config={config} api={storeApi(config)} />
    </StrictMode>
  )
}

start().catch((error) => {
  document.getElementById("app")!.textContent = String(error?.message ?? error)
})
