import type { CapturePaymentInput, CapturePaymentOutput } from "@medusajs/framework/types"
import { isCaptured, isCardClosed, STATUS, TELEGRAM_KIND } from "../../../../paygent"
import { LedgerTelegram, withLedgerContext } from "../../../../modules/paygent/ledger-registry"
import type { PaygentState, SessionData } from "../session-data"
import { doubtful, FollowUp, RESEND, wentThrough } from "./follow-up"
import { OPERATION_MESSAGES as M } from "./messages"
import { hasOtherCaptures, readRow } from "./payment-rows"
import { authorizationExpired, changeOutcomeUnknown, closed, notAllowed, requireCard } from "./refusals"
import { requireNoEarlierChange, salesChange } from "./sales-change"
import { captured, changed } from "./state-changes"

/**
 * 売上 (capture) of a card payment: 022 for the whole authorization, 補正売上 (029) for less — a new payment holds the
 * lower amount, captured, and the rest of the authorization is released.
 */
export async function captureCard(f: FollowUp, { data, context }: CapturePaymentInput): Promise<CapturePaymentOutput> {
  const input = (data ?? {}) as SessionData
  const first = requireCard(input)
  if (first.zero_amount) {
    return { data: input }
  }
  // Medusa's capture id: its amount says whether this is a full (022) or a partial (029) capture.
  const capture = await readRow(f.host, "captureService", context?.idempotency_key)
  return withLedgerContext({ medusa_payment_id: capture?.payment_id, payment_session_id: input.session_id }, async () => {
    let state = first
    if (isCaptured(state.payment_status)) {
      if (capture && (await hasOtherCaptures(f.host, capture))) {
        throw notAllowed(M.secondCapture(state.captured_amount ?? state.amount))
      }
      // Captured at Paygent already: Medusa asking again about a captured payment, or recording a capture whose
      // first record was lost. Either way nothing is sent.
      return { data: input }
    }
    if (state.payment_status === STATUS.AUTH_EXPIRED) {
      throw authorizationExpired(state)
    }
    if (isCardClosed(state.payment_status)) {
      throw closed(state)
    }
    const rows = await f.ledgerRows(state, [TELEGRAM_KIND.CAPTURE, TELEGRAM_KIND.SALES_CHANGE])
    const known = capturedPerLedger(f, input, state, rows)
    if (known) {
      return { data: known }
    }
    if (doubtful(rows)) {
      // An earlier capture of this payment never got its answer (another request, another server): ask first.
      const truth = f.withInquiry(state, await f.inquireInDoubt(TELEGRAM_KIND.CAPTURE, state))
      if (isCaptured(truth.payment_status)) {
        return { data: captured(input, truth, truth.amount, TELEGRAM_KIND.PAYMENT_INQUIRY) }
      }
      if (truth.payment_status === STATUS.AUTH_EXPIRED) {
        throw authorizationExpired(truth)
      }
      if (truth.payment_status !== STATUS.AUTHORIZED) {
        throw doubtful(rows, TELEGRAM_KIND.SALES_CHANGE) ? changeOutcomeUnknown(state) : closed(truth)
      }
      if (doubtful(rows, TELEGRAM_KIND.SALES_CHANGE)) {
        await requireNoEarlierChange(f, truth)
      }
      state = truth
    }
    const amount = capture ? capture.amount : state.amount
    if (amount > state.amount) {
      throw notAllowed(M.captureTooLarge(amount, state.amount))
    }
    if (amount < state.amount) {
      return { data: await captureChange(f, input, state, amount) }
    }
    return { data: await fullCapture(f, input, state) }
  })
}

/** The ledger remembers a successful 022 / 029 for this payment_id that the payment's data does not show yet. */
function capturedPerLedger(f: FollowUp, data: SessionData, state: PaygentState, all: LedgerTelegram[]): SessionData | undefined {
  const rows = all.filter(wentThrough)
  if (rows.some((row) => row.telegram_kind === TELEGRAM_KIND.CAPTURE)) {
    f.host.logger.info(`Paygent: payment ${state.payment_id} was already captured (ledger); 022 not sent again`)
    return captured(data, state, state.amount, TELEGRAM_KIND.CAPTURE)
  }
  const change = rows.find((row) => row.telegram_kind === TELEGRAM_KIND.SALES_CHANGE && row.response?.payment_id)
  if (change) {
    const amount = Number(change.response!.reduced_amount ?? change.request?.payment_amount ?? state.amount)
    return changed(data, state, change.response!.payment_id!, amount, "capture")
  }
  return undefined
}

function fullCapture(f: FollowUp, data: SessionData, state: PaygentState): Promise<SessionData> {
  return f.send(
    TELEGRAM_KIND.CAPTURE,
    state,
    () => f.host.client.cardCapture({ payment_id: state.payment_id!, ...f.host.siteParams() }),
    () => captured(data, state, state.amount, TELEGRAM_KIND.CAPTURE),
    {
      askOnConflict: true,
      whenError: (error) => {
        if (error.class === "expired") {
          throw authorizationExpired(state)
        }
        return undefined
      },
      whenTruth: (truth, _error, canResend) => {
        if (isCaptured(truth.payment_status)) {
          return captured(data, f.withInquiry(state, truth), state.amount, TELEGRAM_KIND.CAPTURE)
        }
        if (truth.payment_status === STATUS.AUTHORIZED && canResend) {
          // Paygent never applied the capture: send it once more.
          return RESEND
        }
        if (truth.payment_status === STATUS.AUTH_EXPIRED) {
          throw authorizationExpired(state)
        }
        return undefined
      },
    }
  )
}

/** A partial capture: 補正売上 (029) re-authorizes the lower amount as a new payment, captures it, voids the old. */
function captureChange(f: FollowUp, data: SessionData, state: PaygentState, amount: number): Promise<SessionData> {
  return salesChange(f, data, state, amount, "capture", (error) => {
    if (error.class === "expired") {
      throw authorizationExpired(state)
    }
    return undefined
  })
}
