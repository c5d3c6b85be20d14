import type { FieldSpec, ParamValue } from "../validate"

/** A number where Paygent wants digits: callers may pass integers; they are sent as strings. */
export type Numeric = string | number

/** The three status items every response starts with (§5.1). */
export interface PaygentResultItems {
  /** "0" OK; errors ("1") are thrown as PaygentError, so a returned result is "0" (or "7"/"2" where defined). */
  result: string
  response_code: string
  response_detail: string
}

/** Items identifying the payment in the common header (§2); the client fills the rest of the header. */
export interface PaymentReference {
  /** マーチャント取引ID: merchant-assigned, ≤ 25 letters/digits/_ . */
  trading_id?: string
  /** 決済ID: Paygent-assigned, digits ≤ 18. */
  payment_id?: Numeric
}

export interface TelegramDefinition {
  kind: string
  /** What the telegram does, for messages. */
  title: string
  /** Telegram-specific items in the spec's order (after the common header). */
  fields: readonly FieldSpec[]
  /** payment_id or trading_id must be given (follow-up operations, §2 rules). */
  requiresPaymentReference?: boolean
  /** Empty optional items are sent as "" rather than left out (116: "" clears, omitted leaves unchanged). */
  keepEmpty?: boolean
  responseFormat: "key_value" | "csv"
  /** Items a successful response must carry for the caller to be able to continue. */
  requiredOnSuccess?: readonly string[]
  /** Cross-field rules; throws PaygentInputError. Receives the already formatted values. */
  check?: (values: Readonly<Record<string, string>>, kind: string) => void
}

export type RequestInput = Readonly<Record<string, ParamValue>>

export const SITE_ID: FieldSpec = { name: "site_id", format: { type: "alnum", max: 4 } }
export const CUSTOMER_ID: FieldSpec = { name: "customer_id", format: { type: "alnum", max: 25, underscore: true } }
export const CUSTOMER_CARD_ID: FieldSpec = { name: "customer_card_id", format: { type: "digits", max: 18 } }
export const CARD_VALID_TERM: FieldSpec = {
  name: "card_valid_term",
  format: {
    type: "pattern",
    pattern: /^(0[1-9]|1[0-2])\d{2}$/,
    max: 4,
    expected: { ja: "MMYY形式の4桁", en: "4 digits MMYY" },
  },
}
export const CARD_NUMBER: FieldSpec = { name: "card_number", format: { type: "digits", min: 13, max: 19 } }
export const CARD_CONF_NUMBER: FieldSpec = { name: "card_conf_number", format: { type: "digits", min: 3, max: 4 } }
export const CARD_TOKEN: FieldSpec = { name: "card_token", format: { type: "ascii", max: 30 } }
export const FLAG_0_1 = (name: string): FieldSpec => ({ name, format: { type: "enum", values: ["0", "1"] } })
export const FLAG_1 = (name: string): FieldSpec => ({ name, format: { type: "enum", values: ["1"] } })
export const PAYMENT_LIMIT_DAYS: FieldSpec = { name: "payment_limit_date", format: { type: "range", min: 0, max: 60 } }
