"use client"
/**
 * The buyer's name, kana and phone for konbini, Pay-easy and net bank: Paygent prints or shows them at the store
 * and on the bank screen. Names and phone start from the cart's address; Medusa's address has no kana, so the
 * kana is asked here. The fields are labelled as the server's messages name them (姓, 名, セイ, メイ, 電話番号), and a
 * name or kana that Paygent receives in another form says so under the field (髙橋 → 高橋): the kit sends what the
 * shopper typed, the server converts it.
 */
import { useId } from "react"
import { BUYER_FIELD_LABELS, sentFormNote } from "../storefront/buyer-input"
import { slotClass, type PaygentClassNames } from "./config"
import { Field } from "./field"
import { TEXT } from "./text"
import type { BuyerForm, PaygentCheckout } from "./use-paygent-checkout"

export function PaygentBuyerFields(props: {
  checkout: PaygentCheckout
  /** Ask for the phone (konbini needs it). */
  phone?: boolean
  className?: string
  classNames?: PaygentClassNames
}) {
  const { checkout, classNames } = props
  const { config, buyer, fieldErrors } = checkout
  const locale = config.locale
  const id = useId()
  const c = (slot: Parameters<typeof slotClass>[1]) => slotClass("buyer", slot, config, classNames)
  const fields: { key: keyof BuyerForm; autoComplete: string; type?: string }[] = [
    { key: "familyName", autoComplete: "family-name" },
    { key: "givenName", autoComplete: "given-name" },
    { key: "familyNameKana", autoComplete: "off" },
    { key: "givenNameKana", autoComplete: "off" },
    ...(props.phone ? [{ key: "phone" as const, autoComplete: "tel", type: "tel" }] : []),
  ]
  return (
    <fieldset className={[c("fieldset"), props.className].filter(Boolean).join(" ")}>
      <legend className={c("legend")}>{TEXT.buyer[locale]}</legend>
      {fields.map((field) => (
        <Field
          key={field.key}
          component="buyer"
          id={`${id}-${field.key}`}
          field={field.key}
          label={BUYER_FIELD_LABELS[field.key][locale]}
          hint={field.key === "phone" ? undefined : sentFormNote(field.key, buyer[field.key])?.[locale]}
          error={fieldErrors[field.key]}
          locale={locale}
          config={config}
          classNames={classNames}
        >
          {(control) => (
            <input
              {...control}
              name={`paygent-buyer-${field.key}`}
              className={c("input")}
              type={field.type ?? "text"}
              autoComplete={field.autoComplete}
              value={buyer[field.key]}
              onChange={(event) => checkout.setBuyer({ [field.key]: event.target.value })}
            />
          )}
        </Field>
      ))}
    </fieldset>
  )
}
