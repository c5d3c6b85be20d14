import type { CancelPaymentInput, CancelPaymentOutput, RefundPaymentInput, RefundPaymentOutput } from "@medusajs/framework/types"
import { isPaid, TELEGRAM_KIND } from "../../../../paygent"
import { withLedgerContext } from "../../../../modules/paygent/ledger-registry"
import { toYen } from "../amount"
import { stateOf, type SessionData } from "../session-data"
import { cancelledPaymentId } from "./cancel"
import { FollowUp, now } from "./follow-up"
import { owe } from "./manual-refund"
import { OPERATION_MESSAGES as M } from "./messages"
import { readRow } from "./payment-rows"
import { notAllowed } from "./refusals"

/** Konbini, ATM (Pay-easy), net bank: no refund telegram exists. */

/** A refund of a paid konbini / ATM / net-bank payment: Medusa's refund completes, the money is owed by hand. */
export async function refundWithoutApi(f: FollowUp, { data, amount, context }: RefundPaymentInput): Promise<RefundPaymentOutput> {
  const input = (data ?? {}) as SessionData
  const first = stateOf(input)
  const yen = toYen(amount)
  if (!first || first.zero_amount) {
    return { data: input }
  }
  const refund = await readRow(f.host, "refundService", context?.idempotency_key)
  return withLedgerContext({ medusa_payment_id: refund?.payment_id, payment_session_id: input.session_id }, async () => {
    let state = first
    if (!isPaid(state.payment_status) && state.payment_id) {
      state = f.withInquiry(state, await f.inquire(TELEGRAM_KIND.PAYMENT_INQUIRY, state))
    }
    if (!isPaid(state.payment_status)) {
      throw notAllowed(M.notPaidYet(state.payment_status))
    }
    return {
      data: await owe(f.host, input, state, {
        amount: yen,
        reason: "no_api_refund",
        medusaPaymentId: refund?.payment_id,
        reference: refund?.id ?? context?.idempotency_key ?? null,
      }),
    }
  })
}

/**
 * Cancelling a konbini / ATM / net-bank payment: an unpaid application simply expires (Paygent has no telegram to
 * withdraw it); a paid one becomes a manual refund owed.
 */
export async function cancelWithoutApi(f: FollowUp, { data, context }: CancelPaymentInput): Promise<CancelPaymentOutput> {
  const input = (data ?? {}) as SessionData
  const first = stateOf(input)
  if (!first) {
    return { data: input }
  }
  const medusaPaymentId = cancelledPaymentId(context)
  return withLedgerContext({ medusa_payment_id: medusaPaymentId, payment_session_id: input.session_id }, async () => {
    let state = first
    if (state.payment_id && !isPaid(state.payment_status) && !first.zero_amount) {
      try {
        state = f.withInquiry(state, await f.inquire(TELEGRAM_KIND.PAYMENT_INQUIRY, state))
      } catch (error) {
        // Cancelling an unpaid application needs no telegram; the order must not stay open because 094 failed.
        f.host.logger.warn(`Paygent: could not ask about ${state.payment_id} while cancelling: ${(error as Error).message}`)
      }
    }
    if (isPaid(state.payment_status) && !state.manual_refunds?.length) {
      const owedData = await owe(f.host, input, state, {
        amount: state.amount,
        reason: "no_api_refund",
        medusaPaymentId,
        reference: medusaPaymentId ?? null,
      })
      return { data: { ...owedData, paygent: { ...stateOf(owedData)!, canceled_at: now() } } }
    }
    return { data: { ...input, paygent: { ...state, canceled_at: state.canceled_at ?? now() } } }
  })
}
