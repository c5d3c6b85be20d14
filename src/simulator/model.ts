/**
 * The records the simulated Paygent keeps. Times are epoch milliseconds on the simulated clock.
 */

/** payment_type codes (§7.1 No. 10). */
export type PaymentType = "01" | "02" | "03" | "05"

export const PAYMENT_TYPE = { atm: "01", card: "02", konbini: "03", bankNet: "05" } as const

/** The card behind a payment, token or stored card. The full number never leaves the simulator's state. */
export interface CardData {
  number: string
  /** MMYY */
  validTerm: string
  cvc: string
  holderName: string
}

export interface CardPaymentDetails {
  card: CardData
  brand: string
  fingerprint: string
  maskedNumber: string
  paymentClass: string
  splitCount: string
  salesMode: boolean
  threeDsRyaku: string
  /** attempt_kbn of a 3DS2-authenticated payment ("" = fully authenticated or no 3DS). */
  attemptKbn: string
  /** 3dsecure_message_version of 094: "" without 3DS, "2.2.0" with 3DS2. */
  threeDsMessageVersion: string
  threeDsAuthId: string
  authorizedAt?: number
  authorizedNumber: string
  /** joho_code of 094/091: 000 on an approved authorization, else the vendor code. */
  johoCode: string
  /** Input errors (2003) so far on this payment; after 3 a retry is refused with 2001 "P903". */
  inputErrors: number
  lastResponseCode: string
  lastResponseDetail: string
  customerId: string
  customerCardId: string
  basePaymentId: string
}

export interface KonbiniPaymentDetails {
  cvsType: string
  usableCompanyIds: string[]
  receiptNumber: string
  receiptPrintUrl: string
  /** YYYYMMDD */
  limitDate: string
  salesType: string
  paidCompanyId: string
  familyName: string
  givenName: string
  familyNameKana: string
  givenNameKana: string
  tel: string
}

export interface AtmPaymentDetails {
  payCenterNumber: string
  customerNumber: string
  confNumber: string
  limitDate: string
  familyName: string
  givenName: string
  familyNameKana: string
  givenNameKana: string
  paymentDetail: string
  paymentDetailKana: string
}

export interface BankNetPaymentDetails {
  familyName: string
  givenName: string
  familyNameKana: string
  givenNameKana: string
  claimKana: string
  claimKanji: string
}

export interface StatusChange {
  status: string
  at: number
  /** What caused it: a telegram kind, a control call or a batch. */
  by: string
}

export interface Payment {
  paymentId: string
  tradingId: string
  paymentType: PaymentType
  status: string
  amount: number
  siteId: string
  createdAt: number
  paymentDate?: number
  cancelDate?: number
  userPaymentDate?: number
  earlyNoticeDate?: number
  bankCode: string
  history: StatusChange[]
  card?: CardPaymentDetails
  konbini?: KonbiniPaymentDetails
  atm?: AtmPaymentDetails
  bankNet?: BankNetPaymentDetails
}

export interface TokenRecord {
  token: string
  kind: "card" | "cvc"
  card: CardData
  maskedNumber: string
  fingerprint: string
  validUntil: number
  /** Set by the first telegram that succeeded with it; a token is single-use (2022). */
  usedAt?: number
  createdAt: number
}

export interface StoredCard {
  siteId: string
  customerId: string
  customerCardId: string
  card: CardData
  brand: string
  fingerprint: string
  addInfo: [string, string, string, string]
  registeredAt: number
  lastUsedAt: number
  validCheckResult: string
  validCheckDate?: number
}

export type ThreeDsOutcome =
  | { kind: "frictionless"; result: "0"; attemptKbn: "" | "0" | "1" }
  | { kind: "frictionless"; result: "1"; responseCode: string }
  | { kind: "challenge" }

export interface ThreeDsAuth {
  authId: string
  siteId: string
  tradingId: string
  amount: string
  cardholderName: string
  termUrl: string
  card: CardData
  brand: string
  fingerprint: string
  maskedNumber: string
  createdAt: number
  planned: ThreeDsOutcome
  /** pending until the browser finishes (or the 30-minute timeout fires). */
  state: "pending" | "challenge" | "completed" | "timed_out"
  result?: "0" | "1"
  attemptKbn?: string
  responseCode?: string
  /** payment_id of the 020 that consumed it (single use → 31010). */
  usedByPaymentId?: string
  timeoutDeliveries: { at: number; ok: boolean; status?: number; error?: string }[]
}

export interface BankNetApplication {
  tradingId: string
  siteId: string
  amount: number
  claimKana: string
  claimKanji: string
  familyName: string
  givenName: string
  familyNameKana: string
  givenNameKana: string
  receiptName: string
  receiptNameKana: string
  returnUrl: string
  stopReturnUrl: string
  merchantName: string
  freeMemo: string
  copyRight: string
  bannerUrl: string
  createdAt: number
  /** asp_limit_date: end of the bank-selection screen's validity. */
  limitAt: number
  /** asp_payment_limit_date: validity + 2 business days. */
  paymentLimitAt: number
  hv: string
  paymentIds: string[]
}

export interface NoticeRecord {
  paymentNoticeId: number
  createdAt: number
  paymentId: string
  /** The items No. 6 onward of the 091 response, frozen when the status changed. */
  items: [string, string][]
  read: boolean
  readAt?: number
  purged: boolean
  push: { state: "pending" | "delivered" | "disabled"; attempts: number; deliveredAt?: string }
}

export interface TelegramLogEntry {
  seq: number
  receivedAt: string
  simulatedAt: string
  telegramKind: string
  path: string
  params: Record<string, string>
  result: string
  responseCode: string
  responseDetail: string
  fault?: string
  durationMs: number
}

export interface PushAttempt {
  paymentNoticeId: number
  at: string
  url: string
  ok: boolean
  status?: number
  body?: string
  error?: string
}
