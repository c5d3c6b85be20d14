import type { PaygentNoticeRecord } from "../notice"
import { SITE_ID, type Numeric, type PaygentResultItems, type PaymentReference, type TelegramDefinition } from "./definition"

/** 091 決済情報差分照会 (§7.1): without payment_notice_id the next unread record, with it that record again. */
export interface NoticeInquiryRequest {
  payment_notice_id?: Numeric
  site_id?: string
}

export interface NoticeInquiryResponse {
  /** "0" record returned, "1" no more data, "2" record returned but older unread records were purged. */
  success_code: string
  success_detail: string
  /** Present for success_code 0 and 2. */
  record?: PaygentNoticeRecord
}

/** 094 決済情報照会 (§4.10) by payment_id or trading_id. */
export interface PaymentInquiryRequest extends PaymentReference {
  /** Filter when one trading_id is shared by payments of different types. */
  payment_type?: string
}

/** Common block plus the type-specific block, keyed by Paygent's names. */
export interface PaymentInquiryResponse extends PaygentResultItems {
  payment_id: string
  trading_id?: string
  payment_type: string
  site_id?: string
  payment_status: string
  payment_amount?: string
  payment_init_date?: string
  [item: string]: string | undefined
}

export const NOTICE_INQUIRY: TelegramDefinition = {
  kind: "091",
  title: "difference inquiry",
  responseFormat: "key_value",
  requiredOnSuccess: ["success_code"],
  fields: [{ name: "payment_notice_id", format: { type: "digits", max: 18 } }, SITE_ID],
}

export const PAYMENT_INQUIRY: TelegramDefinition = {
  kind: "094",
  title: "payment inquiry",
  responseFormat: "key_value",
  requiresPaymentReference: true,
  requiredOnSuccess: ["payment_id", "payment_type", "payment_status"],
  fields: [{ name: "payment_type", format: { type: "digits", min: 2, max: 2 } }],
}
