/**
 * The demo's payment step, built only from the kit (medusa-payment-paygent/react): the methods the region offers
 * with their titles and icons (paygentPaymentInfoMap), each method's fields, one "place order" that checks the
 * input, makes the card token in the browser, sets the payment and places the order — 3-D Secure, the bank screen
 * or the confirmation follow. A refused card stays on this page with the message; the shopper corrects the card
 * and places the order again on the same cart.
 */
import { useEffect, useMemo, useState } from "react"
import {
  PaygentErrorMessage,
  PaygentMethodIcon,
  PaygentPaymentFields,
  usePaygentCheckout,
  type PaygentCheckoutActions,
} from "../../../src/react"
import {
  PAYGENT_METHODS,
  paygentMethodOf,
  paygentPaymentInfoMap,
  type Locale,
  type PaygentError,
  type PlacedOrder,
} from "../../../src/storefront"
import type { DemoConfig } from "./api"
import { CartPanel, currentCart, t, type Api } from "./shop"

/** Cardholder names that choose the simulator's 3-D Secure scenario. */
const THREE_DS_SCENARIOS = [
  { id: "challenge", name: "BAVCA", ja: "チャレンジ（パスワード 14012）", en: "challenge (password 14012)" },
  { id: "frictionless", name: "TARO YAMADA", ja: "フリクションレス", en: "frictionless" },
  { id: "fail", name: "BAVNA", ja: "認証失敗", en: "authentication fails" },
]

export function Payment(props: {
  api: Api
  config: DemoConfig
  locale: Locale
  actions: PaygentCheckoutActions
  /** A message to show on arrival (a failed 3-D Secure coming back). */
  initialError?: PaygentError
  onOrder: (order: PlacedOrder) => void
  onBack: () => void
}) {
  const { api, config, locale } = props
  const [cart, setCart] = useState<any>()
  const [providers, setProviders] = useState<string[]>()
  const [selected, setSelected] = useState<string>("")
  const [scenario, setScenario] = useState("challenge")

  useEffect(() => {
    void (async () => {
      const [current, { payment_providers }] = await Promise.all([
        currentCart(api),
        api.fetch<{ payment_providers: { id: string }[] }>("/store/payment-providers", { query: { region_id: config.regionId } }),
      ])
      setCart(current)
      // Card first, then konbini, Pay-easy, net bank (the kit's order), whatever order the API lists them in.
      const rank = (id: string) => {
        const method = paygentMethodOf(id)
        return method ? PAYGENT_METHODS.indexOf(method) : PAYGENT_METHODS.length
      }
      const ids = payment_providers.map((p) => p.id).sort((a, b) => rank(a) - rank(b))
      setProviders(ids)
      setSelected((now) => now || ids.find((id) => paygentMethodOf(id)) || ids[0] || "")
    })()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const checkout = usePaygentCheckout({
    actions: props.actions,
    cart,
    returnUrl: `${location.origin}/?return=3ds`,
    onOrder: (order) => props.onOrder(order),
    initialCard: { number: "4111 1111 1111 1111", expireMonth: "12", expireYear: "30", cvc: "123", name: "BAVCA" },
    initialBuyer: { familyNameKana: "ヤマダ", givenNameKana: "タロウ" },
  })
  const [arrivalError, setArrivalError] = useState(props.initialError)
  const info = useMemo(() => paygentPaymentInfoMap(locale, (method) => <PaygentMethodIcon method={method} />), [locale])

  const place = async () => {
    setArrivalError(undefined)
    await checkout.pay(selected)
  }

  const error = checkout.error ?? arrivalError
  return (
    <div className="layout">
      <section>
        <h2>{t(locale, "お支払い方法", "Payment method")}</h2>
        {!providers && <p className="loading">{t(locale, "読み込み中…", "Loading…")}</p>}
        <div className="methods" id="methods" role="radiogroup" aria-label={t(locale, "お支払い方法", "Payment method")}>
          {providers?.map((id) => {
            const method = paygentMethodOf(id)
            return (
              <div key={id} className={`method${selected === id ? " selected" : ""}`} data-method={method ?? id}>
                <label>
                  <input type="radio" name="method" value={method ?? id} checked={selected === id} onChange={() => setSelected(id)} />{" "}
                  {info[id]?.icon} {info[id]?.title ?? id}
                </label>
                {selected === id && method && (
                  <div className="details">
                    <PaygentPaymentFields providerId={id} checkout={checkout} />
                    {method === "card" && (
                      <label className="field test-scenario">
                        {t(locale, "3-D Secure のテスト（カード名義を設定します）", "3-D Secure test scenario (sets the cardholder name)")}
                        <select
                          id="threeds-scenario"
                          value={scenario}
                          onChange={(e) => {
                            setScenario(e.target.value)
                            checkout.setCard({ name: THREE_DS_SCENARIOS.find((s) => s.id === e.target.value)?.name ?? "" })
                          }}
                        >
                          {THREE_DS_SCENARIOS.map((s) => (
                            <option key={s.id} value={s.id}>
                              {t(locale, s.ja, s.en)}
                            </option>
                          ))}
                        </select>
                        <small>
                          {t(
                            locale,
                            "テストカード: 4111 1111 1111 1111 など。末尾 8212 は拒否、8244 はセキュリティコード誤り。",
                            "Test cards: 4111 1111 1111 1111 etc.; a number ending in 8212 is declined, 8244 has a wrong security code."
                          )}
                        </small>
                      </label>
                    )}
                  </div>
                )}
              </div>
            )
          })}
        </div>
        <div className="actions">
          <button id="place-order" disabled={checkout.pending || !selected || !cart} aria-busy={checkout.pending} onClick={() => void place()}>
            {checkout.pending ? t(locale, "処理中…", "Processing…") : t(locale, "注文を確定する", "Place order")}
          </button>
          <button className="secondary" id="back-to-address" onClick={props.onBack}>
            {t(locale, "お届け先に戻る", "Back to address")}
          </button>
        </div>
        <div id="error">
          <PaygentErrorMessage error={error} />
        </div>
      </section>
      <CartPanel cart={cart} locale={locale}>
        {cart?.shipping_address && (
          <p>
            <small>
              {t(locale, "お届け先", "Ship to")}: {cart.shipping_address.last_name} {cart.shipping_address.first_name}
            </small>
          </p>
        )}
      </CartPanel>
    </div>
  )
}
