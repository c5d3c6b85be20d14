/**
 * JSON views of the simulator's records for the control API (snake_case, like Paygent's parameter names).
 */
import { formatJstDateTime } from "./jst"
import type { NoticeRecord, Payment, StoredCard, TelegramLogEntry, ThreeDsAuth } from "./model"

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString())
const jst = (ms: number | undefined) => (ms === undefined ? "" : formatJstDateTime(ms))

export interface PaymentView {
  payment_id: string
  trading_id: string
  payment_type: string
  payment_status: string
  payment_amount: number
  site_id: string
  payment_init_date: string
  payment_date: string
  cancel_date: string
  user_payment_date: string
  early_notice_date: string
  bank_code: string
  created_at: string | null
  history: { status: string; at: string | null; at_jst: string; by: string }[]
  card?: Record<string, unknown>
  konbini?: Record<string, unknown>
  atm?: Record<string, unknown>
  bank_net?: Record<string, unknown>
}

export function paymentView(payment: Payment): PaymentView {
  const view: PaymentView = {
    payment_id: payment.paymentId,
    trading_id: payment.tradingId,
    payment_type: payment.paymentType,
    payment_status: payment.status,
    payment_amount: payment.amount,
    site_id: payment.siteId,
    payment_init_date: jst(payment.createdAt),
    payment_date: jst(payment.paymentDate),
    cancel_date: jst(payment.cancelDate),
    user_payment_date: jst(payment.userPaymentDate),
    early_notice_date: jst(payment.earlyNoticeDate),
    bank_code: payment.bankCode,
    created_at: iso(payment.createdAt),
    history: payment.history.map((h) => ({ status: h.status, at: iso(h.at), at_jst: jst(h.at), by: h.by })),
  }
  const { card, konbini, atm, bankNet } = payment
  if (card) {
    view.card = {
      card_brand: card.brand,
      masked_card_number: card.maskedNumber,
      fingerprint: card.fingerprint,
      card_valid_term: card.card.validTerm,
      payment_class: card.paymentClass,
      split_count: card.splitCount,
      sales_mode: card.salesMode,
      "3dsecure_ryaku": card.threeDsRyaku,
      "3ds_auth_id": card.threeDsAuthId,
      "3dsecure_message_version": card.threeDsMessageVersion,
      attempt_kbn: card.attemptKbn,
      authorized_date: jst(card.authorizedAt),
      authorized_number: card.authorizedNumber,
      joho_code: card.johoCode,
      input_errors: card.inputErrors,
      last_response_code: card.lastResponseCode,
      last_response_detail: card.lastResponseDetail,
      customer_id: card.customerId,
      customer_card_id: card.customerCardId,
      base_payment_id: card.basePaymentId,
    }
  }
  if (konbini) {
    view.konbini = {
      cvs_type: konbini.cvsType,
      usable_cvs_company_id: konbini.usableCompanyIds.join("-"),
      receipt_number: konbini.receiptNumber,
      receipt_print_url: konbini.receiptPrintUrl,
      payment_limit_date: konbini.limitDate,
      sales_type: konbini.salesType,
      cvs_company_id: konbini.paidCompanyId,
      customer_family_name: konbini.familyName,
      customer_name: konbini.givenName,
      customer_family_name_kana: konbini.familyNameKana,
      customer_name_kana: konbini.givenNameKana,
      customer_tel: konbini.tel,
    }
  }
  if (atm) {
    view.atm = {
      pay_center_number: atm.payCenterNumber,
      customer_number: atm.customerNumber,
      conf_number: atm.confNumber,
      payment_limit_date: atm.limitDate,
      payment_detail: atm.paymentDetail,
      payment_detail_kana: atm.paymentDetailKana,
      customer_family_name: atm.familyName,
      customer_name: atm.givenName,
      customer_family_name_kana: atm.familyNameKana,
      customer_name_kana: atm.givenNameKana,
    }
  }
  if (bankNet) {
    view.bank_net = {
      claim_kana: bankNet.claimKana,
      claim_kanji: bankNet.claimKanji,
      customer_family_name: bankNet.familyName,
      customer_name: bankNet.givenName,
    }
  }
  return view
}

export interface NoticeView {
  payment_notice_id: number
  payment_id: string
  created_at: string | null
  read: boolean
  read_at: string | null
  purged: boolean
  push: NoticeRecord["push"]
  items: Record<string, string>
}

export function noticeView(record: NoticeRecord): NoticeView {
  return {
    payment_notice_id: record.paymentNoticeId,
    payment_id: record.paymentId,
    created_at: iso(record.createdAt),
    read: record.read,
    read_at: iso(record.readAt),
    purged: record.purged,
    push: { ...record.push },
    items: Object.fromEntries(record.items),
  }
}

export function telegramView(entry: TelegramLogEntry) {
  return {
    seq: entry.seq,
    received_at: entry.receivedAt,
    simulated_at: entry.simulatedAt,
    telegram_kind: entry.telegramKind,
    path: entry.path,
    params: entry.params,
    result: entry.result,
    response_code: entry.responseCode,
    response_detail: entry.responseDetail,
    fault: entry.fault ?? null,
    duration_ms: entry.durationMs,
  }
}

export function threeDsView(auth: ThreeDsAuth) {
  return {
    "3ds_auth_id": auth.authId,
    state: auth.state,
    result: auth.result ?? null,
    attempt_kbn: auth.attemptKbn ?? null,
    response_code: auth.responseCode ?? null,
    card_brand: auth.brand,
    masked_card_number: auth.maskedNumber,
    payment_amount: auth.amount,
    cardholder_name: auth.cardholderName,
    term_url: auth.termUrl,
    planned: auth.planned.kind,
    used_by_payment_id: auth.usedByPaymentId ?? null,
    created_at: iso(auth.createdAt),
    timeout_deliveries: auth.timeoutDeliveries.map((d) => ({ ...d, at: iso(d.at) })),
  }
}

export function storedCardView(card: StoredCard) {
  return {
    site_id: card.siteId,
    customer_id: card.customerId,
    customer_card_id: card.customerCardId,
    card_brand: card.brand,
    masked_card_number: "*".repeat(Math.max(0, card.card.number.length - 4)) + card.card.number.slice(-4),
    card_valid_term: card.card.validTerm,
    cardholder_name: card.card.holderName,
    fingerprint: card.fingerprint,
    last_used_at: iso(card.lastUsedAt),
  }
}
