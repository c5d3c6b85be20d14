import { compareTransition, isKnownStatus, STATUS, PAYMENT_TYPE } from "../paygent/statuses"
import { PAYMENT_TYPE_OF, paygentMethodOf } from "../operations/order-payments"
import type { PaygentState } from "../providers/paygent/core/session-data"
import { TELEGRAM_KIND } from "../paygent/telegram-kinds"
import type { AlertInput as PlannedAlert } from "../modules/paygent/types"

/**
 * What applying one Paygent notice should do, decided from the notice and a snapshot of Medusa's records. Pure, so
 * every rule of docs/protocol.md §6 / the issue can be tested without a database; the apply workflow only carries it out.
 */

export interface PlanNotice {
  payment_id?: string | null
  trading_id?: string | null
  payment_type: string
  payment_status: string
  payment_amount?: string | null
}

export interface PlanFacts {
  notice: PlanNotice
  /** Medusa's payment session the trading_id leads to (undefined: not one of ours, or gone). */
  session?: {
    id: string
    status: string
    provider_id: string
    state?: PaygentState
  }
  /** The Medusa payment made from the session, if it was authorized. */
  payment?: { id: string; state?: PaygentState }
  /** The order of the session's payment collection. */
  order?: { id: string; canceled: boolean }
  /**
   * The Medusa payment is captured but the order's transactions miss its capture: the process stopped between
   * Medusa's authorization (which records the capture) and the order transaction of the same workflow.
   */
  capture_unrecorded?: boolean
  collection_canceled?: boolean
  treatPreliminaryAsPaid: boolean
  cancelAbandonedBankNet: boolean
  /** How often applying this notice was tried before (deferrals). */
  attempts: number
  /**
   * The notice's trading_id is a konbini / ATM application that was in doubt and that the sync job closed because no
   * order took its numbers (src/sync/in-doubt.ts): money paid on it belongs to no order.
   */
  unused_attempt?: boolean
}

// An alert a plan raises is what the module's raiseAlerts takes (src/modules/paygent/types.ts).
export type { AlertInput as PlannedAlert, AlertSeverity } from "../modules/paygent/types"

export type PlanAction =
  /** Nothing to change in Medusa (the result says why). */
  | "none"
  /** Leave the notice unapplied; the sync job tries again. */
  | "defer"
  /** Authorize + capture the pending session (入金済み). */
  | "pay"
  /** Cancel the unpaid order (expired / abandoned) and record the status on the session. */
  | "cancel_order"
  /** Add the missing order transaction of a captured payment (Medusa's capture workflow) after a crash. */
  | "record_capture"
  /** Write the new status on the session's data only. */
  | "record_session"
  /** Write the new status on the Medusa payment's data only. */
  | "record_payment"
  /** The new payment of an amount change whose answer was lost (change_pending): confirm its id (094) and adopt it. */
  | "resolve_pending_change"

export interface NoticePlan {
  action: PlanAction
  result: string
  alerts: PlannedAlert[]
  /** Money to return by hand (yen). */
  manual_refund?: { amount: number; reason: "paid_after_cancel" | "paid_unused_attempt"; reference: string }
}

/** The Paygent payment_type a provider id stands for (pp_paygent-konbini_paygent → 03), undefined if not Paygent's. */
export function paymentTypeOfProvider(providerId: string): string | undefined {
  const method = paygentMethodOf(providerId)
  return method ? PAYMENT_TYPE_OF[method] : undefined
}

/** Paid (40), or the konbini preliminary payment (43). */
const PAID_NOW: ReadonlySet<string> = new Set([STATUS.CLEARED, STATUS.PRELIMINARY])
/** How the payment an amount change replaced ends at Paygent: its authorization or sale cancelled (028 / 029). */
const REPLACED_PAYMENT_ENDS: ReadonlySet<string> = new Set([STATUS.AUTH_CANCELLED, STATUS.SALES_CANCELLED])

/** How often a paid notice whose session has no order yet is deferred before it is raised as a problem. */
export const MAX_DEFERRALS = 5

function none(result: string, alerts: PlannedAlert[] = []): NoticePlan {
  return { action: "none", result, alerts }
}

function yen(notice: PlanNotice): number {
  const value = Number(notice.payment_amount ?? "")
  return Number.isFinite(value) ? value : 0
}

function ref(notice: PlanNotice): string {
  return notice.payment_id || notice.trading_id || "?"
}

export function planNotice(facts: PlanFacts): NoticePlan {
  const { notice, session } = facts
  const type = notice.payment_type
  const status = notice.payment_status
  if (facts.unused_attempt && (status === STATUS.CLEARED || (status === STATUS.PRELIMINARY && facts.treatPreliminaryAsPaid))) {
    return unusedAttemptPaid(notice)
  }
  if (!session || !session.state) {
    return none("ignored_unknown_payment")
  }
  if (paymentTypeOfProvider(session.provider_id) !== type) {
    return none("ignored_type_mismatch")
  }
  const sessionState = session.state
  const payment = facts.payment
  const state = payment?.state ?? sessionState
  const money = status === STATUS.CLEARED || status === STATUS.PRELIMINARY || status === STATUS.AUTHORIZED

  // A notice about an earlier attempt of this session (the shopper tried again): the live attempt decides.
  if (notice.trading_id && sessionState.trading_id && notice.trading_id !== sessionState.trading_id) {
    return none(
      "ignored_superseded_attempt",
      money
        ? [
            {
              kind: "superseded_attempt_paid",
              severity: "warning",
              dedupe_key: `superseded_attempt_paid:${ref(notice)}:${status}`,
              message: {
                ja: `以前の決済試行（取引ID ${notice.trading_id}）に状態 ${status} の通知がありました。Paygent の管理画面で確認し、不要であれば取消・返金してください。`,
                en: `An earlier payment attempt (trading_id ${notice.trading_id}) reported status ${status}. Check it in Paygent's console and cancel or refund it if it is not wanted.`,
              },
            },
          ]
        : []
    )
  }

  const paid = status === STATUS.CLEARED || (status === STATUS.PRELIMINARY && facts.treatPreliminaryAsPaid)
  const orderCanceled = !!facts.order?.canceled || !!facts.collection_canceled || session.status === "canceled"
  const owedRefund = (why: string): NoticePlan => ({
    action: payment ? "record_payment" : "record_session",
    result: why,
    alerts: [
      {
        kind: why,
        severity: "critical",
        dedupe_key: `${why}:${ref(notice)}`,
        message:
          why === "double_payment"
            ? {
                ja: `同じ注文に二重の入金がありました（決済ID ${notice.payment_id}、¥${yen(notice).toLocaleString("ja-JP")}）。お客様へ返金してください。`,
                en: `A second payment arrived for the same order (payment_id ${notice.payment_id}, ¥${yen(notice).toLocaleString("en-US")}). Refund the customer.`,
              }
            : {
                ja: `キャンセル済みの注文に入金がありました（決済ID ${notice.payment_id}、¥${yen(notice).toLocaleString("ja-JP")}）。注文は再開されません。お客様へ返金してください。`,
                en: `A payment arrived for a cancelled order (payment_id ${notice.payment_id}, ¥${yen(notice).toLocaleString("en-US")}). The order stays cancelled; refund the customer.`,
              },
      },
    ],
    manual_refund: { amount: yen(notice), reason: "paid_after_cancel", reference: `${why}:${ref(notice)}` },
  })

  const pendingChange = type === PAYMENT_TYPE.CARD && payment ? pendingChangeOf(state) : undefined
  if (pendingChange) {
    const decided = planPendingChange(notice, state, pendingChange)
    if (decided) {
      return decided
    }
  }

  // A payment_id that is not (or no longer) this payment's: an old payment replaced by an amount change, or
  // another bank click of a net-bank screen. A second paid one is a double payment.
  const ownPaymentId = state.payment_id
  if (ownPaymentId && notice.payment_id && notice.payment_id !== ownPaymentId) {
    const alreadyPaid = PAID_NOW.has(state.payment_status ?? "")
    if (type !== PAYMENT_TYPE.CARD && status === STATUS.CLEARED && alreadyPaid) {
      return { ...owedRefund("double_payment"), action: "none" }
    }
    // The original payment of an amount change (028 / 029), cancelled by the change itself.
    if (type === PAYMENT_TYPE.CARD && (state.previous_payment_ids ?? []).includes(notice.payment_id) && REPLACED_PAYMENT_ENDS.has(status)) {
      return none("ignored_changed_payment")
    }
    return none("ignored_other_payment")
  }

  const current = state.payment_status ?? STATUS.APPLIED
  const verdict = compareTransition(type, current, status)
  if (verdict === "backward") {
    return none("ignored_backwards")
  }
  // The session already says "paid" but was never authorized (no Medusa payment, still waiting): the notice was
  // recorded on the session and the process stopped before Medusa's authorization. Only the authorization proves it
  // was applied, so it is applied again.
  const interruptedPayment = type !== PAYMENT_TYPE.CARD && paid && !payment && session.status === "pending_authorization" && !orderCanceled
  // Or Medusa's authorization went through (payment and capture recorded) and the process stopped before the order
  // transaction: the order would never count the money. Medusa's capture workflow adds what is missing.
  if (verdict === "same" && type !== PAYMENT_TYPE.CARD && paid && payment && facts.capture_unrecorded && !orderCanceled) {
    return { action: "record_capture", result: "capture_recorded", alerts: [] }
  }
  if (verdict === "same" && !interruptedPayment) {
    return none("ignored_same_status")
  }

  if (type === PAYMENT_TYPE.CARD) {
    return planCard(facts, current, verdict)
  }

  if (status === STATUS.PRELIMINARY && !facts.treatPreliminaryAsPaid) {
    return none("ignored_preliminary")
  }

  if (paid) {
    // Paygent bills exactly the amount of the application (030 / 010 / 060). A "paid" that names another amount is
    // not this payment being paid: nothing is marked paid (nor owed back); the merchant is told.
    const expected = Number(state.amount)
    if (notice.payment_amount && Number.isFinite(expected) && expected > 0 && yen(notice) !== expected) {
      return none("ignored_amount_mismatch", [
        {
          kind: "amount_mismatch",
          severity: "critical",
          dedupe_key: `amount_mismatch:${ref(notice)}:${status}`,
          message: {
            ja: `入金通知の金額（¥${yen(notice).toLocaleString("ja-JP")}）がご注文の金額（¥${expected.toLocaleString("ja-JP")}）と一致しないため、入金済みにしていません（決済ID ${notice.payment_id ?? "-"}）。Paygent の管理画面で確認してください。`,
            en: `A payment notice names ¥${yen(notice).toLocaleString("en-US")} while the order expects ¥${expected.toLocaleString("en-US")}, so the order was not marked paid (payment_id ${notice.payment_id ?? "-"}). Check it in Paygent's console.`,
          },
        },
      ])
    }
    if (orderCanceled) {
      return owedRefund("paid_after_cancel")
    }
    if (payment) {
      return { action: "record_payment", result: status === STATUS.CLEARED ? "paid_confirmed" : "recorded", alerts: [] }
    }
    if (session.status !== "pending_authorization") {
      return none("ignored_session_not_pending", [
        {
          kind: "notice_not_applicable",
          severity: "warning",
          dedupe_key: `notice_not_applicable:${ref(notice)}:${status}`,
          message: {
            ja: `入金通知（決済ID ${notice.payment_id}）を適用できません。決済セッションの状態が「${session.status}」です。`,
            en: `The payment notice for payment_id ${notice.payment_id} cannot be applied: the payment session is "${session.status}".`,
          },
        },
      ])
    }
    if (!facts.order) {
      if (facts.attempts >= MAX_DEFERRALS) {
        return {
          action: "record_session",
          result: "paid_without_order",
          alerts: [
            {
              kind: "paid_without_order",
              severity: "critical",
              dedupe_key: `paid_without_order:${ref(notice)}`,
              message: {
                ja: `注文のない決済に入金がありました（取引ID ${notice.trading_id}、¥${yen(notice).toLocaleString("ja-JP")}）。カートを確認してください。`,
                en: `A payment arrived for a checkout that has no order (trading_id ${notice.trading_id}, ¥${yen(notice).toLocaleString("en-US")}). Check the cart.`,
              },
            },
          ],
        }
      }
      return { action: "defer", result: "deferred_no_order", alerts: [] }
    }
    return { action: "pay", result: status === STATUS.PRELIMINARY ? "paid_preliminary" : "paid", alerts: [] }
  }

  if (status === STATUS.EXPIRED || status === STATUS.ABORTED) {
    if (payment) {
      return none("ignored_conflict", [
        {
          kind: "status_conflict",
          severity: "warning",
          dedupe_key: `status_conflict:${ref(notice)}:${status}`,
          message: {
            ja: `入金済みの決済（決済ID ${notice.payment_id}）に状態 ${status} の通知がありました。Paygent の管理画面で確認してください。`,
            en: `A paid payment (payment_id ${notice.payment_id}) was reported with status ${status}. Check it in Paygent's console.`,
          },
        },
      ])
    }
    // The order itself decides: a cancel cut short (a crash inside cancelOrderWorkflow: stock released and the
    // payment collection cancelled, the order not) is finished by cancelling again.
    const cancel =
      facts.order && !facts.order.canceled && session.status === "pending_authorization" && (status === STATUS.EXPIRED || facts.cancelAbandonedBankNet)
    return cancel
      ? { action: "cancel_order", result: status === STATUS.EXPIRED ? "expired_order_canceled" : "abandoned_order_canceled", alerts: [] }
      : { action: "record_session", result: "recorded", alerts: [] }
  }

  if (status === STATUS.PRELIMINARY_CANCELLED) {
    return {
      action: payment ? "record_payment" : "record_session",
      result: "preliminary_cancelled",
      alerts: [
        {
          kind: "preliminary_cancelled",
          severity: payment ? "critical" : "warning",
          dedupe_key: `preliminary_cancelled:${ref(notice)}`,
          message: payment
            ? {
                ja: `コンビニの速報入金が取り消されました（決済ID ${notice.payment_id}）。注文は入金済みのままですが、代金は入金されません。発送前に確認し、必要なら注文をキャンセルしてください。`,
                en: `The konbini preliminary payment was withdrawn (payment_id ${notice.payment_id}). The order still shows as paid but the money will not arrive: check before shipping and cancel the order if needed.`,
              }
            : {
                ja: `コンビニの速報入金が取り消されました（決済ID ${notice.payment_id}）。`,
                en: `The konbini preliminary payment was withdrawn (payment_id ${notice.payment_id}).`,
              },
        },
      ],
    }
  }

  if (verdict === "forward" || (verdict === "unknown" && isKnownStatus(type, status))) {
    return { action: payment ? "record_payment" : "record_session", result: "recorded", alerts: [] }
  }
  return none("ignored_unknown_status")
}

/** Money on numbers no order took: owed back, with an alert (the same reference and key as the sync job's own). */
function unusedAttemptPaid(notice: PlanNotice): NoticePlan {
  const key = `paid_unused_attempt:${ref(notice)}`
  return {
    action: "none",
    result: "paid_unused_attempt",
    alerts: [
      {
        kind: "paid_unused_attempt",
        severity: "critical",
        dedupe_key: key,
        message: {
          ja: `注文に使われていない番号（取引ID ${notice.trading_id}、決済ID ${notice.payment_id}）に¥${yen(notice).toLocaleString("ja-JP")}の入金がありました。注文は変わりません。お客様へ返金してください（手動返金に記録しました）。`,
          en: `A payment of ¥${yen(notice).toLocaleString("en-US")} arrived on a number no order uses (trading_id ${notice.trading_id}, payment_id ${notice.payment_id}). No order changes; refund the customer (recorded as a manual refund owed).`,
        },
      },
    ],
    manual_refund: { amount: yen(notice), reason: "paid_unused_attempt", reference: key },
  }
}

/** An amount change (028 / 029) Paygent applied whose new payment id is not known yet (its answer was lost). */
interface PendingChange {
  telegram: "028" | "029"
  base_payment_id: string
  amount: number
}

function pendingChangeOf(state: PaygentState): PendingChange | undefined {
  const pending = (state as PaygentState & { change_pending?: PendingChange | null }).change_pending
  return pending && pending.base_payment_id ? pending : undefined
}

/**
 * The notices a lost 028 / 029 answer leaves behind name its payments: the new one (same trading_id, another
 * payment_id, authorized (028) or captured (029), for the changed amount) and the base one, now cancelled (32 / 60).
 * The new one resolves the pending change (its id is confirmed by 094 and adopted, as the merchant would confirm it);
 * the base one's cancellation is what the change did, not news to record on the payment.
 */
function planPendingChange(notice: PlanNotice, state: PaygentState, pending: PendingChange): NoticePlan | undefined {
  if (notice.payment_id === pending.base_payment_id) {
    return REPLACED_PAYMENT_ENDS.has(notice.payment_status) ? none("ignored_changed_payment") : undefined
  }
  const expected = pending.telegram === TELEGRAM_KIND.AUTH_CHANGE ? STATUS.AUTHORIZED : STATUS.CLEARED
  const known = [state.payment_id, ...(state.previous_payment_ids ?? [])]
  if (
    notice.payment_id &&
    !known.includes(notice.payment_id) &&
    notice.trading_id === state.trading_id &&
    notice.payment_status === expected &&
    yen(notice) === pending.amount
  ) {
    return { action: "resolve_pending_change", result: "pending_change_resolved", alerts: [] }
  }
  return undefined
}

function planCard(facts: PlanFacts, current: string, verdict: string): NoticePlan {
  const { notice, payment } = facts
  const status = notice.payment_status
  if (!payment) {
    // The checkout's own authorization (or a declined attempt): the provider records it itself.
    return none("ignored_no_medusa_payment")
  }
  if (verdict !== "forward") {
    return none("ignored_conflict", [
      {
        kind: "status_conflict",
        severity: "info",
        dedupe_key: `status_conflict:${notice.payment_id}:${status}`,
        message: {
          ja: `カード決済（決済ID ${notice.payment_id}）の状態が ${current} から ${status} に変わったと通知されました。Paygent の管理画面で確認してください。`,
          en: `Card payment ${notice.payment_id} was reported going from status ${current} to ${status}. Check it in Paygent's console.`,
        },
      },
    ])
  }
  const alerts: PlannedAlert[] = []
  if (status === STATUS.AUTH_EXPIRED) {
    alerts.push({
      kind: "authorization_expired",
      severity: "warning",
      dedupe_key: `authorization_expired:${notice.payment_id}`,
      message: {
        ja: `カードのオーソリ（決済ID ${notice.payment_id}）が期限切れになりました。売上にできません。お客様に再決済をお願いするか、注文をキャンセルしてください。`,
        en: `The card authorization (payment_id ${notice.payment_id}) expired and can no longer be captured. Ask the customer to pay again or cancel the order.`,
      },
    })
  }
  return { action: "record_payment", result: "recorded", alerts }
}
