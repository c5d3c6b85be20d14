"use client"
/**
 * The konbini chain picker: each chain with its per-payment limit, shown before the order is placed; a chain whose
 * limit the cart's total exceeds is offered as unavailable (Seven-Eleven takes less than the others).
 */
import { useId } from "react"
import { KONBINI_CHAINS, type KonbiniChainId } from "../storefront/labels"
import { limitLabel, paygentLimit } from "../storefront/limits"
import { slotClass, type PaygentClassNames } from "./config"
import { TEXT } from "./text"
import type { PaygentCheckout } from "./use-paygent-checkout"

export function KonbiniChainPicker(props: { checkout: PaygentCheckout; className?: string; classNames?: PaygentClassNames }) {
  const { checkout, classNames } = props
  const { config, fieldErrors } = checkout
  const locale = config.locale
  const id = useId()
  const c = (slot: Parameters<typeof slotClass>[1]) => slotClass("konbini", slot, config, classNames)
  const error = fieldErrors.chain ?? fieldErrors.amount
  return (
    <fieldset
      className={[c("fieldset"), props.className].filter(Boolean).join(" ")}
      data-field="chain"
      data-invalid={error ? "true" : undefined}
      aria-describedby={error ? `${id}-error` : `${id}-hint`}
    >
      <legend className={c("legend")}>{TEXT.konbiniChain[locale]}</legend>
      {KONBINI_CHAINS.map((chain) => {
        const limit = paygentLimit("konbini", chain.id, config.limits)
        const unavailable = typeof checkout.total === "number" && checkout.total > limit
        return (
          <label key={chain.id} className={c("option")} data-chain={chain.id} data-unavailable={unavailable ? "true" : undefined}>
            <input
              type="radio"
              name="paygent-konbini-chain"
              value={chain.id}
              checked={checkout.chain === chain.id}
              disabled={unavailable}
              aria-invalid={!!error}
              onChange={() => checkout.setChain(chain.id as KonbiniChainId)}
            />{" "}
            <span>{chain.name[locale]}</span> <small className={c("hint")}>{limitLabel(limit)[locale]}</small>
            {unavailable && <small className={c("hint")}> — {TEXT.konbiniUnavailable[locale]}</small>}
          </label>
        )
      })}
      <p id={`${id}-hint`} className={c("hint")}>
        {TEXT.konbiniNote[locale]}
      </p>
      {error && (
        <p id={`${id}-error`} className={c("error")} data-error-for="chain">
          {error[locale]}
        </p>
      )}
    </fieldset>
  )
}
