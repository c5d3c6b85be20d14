"use client"
/**
 * The card form: number (with the brand as it is typed), expiry, security code, cardholder name; the payment
 * classes the shop's contract allows (分割 / ボーナス / リボ only when enabled); a logged-in customer's saved cards
 * and "save this card". What is typed goes to PaygentToken.js in the browser, never to the shop's server.
 */
import { useId } from "react"
import { CARD_BRAND_NAMES, cardBrandOf, formatCardNumber } from "../storefront/card-input"
import { COMMON_SPLIT_COUNTS, PAYMENT_CLASSES, type PaymentClass } from "../storefront/labels"
import type { SavedCard } from "../storefront/saved-cards"
import { slotClass, type PaygentClassNames } from "./config"
import { Field } from "./field"
import { TEXT } from "./text"
import type { PaygentCheckout } from "./use-paygent-checkout"

export interface PaygentCardFieldsProps {
  checkout: PaygentCheckout
  /** The logged-in customer's saved cards (`listPaygentSavedCards`); none for guests. */
  savedCards?: SavedCard[]
  /** Offer "save this card" (only for a logged-in customer). */
  canSaveCard?: boolean
  className?: string
  classNames?: PaygentClassNames
}

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, "0"))

export function PaygentCardFields(props: PaygentCardFieldsProps) {
  const { checkout, classNames } = props
  const { config, card, fieldErrors } = checkout
  const locale = config.locale
  const id = useId()
  const c = (slot: Parameters<typeof slotClass>[1]) => slotClass("card", slot, config, classNames)
  const brand = cardBrandOf(card.number)
  const classes = (config.paymentClasses ?? ["10"]).filter((code) => PAYMENT_CLASSES.some((entry) => entry.code === code))
  const splitCounts = config.splitCounts ?? [...COMMON_SPLIT_COUNTS]
  const saved = props.savedCards ?? []
  const usingSaved = !!card.savedCardId
  const common = { component: "card", locale, config, classNames }

  return (
    <div className={[c("root"), props.className].filter(Boolean).join(" ")} data-saved-card={usingSaved ? "true" : undefined}>
      {saved.length > 0 && (
        <fieldset className={c("fieldset")}>
          <legend className={c("legend")}>{TEXT.savedCards[locale]}</legend>
          {saved.map((entry) => {
            const expired = !!entry.data.expired
            return (
              <label key={entry.id} className={c("option")} data-card-id={entry.id}>
                <input
                  type="radio"
                  name={`${id}-saved`}
                  value={entry.id}
                  checked={card.savedCardId === entry.id}
                  disabled={expired}
                  onChange={() => checkout.setCard({ savedCardId: entry.id, cvc: "" })}
                />{" "}
                {entry.data.card_brand ?? ""} {entry.data.masked_card_number ?? `**** ${entry.data.last4 ?? ""}`}{" "}
                {entry.data.expiry_month && entry.data.expiry_year ? `${entry.data.expiry_month}/${entry.data.expiry_year.slice(-2)}` : ""}
                {expired ? ` (${TEXT.expired[locale]})` : ""}
              </label>
            )
          })}
          <label className={c("option")} data-card-id="new">
            <input type="radio" name={`${id}-saved`} value="" checked={!usingSaved} onChange={() => checkout.setCard({ savedCardId: "" })} />{" "}
            {TEXT.newCard[locale]}
          </label>
        </fieldset>
      )}

      {!usingSaved && (
        <>
          <Field {...common} id={`${id}-number`} field="number" label={TEXT.cardNumber[locale]} error={fieldErrors.number}>
            {(control) => (
              <div className="paygent-card-number">
                <input
                  {...control}
                  name="paygent-card-number"
                  className={c("input")}
                  inputMode="numeric"
                  autoComplete="cc-number"
                  placeholder="1234 5678 9012 3456"
                  value={card.number}
                  onChange={(event) => checkout.setCard({ number: formatCardNumber(event.target.value) })}
                />
                <span className={c("brand")} data-brand={brand} aria-label={TEXT.brand[locale]} aria-live="polite">
                  {CARD_BRAND_NAMES[brand]}
                </span>
              </div>
            )}
          </Field>
          <fieldset className={c("fieldset")} data-field="expiry" data-invalid={fieldErrors.expiry ? "true" : undefined}>
            <legend className={c("legend")}>{TEXT.expiry[locale]}</legend>
            <Field {...common} id={`${id}-month`} field="expireMonth" label={TEXT.expiryMonth[locale]} error={fieldErrors.expireMonth}>
              {(control) => (
                <select
                  {...control}
                  name="paygent-card-exp-month"
                  className={c("select")}
                  autoComplete="cc-exp-month"
                  value={card.expireMonth}
                  onChange={(event) => checkout.setCard({ expireMonth: event.target.value })}
                >
                  <option value="">--</option>
                  {MONTHS.map((month) => (
                    <option key={month} value={month}>
                      {month}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field {...common} id={`${id}-year`} field="expireYear" label={TEXT.expiryYear[locale]} error={fieldErrors.expireYear}>
              {(control) => (
                <input
                  {...control}
                  name="paygent-card-exp-year"
                  className={c("input")}
                  inputMode="numeric"
                  autoComplete="cc-exp-year"
                  placeholder="30"
                  maxLength={4}
                  value={card.expireYear}
                  onChange={(event) => checkout.setCard({ expireYear: event.target.value.trim() })}
                />
              )}
            </Field>
            {fieldErrors.expiry && (
              <p className={c("error")} data-error-for="expiry">
                {fieldErrors.expiry[locale]}
              </p>
            )}
          </fieldset>
        </>
      )}

      {(!usingSaved || config.savedCardCvc) && (
        <Field {...common} id={`${id}-cvc`} field="cvc" label={TEXT.cvc[locale]} hint={TEXT.cvcHint[locale]} error={fieldErrors.cvc}>
          {(control) => (
            <input
              {...control}
              name="paygent-card-cvc"
              className={c("input")}
              inputMode="numeric"
              autoComplete="cc-csc"
              maxLength={4}
              value={card.cvc}
              onChange={(event) => checkout.setCard({ cvc: event.target.value.trim() })}
            />
          )}
        </Field>
      )}

      {!usingSaved && (
        <Field {...common} id={`${id}-name`} field="name" label={TEXT.cardName[locale]} error={fieldErrors.name}>
          {(control) => (
            <input
              {...control}
              name="paygent-card-name"
              className={c("input")}
              autoComplete="cc-name"
              placeholder="TARO YAMADA"
              value={card.name}
              onChange={(event) => checkout.setCard({ name: event.target.value.toUpperCase() })}
            />
          )}
        </Field>
      )}

      {classes.length > 1 && (
        <fieldset className={c("fieldset")} data-field="paymentClass">
          <legend className={c("legend")}>{TEXT.paymentClass[locale]}</legend>
          {classes.map((code) => {
            const entry = PAYMENT_CLASSES.find((candidate) => candidate.code === code)!
            return (
              <label key={code} className={c("option")}>
                <input
                  type="radio"
                  name={`${id}-class`}
                  value={code}
                  checked={card.paymentClass === code}
                  onChange={() => checkout.setCard({ paymentClass: code as PaymentClass })}
                />{" "}
                {entry.name[locale]}
              </label>
            )
          })}
          {card.paymentClass === "61" && (
            <Field {...common} id={`${id}-split`} field="splitCount" label={TEXT.splitCount[locale]} error={fieldErrors.splitCount}>
              {(control) => (
                <select
                  {...control}
                  name="paygent-card-split-count"
                  className={c("select")}
                  value={card.splitCount}
                  onChange={(event) => checkout.setCard({ splitCount: event.target.value })}
                >
                  <option value="">--</option>
                  {splitCounts.map((count) => (
                    <option key={count} value={String(count)}>
                      {count}
                      {TEXT.splitTimes[locale]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </fieldset>
      )}

      {!usingSaved && props.canSaveCard && (
        <label className={c("checkbox")}>
          <input type="checkbox" name="paygent-save-card" checked={card.saveCard} onChange={(event) => checkout.setCard({ saveCard: event.target.checked })} />{" "}
          {TEXT.saveCard[locale]}
        </label>
      )}

      {!usingSaved && <p className={c("hint")}>{TEXT.tokenNote[locale]}</p>}
    </div>
  )
}
