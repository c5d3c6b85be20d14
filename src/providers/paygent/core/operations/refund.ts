import type { RefundPaymentInput, RefundPaymentOutput } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { isCaptured, isCardClosed, STATUS, TELEGRAM_KIND } from "../../../../paygent"
import { LedgerTelegram, withLedgerContext } from "../../../../modules/paygent/ledger-registry"
import { toYen } from "../amount"
import { bilingual } from "../errors"
import type { PaygentState, SessionData } from "../session-data"
import { doubtful, FollowUp, RESEND, wentThrough } from "./follow-up"
import { owePastDeadline, type Owed } from "./manual-refund"
import { OPERATION_MESSAGES as M } from "./messages"
import { readRow } from "./payment-rows"
import { changeOutcomeUnknown, notAllowed, requireCard } from "./refusals"
import { requireNoEarlierChange, salesChange } from "./sales-change"
import { changed, closedState, noted, salesCancelled } from "./state-changes"

/**
 * 返金 (refund) of a captured card payment: 023 returns the whole sale, 補正売上 (029) lowers it to what the customer
 * keeps paying. Past the sales-cancel deadline (2007 / 41) a manual refund owed is recorded instead.
 */
export async function refundCard(f: FollowUp, { data, amount, context }: RefundPaymentInput): Promise<RefundPaymentOutput> {
  const input = (data ?? {}) as SessionData
  const first = requireCard(input)
  const yen = toYen(amount)
  if (first.zero_amount) {
    return { data: input }
  }
  const refund = await readRow(f.host, "refundService", context?.idempotency_key)
  const reference = refund?.id ?? context?.idempotency_key ?? null
  return withLedgerContext({ medusa_payment_id: refund?.payment_id, payment_session_id: input.session_id }, async () => {
    let state = first
    if (!isCaptured(state.payment_status) && !isCardClosed(state.payment_status)) {
      state = f.withInquiry(state, await f.inquire(TELEGRAM_KIND.SALES_CANCEL, state))
    }
    const owed: Owed = { amount: yen, medusaPaymentId: refund?.payment_id, reference }
    switch (state.payment_status) {
      case STATUS.CLEARED_NO_REFUND:
        return { data: await owePastDeadline(f.host, input, state, owed) }
      case STATUS.SALES_CANCELLED:
      case STATUS.AUTH_CANCELLED:
      case STATUS.AUTH_EXPIRED:
        // The money was already returned (or never taken): nothing to send, Medusa records its refund.
        f.host.logger.info(`Paygent: refund of ${state.payment_id} asked while Paygent has it in ${state.payment_status}; nothing sent`)
        return { data: { ...input, paygent: noted(state, "refund", undefined, "already_closed") } }
      case STATUS.CLEARED:
        break
      default:
        throw notAllowed(M.notCapturedYet(state.payment_status))
    }
    const rows = await f.ledgerRows(state, [TELEGRAM_KIND.SALES_CANCEL, TELEGRAM_KIND.SALES_CHANGE])
    const fromLedger = refundedPerLedger(input, state, yen, rows)
    if (fromLedger) {
      return { data: fromLedger }
    }
    if (doubtful(rows)) {
      // An earlier refund of this payment never got its answer: ask before sending anything.
      const truth = f.withInquiry(state, await f.inquireInDoubt(TELEGRAM_KIND.SALES_CANCEL, state))
      switch (truth.payment_status) {
        case STATUS.CLEARED:
          if (doubtful(rows, TELEGRAM_KIND.SALES_CHANGE)) {
            await requireNoEarlierChange(f, truth)
          }
          state = truth
          break
        case STATUS.CLEARED_NO_REFUND:
          return { data: await owePastDeadline(f.host, input, truth, owed) }
        case STATUS.SALES_CANCELLED:
          if (!doubtful(rows, TELEGRAM_KIND.SALES_CHANGE)) {
            return { data: { ...input, paygent: closedState(truth, STATUS.SALES_CANCELLED, state.amount, TELEGRAM_KIND.SALES_CANCEL) } }
          }
        // falls through: a 029 moved the sale to a payment_id nobody knows
        default:
          throw changeOutcomeUnknown(state)
      }
    }
    if (yen > state.amount) {
      throw notAllowed(M.refundTooLarge(yen, state.amount))
    }
    if (yen === state.amount) {
      return { data: await salesCancel(f, input, state, owed) }
    }
    return { data: await refundChange(f, input, state, yen, owed) }
  })
}

/** A 023 / 029 of this payment_id that the payment's data does not show (its answer was recorded, Medusa's was not). */
function refundedPerLedger(data: SessionData, state: PaygentState, yen: number, all: LedgerTelegram[]): SessionData | undefined {
  const rows = all.filter(wentThrough)
  if (rows.some((row) => row.telegram_kind === TELEGRAM_KIND.SALES_CANCEL)) {
    return { ...data, paygent: salesCancelled(state) }
  }
  const change = rows.find((row) => row.telegram_kind === TELEGRAM_KIND.SALES_CHANGE && row.response?.payment_id)
  if (!change) {
    return undefined
  }
  const newAmount = Number(change.response!.reduced_amount ?? change.request?.payment_amount)
  if (newAmount === state.amount - yen) {
    return changed(data, state, change.response!.payment_id!, newAmount, "refund")
  }
  throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, bilingual(M.alreadyChanged(change.response!.payment_id)))
}

/** 023: returns the whole sale. Past the deadline (2007 / 41) a manual refund owed is recorded instead. */
export function salesCancel(f: FollowUp, data: SessionData, state: PaygentState, owed: Owed): Promise<SessionData> {
  return f.send(
    TELEGRAM_KIND.SALES_CANCEL,
    state,
    () => f.host.client.cardCancelSales({ payment_id: state.payment_id!, ...f.host.siteParams() }),
    () => ({ ...data, paygent: salesCancelled(state) }),
    {
      askOnConflict: true,
      whenError: (error) => (error.class === "expired" ? owePastDeadline(f.host, data, state, owed) : undefined),
      whenTruth: (truth, _error, canResend) => {
        if (truth.payment_status === STATUS.SALES_CANCELLED) {
          return { ...data, paygent: closedState(f.withInquiry(state, truth), STATUS.SALES_CANCELLED, state.amount, TELEGRAM_KIND.SALES_CANCEL) }
        }
        if (truth.payment_status === STATUS.CLEARED_NO_REFUND) {
          return owePastDeadline(f.host, data, f.withInquiry(state, truth), owed)
        }
        return truth.payment_status === STATUS.CLEARED && canResend ? RESEND : undefined
      },
    }
  )
}

/** A partial refund: 補正売上 (029) lowers the sale to what the customer keeps paying, as a new payment_id. */
function refundChange(f: FollowUp, data: SessionData, state: PaygentState, yen: number, owed: Owed): Promise<SessionData> {
  return salesChange(
    f,
    data,
    state,
    state.amount - yen,
    "refund",
    (error) => (error.class === "expired" ? owePastDeadline(f.host, data, state, owed) : undefined),
    (truth) =>
      truth.payment_status === STATUS.CLEARED_NO_REFUND ? owePastDeadline(f.host, data, f.withInquiry(state, truth), owed) : undefined
  )
}
