import { MedusaError } from "@medusajs/framework/utils"
import { PAYMENT_TYPE, STATUS, TELEGRAM_KIND } from "../../../../paygent"
import { bilingual, type PaygentErrorLike } from "../errors"
import { outcomePending } from "../outcome-pending"
import { stateOf, type PaygentState, type SessionData } from "../session-data"
import { FollowUp, Items, now, RESEND } from "./follow-up"
import { OPERATION_MESSAGES as M } from "./messages"
import { aloneUnderTradingId, judgeLostChange } from "./change-recovery"
import { changeOutcomeUnknown } from "./refusals"
import { changed, changePending } from "./state-changes"

export type ChangePurpose = "capture" | "refund"

/** The 029 went through but its new payment_id is unknown: owed as `change_pending` (state-changes.ts). */
export function changeApplied(f: FollowUp, data: SessionData, state: PaygentState, amount: number, purpose: ChangePurpose): SessionData {
  f.host.logger.warn(`Paygent 029 for ${state.payment_id}: answer lost, applied by Paygent; the new payment_id is to be confirmed`)
  return changePending(data, state, amount, purpose)
}

/** 094 by trading_id for the card payment (read-only: a lost answer is asked again); Paygent's refusal is thrown as is. */
function inquireByTradingId(f: FollowUp, state: PaygentState): Promise<Items> {
  if (!state.trading_id) {
    return Promise.reject(new Error(`payment ${state.payment_id} has no trading_id`))
  }
  const query = { trading_id: state.trading_id, payment_type: PAYMENT_TYPE.CARD, ...f.host.siteParams() }
  return f.call(TELEGRAM_KIND.PAYMENT_INQUIRY, () => f.host.client.paymentInquiry(query), true) as unknown as Promise<Items>
}

/** A lost 029 that 094 could not settle: nothing is sent again. */
function undecided(f: FollowUp, state: PaygentState, reason: "status" | "unresolved" | "inquiry_failed"): Error {
  if (reason === "inquiry_failed") {
    // Stays in doubt in the ledger; the sync job settles it (as when the first 094 fails).
    f.host.logger.error(`Paygent 029 for ${state.payment_id}: answer lost, and the inquiry by trading_id failed; the sync job settles it`)
    return outcomePending(TELEGRAM_KIND.SALES_CHANGE, state.payment_id)
  }
  if (reason === "unresolved") {
    return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, bilingual(M.changeUnresolved(state.trading_id ?? "-")))
  }
  return changeOutcomeUnknown(state)
}

/**
 * Before a new 029 while an earlier 029 of this payment is in doubt and 094 shows the old payment unchanged: that
 * earlier 029 may still have created its new payment (it comes before the old one's cancel), so a new 029 goes out only
 * when the trading_id holds the old payment alone (change-recovery.ts).
 */
export async function requireNoEarlierChange(f: FollowUp, state: PaygentState): Promise<void> {
  const verdict = await aloneUnderTradingId(state.payment_id!, () => inquireByTradingId(f, state))
  if (verdict.state === "unknown") {
    throw undecided(f, state, verdict.reason)
  }
}

/**
 * 補正売上 (029) of a card payment to `amount`: a new payment (new payment_id) holds the new amount, captured, and the
 * old one is cancelled — a partial capture of an authorization (20 → 32) or a partial refund of a sale (40 → 60).
 * `whenError` settles what is particular to the purpose (the refund's deadline). This is the plugin's only 029: the
 * amount-change action's sales change reaches it through Medusa's refund (src/amount-change/change.ts). A lost answer
 * is settled by 094 as change-recovery.ts rules, and the 029 is sent again only when Paygent shows nothing was created.
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
        const settled = await whenTruth?.(truth)
        if (settled) {
          return settled
        }
        // One recovery rule for 028 / 029 (change-recovery.ts): an old payment that looks unchanged is not enough to
        // send again — the new payment is created before the old one is cancelled, so the trading_id must show the
        // old payment alone first.
        const verdict = await judgeLostChange(
          { payment_id: state.payment_id!, trading_id: state.trading_id ?? "", old_amount: state.amount, new_amount: amount, old_live: live, old_cancelled: cancelledByChange, new_live: STATUS.CLEARED },
          truth,
          () => inquireByTradingId(f, state)
        )
        switch (verdict.state) {
          case "not_applied":
            return canResend ? RESEND : undefined
          case "applied":
            if (verdict.payment_id) {
              f.host.logger.warn(`Paygent 029 for ${state.payment_id}: answer lost, applied by Paygent; new payment ${verdict.payment_id} found by trading_id`)
              return changed(data, state, verdict.payment_id, amount, purpose)
            }
            // The old payment was cancelled by the change: Paygent holds `amount` under a new payment_id.
            return changeApplied(f, data, state, amount, purpose)
          case "unknown":
            throw undecided(f, state, verdict.reason)
        }
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
