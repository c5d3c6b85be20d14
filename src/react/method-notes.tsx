"use client"
/** What Pay-easy and net-bank shoppers should know before they place the order. */
import { slotClass, usePaygentConfig, type PaygentClassNames, type PaygentKitConfig } from "./config"
import { TEXT } from "./text"

function Note(props: { component: string; text: { ja: string; en: string }; className?: string; classNames?: PaygentClassNames; config?: Partial<PaygentKitConfig> }) {
  const config = usePaygentConfig(props.config)
  return (
    <p className={[slotClass(props.component, "hint", config, props.classNames), props.className].filter(Boolean).join(" ")}>
      {props.text[config.locale]}
    </p>
  )
}

export function PayEasyNote(props: { className?: string; classNames?: PaygentClassNames; config?: Partial<PaygentKitConfig> }) {
  return <Note component="payeasy" text={TEXT.payeasyNote} {...props} />
}

export function BankNetNote(props: { className?: string; classNames?: PaygentClassNames; config?: Partial<PaygentKitConfig> }) {
  return <Note component="banknet" text={TEXT.banknetNote} {...props} />
}
