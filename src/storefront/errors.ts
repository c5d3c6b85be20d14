/**
 * Errors as values. Next.js replaces the message of an error thrown from a server action by a generic one in a
 * production build, so the kit's server-side steps never throw for the shopper's sake: they return
 * `{ ok: false, error: { code, field?, message: { ja, en } } }`, which crosses the server/client boundary as data
 * and which the client components show in the shopper's language.
 */
import type { Bilingual } from "./labels"
import { splitBilingualMessage } from "./session-state"

export type PaygentErrorCode =
  /** The shopper's input was refused (a name, the phone, the amount for the method…): fix `field` and retry. */
  | "invalid_input"
  /** The card was refused (declined, failed 3-D Secure, card details to enter again): take the card again. */
  | "card_refused"
  /** The payment's outcome is not known: the shopper must not pay again before contacting the shop. */
  | "outcome_unknown"
  /** The cart is gone or already completed. */
  | "cart_not_found"
  /** The order (or its Paygent payment) is not there, or not the shopper's. */
  | "not_found"
  /** The payment service or the shop's server could not be reached: try again later. */
  | "unavailable"

export interface PaygentError {
  code: PaygentErrorCode
  /** The form field the message is about (the kit's field names: number, cvc, familyName, phone, chain, amount…). */
  field?: string
  message: Bilingual
  /** Whether the shopper may try again on the same cart. */
  retry: boolean
}

export type PaygentResult<T extends object> = ({ ok: true } & T) | { ok: false; error: PaygentError }

export function failure(code: PaygentErrorCode, message: Bilingual, options: { field?: string; retry?: boolean } = {}): { ok: false; error: PaygentError } {
  const error: PaygentError = { code, message, retry: options.retry ?? code !== "outcome_unknown" }
  if (options.field) error.field = options.field
  return { ok: false, error }
}

/**
 * Server messages → the kit's form fields. The provider's messages start with the field as the shopper saw it
 * (姓が長すぎます…, 名に使用できない文字…, セイは…, 電話番号は…, カード名義は…); its check of the session data names the
 * parameter too (姓（data.customer_family_name）…; older servers said お名前（姓）).
 */
const SERVER_FIELDS: [RegExp, string][] = [
  [/customer_family_name_kana|^セイ[はがにの]|フリガナ（セイ/, "familyNameKana"],
  [/customer_name_kana|^メイ[はがにの]|フリガナ（メイ/, "givenNameKana"],
  [/customer_family_name|^姓[はがにの]|お名前（姓/, "familyName"],
  [/customer_name\b|^名[はがにの]|お名前（名/, "givenName"],
  [/customer_tel|電話番号/, "phone"],
  [/cardholder_name|^カード名義/, "name"],
  [/cvs_company_id|コンビニ/, "chain"],
  [/per payment|1回あたり/, "amount"],
  [/card_token|token|カード情報/, "card"],
]

export function fieldOfServerMessage(message: string): string | undefined {
  return SERVER_FIELDS.find(([pattern]) => pattern.test(message))?.[1]
}

const UNAVAILABLE: Bilingual = {
  ja: "ただいまお支払いを受け付けられません。しばらくしてから再度お試しください。",
  en: "Payment cannot be accepted right now. Please try again in a moment.",
}

const OUTCOME_UNKNOWN = /決済結果を確認できませんでした|could not confirm the payment result/

/** Any error of a store API call (the JS SDK's FetchError, a fetch failure) as an error value. */
export function toPaygentError(error: unknown): { ok: false; error: PaygentError } {
  const status = (error as { status?: unknown } | null)?.status
  const raw = error instanceof Error ? error.message : typeof error === "string" ? error : ""
  if (typeof status !== "number" || status >= 500 || !raw) {
    return failure("unavailable", UNAVAILABLE)
  }
  const message = splitBilingualMessage(raw)
  if (OUTCOME_UNKNOWN.test(raw)) return failure("outcome_unknown", message, { retry: false })
  if (status === 404) return failure("not_found", message)
  return failure("invalid_input", message, { field: fieldOfServerMessage(raw) })
}
