import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { MathBN, Modules } from "@medusajs/framework/utils"
import { responseCodeInfo, STATUS, stripQuotes, TELEGRAM_KIND, vendorDetailInfo } from "../paygent"
import type { PaygentState } from "../providers/paygent/core/session-data"
import type { PaygentMethod } from "../paygent/methods"
import { OrderPaygentPayment, OrderWithPaygent, paygentMethodOf } from "./order-payments"
import type { Bilingual } from "./plans"

/** Why a payment attempt of an order no longer holds money or waits for it. */
export type AttemptEndCode = "expired" | "abandoned" | "declined" | "cancelled" | "refunded" | "replaced"

export interface AttemptEnd {
  code: AttemptEndCode
  label: Bilingual
  /** Paygent's or Medusa's words on it (a declined card's reason), when known. */
  detail: Bilingual | null
}

/** A payment attempt the order's live payments do not show: a session cancelled, declined, replaced by another. */
export type EndedAttempt = OrderPaygentPayment & { deleted: boolean }

const LABELS: Record<AttemptEndCode, Bilingual> = {
  expired: { ja: "支払期限切れ", en: "Expired" },
  abandoned: { ja: "中断", en: "Abandoned" },
  declined: { ja: "承認されませんでした", en: "Declined" },
  cancelled: { ja: "取消済み", en: "Cancelled" },
  refunded: { ja: "返金済み", en: "Refunded" },
  replaced: { ja: "別のお支払いに変更", en: "Replaced by another payment" },
}

function end(code: AttemptEndCode, detail: Bilingual | null = null): AttemptEnd {
  return { code, label: LABELS[code], detail }
}

const DETAILS = {
  expiredUnpaid: {
    ja: "お支払いのないまま支払期限が過ぎました（ペイジェントのステータス12）。",
    en: "The payment deadline passed without a payment (Paygent status 12).",
  },
  orderCancelled: { ja: "注文はキャンセルされました。", en: "The order was cancelled." },
  authorizationExpired: {
    ja: "売上にしないままオーソリの有効期限が過ぎました（ステータス33）。",
    en: "The authorization expired before it was captured (status 33).",
  },
  bankAbandoned: {
    ja: "お客様が銀行の画面でお支払いを完了しませんでした（ステータス15）。",
    en: "The customer did not complete the payment on the bank's screen (status 15).",
  },
  threeDsUnfinished: {
    ja: "3Dセキュアの本人認証が完了しませんでした。",
    en: "3-D Secure authentication was not completed.",
  },
  replaced: {
    ja: "お客様が支払方法を選び直したため、この試行は使われていません。",
    en: "The customer chose again; this attempt was not used.",
  },
  voided: { ja: "オーソリ取消（021）でカードの枠を解放しました。", en: "The authorization was cancelled (021)." },
  salesCancelled: { ja: "売上取消（023）で全額をカードに返金しました。", en: "The whole sale was returned to the card (023)." },
  manualRefund: {
    ja: "ペイジェントでは返金できないため、手動返金（銀行振込など）が必要です。",
    en: "Paygent cannot refund it: a manual refund (e.g. bank transfer) is owed.",
  },
} satisfies Record<string, Bilingual>

function sum(values: Array<{ amount: number }> | undefined): number {
  return (values ?? []).reduce((total, row) => total + row.amount, 0)
}

/**
 * Whether, and why, a payment attempt of the order has ended — from Paygent's status on it and Medusa's records
 * (payment cancelled or refunded, session cancelled, declined, deleted). null: it still holds money or waits for it.
 */
export function attemptEnd(payment: OrderPaygentPayment & { deleted?: boolean }, orderStatus: string): AttemptEnd | null {
  const state: PaygentState = payment.paygent
  const status = state.payment_status ?? ""
  const orderCancelled = orderStatus === "canceled"
  if (payment.medusa_payment_id) {
    // A change whose new payment id is still to be confirmed: the old id is cancelled at Paygent, the money is held.
    if ((state as PaygentState & { change_pending?: unknown }).change_pending) return null
    if (status === STATUS.AUTH_EXPIRED) return end("expired", DETAILS.authorizationExpired)
    if (status === STATUS.SALES_CANCELLED) return end("refunded", DETAILS.salesCancelled)
    if (payment.captured > 0 && payment.refunded >= payment.captured) {
      return end("refunded", sum(state.manual_refunds) > 0 ? DETAILS.manualRefund : null)
    }
    if (status === STATUS.AUTH_CANCELLED || payment.canceled_at) return end("cancelled", status === STATUS.AUTH_CANCELLED ? DETAILS.voided : null)
    return null
  }
  switch (status) {
    case STATUS.EXPIRED:
    case STATUS.EXPIRED_UNCLEARED:
      return end("expired", orderCancelled ? joined(DETAILS.expiredUnpaid, DETAILS.orderCancelled) : DETAILS.expiredUnpaid)
    case STATUS.ABORTED:
      return end("abandoned", payment.method === "banknet" ? DETAILS.bankAbandoned : null)
    case STATUS.THREE_DS1_INTERRUPTED:
      return end("abandoned", DETAILS.threeDsUnfinished)
    case STATUS.DECLINED:
      return end("declined", state.last_error?.message ?? null)
    case STATUS.AUTH_CANCELLED:
      return end("cancelled", DETAILS.voided)
    case STATUS.AUTH_EXPIRED:
      return end("expired", DETAILS.authorizationExpired)
  }
  if (payment.session_status === "error" || (payment.deleted && state.last_error)) {
    return end("declined", state.last_error?.message ?? null)
  }
  if (payment.deleted) return end("replaced", DETAILS.replaced)
  switch (payment.session_status) {
    case "requires_more":
      return end("abandoned", DETAILS.threeDsUnfinished)
    case "canceled":
      return end("cancelled", orderCancelled ? DETAILS.orderCancelled : null)
  }
  return null
}

function joined(a: Bilingual, b: Bilingual): Bilingual {
  return { ja: `${a.ja}${b.ja}`, en: `${a.en} ${b.en}` }
}

/**
 * The order's Paygent payment sessions that its live payments leave out: cancelled with the order (an expired
 * konbini order), declined, abandoned in 3-D Secure, or replaced when the shopper chose again (Medusa deletes those;
 * they are read with the deleted ones). Each keeps its `data.paygent`, so the panel can say what it was and how it
 * ended, and the ledger rows and notices of its trading id and payment id are found.
 */
export async function loadEndedAttempts(container: MedusaContainer, order: OrderWithPaygent): Promise<EndedAttempt[]> {
  if (!order.payment_collection_ids.length) {
    return []
  }
  const shown = new Set(order.payments.map((p) => p.payment_session_id).filter(Boolean))
  const sessions = await container.resolve<IPaymentModuleService>(Modules.PAYMENT).listPaymentSessions(
    { payment_collection_id: order.payment_collection_ids },
    {
      select: ["id", "provider_id", "status", "amount", "data", "payment_collection_id", "created_at", "deleted_at"],
      relations: ["payment"],
      withDeleted: true,
      order: { created_at: "ASC" },
      take: 200,
    }
  )
  const ended: EndedAttempt[] = []
  for (const session of sessions as Array<Record<string, any>>) {
    const method = paygentMethodOf(session.provider_id)
    const state = session.data?.paygent as PaygentState | undefined
    if (!method || !state || shown.has(session.id) || session.payment?.id || (!state.payment_id && !state.trading_id)) {
      continue
    }
    ended.push({
      medusa_payment_id: null,
      payment_session_id: session.id,
      payment_collection_id: session.payment_collection_id,
      provider_id: session.provider_id,
      method,
      paygent: state,
      amount: MathBN.convert(session.amount).toNumber(),
      captured: 0,
      refunded: 0,
      captured_at: null,
      canceled_at: null,
      session_status: session.status,
      deleted: !!session.deleted_at,
    })
  }
  return ended
}

/** The telegram that starts an attempt, per method (3-D Secure's 450 comes before a card's 020). */
const CHECKOUT_KIND: Record<string, PaygentMethod> = { "450": "card", "020": "card", "030": "konbini", "010": "payeasy", "060": "banknet" }

/** What a ledger row says of Paygent's answer, in the merchant's words when the code is known. */
function answerOf(row: LedgerRow): Bilingual | null {
  if (row.outcome === "success" || row.outcome === "pending") {
    return null
  }
  const detail = stripQuotes(row.response_detail ?? "")
  const known = vendorDetailInfo(detail)?.meaning ?? (row.response_code ? responseCodeInfo(row.response_code)?.merchant : undefined)
  const code = [row.response_code, detail].filter(Boolean).join(" ")
  return known
    ? { ja: `${known.ja}${code ? `（${code}）` : ""}`, en: `${known.en}${code ? ` (${code})` : ""}` }
    : { ja: `ペイジェントの応答: ${code || row.outcome}`, en: `Paygent answered: ${code || row.outcome}` }
}

/** The ledger columns the attempts are rebuilt from. */
export interface LedgerRow {
  telegram_kind: string
  outcome: string
  payment_session_id: string | null
  payment_collection_id?: string | null
  trading_id: string | null
  paygent_payment_id: string | null
  amount: number | null
  response_code: string | null
  response_detail: string | null
  started_at: Date | string
}

/**
 * Attempts known only from the ledger: sessions of the order's checkout that Medusa deleted when the shopper chose
 * again (another card after a decline, another method), found by their payment collection. Each is rebuilt from its
 * newest checkout telegram: what was tried, for how much, and what Paygent answered.
 */
export function ledgerOnlyAttempts(
  rows: LedgerRow[],
  knownSessionIds: Set<string>,
  collectionIds: Set<string>,
  registration = "paygent"
): EndedAttempt[] {
  const bySession = new Map<string, LedgerRow>()
  for (const row of rows) {
    const sessionId = row.payment_session_id
    if (!sessionId || knownSessionIds.has(sessionId) || !row.payment_collection_id || !collectionIds.has(row.payment_collection_id)) {
      continue
    }
    const method = CHECKOUT_KIND[row.telegram_kind]
    const seen = bySession.get(sessionId)
    // Newest first in, so the first checkout row of a session is its last word; an authorization beats its 450.
    if (method && (!seen || (seen.telegram_kind === TELEGRAM_KIND.THREE_DS_AUTHENTICATE && row.telegram_kind !== TELEGRAM_KIND.THREE_DS_AUTHENTICATE))) {
      bySession.set(sessionId, row)
    }
  }
  return [...bySession.entries()].map(([sessionId, row]) => {
    const method = CHECKOUT_KIND[row.telegram_kind]
    const answer = answerOf(row)
    const state = {
      method,
      amount: row.amount ?? 0,
      attempt: Number(/_(\d+)$/.exec(row.trading_id ?? "")?.[1] ?? 1),
      trading_id: row.trading_id ?? undefined,
      payment_id: row.paygent_payment_id ?? undefined,
      payment_status: answer ? (method === "card" ? STATUS.DECLINED : undefined) : method === "card" ? STATUS.AUTHORIZED : STATUS.APPLIED,
      ...(answer ? { last_error: { message: answer, at: new Date(row.started_at).toISOString() } } : {}),
    } as PaygentState
    return {
      medusa_payment_id: null,
      payment_session_id: sessionId,
      payment_collection_id: row.payment_collection_id!,
      provider_id: `pp_paygent-${method}_${registration}`,
      method,
      paygent: state,
      amount: row.amount ?? 0,
      captured: 0,
      refunded: 0,
      captured_at: null,
      canceled_at: null,
      session_status: answer ? "error" : null,
      deleted: true,
    }
  })
}
