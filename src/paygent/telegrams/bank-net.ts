import { SITE_ID, type Numeric, type PaygentResultItems, type PaymentReference, type TelegramDefinition } from "./definition"

/** 060 銀行ネット決済ASP申込 (§4.6, §10). Note the amount item is `amount`, not payment_amount. */
export interface BankNetApplyRequest extends PaymentReference {
  /** Integer yen, ≤ 11 digits. */
  amount: Numeric
  /** Half-width kana (full-width is converted), ≤ 24 bytes. */
  claim_kana: string
  /** Full-width, ≤ 24 bytes. */
  claim_kanji: string
  customer_family_name?: string
  customer_name?: string
  customer_family_name_kana?: string
  customer_name_kana?: string
  receipt_name_kana?: string
  receipt_name?: string
  /** Return after paying at a directly connected bank (GET result/payment_id/trading_id; informational only). */
  return_url?: string
  merchant_name?: string
  banner_url?: string
  free_memo?: string
  /** 0DDhhmm = now + DD days hh:mm; 1DD.... = now + DD days at 23:59; default 0050000. */
  asp_payment_term?: string
  stop_return_url?: string
  copy_right?: string
  site_id?: string
}

export interface BankNetApplyResponse extends PaygentResultItems {
  /** Always returned (Paygent-generated when the merchant sent none). */
  trading_id: string
  asp_limit_date?: string
  asp_payment_limit_date?: string
  /** Send the buyer here (GET). */
  asp_url: string
  amount?: string
  claim_kana?: string
  claim_kanji?: string
  trade_generation_date?: string
}

export const BANK_NET_APPLY: TelegramDefinition = {
  kind: "060",
  title: "bank net (ASP) application",
  responseFormat: "key_value",
  requiredOnSuccess: ["asp_url", "trading_id"],
  fields: [
    { name: "amount", required: true, format: { type: "amount", maxDigits: 11 } },
    { name: "claim_kana", required: true, format: { type: "kana", max: 24 } },
    { name: "claim_kanji", required: true, format: { type: "kanji", max: 24 } },
    { name: "customer_family_name", format: { type: "kanji", max: 12 } },
    { name: "customer_name", format: { type: "kanji", max: 12 } },
    { name: "customer_family_name_kana", format: { type: "kana", max: 12 } },
    { name: "customer_name_kana", format: { type: "kana", max: 12 } },
    { name: "receipt_name_kana", format: { type: "kana", max: 24 } },
    { name: "receipt_name", format: { type: "kanji", max: 24 } },
    { name: "return_url", format: { type: "ascii", max: 256 } },
    { name: "merchant_name", format: { type: "text", max: 64 } },
    { name: "banner_url", format: { type: "ascii", max: 256 } },
    { name: "free_memo", format: { type: "text", max: 256 } },
    {
      name: "asp_payment_term",
      format: { type: "pattern", pattern: /^[01]\d{6}$/, max: 7, expected: { ja: "0DDhhmm または 1DD0000", en: "0DDhhmm or 1DD0000" } },
    },
    { name: "stop_return_url", format: { type: "ascii", max: 256 } },
    { name: "copy_right", format: { type: "text", max: 64 } },
    SITE_ID,
  ],
}
