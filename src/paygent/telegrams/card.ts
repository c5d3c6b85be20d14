import { PaygentInputError } from "../errors"
import { msg } from "../messages"
import {
  CARD_CONF_NUMBER,
  CARD_NUMBER,
  CARD_TOKEN,
  CARD_VALID_TERM,
  CUSTOMER_CARD_ID,
  CUSTOMER_ID,
  FLAG_0_1,
  FLAG_1,
  SITE_ID,
  type Numeric,
  type PaygentResultItems,
  type PaymentReference,
  type TelegramDefinition,
} from "./definition"

/** 020 カード決済オーソリ (§4.1). Give exactly one card source: card_token, a stored card, or ref_trading_id. */
export interface CardAuthorizeRequest extends PaymentReference {
  /** Integer yen, ≤ 7 digits. */
  payment_amount: Numeric
  card_number?: string
  /** MMYY. */
  card_valid_term?: string
  card_conf_number?: string
  /** 10 one-time (default), 23 bonus one-time, 61 installments (needs split_count), 80 revolving. */
  payment_class?: "10" | "23" | "61" | "80"
  split_count?: Numeric
  /** "1" when 3-D Secure is not used (no 3DS contract); leave out when sending a 3DS2 result. */
  "3dsecure_ryaku"?: "1" | ""
  /** "2" = EMV 3-D Secure already performed with 450 (then 3ds_auth_id is required). */
  "3dsecure_use_type"?: "1" | "2" | ""
  http_accept?: string
  http_user_agent?: string
  term_url?: string
  ref_trading_id?: string
  /** "1" = authorize with a stored card (customer_id + customer_card_id). */
  stock_card_mode?: "0" | "1" | ""
  customer_id?: string
  customer_card_id?: Numeric
  site_id?: string
  card_token?: string
  /** "1" = authorize and capture at once (status 40). */
  sales_mode?: "0" | "1" | ""
  /** "1" = card_token is a CVV-only token (stored card required). */
  security_code_token?: "1" | ""
  /** "1" = the CVV is mandatory. */
  security_code_use?: "1" | ""
  "3ds_auth_id"?: string
}

/** The card response layout shared by 020–023 (§4.1); on 021–023 only the IDs carry values. */
export interface CardResponse extends PaygentResultItems {
  payment_id: string
  trading_id?: string
  /** 0 domestic, 1 foreign card. */
  issur_class?: string
  acq_id?: string
  acq_name?: string
  issur_name?: string
  fc_auth_umu?: string
  daiko_code?: string
  card_shu_code?: string
  k_card_name?: string
  /** 3-D Secure 1 ACS HTML (result 7, obsolete). */
  out_acs_html?: string
  issur_id?: string
  /** "" no attempt, "0" attempt, "1" caution. */
  attempt_kbn?: string
  fingerprint?: string
  masked_card_number?: string
  card_valid_term?: string
}

export type CardAuthorizeResponse = CardResponse

/** 021 / 022 / 023: only the payment reference. */
export type CardFollowUpRequest = PaymentReference
export type CardFollowUpResponse = Omit<CardResponse, "payment_id"> & { payment_id?: string }

/** 028 補正オーソリ / 029 補正売上 (§4.3). */
export interface CardChangeRequest extends PaymentReference {
  /** New total (reduction_flag 0) or the amount to subtract (1); integer yen, ≤ 7 digits. */
  payment_amount: Numeric
  reduction_flag: "0" | "1"
  /** 0/empty: authorize the new payment first; 1: cancel the old one first. */
  base_payment_cancel_timing?: "0" | "1" | ""
}

export interface CardChangeResponse extends PaygentResultItems {
  /** The NEW payment. */
  payment_id: string
  trading_id?: string
  /** The original payment, now cancelled. */
  base_payment_id?: string
  /** The new amount. */
  reduced_amount?: string
  issur_class?: string
  acq_id?: string
  acq_name?: string
  issur_name?: string
  fc_auth_umu?: string
  daiko_code?: string
  card_shu_code?: string
  k_card_name?: string
  issur_id?: string
  attempt_kbn?: string
  fingerprint?: string
  masked_card_number?: string
  card_valid_term?: string
}

const CARD_AMOUNT = { name: "payment_amount", required: true, format: { type: "amount", maxDigits: 7 } } as const

function requireOne(kind: string, values: Readonly<Record<string, string>>): void {
  const sources = [
    values.card_token && values.security_code_token !== "1" ? "card_token" : "",
    values.card_number ? "card_number" : "",
    values.stock_card_mode === "1" ? "stored card" : "",
    values.ref_trading_id ? "ref_trading_id" : "",
  ].filter(Boolean)
  if (sources.length === 0) {
    throw new PaygentInputError(
      "card_token",
      "missing_card_source",
      msg(
        "カード情報（card_token・登録カード・ref_trading_id のいずれか）を指定してください。",
        "Give a card source: card_token, a stored card (stock_card_mode=1) or ref_trading_id."
      ),
      kind
    )
  }
}

function requireWhen(kind: string, cond: boolean, field: string, why: { ja: string; en: string }): void {
  if (cond) throw new PaygentInputError(field, "required", msg(`${field} は必須です（${why.ja}）。`, `${field} is required (${why.en}).`), kind)
}

export const CARD_AUTHORIZE: TelegramDefinition = {
  kind: "020",
  title: "card authorization",
  responseFormat: "key_value",
  requiredOnSuccess: ["payment_id"],
  fields: [
    CARD_AMOUNT,
    CARD_NUMBER,
    CARD_VALID_TERM,
    CARD_CONF_NUMBER,
    { name: "payment_class", required: true, default: "10", format: { type: "enum", values: ["10", "23", "61", "80"] } },
    { name: "split_count", format: { type: "digits", max: 2 } },
    FLAG_1("3dsecure_ryaku"),
    { name: "3dsecure_use_type", format: { type: "enum", values: ["1", "2"] } },
    { name: "http_accept", format: { type: "text", max: 1024 } },
    { name: "http_user_agent", format: { type: "text", max: 1024 } },
    { name: "term_url", format: { type: "ascii", max: 256 } },
    { name: "ref_trading_id", format: { type: "alnum", max: 25, underscore: true } },
    FLAG_0_1("stock_card_mode"),
    CUSTOMER_ID,
    CUSTOMER_CARD_ID,
    SITE_ID,
    CARD_TOKEN,
    FLAG_0_1("sales_mode"),
    FLAG_1("security_code_token"),
    FLAG_1("security_code_use"),
    { name: "3ds_auth_id", format: { type: "ascii", max: 36 } },
  ],
  check(values, kind) {
    requireOne(kind, values)
    requireWhen(kind, values.payment_class === "61" && !values.split_count, "split_count", {
      ja: "分割払いの場合",
      en: "payment_class 61 (installments)",
    })
    requireWhen(kind, values["3dsecure_use_type"] === "2" && !values["3ds_auth_id"], "3ds_auth_id", {
      ja: "3dsecure_use_type=2 の場合",
      en: "3dsecure_use_type=2",
    })
    const stored = values.stock_card_mode === "1" || values.security_code_token === "1"
    requireWhen(kind, stored && !values.customer_id, "customer_id", { ja: "登録カード利用時", en: "stored card" })
    requireWhen(kind, stored && !values.customer_card_id, "customer_card_id", { ja: "登録カード利用時", en: "stored card" })
  },
}

function followUp(kind: string, title: string): TelegramDefinition {
  return { kind, title, responseFormat: "key_value", requiresPaymentReference: true, fields: [] }
}

export const CARD_CANCEL_AUTHORIZATION = followUp("021", "card authorization cancel")
export const CARD_CAPTURE = followUp("022", "card capture")
export const CARD_CANCEL_SALES = followUp("023", "card sales cancel")

function change(kind: string, title: string): TelegramDefinition {
  return {
    kind,
    title,
    responseFormat: "key_value",
    requiresPaymentReference: true,
    requiredOnSuccess: ["payment_id"],
    fields: [
      CARD_AMOUNT,
      { name: "reduction_flag", required: true, format: { type: "enum", values: ["0", "1"] } },
      FLAG_0_1("base_payment_cancel_timing"),
    ],
  }
}

export const CARD_CHANGE_AUTHORIZATION = change("028", "card authorization change")
export const CARD_CHANGE_SALES = change("029", "card sales change")
