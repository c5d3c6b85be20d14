/**
 * Per-payment amount ceilings, so that a storefront can show them before the order (a konbini chain whose limit
 * the cart exceeds is offered as unavailable) and refuse an amount before anything is sent. The defaults are the
 * provider's (`limits` option); a shop whose contract differs passes its own.
 */
import type { Bilingual, KonbiniChainId, PaygentMethod } from "./labels"
import { konbiniChainName, PAYMENT_METHOD_NAMES } from "./labels"

export interface PaygentLimits {
  card: number
  konbini: number
  konbiniSevenEleven: number
  atm: number
  bankNet: number
}

/** The provider's defaults (a unit test keeps them equal). */
export const DEFAULT_PAYGENT_LIMITS: PaygentLimits = {
  card: 9_999_999,
  konbini: 500_000,
  konbiniSevenEleven: 300_000,
  atm: 500_000,
  bankNet: 500_000,
}

const SEVEN_ELEVEN: KonbiniChainId = "00C001"

/** The ceiling for a method (and konbini chain), in yen. */
export function paygentLimit(method: PaygentMethod, chain?: string, limits: Partial<PaygentLimits> = {}): number {
  const all = { ...DEFAULT_PAYGENT_LIMITS, ...limits }
  switch (method) {
    case "card":
      return all.card
    case "konbini":
      return chain === SEVEN_ELEVEN ? all.konbiniSevenEleven : all.konbini
    case "payeasy":
      return all.atm
    case "banknet":
      return all.bankNet
  }
}

function yen(amount: number, locale: "ja" | "en"): string {
  return locale === "ja" ? `${amount.toLocaleString("ja-JP")}円` : `¥${amount.toLocaleString("en-US")}`
}

/** "上限 300,000円" / "up to ¥300,000", for a chain list. */
export function limitLabel(limit: number): Bilingual {
  return { ja: `上限 ${yen(limit, "ja")}`, en: `up to ${yen(limit, "en")}` }
}

/** Why `amount` cannot be paid this way, or undefined when it can. */
export function checkAmount(
  method: PaygentMethod,
  amount: number,
  options: { chain?: string; limits?: Partial<PaygentLimits> } = {}
): { field: "amount"; message: Bilingual } | undefined {
  const limit = paygentLimit(method, options.chain, options.limits)
  if (!(amount > limit)) return undefined
  const where =
    method === "konbini" && options.chain
      ? { ja: konbiniChainName(options.chain, "ja"), en: konbiniChainName(options.chain, "en") }
      : PAYMENT_METHOD_NAMES[method]
  return {
    field: "amount",
    message: {
      ja: `${where.ja}でお支払いいただける金額は1回あたり${yen(limit, "ja")}までです（ご注文金額 ${yen(amount, "ja")}）。別のお支払い方法をお選びください。`,
      en: `${where.en} accepts at most ${yen(limit, "en")} per payment (this order is ${yen(amount, "en")}). Please choose another payment method.`,
    },
  }
}
