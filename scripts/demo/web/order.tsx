/**
 * The demo's confirmation page: the order and its Paygent payment read through the plugin's store route
 * (`readPaygentOrderPayment`) and shown by the kit (`PaygentPaymentInstructions`): konbini / Pay-easy numbers with
 * the deadline and the time left, the bank screen's link, or the card's status. It reads again every few seconds
 * while the payment is awaited, so that a payment made in the test tool shows up.
 */
import { useEffect, useState } from "react"
import { PaygentErrorMessage, PaygentPaymentInstructions } from "../../../src/react"
import {
  PAYMENT_METHOD_NAMES,
  findPaygentSession,
  readPaygentOrderPayment,
  readPaygentState,
  type Locale,
  type PaygentError,
  type PaygentOrderPayment,
} from "../../../src/storefront"
import type { DemoConfig } from "./api"
import { t, yen, type Api } from "./shop"

export function Order(props: { api: Api; config: DemoConfig; locale: Locale; orderId: string; banner?: string; onShopAgain: () => void }) {
  const { api, config, locale, orderId } = props
  const [order, setOrder] = useState<any>()
  const [payment, setPayment] = useState<PaygentOrderPayment | null>()
  const [error, setError] = useState<PaygentError>()

  useEffect(() => {
    let stop = false
    const read = async () => {
      const [{ order }, result] = await Promise.all([
        // The sessions only for the simulator's payment_id, which the test tool link needs (a demo detail).
        api.fetch<{ order: any }>(`/store/orders/${orderId}`, { query: { fields: "id,display_id,total,email,*payment_collections.payment_sessions" } }),
        readPaygentOrderPayment(api.sdk, { orderId }),
      ])
      if (stop) return
      setOrder(order)
      if (result.ok) setPayment(result.payment)
      else setError(result.error)
      return result.ok && result.payment?.status === "awaiting_payment"
    }
    let timer: ReturnType<typeof setTimeout> | undefined
    const loop = async () => {
      const again = await read().catch(() => true)
      if (again && !stop) timer = setTimeout(() => void loop(), 4000)
    }
    void loop()
    return () => {
      stop = true
      clearTimeout(timer)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orderId])

  const method = payment?.method
  const paymentId = readPaygentState(findPaygentSession(order))?.payment_id
  return (
    <section
      id="order-complete"
      data-order-id={orderId}
      data-method={method ?? ""}
      data-payment-status={payment?.status ?? ""}
      data-payment-id={paymentId ?? ""}
      data-loaded={payment === undefined ? "false" : "true"}
    >
      {props.banner && (
        <div className="notice" id="order-banner">
          {props.banner}
        </div>
      )}
      <h2>{t(locale, "ご注文ありがとうございます", "Thank you for your order")}</h2>
      {order && (
        <p>
          {t(locale, "注文番号", "Order")} <b id="order-display-id">#{order.display_id}</b> — {t(locale, "合計", "Total")} <b>{yen(order.total)}</b>
          {method && ` — ${PAYMENT_METHOD_NAMES[method][locale]}`}
        </p>
      )}
      <PaygentPaymentInstructions payment={payment} />
      <PaygentErrorMessage error={error} />
      <div className="actions">
        {payment?.status === "awaiting_payment" && method !== "card" && (
          <a className="button secondary" id="tool-link" target="_blank" href={`${config.toolUrl}?payment_id=${encodeURIComponent(paymentId ?? "")}`}>
            {t(locale, "テストツールで入金する", "Pay it in the simulator's test tool")}
          </a>
        )}
        <a className="button secondary" id="admin-order-link" target="_blank" href={`${config.adminUrl}/orders/${orderId}`}>
          {t(locale, "管理画面で注文を見る", "See it in the admin")}
        </a>
        <button className="secondary" id="shop-again" onClick={props.onShopAgain}>
          {t(locale, "買い物を続ける", "Continue shopping")}
        </button>
      </div>
    </section>
  )
}
