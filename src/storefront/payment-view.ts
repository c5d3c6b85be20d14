/**
 * What a shopper should know about a placed order's Paygent payment, from the provider's state: where it stands in
 * shopper words (waiting for payment, paid, expired; for cards approved / charged — never オーソリ), how to pay
 * while it waits (the instructions), and the card's summary. The store route `GET /store/paygent/orders/:id`
 * answers with it; the React kit renders it.
 */
import type { Bilingual, PaygentMethod } from "./labels"
import { paygentMethodOf } from "./labels"
import { readPaygentState, type PaygentSessionLike, type PaymentInstructions } from "./session-state"
// The status names only: a table with no imports beyond its messages, light enough for a browser bundle.
import { STATUS } from "../paygent/status-codes"

export type PaygentPaymentStatus =
  /** Konbini / Pay-easy / net bank: the order is placed, the money has not arrived. */
  | "awaiting_payment"
  /** Konbini / Pay-easy / net bank: the money arrived. */
  | "paid"
  /** Konbini / Pay-easy: the deadline passed unpaid; net bank: the bank screen was left unpaid. */
  | "expired"
  /** Card: approved (authorized), charged when the shop ships. */
  | "authorized"
  /** Card: charged (captured). */
  | "captured"
  | "refunded"
  | "canceled"
  /** Not placed yet (3-D Secure, a failed attempt). */
  | "pending"

export interface PaygentPaymentView {
  method: PaygentMethod
  provider_id: string
  status: PaygentPaymentStatus
  /** Yen. */
  amount?: number
  /** Only while the shopper still has to pay. */
  instructions?: PaymentInstructions
  card?: { masked_card_number?: string; card_brand?: string; payment_class?: string; split_count?: string }
  paid_at?: string
}

/** A Medusa payment or payment session carrying the provider's state in `data.paygent`. */
export interface PaygentRecordLike extends PaygentSessionLike {
  amount?: number | string | null
  captured_at?: string | Date | null
  canceled_at?: string | Date | null
}

/** Paid as the shopper sees it: cleared, past the refund deadline, the konbini preliminary notice, clearing complete. */
const PAID: ReadonlySet<string> = new Set([STATUS.CLEARED, STATUS.CLEARED_NO_REFUND, STATUS.PRELIMINARY, STATUS.CLEARING_COMPLETE])

function asyncStatus(method: PaygentMethod, paymentStatus: string | undefined, record: PaygentRecordLike): PaygentPaymentStatus {
  if (record.canceled_at || paymentStatus === STATUS.PRELIMINARY_CANCELLED) return "canceled"
  if (PAID.has(paymentStatus ?? "") || record.captured_at) return "paid"
  if (paymentStatus === STATUS.EXPIRED || paymentStatus === STATUS.EXPIRED_UNCLEARED || (method === "banknet" && paymentStatus === STATUS.ABORTED)) return "expired"
  return "awaiting_payment"
}

function cardStatus(paymentStatus: string | undefined, record: PaygentRecordLike, state: NonNullable<ReturnType<typeof readPaygentState>>): PaygentPaymentStatus {
  const refunded = state.refunded_amount ?? 0
  if (paymentStatus === STATUS.SALES_CANCELLED || (refunded > 0 && refunded >= (state.captured_amount ?? state.amount))) return "refunded"
  if (record.canceled_at || state.canceled_at || paymentStatus === STATUS.AUTH_CANCELLED || paymentStatus === STATUS.AUTH_EXPIRED) return "canceled"
  if (record.captured_at || state.captured_at || PAID.has(paymentStatus ?? "")) return "captured"
  if (state.authorized_at || paymentStatus === STATUS.AUTHORIZED || paymentStatus === STATUS.AUTH_COMPLETE || record.status === "authorized") return "authorized"
  return "pending"
}

/** The shopper's view of a Paygent payment or session; undefined when the record is not a Paygent one. */
export function describePaygentPayment(record: PaygentRecordLike | null | undefined): PaygentPaymentView | undefined {
  const method = paygentMethodOf(record?.provider_id)
  const state = readPaygentState(record)
  if (!record || !method) return undefined
  const paymentStatus = state?.payment_status
  const status = !state ? "pending" : method === "card" ? cardStatus(paymentStatus, record, state) : asyncStatus(method, paymentStatus, record)
  const view: PaygentPaymentView = { method, provider_id: record.provider_id!, status }
  const amount = state?.amount ?? (record.amount == null ? undefined : Number(record.amount))
  if (amount !== undefined && Number.isFinite(amount)) view.amount = amount
  if (status === "awaiting_payment" && state?.instructions) view.instructions = state.instructions
  if (method === "card" && state?.card) {
    const { masked_card_number, card_brand, payment_class, split_count } = state.card
    view.card = { masked_card_number, card_brand, payment_class, split_count }
  }
  if (state?.paid_at) view.paid_at = state.paid_at
  return view
}

const STATUS_TEXT: Record<PaygentPaymentStatus, Bilingual> = {
  awaiting_payment: { ja: "お支払いをお待ちしています。", en: "We are waiting for your payment." },
  paid: { ja: "お支払いを確認しました。ありがとうございました。", en: "We have received your payment. Thank you." },
  expired: {
    ja: "お支払い期限が過ぎたため、このお支払いはご利用いただけません。",
    en: "The payment deadline has passed; this payment can no longer be made.",
  },
  authorized: {
    ja: "カードでのお支払いを承りました。ご請求は商品の発送時に確定します。",
    en: "Your card payment is approved. Your card is charged when the order ships.",
  },
  captured: { ja: "カードでのお支払いが完了しました。", en: "Your card has been charged." },
  refunded: { ja: "お支払いは返金されました。", en: "Your payment has been refunded." },
  canceled: { ja: "お支払いは取り消されました。", en: "The payment has been cancelled." },
  pending: { ja: "お支払いの手続き中です。", en: "Your payment is being processed." },
}

const BANKNET_TEXT: Partial<Record<PaygentPaymentStatus, Bilingual>> = {
  awaiting_payment: {
    ja: "銀行でのお手続きが完了していないか、入金の確認をお待ちしています。",
    en: "Your bank payment has not been completed yet, or we are waiting for the bank to confirm it.",
  },
  expired: {
    ja: "銀行でのお手続きの期限が過ぎました。",
    en: "The time to pay through your bank has passed.",
  },
}

/** The status in shopper words. */
export function paymentStatusText(view: Pick<PaygentPaymentView, "method" | "status">): Bilingual {
  return (view.method === "banknet" ? BANKNET_TEXT[view.status] : undefined) ?? STATUS_TEXT[view.status]
}
