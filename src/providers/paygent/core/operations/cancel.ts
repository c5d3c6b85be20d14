import type { CancelPaymentInput, CancelPaymentOutput } from "@medusajs/framework/types"
import { isCardClosed, isCardHolding, STATUS, TELEGRAM_KIND } from "../../../../paygent"
import { withLedgerContext } from "../../../../modules/paygent/ledger-registry"
import { stateOf, type PaygentState, type SessionData } from "../session-data"
import { doubtful, FollowUp, now, RESEND, wentThrough } from "./follow-up"
import { owePastDeadline, type Owed } from "./manual-refund"
import { OPERATION_MESSAGES as M } from "./messages"
import { notAllowed } from "./refusals"
import { salesCancel } from "./refund"
import { closedState, salesCancelled } from "./state-changes"

/** The Medusa payment id a cancel runs for (Medusa passes it as the idempotency key), if it is one. */
export function cancelledPaymentId(context: CancelPaymentInput["context"]): string | undefined {
  return context?.idempotency_key?.startsWith("pay_") ? context.idempotency_key : undefined
}

/**
 * Medusa's cancel of a payment it has not captured (order cancel, collection cancel): 021 for an authorization,
 * 023 when Paygent holds a sale after all, a manual refund owed past the sales-cancel deadline.
 */
export async function cancelCard(f: FollowUp, { data, context }: CancelPaymentInput): Promise<CancelPaymentOutput> {
  const input = (data ?? {}) as SessionData
  const first = stateOf(input)
  if (!first?.payment_id || first.zero_amount) {
    return { data: input }
  }
  const medusaPaymentId = cancelledPaymentId(context)
  return withLedgerContext({ medusa_payment_id: medusaPaymentId, payment_session_id: input.session_id }, async () => {
    let state = first
    if (isCardClosed(state.payment_status)) {
      return { data: { ...input, paygent: { ...state, canceled_at: state.canceled_at ?? now() } } }
    }
    if (!isCardHolding(state.payment_status)) {
      state = f.withInquiry(state, await f.inquire(TELEGRAM_KIND.AUTH_CANCEL, state))
    }
    const all = await f.ledgerRows(state, [TELEGRAM_KIND.AUTH_CANCEL, TELEGRAM_KIND.SALES_CANCEL])
    const rows = all.filter(wentThrough)
    if (rows.some((row) => row.telegram_kind === TELEGRAM_KIND.AUTH_CANCEL)) {
      return { data: { ...input, paygent: closedState(state, STATUS.AUTH_CANCELLED, 0, TELEGRAM_KIND.AUTH_CANCEL) } }
    }
    if (rows.some((row) => row.telegram_kind === TELEGRAM_KIND.SALES_CANCEL)) {
      return { data: { ...input, paygent: salesCancelled(state) } }
    }
    if (doubtful(all)) {
      // An earlier cancel of this payment never got its answer: Paygent's status decides what is left to do.
      state = f.withInquiry(state, await f.inquireInDoubt(TELEGRAM_KIND.AUTH_CANCEL, state))
    }
    const owed: Owed = { amount: state.amount, medusaPaymentId, reference: medusaPaymentId ?? null }
    switch (state.payment_status) {
      case STATUS.AUTHORIZED:
        return { data: await voidAuthorization(f, input, state, owed) }
      case STATUS.CLEARED:
        return { data: await salesCancel(f, input, state, owed) }
      case STATUS.CLEARED_NO_REFUND:
        return { data: await owePastDeadline(f.host, input, state, owed) }
      default:
        if (isCardClosed(state.payment_status)) {
          return { data: { ...input, paygent: { ...state, canceled_at: state.canceled_at ?? now() } } }
        }
        throw notAllowed(M.cancelNotAllowed(state.payment_status))
    }
  })
}

/** 021: releases the authorization; an expired one (2007) holds nothing any more, a captured one is cancelled by 023. */
function voidAuthorization(f: FollowUp, data: SessionData, state: PaygentState, owed: Owed): Promise<SessionData> {
  return f.send(
    TELEGRAM_KIND.AUTH_CANCEL,
    state,
    () => f.host.client.cardCancelAuthorization({ payment_id: state.payment_id!, ...f.host.siteParams() }),
    () => ({ ...data, paygent: closedState(state, STATUS.AUTH_CANCELLED, 0, TELEGRAM_KIND.AUTH_CANCEL) }),
    {
      askOnConflict: true,
      // 2007 on 021: the authorization has expired (33) — nothing is held any more.
      whenError: (error) =>
        error.class === "expired" ? { ...data, paygent: closedState(state, STATUS.AUTH_EXPIRED, 0, TELEGRAM_KIND.AUTH_CANCEL) } : undefined,
      whenTruth: (truth, _error, canResend) => {
        const status = truth.payment_status ?? ""
        if (status === STATUS.AUTH_CANCELLED || status === STATUS.AUTH_EXPIRED) {
          return { ...data, paygent: closedState(f.withInquiry(state, truth), status, 0, TELEGRAM_KIND.AUTH_CANCEL) }
        }
        if (status === STATUS.CLEARED) {
          return salesCancel(f, data, f.withInquiry(state, truth), owed)
        }
        return status === STATUS.AUTHORIZED && canResend ? RESEND : undefined
      },
    }
  )
}
