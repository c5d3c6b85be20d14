import { msg, type LocalizedMessage } from "./messages"

/**
 * Card vendor detail codes (カード決済エラーコード一覧, docs/protocol.md §5.5) carried in response_detail of
 * 2001/2002/2003. Each has its meaning for the merchant and, where the buyer can act on it, a message that is
 * safe to show the buyer. Fraud-related reasons (lost/stolen, capture card…) deliberately get the generic
 * "card cannot be used" buyer message.
 */
export interface VendorDetailInfo {
  meaning: LocalizedMessage
  shopper?: LocalizedMessage
}

export const SHOPPER_CARD_UNUSABLE = msg(
  "このカードはご利用いただけません。別のカードをお試しください。",
  "This card cannot be used. Please try another card."
)
const SHOPPER_LIMIT = msg(
  "カードのご利用可能額を超えているため、お支払いできませんでした。別のカードをお試しください。",
  "The card's available limit was exceeded. Please try another card."
)
const SHOPPER_ASK_ISSUER = msg(
  "カード会社での確認が必要です。カード会社にお問い合わせいただくか、別のカードをお試しください。",
  "Your card company needs to check this payment. Please contact your card company or try another card."
)
const SHOPPER_CVV = msg(
  "セキュリティコードが正しくありません。ご確認のうえ再度入力してください。",
  "The security code is incorrect. Please check it and try again."
)
const SHOPPER_CVV_MISSING = msg("セキュリティコードを入力してください。", "Please enter the security code.")
const SHOPPER_NUMBER = msg(
  "カード番号が正しくありません。ご確認のうえ再度入力してください。",
  "The card number is incorrect. Please check it and try again."
)
const SHOPPER_SPLIT = msg(
  "指定された分割回数はこのカードではご利用いただけません。別の回数をお選びください。",
  "The selected number of installments is not available for this card. Please choose another."
)
const SHOPPER_CLASS = msg(
  "指定されたお支払い方法（一括・分割・リボ等）はこのカードではご利用いただけません。",
  "The selected payment option (one-time, installments, revolving…) is not available for this card."
)
const SHOPPER_EXPIRY = msg(
  "カードの有効期限が正しくありません。ご確認のうえ再度入力してください。",
  "The card expiry date is incorrect. Please check it and try again."
)
const SHOPPER_NETWORK = msg(
  "カード会社との通信でエラーが発生しました。しばらくしてから再度お試しいただくか、別のカードをお試しください。",
  "An error occurred while contacting the card company. Please try again later or use another card."
)
const SHOPPER_3DS = msg(
  "本人認証（3Dセキュア）に失敗しました。別のカードをお試しください。",
  "Card holder authentication (3-D Secure) failed. Please try another card."
)

function d(ja: string, en: string, shopper?: LocalizedMessage): VendorDetailInfo {
  return { meaning: msg(ja, en), shopper }
}

const table: Record<string, VendorDetailInfo> = {
  // Issuer refusals (2001 → status 11)
  "1G02": d("残高不足（ローン）", "insufficient balance (loan)", SHOPPER_LIMIT),
  "1G03": d("限度額オーバー（ローン）", "over the credit limit (loan)", SHOPPER_LIMIT),
  "1G04": d("残高不足（キャッシング）", "insufficient balance (cashing)", SHOPPER_LIMIT),
  "1G05": d("限度額オーバー（キャッシング）", "over the limit (cashing)", SHOPPER_LIMIT),
  "1G06": d("デビットカード残高不足", "debit card balance insufficient", SHOPPER_LIMIT),
  "1G07": d("デビットカード限度額オーバー", "debit card limit exceeded", SHOPPER_LIMIT),
  "1G12": d("カード使用不可", "card not usable (issuer refusal)", SHOPPER_CARD_UNUSABLE),
  "1G22": d("永久使用禁止", "card permanently prohibited", SHOPPER_CARD_UNUSABLE),
  "1G30": d("取引判定保留（有人判定）", "manual judgement pending at the issuer", SHOPPER_ASK_ISSUER),
  "1G42": d("暗証番号誤り", "wrong PIN", SHOPPER_ASK_ISSUER),
  "1G46": d("JIS2情報エラー", "JIS2 data error", SHOPPER_CARD_UNUSABLE),
  "1G54": d("1日利用回数オーバー", "daily usage count exceeded", SHOPPER_LIMIT),
  "1G55": d("1日利用限度額オーバー", "daily amount limit exceeded", SHOPPER_LIMIT),
  "1G56": d("取扱不可（クレジットカード回収）", "capture card", SHOPPER_CARD_UNUSABLE),
  "1G60": d("事故カード", "lost or stolen card", SHOPPER_CARD_UNUSABLE),
  "1G61": d("無効カード", "invalid card", SHOPPER_CARD_UNUSABLE),
  // Input errors (2003 → status stays 10, retry with the same payment_id)
  "1G44": d("セキュリティコード誤り", "wrong security code (CVV)", SHOPPER_CVV),
  "1G45": d("セキュリティコード未入力", "security code missing", SHOPPER_CVV_MISSING),
  "1G65": d("会員番号エラー", "card number error", SHOPPER_NUMBER),
  "1G74": d("分割回数エラー", "installment count error", SHOPPER_SPLIT),
  "1G78": d("支払区分エラー", "payment class error", SHOPPER_CLASS),
  "1G83": d("有効期限エラー", "expiry date error", SHOPPER_EXPIRY),
  "1P65": d("会員番号エラー（CARDNET）", "card number error (CARDNET)", SHOPPER_NUMBER),
  "1P74": d("分割回数エラー（CARDNET）", "installment count error (CARDNET)", SHOPPER_SPLIT),
  "1P78": d("支払区分エラー（CARDNET）", "payment class error (CARDNET)", SHOPPER_CLASS),
  "1P83": d("有効期限エラー（CARDNET）", "expiry date error (CARDNET)", SHOPPER_EXPIRY),
  // Re-authorization after 2003
  P901: d("再オーソリ対象データなし", "no payment to re-authorize"),
  P902: d("再オーソリ ステータス矛盾", "re-authorization status inconsistency"),
  P903: d("再オーソリ回数超過", "re-authorization retry limit exceeded — start a new payment", SHOPPER_CARD_UNUSABLE),
  // Cancels (2002)
  "1531": d("オーソリ取消 ステータス矛盾", "auth cancel: status inconsistency"),
  "1532": d("オーソリ取消 期限超過", "auth cancel: deadline passed"),
  "1541": d("売上取消 ステータス矛盾", "sales cancel: status inconsistency"),
  "1542": d("売上取消 期限超過", "sales cancel: deadline passed"),
  // 3-D Secure 1 (obsolete since 2022-10, kept for old data)
  "1511": d("3Dセキュア認証NG", "3-D Secure authentication NG", SHOPPER_3DS),
  "1512": d("3Dセキュア改ざんチェックNG", "3-D Secure tamper check NG", SHOPPER_3DS),
  "1513": d("3Dセキュア セッション期限切れ", "3-D Secure session expired", SHOPPER_3DS),
  "1514": d("3Dセキュア 二重送信", "3-D Secure duplicate", SHOPPER_3DS),
  "1515": d("3Dセキュア セッション消失", "3-D Secure session lost", SHOPPER_3DS),
  "5000": d("3Dセキュア システムエラー", "3-D Secure system error", SHOPPER_NETWORK),
}

/** Details of the CAFIS (1Cxx) and vendor-system (1Kxx, 1E.., 1NET, 9xxx…) families, matched by pattern. */
function familyInfo(code: string): VendorDetailInfo | undefined {
  if (/^1C\d\d$/.test(code)) return d("CAFISエラー", "CAFIS network error", SHOPPER_NETWORK)
  if (/^1P\d\d$/.test(code)) return d("CARDNETエラー", "CARDNET error", SHOPPER_CARD_UNUSABLE)
  if (/^1G\d\d$/.test(code)) return d("カード会社によるお断り", "issuer refusal", SHOPPER_CARD_UNUSABLE)
  if (/^(1K\d\d|1E\d\d|1NET|1X\d\d|1S\d\d|9\d{3}|1[1-5]\d\d|2[0-3]\d\d)$/.test(code)) {
    return d("カード決済ネットワーク側システムエラー", "card network / vendor system error", SHOPPER_NETWORK)
  }
  return undefined
}

export function vendorDetailInfo(code: string): VendorDetailInfo | undefined {
  return Object.prototype.hasOwnProperty.call(table, code) ? table[code] : familyInfo(code)
}

/** Paygent writes vendor codes with double quotes ("1G12", fixtures README choice 4); matching ignores them. */
export function stripQuotes(detail: string): string {
  const t = detail.trim()
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t
}
