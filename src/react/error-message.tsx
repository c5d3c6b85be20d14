"use client"
/** An error value (`PaygentError`) for the shopper, in their language, announced to screen readers. */
import type { PaygentError } from "../storefront/errors"
import { slotClass, usePaygentConfig, type PaygentClassNames, type PaygentKitConfig } from "./config"

export function PaygentErrorMessage(props: {
  error: PaygentError | undefined | null
  className?: string
  classNames?: PaygentClassNames
  config?: Partial<PaygentKitConfig>
}) {
  const config = usePaygentConfig(props.config)
  if (!props.error) return null
  return (
    <div
      role="alert"
      className={[slotClass("error-message", "alert", config, props.classNames), props.className].filter(Boolean).join(" ")}
      data-code={props.error.code}
      data-field={props.error.field}
    >
      {props.error.message[config.locale]}
    </div>
  )
}
