import { STATUS, PAYMENT_TYPE } from "../paygent/statuses"
import { TELEGRAM_KIND } from "../paygent/telegram-kinds"
/**
 * What to do with a telegram in doubt (sent, no answer, and the inquiry after it failed too) once 094 has answered:
 * pure, so each rule is unit-tested; src/sync/in-doubt.ts carries it out. See docs/operations/in-doubt.md.
 */

/** Telegrams whose lost answer leaves money or a payment number in doubt (060 is safe: Paygent refuses a second one). */
export const CHECKOUT_DOUBT_KINDS = ["020", "030", "010"] as const
export const FOLLOW_UP_DOUBT_KINDS = ["021", "022", "023", "028", "029"] as const
export const DOUBT_KINDS: readonly string[] = [...CHECKOUT_DOUBT_KINDS, ...FOLLOW_UP_DOUBT_KINDS]

/** Paygent's payment_type of a checkout telegram (for 094 by trading_id). */
export const PAYMENT_TYPE_OF_KIND: Record<string, string> = {
  [TELEGRAM_KIND.CARD_AUTHORIZE]: PAYMENT_TYPE.CARD,
  [TELEGRAM_KIND.KONBINI_APPLY]: PAYMENT_TYPE.KONBINI,
  [TELEGRAM_KIND.ATM_APPLY]: PAYMENT_TYPE.ATM,
}

/** How a telegram in doubt was settled (`paygent_telegram.doubt_resolution`). */
export type DoubtResolution =
  /** Paygent has nothing for it: the telegram never reached or was never applied. */
  | "not_applied"
  /** It went through and a Medusa payment / order holds it. */
  | "adopted"
  /** A card authorization no order took: cancelled at Paygent (021, or 023 when it was captured at once). */
  | "voided"
  /** Konbini / ATM numbers no order took: closed here (Paygent has no telegram to withdraw them). */
  | "unused_number"
  /** Numbers no order took, and already paid: a manual refund is owed. */
  | "paid_unused"
  /** Declined, cancelled or expired at Paygent: nothing is held. */
  | "closed"
  /** A capture: Medusa now records it (Paygent had applied it, or the sync job sent it once). */
  | "captured"
  /** A follow-up Medusa already reflects (its record was completed by another request). */
  | "recorded"
  /** A follow-up Paygent applied that Medusa does not show: the merchant is alerted to finish it. */
  | "applied"
  /**
   * A 028 / 029 that 094 could not settle (the old payment unchanged, other payments under its trading_id): the
   * merchant checked Paygent's console, found no new payment, and resolved the alert (src/operations/resolve-alert.ts).
   */
  | "checked_not_applied"
  /** Left unknown when this tracking was installed: older than anything Paygent still holds open (the migration). */
  | "expired_unchecked"

export type CheckoutStep =
  /** Nothing to do at Paygent nor for the merchant. */
  | { settle: DoubtResolution }
  /** Cancel the authorization at Paygent, alert. */
  | { void: "021" | "023"; then: DoubtResolution }
  /** Close the numbers here (never adopted afterwards), alert. */
  | { close: true; then: DoubtResolution }
  /** Record the money as owed back, alert. */
  | { owe: true; then: DoubtResolution }

/**
 * A checkout attempt in doubt (020 / 030 / 010), given Paygent's status (undefined: 094 said not found) and whether
 * a Medusa payment or the session's order holds Paygent's payment_id.
 */
export function planCheckoutDoubt(kind: string, status: string | undefined, held: boolean): CheckoutStep {
  if (status === undefined) {
    return { settle: "not_applied" }
  }
  if (held) {
    return { settle: "adopted" }
  }
  if (kind === TELEGRAM_KIND.CARD_AUTHORIZE) {
    if (status === STATUS.AUTHORIZED) {
      return { void: "021", then: "voided" }
    }
    if (status === STATUS.CLEARED) {
      return { void: "023", then: "voided" }
    }
    return { settle: "closed" }
  }
  if (status === STATUS.APPLIED) {
    return { close: true, then: "unused_number" }
  }
  if (status === STATUS.CLEARED || status === STATUS.PRELIMINARY) {
    return { owe: true, then: "paid_unused" }
  }
  return { settle: "closed" }
}

/** Paygent's statuses of the payment a follow-up was sent for, once that follow-up went through. */
const APPLIED_STATUSES: Record<string, string[]> = {
  "021": ["32", "33"],
  "022": ["40", "41"],
  "023": ["60"],
  // 028 / 029 replace the payment: the old one is cancelled (32 / 60) once the change went through.
  "028": ["32"],
  "029": ["32", "60"],
}

export function followUpApplied(kind: string, status: string): boolean {
  return (APPLIED_STATUSES[kind] ?? []).includes(status)
}

export type FollowUpStep =
  /** 022 only: Medusa's capture of the payment (the provider asks 094 and sends the capture at most once). */
  | { capture: true }
  | { settle: DoubtResolution; alert?: "applied" | "not_applied" | "closed" }

/**
 * A merchant operation in doubt (021 / 022 / 023 / 028 / 029), given Paygent's status of the payment it was sent for
 * and what Medusa's payment already shows. A capture the merchant asked for is finished (exactly once); any other
 * operation is left to the merchant, who is told what Paygent did.
 */
export function planFollowUpDoubt(
  kind: string,
  status: string,
  medusa: { captured: boolean; canceled: boolean; reflected: boolean }
): FollowUpStep {
  if (kind === TELEGRAM_KIND.CAPTURE) {
    if (medusa.captured) {
      return { settle: "recorded" }
    }
    if (!medusa.canceled && (status === STATUS.AUTHORIZED || followUpApplied("022", status))) {
      return { capture: true }
    }
    return { settle: "closed", alert: "closed" }
  }
  if (medusa.reflected) {
    return { settle: "recorded" }
  }
  return followUpApplied(kind, status) ? { settle: "applied", alert: "applied" } : { settle: "not_applied", alert: "not_applied" }
}
