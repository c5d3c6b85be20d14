"use client"
/**
 * Everything a Paygent method asks before the order, by provider id: the card form; the konbini chain and the
 * buyer; the buyer and a note for Pay-easy and net bank. Put it under the method's radio option (the DTC
 * starter's PaymentContainer children).
 */
import { paygentMethodOf } from "../storefront/labels"
import type { SavedCard } from "../storefront/saved-cards"
import { PaygentBuyerFields } from "./buyer-fields"
import { PaygentCardFields } from "./card-fields"
import { slotClass, type PaygentClassNames } from "./config"
import { KonbiniChainPicker } from "./konbini-picker"
import { BankNetNote, PayEasyNote } from "./method-notes"
import type { PaygentCheckout } from "./use-paygent-checkout"

export function PaygentPaymentFields(props: {
  providerId: string
  checkout: PaygentCheckout
  savedCards?: SavedCard[]
  canSaveCard?: boolean
  className?: string
  classNames?: PaygentClassNames
}) {
  const method = paygentMethodOf(props.providerId)
  if (!method) return null
  const { checkout, classNames } = props
  return (
    <div
      className={[slotClass("payment-fields", "root", checkout.config, classNames), props.className].filter(Boolean).join(" ")}
      data-method={method}
    >
      {method === "card" && (
        <PaygentCardFields checkout={checkout} savedCards={props.savedCards} canSaveCard={props.canSaveCard} classNames={classNames} />
      )}
      {method === "konbini" && (
        <>
          <KonbiniChainPicker checkout={checkout} classNames={classNames} />
          <PaygentBuyerFields checkout={checkout} phone classNames={classNames} />
        </>
      )}
      {method === "payeasy" && (
        <>
          <PayEasyNote config={checkout.config} classNames={classNames} />
          <PaygentBuyerFields checkout={checkout} classNames={classNames} />
        </>
      )}
      {method === "banknet" && (
        <>
          <BankNetNote config={checkout.config} classNames={classNames} />
          <PaygentBuyerFields checkout={checkout} classNames={classNames} />
        </>
      )}
    </div>
  )
}
