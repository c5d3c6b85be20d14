import { MedusaError } from "@medusajs/framework/utils"

/** A message in both languages the plugin speaks. */
export interface Bilingual {
  ja: string
  en: string
}

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
