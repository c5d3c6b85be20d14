import { isPaygentError } from "../errors"

/** A 094 answer as the recovery reads it. */
export type InquiryFields = Record<string, string | undefined>

/** The change whose answer was lost (028 or 029), in the statuses that tell what Paygent did with it. */
export interface LostChange {
  /** The payment the change was sent for. */
  payment_id: string
  trading_id: string
  /** What the old payment held before the change (undefined: not compared). */
  old_amount?: number
  new_amount: number
  /** The old payment's status while nothing happened: 20 (028, a partial capture's 029) or 40 (a partial refund's 029). */
  old_live: string
  /** The old payment's status once the change cancelled it: 32 or 60. */
  old_cancelled: string
  /** The new payment's status: 20 (028) or 40 (029). */
  new_live: string
}

/** What Paygent holds after a change whose answer was lost. */
export type ChangeTruth =
  | { state: "not_applied" }
  | { state: "applied"; payment_id?: string; fields?: InquiryFields }
  /**
   * status: the old payment is in a status the change neither leaves nor makes; unresolved: the old payment is
   * unchanged but other payments share the trading_id (13002); inquiry_failed: the inquiry by trading_id failed.
   */
  | { state: "unknown"; reason: "status" | "unresolved" | "inquiry_failed"; status?: string }

/**
 * The one recovery rule of a lost 028 / 029 answer (docs/protocol.md §5.3), from the old payment's 094 and, when
 * needed, a 094 by trading_id. Both telegrams are sent with the default base_payment_cancel_timing (the new payment is
 * created first, then the old one cancelled) and keep the trading_id, so an old payment that looks unchanged does not
 * prove that nothing was created: the answer may have been lost between the two halves. Hence:
 * - the old payment cancelled → the change went through; the new payment is the trading_id's only match when Paygent
 *   answers with one payment of the new status and amount, else its id stays unknown (13002: several payments);
 * - the old payment unchanged and the trading_id answering with that one payment alone → nothing was created, and only
 *   then may the change be sent again;
 * - anything else (another payment under the trading_id, a failed inquiry, a status the change does not produce) →
 *   undecidable here: nothing is sent again.
 */
export async function judgeLostChange(
  change: LostChange,
  old: InquiryFields,
  byTradingId: () => Promise<InquiryFields>
): Promise<ChangeTruth> {
  const lookUp = async (): Promise<{ found?: InquiryFields; error?: unknown }> => {
    try {
      return { found: await byTradingId() }
    } catch (error) {
      return { error }
    }
  }
  if (old.payment_status === change.old_cancelled) {
    const { found } = await lookUp()
    const matches =
      found &&
      found.payment_id !== change.payment_id &&
      found.payment_status === change.new_live &&
      Number(found.payment_amount) === change.new_amount
    return matches ? { state: "applied", payment_id: found.payment_id, fields: found } : { state: "applied" }
  }
  const unchanged =
    old.payment_status === change.old_live && (change.old_amount === undefined || Number(old.payment_amount) === change.old_amount)
  if (!unchanged) {
    return { state: "unknown", reason: "status", status: old.payment_status }
  }
  return aloneUnderTradingId(change.payment_id, byTradingId)
}

/**
 * The half of the rule for an old payment that looks unchanged: nothing was created only when the trading_id answers
 * with that payment alone. Also asked before a new 029 while an earlier one of the payment is still in doubt.
 */
export async function aloneUnderTradingId(
  paymentId: string,
  byTradingId: () => Promise<InquiryFields>
): Promise<Extract<ChangeTruth, { state: "not_applied" | "unknown" }>> {
  try {
    const found = await byTradingId()
    return found.payment_id === paymentId ? { state: "not_applied" } : { state: "unknown", reason: "unresolved" }
  } catch (error) {
    return isPaygentError(error) && error.response_code === "13002"
      ? { state: "unknown", reason: "unresolved" }
      : { state: "unknown", reason: "inquiry_failed" }
  }
}
