import { PAYMENT_LIMIT_DAYS, SITE_ID, type Numeric, type PaygentResultItems, type PaymentReference, type TelegramDefinition } from "./definition"

/** 010 ATM決済申込 (Pay-easy, §4.5). Names are shown on the ATM (not for Japan Post). */
export interface AtmApplyRequest extends PaymentReference {
  /** Integer yen, ≤ 9 digits. */
  payment_amount: Numeric
  /** Full-width, ≤ 12 bytes. */
  customer_family_name?: string
  customer_name?: string
  /** Half-width kana (full-width is converted), ≤ 12 bytes. */
  customer_family_name_kana?: string
  customer_name_kana?: string
  /** Shown on the ATM: full-width, ≤ 24 bytes. */
  payment_detail: string
  /** Half-width kana, ≤ 24 bytes. */
  payment_detail_kana: string
  /** Days until the deadline, 0–60 (default 30). */
  payment_limit_date?: Numeric
  site_id?: string
}

export interface AtmApplyResponse extends PaygentResultItems {
  payment_id: string
  trading_id?: string
  /** 収納機関番号 (10 digits). */
  pay_center_number: string
  /** お客様番号 (≤ 20 digits). */
  customer_number: string
  /** 確認番号 (6 digits). */
  conf_number: string
  /** Deadline YYYYMMDD. */
  payment_limit_date: string
}

export const ATM_APPLY: TelegramDefinition = {
  kind: "010",
  title: "ATM (Pay-easy) application",
  responseFormat: "key_value",
  requiredOnSuccess: ["payment_id", "pay_center_number", "customer_number", "conf_number", "payment_limit_date"],
  fields: [
    { name: "payment_amount", required: true, format: { type: "amount", maxDigits: 9 } },
    { name: "customer_family_name", format: { type: "kanji", max: 12 } },
    { name: "customer_name", format: { type: "kanji", max: 12 } },
    { name: "customer_family_name_kana", format: { type: "kana", max: 12 } },
    { name: "customer_name_kana", format: { type: "kana", max: 12 } },
    { name: "payment_detail", required: true, format: { type: "kanji", max: 24 } },
    { name: "payment_detail_kana", required: true, format: { type: "kana", max: 24 } },
    PAYMENT_LIMIT_DAYS,
    SITE_ID,
  ],
}
