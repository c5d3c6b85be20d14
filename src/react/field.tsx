"use client"
/**
 * One labelled form field of the kit: the label, the control, a hint and the error, wired for assistive technology
 * (`aria-invalid`, `aria-describedby`, the error as a live region).
 */
import type { ReactNode } from "react"
import type { Bilingual, Locale } from "../storefront/labels"
import { slotClass, type PaygentClassNames, type PaygentKitConfig } from "./config"

export interface FieldControlProps {
  id: string
  "aria-invalid": boolean
  "aria-describedby"?: string
}

export function Field(props: {
  id: string
  component: string
  label: string
  error?: Bilingual
  hint?: string
  locale: Locale
  config: PaygentKitConfig
  classNames?: PaygentClassNames
  field: string
  children: (control: FieldControlProps) => ReactNode
}) {
  const { id, component, config, classNames } = props
  const describedBy = [props.hint ? `${id}-hint` : "", props.error ? `${id}-error` : ""].filter(Boolean).join(" ")
  return (
    <div className={slotClass(component, "field", config, classNames)} data-field={props.field} data-invalid={props.error ? "true" : undefined}>
      <label htmlFor={id} className={slotClass(component, "label", config, classNames)}>
        {props.label}
      </label>
      {props.children({ id, "aria-invalid": !!props.error, ...(describedBy ? { "aria-describedby": describedBy } : {}) })}
      {props.hint && (
        <p id={`${id}-hint`} className={slotClass(component, "hint", config, classNames)}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${id}-error`} className={slotClass(component, "error", config, classNames)} data-error-for={props.field}>
          {props.error[props.locale]}
        </p>
      )}
    </div>
  )
}
