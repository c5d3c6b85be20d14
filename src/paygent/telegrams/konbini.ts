import { PaygentInputError } from "../errors"
import { msg } from "../messages"
import type { FieldSpec } from "../validate"
import { PAYMENT_LIMIT_DAYS, SITE_ID, type Numeric, type PaygentResultItems, type PaymentReference, type TelegramDefinition } from "./definition"

/** 030 コンビニ決済（番号方式）申込 (§4.4). Give cvs_type or cvs_company_id (cvs_type wins if both). */
export interface KonbiniApplyRequest extends PaymentReference {
  /** Integer yen, ≤ 9 digits (0 for ticket-only service). */
  payment_amount: Numeric
  /** 01–05, meaning depends on the merchant's connection type (§8.1). */
  cvs_type?: string
  /** Full-width, ≤ 20 bytes. */
  customer_family_name: string
  customer_name: string
  /** Half-width kana (full-width is converted), ≤ 14 bytes. */
  customer_family_name_kana?: string
  customer_name_kana?: string
  /** Digits only after normalisation (hyphens etc. are removed), 10–11 digits. */
  customer_tel: string
  /** Printed on the voucher, ≤ 50 bytes. */
  site_info?: string
  /** Days until the deadline, 0–60 (0 = today, default 30). */
  payment_limit_date?: Numeric
  /** 00C001 Seven-Eleven, 00C002 Lawson, 00C004 Ministop, 00C005 FamilyMart, 00C014 Daily Yamazaki, 00C016 Seicomart. */
  cvs_company_id?: string
  /** 1 prepaid, 3 postpaid; required for Seven-Eleven. */
  sales_type?: "1" | "3" | ""
  site_id?: string
  customer_notice_1?: string
  customer_notice_2?: string
  customer_notice_3?: string
  customer_notice_4?: string
  customer_notice_5?: string
  customer_notice_6?: string
  customer_notice_7?: string
  customer_notice_8?: string
  customer_notice_9?: string
  customer_notice_10?: string
  /** 1 ticket with payment, 2 ticket only, 3 collection (default); FamilyMart CVS 04 only. */
  service_type?: "1" | "2" | "3" | ""
}

export interface KonbiniApplyResponse extends PaygentResultItems {
  payment_id: string
  trading_id?: string
  /** The number the buyer enters at the store. */
  receipt_number: string
  /** Slip / barcode / guide page; do not embed in an iframe. */
  receipt_print_url?: string
  /** Hyphen-joined company codes where the number can be used. */
  usable_cvs_company_id?: string
  /** Deadline YYYYMMDD. */
  payment_limit_date?: string
}

const NOTICES = Array.from({ length: 10 }, (_, i): FieldSpec => ({ name: `customer_notice_${i + 1}`, format: { type: "text", max: 60 } }))

export const KONBINI_APPLY: TelegramDefinition = {
  kind: "030",
  title: "konbini (number method) application",
  responseFormat: "key_value",
  requiredOnSuccess: ["payment_id", "receipt_number"],
  fields: [
    { name: "payment_amount", required: true, format: { type: "amount", maxDigits: 9 } },
    { name: "cvs_type", format: { type: "pattern", pattern: /^0[1-5]$/, max: 2, expected: { ja: "01〜05", en: "01–05" } } },
    { name: "customer_family_name", required: true, format: { type: "kanji", max: 20 } },
    { name: "customer_name", required: true, format: { type: "kanji", max: 20 } },
    { name: "customer_family_name_kana", format: { type: "kana", max: 14 } },
    { name: "customer_name_kana", format: { type: "kana", max: 14 } },
    { name: "customer_tel", required: true, format: { type: "phone" } },
    { name: "site_info", format: { type: "text", max: 50 } },
    PAYMENT_LIMIT_DAYS,
    { name: "cvs_company_id", format: { type: "pattern", pattern: /^[0-9A-Z]{6}$/, max: 6, expected: { ja: "6桁の企業コード（例: 00C001）", en: "a 6-character company code such as 00C001" } } },
    { name: "sales_type", format: { type: "enum", values: ["1", "3"] } },
    SITE_ID,
    ...NOTICES,
    { name: "service_type", format: { type: "enum", values: ["1", "2", "3"] } },
  ],
  check(values, kind) {
    if (!values.cvs_type && !values.cvs_company_id) {
      throw new PaygentInputError(
        "cvs_type",
        "required",
        msg("cvs_type または cvs_company_id を指定してください。", "Give cvs_type or cvs_company_id."),
        kind
      )
    }
  },
}
