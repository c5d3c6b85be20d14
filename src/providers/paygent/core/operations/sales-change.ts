import { STATUS, TELEGRAM_KIND } from "../../../../paygent"
import type { PaygentErrorLike } from "../errors"
import { stateOf, type PaygentState, type SessionData } from "../session-data"
import { FollowUp, Items, now, RESEND } from "./follow-up"
import { OPERATION_MESSAGES as M } from "./messages"
import { changeOutcomeUnknown } from "./refusals"
import { changed, changePending } from "./state-changes"

export type ChangePurpose = "capture" | "refund"

/** The 029 went through but its new payment_id is unknown: owed as `change_pending` (state-changes.ts). */
export function changeApplied(f: FollowUp, data: SessionData, state: PaygentState, amount: number, purpose: ChangePurpose): SessionData {
  f.host.logger.warn(`Paygent 029 for ${state.payment_id}: answer lost, applied by Paygent; the new payment_id is to be confirmed`)
  return changePending(data, state, amount, purpose)
}

/**
 * 補正売上 (029) of a card payment to `amount`: a new payment (new payment_id) holds the new amount, captured, and the
 * old one is cancelled — a partial capture of an authorization (20 → 32) or a partial refund of a sale (40 → 60).
 * `whenError` settles what is particular to the purpose (the refund's deadline).
 */
export function salesChange(
  f: FollowUp,
  data: SessionData,
  state: PaygentState,
  amount: number,
  purpose: ChangePurpose,
  whenError?: (error: PaygentErrorLike) => Promise<SessionData | undefined> | SessionData | undefined,
  whenTruth?: (truth: Items) => Promise<SessionData | undefined> | SessionData | undefined
): Promise<SessionData> {
  // The status of the old payment while nothing happened, and after the change cancelled it.
  const live = purpose === "capture" ? STATUS.AUTHORIZED : STATUS.CLEARED
  const cancelledByChange = purpose === "capture" ? STATUS.AUTH_CANCELLED : STATUS.SALES_CANCELLED
  return f.send(
    TELEGRAM_KIND.SALES_CHANGE,
    state,
    () =>
      f.host.client.cardChangeSales({ payment_id: state.payment_id!, payment_amount: amount, reduction_flag: "0", ...f.host.siteParams() }),
    (answer) => {
      const reply = answer as unknown as Items
      return changed(data, state, reply.payment_id!, Number(reply.reduced_amount || amount), purpose)
    },
    {
      whenError: async (error) => {
        const settled = await whenError?.(error)
        if (settled) {
          return settled
        }
        return error.class === "partial_failure" ? settlePartialChange(f, data, state, error, amount, purpose) : undefined
      },
      whenTruth: async (truth, _error, canResend) => {
        if (truth.payment_status === live && canResend) {
          return RESEND
        }
        const settled = await whenTruth?.(truth)
        if (settled) {
          return settled
        }
        if (truth.payment_status === cancelledByChange) {
          // The old payment was cancelled by the change: Paygent holds `amount` under a new payment_id.
          return changeApplied(f, data, state, amount, purpose)
        }
        throw changeOutcomeUnknown(state)
      },
    }
  )
}

/**
 * 2010–2012: the 029 created its new payment but a later part failed. The new payment is adopted (its id must
 * not be lost); what is left over (an old payment still held, a new one not captured) is finished here, and
 * whatever cannot be finished is put in front of the merchant as `attention`.
 */
export async function settlePartialChange(
  f: FollowUp,
  data: SessionData,
  state: PaygentState,
  error: PaygentErrorLike,
  amount: number,
  purpose: ChangePurpose
): Promise<SessionData> {
  const newPaymentId = error.fields?.payment_id || error.payment_id
  if (!newPaymentId) {
    throw f.failure(TELEGRAM_KIND.SALES_CHANGE, error)
  }
  const { client, siteParams, logger } = f.host
  const newAmount = Number(error.fields?.reduced_amount || amount)
  let adopted = changed(data, state, newPaymentId, newAmount, purpose)
  const problems: string[] = []
  if (error.response_code === "2011") {
    // The new payment was authorized but not captured.
    try {
      await f.call(TELEGRAM_KIND.CAPTURE, () => client.cardCapture({ payment_id: newPaymentId, ...siteParams() }))
    } catch (captureError) {
      problems.push(`${TELEGRAM_KIND.CAPTURE} ${newPaymentId}: ${(captureError as Error).message}`)
      adopted = { ...adopted, paygent: { ...stateOf(adopted)!, payment_status: STATUS.AUTHORIZED } }
    }
  }
  const old = await f.inquire(TELEGRAM_KIND.SALES_CHANGE, state).catch(() => undefined)
  const oldStatus = old?.payment_status
  const cancelKind = oldStatus === STATUS.AUTHORIZED ? TELEGRAM_KIND.AUTH_CANCEL : TELEGRAM_KIND.SALES_CANCEL
  try {
    if (oldStatus === STATUS.AUTHORIZED) {
      await f.call(cancelKind, () => client.cardCancelAuthorization({ payment_id: state.payment_id!, ...siteParams() }))
    } else if (oldStatus === STATUS.CLEARED) {
      await f.call(cancelKind, () => client.cardCancelSales({ payment_id: state.payment_id!, ...siteParams() }))
    }
  } catch (cancelError) {
    problems.push(`${cancelKind} ${state.payment_id}: ${(cancelError as Error).message}`)
  }
  if (!problems.length) {
    return adopted
  }
  logger.error(`Paygent 029 of ${state.payment_id} (${error.response_code}) left work undone: ${problems.join("; ")}`)
  return {
    ...adopted,
    paygent: { ...stateOf(adopted)!, attention: { message: M.partialChangeLeftWork(newPaymentId, state.payment_id, problems), at: now() } },
  }
}
