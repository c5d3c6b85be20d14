import { MedusaError } from "@medusajs/framework/utils"

import type { LocalizedMessage as Bilingual } from "../../../paygent/messages"

export type { Bilingual }

export const SHOPPER_MESSAGES = {
  unavailable: {
    ja: "ただいま決済を受け付けられません。しばらくしてから再度お試しください。",
    en: "Payment cannot be accepted right now. Please try again in a moment.",
  },
  retryCommunication: {
    ja: "決済サービスとの通信に失敗しました。請求は発生していません。もう一度お試しください。",
    en: "We could not reach the payment service. You have not been charged. Please try again.",
  },
  outcomeUnknown: {
    ja: "決済結果を確認できませんでした。二重に請求されることはありません。1分ほど待ってから、もう一度お試しください。",
    en: "We could not confirm the payment result. You will not be charged twice: please wait a minute and try again.",
  },
  newCardNeeded: {
    ja: "カード情報を再度入力してください。",
    en: "Please enter your card details again.",
  },
  threeDsFailed: {
    ja: "本人認証（3Dセキュア）に失敗しました。別のカードをお試しください。",
    en: "Card authentication (3-D Secure) failed. Please try another card.",
  },
  threeDsTimeout: {
    ja: "本人認証（3Dセキュア）の時間切れです。もう一度お試しください。",
    en: "Card authentication (3-D Secure) timed out. Please try again.",
  },
  threeDsUnavailable: {
    ja: "このカードは本人認証（3Dセキュア）に対応していないため、ご利用いただけません。別のカードをお試しください。",
    en: "This card cannot be used because it does not support card authentication (3-D Secure). Please try another card.",
  },
  tokenInvalid: {
    ja: "カード情報の有効期限が切れました。カード情報を再度入力してください。",
    en: "Your card details have expired. Please enter them again.",
  },
} satisfies Record<string, Bilingual>

export function bilingual(message: Bilingual): string {
  return `${message.ja} / ${message.en}`
}

/** Paygent's parameters as the shopper sees them on a checkout form, for messages that name a field. */
export const FIELD_LABELS = {
  customer_family_name: { ja: "姓", en: "Family name" },
  customer_name: { ja: "名", en: "Given name" },
  customer_family_name_kana: { ja: "セイ", en: "Family name (kana)" },
  customer_name_kana: { ja: "メイ", en: "Given name (kana)" },
  customer_tel: { ja: "電話番号", en: "Phone number" },
  cardholder_name: { ja: "カード名義", en: "Cardholder name" },
} satisfies Record<string, Bilingual>

/** The shopper's name for a Paygent parameter (the parameter itself when it is not a form field). */
export function fieldLabel(field: string): Bilingual {
  return (FIELD_LABELS as Record<string, Bilingual>)[field] ?? { ja: field, en: field }
}

/**
 * A value the protocol client refused before sending (PaygentInputError, class validation), as a 400 for the shopper:
 * its own bilingual message when it has one, else one that names the field as the shopper saw it.
 */
export function inputError(error: PaygentErrorLike): MedusaError {
  const field = error.field ?? ""
  const label = fieldLabel(field)
  const message = error.shopperMessage ?? { ja: `${label.ja}の入力内容をご確認ください。`, en: `Please check the ${label.en.toLowerCase()}.` }
  // The client's own checks name Paygent's parameter (customer_family_name …): show the shopper's name for it.
  const named = (text: string, name: string) => (field ? text.split(field).join(name) : text)
  return invalidData({ ja: named(message.ja, label.ja), en: named(message.en, label.en) })
}

/** The fields of an error thrown by the protocol client (src/paygent) that the provider relies on. */
export interface PaygentErrorLike {
  name: string
  class: string
  response_code?: string
  response_detail?: string
  payment_id?: string
  fields?: Record<string, string>
  retryable?: boolean
  merchantMessage?: Bilingual
  shopperMessage?: Bilingual
  field?: string
}

export function isPaygentError(error: unknown): error is PaygentErrorLike {
  return !!error && typeof error === "object" && typeof (error as PaygentErrorLike).class === "string"
}

/** A local validation error of the protocol client (bad kana, unencodable name, …): the shopper's input. */
export function isInputValidationError(error: unknown): error is PaygentErrorLike & { message: string } {
  return !!error && typeof error === "object" && typeof (error as PaygentErrorLike).field === "string"
}

export function invalidData(message: Bilingual | string): MedusaError {
  return new MedusaError(MedusaError.Types.INVALID_DATA, typeof message === "string" ? message : bilingual(message))
}

/**
 * A Paygent failure that the shopper cannot fix at checkout (configuration, maintenance, an unexpected code):
 * the merchant's explanation goes to the log, the shopper gets a neutral message.
 */
export function unavailable(
  logger: { error: (message: string) => void },
  context: string,
  error: PaygentErrorLike
): MedusaError {
  const detail = error.merchantMessage ? bilingual(error.merchantMessage) : error.name
  logger.error(`Paygent ${context}: ${error.class} ${error.response_code ?? ""} ${detail}`)
  return new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, bilingual(SHOPPER_MESSAGES.unavailable))
}
