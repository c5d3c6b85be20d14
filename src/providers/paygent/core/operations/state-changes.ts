import { STATUS, TELEGRAM_KIND } from "../../../../paygent"
import type { PaygentState, SessionData } from "../session-data"
import { now } from "./follow-up"
import { OPERATION_MESSAGES as M } from "./messages"

/** How a payment's Paygent state reads after an operation went through (pure: the caller stores it). */

export function captured(data: SessionData, state: PaygentState, amount: number, kind: string): SessionData {
  const at = now()
  return {
    ...data,
    paygent: {
      ...state,
      payment_status: STATUS.CLEARED,
      amount,
      captured_amount: amount,
      captured_at: state.captured_at ?? at,
      last_operation: { operation: "capture", telegram_kind: kind, outcome: "success", at },
      last_error: null,
    },
  }
}

/** A 029 went through: the payment now lives under a new payment_id with the new amount. */
export function changed(
  data: SessionData,
  state: PaygentState,
  newPaymentId: string,
  newAmount: number,
  purpose: "capture" | "refund"
): SessionData {
  const at = now()
  const previous = [...(state.previous_payment_ids ?? []), state.payment_id!].filter(
    (id, index, all) => id && id !== newPaymentId && all.indexOf(id) === index
  )
  return {
    ...data,
    paygent: {
      ...state,
      payment_id: newPaymentId,
      previous_payment_ids: previous,
      payment_status: STATUS.CLEARED,
      amount: newAmount,
      ...(purpose === "capture"
        ? { captured_amount: newAmount, captured_at: state.captured_at ?? at }
        : { refunded_amount: (state.refunded_amount ?? 0) + (state.amount - newAmount) }),
      last_operation: { operation: purpose, telegram_kind: TELEGRAM_KIND.SALES_CHANGE, outcome: "success", at },
      last_error: null,
    },
  }
}

/** The authorization cancelled (021: 32, or 33 when it had expired) or the sale cancelled (023: 60). */
export function closedState(state: PaygentState, status: string, refunded: number, kind: string): PaygentState {
  const at = now()
  return {
    ...state,
    payment_status: status,
    canceled_at: state.canceled_at ?? at,
    ...(refunded > 0 ? { refunded_amount: (state.refunded_amount ?? 0) + refunded, amount: 0 } : {}),
    last_operation: {
      operation: kind === TELEGRAM_KIND.AUTH_CANCEL ? "cancel_authorization" : "cancel_sales",
      telegram_kind: kind,
      outcome: "success",
      at,
    },
    last_error: null,
  }
}

/** The whole sale returned by 023. */
export function salesCancelled(state: PaygentState): PaygentState {
  return closedState(state, STATUS.SALES_CANCELLED, state.amount, TELEGRAM_KIND.SALES_CANCEL)
}

export function noted(state: PaygentState, operation: string, kind: string | undefined, outcome: string): PaygentState {
  return { ...state, last_operation: { operation, telegram_kind: kind, outcome, at: now() } }
}

/**
 * A 029 whose answer was lost although Paygent applied it (094: the old payment is now 32 / 60). The money moved,
 * so Medusa records the capture or refund; only the new payment_id is unknown (094 by trading_id cannot single it
 * out). It is owed as `change_pending`, exactly like a lost answer of the amount-change action, and confirmed the
 * same way: POST /admin/paygent/orders/:id/change-amount { paygent_payment_id } (docs/operations/amount-changes.md).
 */
export function changePending(data: SessionData, state: PaygentState, newAmount: number, purpose: "capture" | "refund"): SessionData {
  const at = now()
  const paygent = {
    ...state,
    amount: newAmount,
    ...(purpose === "capture"
      ? { captured_amount: newAmount, captured_at: state.captured_at ?? at }
      : { refunded_amount: (state.refunded_amount ?? 0) + (state.amount - newAmount) }),
    change_pending: { telegram: TELEGRAM_KIND.SALES_CHANGE, base_payment_id: state.payment_id, amount: newAmount, requested_at: at },
    attention: { message: M.changeAppliedIdUnknown(state.payment_id, state.trading_id, purpose), at },
    last_operation: { operation: purpose, telegram_kind: TELEGRAM_KIND.SALES_CHANGE, outcome: "unknown_outcome", at },
    last_error: null,
  }
  return { ...data, paygent: paygent as PaygentState }
}
