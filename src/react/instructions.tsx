"use client"
/**
 * The order confirmation's payment section: konbini numbers for the chosen chain, Pay-easy numbers, the deadline
 * with the time left, the steps and the receipt / bank-screen link while the shopper still has to pay; otherwise
 * the payment's status in shopper words (paid, waiting, expired; a card approved or charged, never オーソリ).
 */
import { Fragment, useEffect, useState } from "react"
import { deadlineTime, formatInstructions, formatRemaining, type StepOverrides } from "../storefront/instructions"
import { CARD_BRAND_NAMES } from "../storefront/card-input"
import { PAYMENT_METHOD_NAMES, paymentClassName } from "../storefront/labels"
import { paymentStatusText, type PaygentPaymentView } from "../storefront/payment-view"
import { slotClass, usePaygentConfig, type PaygentClassNames, type PaygentKitConfig } from "./config"
import { TEXT } from "./text"

/** Re-renders every `everyMs` while mounted, with the current time. */
export function useNow(everyMs = 30_000, initial?: number): number {
  const [now, setNow] = useState(() => initial ?? Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}

function brandName(brand: string | undefined): string {
  const key = (brand ?? "").toLowerCase().replace(/card$/, "") as keyof typeof CARD_BRAND_NAMES
  return CARD_BRAND_NAMES[key] ?? brand ?? ""
}

export function PaygentPaymentInstructions(props: {
  /** `readPaygentOrderPayment(…).payment`, or `describePaygentPayment(session)`. */
  payment: PaygentPaymentView | null | undefined
  /** Paygent's customer-facing wording per chain id, "payeasy" or "banknet". */
  steps?: StepOverrides
  className?: string
  classNames?: PaygentClassNames
  config?: Partial<PaygentKitConfig>
  /** For tests: the time the countdown starts from. */
  now?: number
}) {
  const config = usePaygentConfig(props.config)
  const locale = config.locale
  const now = useNow(30_000, props.now)
  const { payment } = props
  if (!payment) return null
  const c = (slot: Parameters<typeof slotClass>[1]) => slotClass("instructions", slot, config, props.classNames)
  const shown = payment.instructions ? formatInstructions(payment.instructions, locale, { steps: props.steps }) : undefined
  const due = shown?.deadline ? deadlineTime(shown.deadline.iso) : undefined
  const left = due !== undefined ? formatRemaining(due - now, locale) : undefined

  return (
    <section
      className={[c("root"), props.className].filter(Boolean).join(" ")}
      data-method={payment.method}
      data-status={payment.status}
      data-kind={shown?.kind}
      aria-label={shown?.title ?? PAYMENT_METHOD_NAMES[payment.method][locale]}
    >
      {shown && <h3 className={c("legend")}>{shown.title}</h3>}
      <p className={c("status")} data-status={payment.status}>
        {paymentStatusText(payment)[locale]}
      </p>

      {payment.method === "card" && payment.card && (
        <p className={c("numbers")} data-key="card">
          {brandName(payment.card.card_brand)} {payment.card.masked_card_number}
          {payment.card.payment_class ? ` — ${paymentClassName(payment.card.payment_class, locale, payment.card.split_count)}` : ""}
        </p>
      )}

      {shown && shown.numbers.length > 0 && (
        <dl className={c("numbers")}>
          {shown.numbers.map((number) => (
            <Fragment key={number.key}>
              <dt className={c("label")}>{number.label}</dt>
              <dd className={c("number")} data-key={number.key}>
                {number.value}
              </dd>
            </Fragment>
          ))}
        </dl>
      )}

      {shown?.deadline && (
        <p className={c("deadline")} data-deadline={shown.deadline.iso}>
          {shown.deadline.label}: {shown.deadline.text}
          <span data-remaining={left ? "true" : "passed"}> ({left ?? TEXT.deadlinePassed[locale]})</span>
        </p>
      )}

      {shown && shown.links.length > 0 && (
        <p>
          {shown.links.map((link) => (
            <a
              key={link.key}
              className={c("link")}
              href={link.url}
              data-link={link.key}
              {...(link.key === "bank_selection" ? {} : { target: "_blank", rel: "noopener noreferrer" })}
            >
              {link.label}
            </a>
          ))}
        </p>
      )}

      {shown && shown.steps.length > 0 && (
        <>
          <h4 className={c("legend")}>{TEXT.howToPay[locale]}</h4>
          <ol className={c("steps")}>
            {shown.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </>
      )}
      {shown?.notes.map((note) => (
        <p key={note} className={c("hint")}>
          {note}
        </p>
      ))}
    </section>
  )
}
