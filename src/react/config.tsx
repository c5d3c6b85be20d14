"use client"
/**
 * The kit's configuration, given once around the checkout with <PaygentProvider config={…}> (or per component with
 * the `config` prop): the shop's public Paygent keys and token script, the language, which card payment classes the
 * contract allows, the amount limits, and class names for a Tailwind (or any) storefront to style the parts.
 */
import { createContext, useContext, type ReactNode } from "react"
import type { Bilingual, Locale, PaymentClass } from "../storefront/labels"
import type { PaygentLimits } from "../storefront/limits"

/** The parts every component has (each also gets a `paygent-<part>` class); pass classes per part. */
export type PaygentSlot =
  | "root"
  | "field"
  | "label"
  | "input"
  | "select"
  | "hint"
  | "error"
  | "fieldset"
  | "legend"
  | "option"
  | "checkbox"
  | "button"
  | "alert"
  | "brand"
  | "numbers"
  | "number"
  | "link"
  | "deadline"
  | "steps"
  | "status"

export type PaygentClassNames = Partial<Record<PaygentSlot, string>>

export interface PaygentKitConfig {
  /** Language of the kit's words and messages (default "ja"). */
  locale?: Locale
  /** マーチャントID (public). */
  merchantId: string
  /** トークン生成鍵 (public; the provider's `tokenKey`). */
  tokenKey: string
  /** PaygentToken.js: `PAYGENT_TOKEN_SCRIPT_URLS.production` / `.sandbox`, or `simulatorTokenScriptUrl(…)`. */
  tokenScriptUrl: string
  /** The provider's registration id in medusa-config.ts (default "paygent"). */
  registrationId?: string
  /** Card payment classes the shop's contract allows: "10" 一括 (default), "61" 分割, "23" ボーナス, "80" リボ. */
  paymentClasses?: PaymentClass[]
  /** Installment counts offered with "61" (default: the common ones). */
  splitCounts?: number[]
  /** Per-payment limits when the contract differs from the provider's defaults (the provider's `limits` option). */
  limits?: Partial<PaygentLimits>
  /** Ask for the security code with a new card (default true). */
  requireCvc?: boolean
  /** The provider's `requireSecurityCodeForSavedCards`: ask for the code with a saved card too (default false). */
  savedCardCvc?: boolean
  /** Classes per part, for every component under this provider. */
  classNames?: PaygentClassNames
}

const PaygentContext = createContext<PaygentKitConfig | undefined>(undefined)

export function PaygentProvider({ config, children }: { config: PaygentKitConfig; children?: ReactNode }) {
  return <PaygentContext.Provider value={config}>{children}</PaygentContext.Provider>
}

/** The configuration of the nearest <PaygentProvider>, overridden by `own` (a component's `config` prop). */
export function usePaygentConfig(own?: Partial<PaygentKitConfig>): PaygentKitConfig & { locale: Locale } {
  const context = useContext(PaygentContext)
  const merged = { ...(context ?? {}), ...(own ?? {}) } as PaygentKitConfig
  return { ...merged, locale: merged.locale ?? "ja" }
}

/** `paygent-<component>-<slot>` plus the configured and the given classes, for one part. */
export function slotClass(component: string, slot: PaygentSlot, config: PaygentKitConfig, own?: PaygentClassNames): string {
  return [`paygent-${slot === "root" ? component : `${component}-${slot}`}`, config.classNames?.[slot], own?.[slot]]
    .filter(Boolean)
    .join(" ")
}

/** A bilingual text in the configured language. */
export function say(text: Bilingual, locale: Locale): string {
  return text[locale]
}
