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
import type { FieldSpec } from "../validate"

const REQUIRED_CUSTOMER_ID: FieldSpec = { ...CUSTOMER_ID, required: true }
/** 026 / 027: an empty customer_card_id means every card of the customer. */
const ALL_OR_ONE_CARD: FieldSpec = { ...CUSTOMER_CARD_ID, sendEmpty: true }
const HOLDER: FieldSpec = { name: "cardholder_name", format: { type: "text", max: 64 } }
const ADD_INFO = [1, 2, 3, 4].map((n): FieldSpec => ({ name: `add_info${n}`, format: { type: "text", max: 64 } }))

/** 025 カード情報設定 (§4.9): register a card for a customer (≤ 10 per customer). */
export interface StoredCardSetRequest extends PaymentReference {
  customer_id: string
  card_number?: string
  card_valid_term?: string
  card_conf_number?: string
  /** Detected by Paygent: VISA, MASTER, JCB, AMEX, DINERS, DISCOVER, HOUSE. */
  card_brand?: string
  cardholder_name?: string
  add_info1?: string
  add_info2?: string
  add_info3?: string
  add_info4?: string
  site_id?: string
  /** "1" = run a validity-check authorization first. */
  valid_check_flg?: "0" | "1" | ""
  card_token?: string
  security_code_use?: "1" | ""
}

export interface StoredCardSetResponse extends PaygentResultItems {
  num_of_cards?: string
  customer_card_id: string
  issur_id?: string
  issur_name?: string
  fingerprint?: string
  masked_card_number?: string
  card_valid_term?: string
  cardholder_name?: string
  acq_id?: string
  acq_name?: string
}

/** 116 カード情報更新: an omitted item stays unchanged, "" clears it (not allowed for the expiry). */
export interface StoredCardUpdateRequest extends PaymentReference {
  customer_id: string
  customer_card_id: Numeric
  site_id?: string
  card_valid_term?: string
  cardholder_name?: string
  add_info1?: string
  add_info2?: string
  add_info3?: string
  add_info4?: string
  /** CVV-only token. */
  card_token?: string
  security_code_use?: "1" | ""
}

export interface StoredCardUpdateResponse extends PaygentResultItems {
  num_of_cards?: string
  customer_card_id?: string
}

/** 026 カード情報削除: customer_card_id empty deletes ALL cards of the customer. */
export interface StoredCardDeleteRequest extends PaymentReference {
  customer_id: string
  customer_card_id?: Numeric
  site_id?: string
}

export interface StoredCardDeleteResponse extends PaygentResultItems {
  num_of_cards?: string
}

/** 027 カード情報照会: customer_card_id empty lists all cards. */
export interface StoredCardListRequest extends PaymentReference {
  customer_id: string
  customer_card_id?: Numeric
  site_id?: string
  /** "1" = include the fingerprint column. */
  return_fingerprint_flg?: "0" | "1" | ""
}

/** One stored card as listed by 027 (card_number is masked by Paygent). */
export interface StoredCardRecord {
  customer_id?: string
  customer_card_id?: string
  card_number?: string
  card_valid_term?: string
  card_last_use_date?: string
  card_brand?: string
  cardholder_name?: string
  add_info1?: string
  add_info2?: string
  add_info3?: string
  add_info4?: string
  card_expire_flag?: string
  valid_check_result?: string
  valid_update_cd?: string
  valid_check_date?: string
  issur_name?: string
  fingerprint?: string
  [column: string]: string | undefined
}

export interface StoredCardListResponse extends PaygentResultItems {
  columns: string[]
  cards: StoredCardRecord[]
  count: number
}

export const STORED_CARD_SET: TelegramDefinition = {
  kind: "025",
  title: "stored card registration",
  responseFormat: "key_value",
  requiredOnSuccess: ["customer_card_id"],
  fields: [
    REQUIRED_CUSTOMER_ID,
    CARD_NUMBER,
    CARD_VALID_TERM,
    CARD_CONF_NUMBER,
    { name: "card_brand", format: { type: "alnum", max: 10 } },
    HOLDER,
    ...ADD_INFO,
    SITE_ID,
    FLAG_0_1("valid_check_flg"),
    CARD_TOKEN,
    FLAG_1("security_code_use"),
  ],
}

export const STORED_CARD_DELETE: TelegramDefinition = {
  kind: "026",
  title: "stored card deletion",
  responseFormat: "key_value",
  fields: [REQUIRED_CUSTOMER_ID, ALL_OR_ONE_CARD, SITE_ID],
}

export const STORED_CARD_LIST: TelegramDefinition = {
  kind: "027",
  title: "stored card inquiry",
  responseFormat: "csv",
  fields: [REQUIRED_CUSTOMER_ID, ALL_OR_ONE_CARD, SITE_ID, FLAG_0_1("return_fingerprint_flg")],
}

export const STORED_CARD_UPDATE: TelegramDefinition = {
  kind: "116",
  // Omitted = unchanged, "" = cleared.
  keepEmpty: true,
  title: "stored card update",
  responseFormat: "key_value",
  fields: [
    REQUIRED_CUSTOMER_ID,
    { ...CUSTOMER_CARD_ID, required: true },
    SITE_ID,
    CARD_VALID_TERM,
    HOLDER,
    ...ADD_INFO,
    CARD_TOKEN,
    FLAG_1("security_code_use"),
  ],
}
