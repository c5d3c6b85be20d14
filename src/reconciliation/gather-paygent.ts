import type { PaygentClient } from "../paygent/client"
import { isPaygentError } from "../providers/paygent/core/errors"
import { mapWithLimit } from "./pool"
import type { PaygentLookup, PaygentPaymentView } from "./types"

/** What to ask Paygent about: a payment_id, or a trading_id (with its payment_type) when no payment_id is known. */
export interface InquiryTarget {
  payment_id?: string | null
  trading_id?: string | null
  payment_type?: string | null
}

function text(value: string | undefined): string | null {
  return value === undefined || value === "" ? null : value
}

/** The items of a 094 answer the report uses. */
export function viewOf(answer: Record<string, string | undefined>): PaygentPaymentView {
  const amount = answer.payment_amount
  return {
    payment_id: answer.payment_id ?? "",
    trading_id: text(answer.trading_id),
    payment_type: answer.payment_type ?? "",
    payment_status: answer.payment_status ?? "",
    payment_amount: amount && /^\d+(\.\d+)?$/.test(amount) ? Number(amount) : null,
    payment_init_date: text(answer.payment_init_date),
    authorized_date: text(answer.authorized_date),
    payment_date: text(answer.payment_date),
    user_payment_date: text(answer.user_payment_date),
    cancel_date: text(answer.cancel_date),
    payment_limit_date: text(answer.payment_limit_date),
  }
}

export interface InquiryOptions {
  concurrency: number
  /** Most inquiries to send; targets beyond are answered `skipped: limit`. */
  max: number
  siteId?: string
}

/**
 * Paygent's side: one 094 per target, `concurrency` at a time (Paygent blocks merchants that flood it). 13001 is
 * "not found"; any other error is kept with its code, never thrown, so one payment cannot stop the report.
 * Returns the lookups in the targets' order and how many telegrams were sent.
 */
export async function inquirePayments(
  client: Pick<PaygentClient, "paymentInquiry">,
  targets: InquiryTarget[],
  options: InquiryOptions
): Promise<{ lookups: PaygentLookup[]; sent: number }> {
  let sent = 0
  // The limit counts only targets that can be asked, in the order given (records first, then the others).
  let rank = 0
  const ranks = targets.map((t) => (t.payment_id || t.trading_id ? rank++ : -1))
  const lookups = await mapWithLimit(targets, options.concurrency, async (target, index): Promise<PaygentLookup> => {
    if (ranks[index] < 0) {
      return { status: "skipped", reason: "no_reference" }
    }
    if (ranks[index] >= options.max) {
      return { status: "skipped", reason: "limit" }
    }
    sent++
    try {
      const answer = await client.paymentInquiry({
        ...(target.payment_id
          ? { payment_id: target.payment_id }
          : { trading_id: target.trading_id!, ...(target.payment_type ? { payment_type: target.payment_type } : {}) }),
        ...(options.siteId ? { site_id: options.siteId } : {}),
      })
      return { status: "found", view: viewOf(answer as unknown as Record<string, string | undefined>) }
    } catch (error) {
      if (isPaygentError(error) && error.response_code === "13001") {
        return { status: "not_found" }
      }
      return {
        status: "error",
        ...(isPaygentError(error) && error.response_code ? { code: error.response_code } : {}),
        message: String((error as Error)?.message ?? error).slice(0, 300),
      }
    }
  })
  return { lookups, sent }
}
