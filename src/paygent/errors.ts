import { isRetryableClass, type PaygentErrorClass } from "./error-classes"
import { responseCodeInfo } from "./error-codes"
import { msg, type LocalizedMessage } from "./messages"
import { maskPans, redactParams } from "./redact"
import { SHOPPER_CARD_UNUSABLE, stripQuotes, vendorDetailInfo } from "./vendor-details"

export type { PaygentErrorClass } from "./error-classes"
export { PAYGENT_ERROR_CLASSES, isRetryableClass } from "./error-classes"

/** Shown to a buyer when nothing more specific applies; never reveals the reason of a refusal. */
const SHOPPER_BY_CLASS: Record<PaygentErrorClass, LocalizedMessage> = {
  declined: SHOPPER_CARD_UNUSABLE,
  input_error: msg(
    "カード情報に誤りがあります。ご確認のうえ再度入力してください。",
    "Some of the card details are incorrect. Please check them and try again."
  ),
  retryable: msg(
    "ただいま決済サービスが混み合っております。しばらくしてから再度お試しください。",
    "The payment service is busy. Please try again in a moment."
  ),
  configuration: msg(
    "現在このお支払い方法はご利用いただけません。別のお支払い方法をお選びください。",
    "This payment method is currently unavailable. Please choose another payment method."
  ),
  status_conflict: msg(
    "お支払い手続きを完了できませんでした。お手数ですがショップまでお問い合わせください。",
    "The payment could not be completed. Please contact the shop."
  ),
  expired: msg(
    "お支払い手続きの有効期限が切れました。お手数ですが最初からやり直してください。",
    "The payment session has expired. Please start again."
  ),
  not_found: msg(
    "お支払い情報が見つかりませんでした。お手数ですがショップまでお問い合わせください。",
    "The payment information could not be found. Please contact the shop."
  ),
  not_sent: msg(
    "決済サービスに接続できませんでした。しばらくしてから再度お試しください。",
    "The payment service could not be reached. Please try again in a moment."
  ),
  unknown_outcome: msg(
    "お支払い結果を確認できませんでした。二重のお支払いを防ぐため、再度お試しになる前にショップへお問い合わせください。",
    "We could not confirm the payment result. To avoid paying twice, please contact the shop before trying again."
  ),
  rejected: msg(
    "お支払い手続きを完了できませんでした。別のお支払い方法をお試しいただくか、ショップまでお問い合わせください。",
    "The payment could not be completed. Please try another payment method or contact the shop."
  ),
  token_invalid: msg(
    "カード情報の有効期限が切れました。お手数ですがカード情報を再度入力してください。",
    "Your card details have expired. Please enter them again."
  ),
  partial_failure: msg(
    "お支払い手続きを完了できませんでした。お手数ですがショップまでお問い合わせください。",
    "The payment could not be completed. Please contact the shop."
  ),
  validation: msg("入力内容に誤りがあります。", "Some of the input is invalid."),
}

export function shopperMessageForClass(cls: PaygentErrorClass): LocalizedMessage {
  return SHOPPER_BY_CLASS[cls]
}

export interface PaygentErrorInit {
  class: PaygentErrorClass
  telegram_kind: string
  response_code: string
  response_detail?: string
  payment_id?: string
  fields?: Record<string, string>
  merchantMessage: LocalizedMessage
  shopperMessage?: LocalizedMessage
  retryable?: boolean
  http_status?: number
  cause?: unknown
}

/**
 * The single error type of the client: every call either succeeds or throws one of these. Everything on it
 * is safe to log or show: response fields are redacted, messages are built from templates (never from the
 * request), and Paygent's detail text has card-number-like digit runs masked.
 */
export class PaygentError extends Error {
  readonly class: PaygentErrorClass
  readonly telegram_kind: string
  readonly response_code: string
  /** Paygent's detail with surrounding double quotes removed (e.g. 1G12). */
  readonly response_detail: string
  readonly payment_id?: string
  /** Redacted response fields, when the error response still carried data (028/029, 5010, 2003 …). */
  readonly fields?: Record<string, string>
  readonly retryable: boolean
  readonly merchantMessage: LocalizedMessage
  readonly shopperMessage: LocalizedMessage
  readonly http_status?: number

  constructor(init: PaygentErrorInit) {
    const detail = maskPans(stripQuotes(init.response_detail ?? ""))
    const head = [init.telegram_kind && `[${init.telegram_kind}]`, init.response_code, detail && `(${detail})`]
      .filter(Boolean)
      .join(" ")
    super(`${head ? head + ": " : ""}${init.merchantMessage.en}`)
    this.name = "PaygentError"
    // Kept non-enumerable so JSON.stringify / structured logging of the error never serialises it.
    if (init.cause !== undefined) Object.defineProperty(this, "cause", { value: init.cause, enumerable: false })
    this.class = init.class
    this.telegram_kind = init.telegram_kind
    this.response_code = init.response_code
    this.response_detail = detail
    if (init.payment_id) this.payment_id = init.payment_id
    if (init.fields) this.fields = redactParams(init.fields)
    this.retryable = init.retryable ?? isRetryableClass(init.class)
    this.merchantMessage = init.merchantMessage
    this.shopperMessage = init.shopperMessage ?? SHOPPER_BY_CLASS[init.class]
    if (init.http_status !== undefined) this.http_status = init.http_status
  }

  /** A plain object for logs and storage (no stack, no cause). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      class: this.class,
      telegram_kind: this.telegram_kind,
      response_code: this.response_code,
      response_detail: this.response_detail,
      payment_id: this.payment_id,
      fields: this.fields,
      retryable: this.retryable,
      http_status: this.http_status,
      message: this.message,
      merchantMessage: this.merchantMessage,
      shopperMessage: this.shopperMessage,
    }
  }
}

/**
 * A value refused by this client before anything was sent (class "validation"). `field` is Paygent's
 * parameter name; both messages name the field and, for character-set problems, the offending character —
 * never the whole value.
 */
export class PaygentInputError extends PaygentError {
  readonly field: string
  /** Machine-readable reason, e.g. "required", "too_long", "not_digits", "not_zengin_kana". */
  readonly reason: string

  constructor(field: string, reason: string, message: LocalizedMessage, telegramKind = "") {
    super({
      class: "validation",
      telegram_kind: telegramKind,
      response_code: "",
      merchantMessage: message,
      shopperMessage: message,
      retryable: false,
    })
    this.name = "PaygentInputError"
    this.field = field
    this.reason = reason
  }

  toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field, reason: this.reason }
  }
}

// Telegrams whose 2002 means "the authorization failed" (status 11) rather than "a capture/cancel failed".
const AUTHORIZING_KINDS = new Set(["020", "025", "028", "029", "116", "450"])

export interface Classification {
  class: PaygentErrorClass
  retryable: boolean
  merchantMessage: LocalizedMessage
  shopperMessage: LocalizedMessage
}

/** Classifies a result=1 answer by response code, refined by the vendor detail and the telegram kind. */
export function classifyResponse(telegramKind: string, responseCode: string, responseDetail: string): Classification {
  const detail = stripQuotes(responseDetail)
  const info = responseCodeInfo(responseCode)
  const vendor = detail ? vendorDetailInfo(detail) : undefined
  let cls: PaygentErrorClass = info?.class ?? "rejected"
  let merchant = info?.merchant ?? unknownCodeMessage(responseCode)

  if (responseCode === "2002" && !AUTHORIZING_KINDS.has(telegramKind)) {
    // On captures and cancels the spec says retry, except the documented status/deadline details.
    cls = detail === "1531" || detail === "1541" ? "status_conflict" : detail === "1532" || detail === "1542" ? "expired" : "retryable"
    merchant = msg(
      "カード決済ネットワークで売上・取消が失敗しました。再実行し、解消しない場合はペイジェントに問い合わせてください。",
      "The card network failed the capture/cancel — retry, and contact Paygent if it keeps failing."
    )
  }
  if (vendor) {
    merchant = msg(
      `${merchant.ja}（${detail}: ${vendor.meaning.ja}）`,
      `${merchant.en} (${detail}: ${vendor.meaning.en})`
    )
  }
  const shopper =
    (cls === "declined" || cls === "input_error") && vendor?.shopper ? vendor.shopper : SHOPPER_BY_CLASS[cls]
  return { class: cls, retryable: isRetryableClass(cls), merchantMessage: merchant, shopperMessage: shopper }
}

function unknownCodeMessage(code: string): LocalizedMessage {
  return msg(
    `ペイジェントが処理を拒否しました（レスポンスコード ${code || "なし"}）。仕様書のレスポンスコード一覧を確認してください。`,
    `Paygent refused the request (response code ${code || "none"}) — look the code up in Paygent's response code list.`
  )
}

/** Builds the error for a parsed result=1 response. */
export function errorFromResponse(
  telegramKind: string,
  response: { response_code: string; response_detail: string; fields: Record<string, string> }
): PaygentError {
  const c = classifyResponse(telegramKind, response.response_code, response.response_detail)
  const hasData = Object.values(response.fields).some((v) => v !== "")
  return new PaygentError({
    class: c.class,
    telegram_kind: telegramKind,
    response_code: response.response_code,
    response_detail: response.response_detail,
    payment_id: response.fields.payment_id || undefined,
    fields: hasData ? response.fields : undefined,
    merchantMessage: c.merchantMessage,
    shopperMessage: c.shopperMessage,
    retryable: c.retryable,
  })
}

/** Errors raised by this client itself under a module-side code (E02002, E02004, E02005 …). */
export function moduleError(
  code: string,
  cls: PaygentErrorClass,
  telegramKind: string,
  detail: string,
  extra: Partial<PaygentErrorInit> = {}
): PaygentError {
  const info = responseCodeInfo(code)
  return new PaygentError({
    class: cls,
    telegram_kind: telegramKind,
    response_code: code,
    response_detail: detail,
    merchantMessage: info?.merchant ?? unknownCodeMessage(code),
    ...extra,
  })
}
