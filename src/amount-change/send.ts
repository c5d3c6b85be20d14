import { MedusaError } from "@medusajs/framework/utils"
import type { PaygentClient } from "../paygent"
import { bilingual, Bilingual, isPaygentError } from "../providers/paygent/core/errors"
import { paygentMedusaError } from "../providers/paygent/core/medusa-error"
import { AMOUNT_CHANGE_MESSAGES as M } from "./messages"
import { PAYMENT_TYPE, TELEGRAM_KIND } from "../paygent"

/** The part of the protocol client an amount change uses. */
export type AmountChangeClient = Pick<PaygentClient, "cardChangeAuthorization" | "cardChangeSales" | "paymentInquiry">

export interface AmountChangeRequest {
  telegram: "028" | "029"
  /** The Paygent payment being changed. */
  payment_id: string
  trading_id: string
  old_amount: number
  new_amount: number
  site_id?: string
}

export type AnswerFields = Record<string, string | undefined>

/** How a change ended at Paygent. */
export type AmountChangeResult =
  | {
      outcome: "changed"
      /** The new payment, with its amount `new_amount`. */
      payment_id: string
      base_payment_id: string
      fields: AnswerFields
      /** Something the merchant must still do (a partial failure, 2010–2012). */
      attention?: Bilingual
      /** The answer was lost and 094 settled it. */
      recovered?: Bilingual
    }
  | {
      /** The old payment is cancelled, so the change went through; the new payment id could not be learnt. */
      outcome: "applied_unidentified"
      base_payment_id: string
      message: Bilingual
    }

/** What Paygent holds after a change whose answer was lost, as 094 shows it. */
export type Reconciliation =
  | { state: "not_applied" }
  | { state: "applied"; payment_id?: string; fields?: AnswerFields }
  | { state: "unknown"; message: Bilingual }

const CANCELLED_BY = { "028": "32", "029": "60" } as const
/** The status the changed payment is in before, and the new payment after: authorized (028), captured (029). */
const LIVE = { "028": "20", "029": "40" } as const

function site(request: AmountChangeRequest) {
  return request.site_id ? { site_id: request.site_id } : {}
}

/**
 * After an unknown outcome (docs/protocol.md §5.3), 094 decides before anything is retried. 028 / 029 (sent with the default
 * base_payment_cancel_timing: the new payment first, then the old one cancelled) keep the trading_id, so:
 * - the old payment cancelled (32 / 60) → the change went through. The new payment shares the trading_id: an
 *   inquiry by trading_id finds it only when Paygent answers with one payment whose status and amount match;
 *   with several payments Paygent answers 13002 and the id stays unknown (Paygent's notice or the merchant
 *   supplies it later).
 * - the old payment unchanged, and the trading_id answering with that one payment alone → nothing was created:
 *   sending again is safe.
 * - the old payment unchanged but other payments under the trading_id (13002) → a new payment may exist (declined,
 *   or authorized with the old one not cancelled): undecidable here, nothing is re-sent.
 */
export async function reconcileAmountChange(client: AmountChangeClient, request: AmountChangeRequest): Promise<Reconciliation> {
  let old
  try {
    old = await client.paymentInquiry({ payment_id: request.payment_id, ...site(request) })
  } catch {
    return { state: "unknown", message: M.outcomeUnknownInquiryFailed }
  }
  const byTradingId = async () => {
    try {
      return { found: await client.paymentInquiry({ trading_id: request.trading_id, payment_type: PAYMENT_TYPE.CARD, ...site(request) }) }
    } catch (error) {
      return { error }
    }
  }
  if (old.payment_status === CANCELLED_BY[request.telegram]) {
    const { found } = await byTradingId()
    const matches =
      found &&
      found.payment_id !== request.payment_id &&
      found.payment_status === LIVE[request.telegram] &&
      Number(found.payment_amount) === request.new_amount
    return matches ? { state: "applied", payment_id: found.payment_id, fields: found as AnswerFields } : { state: "applied" }
  }
  const unchanged = old.payment_status === LIVE[request.telegram] && Number(old.payment_amount) === request.old_amount
  if (!unchanged) {
    return {
      state: "unknown",
      message: M.statusRefused(old.payment_status ?? "?"),
    }
  }
  const { found, error } = await byTradingId()
  if (found && found.payment_id === request.payment_id) {
    return { state: "not_applied" }
  }
  if (error && !(isPaygentError(error) && error.response_code === "13002")) {
    return { state: "unknown", message: M.outcomeUnknownInquiryFailed }
  }
  return { state: "unknown", message: M.outcomeUnknownUnresolved(request.trading_id) }
}

function send(client: AmountChangeClient, request: AmountChangeRequest) {
  const body = {
    payment_id: request.payment_id,
    payment_amount: request.new_amount,
    reduction_flag: "0" as const,
    ...site(request),
  }
  return request.telegram === TELEGRAM_KIND.AUTH_CHANGE ? client.cardChangeAuthorization(body) : client.cardChangeSales(body)
}

/** A refused change as the merchant reads it (the one Paygent → MedusaError builder). */
export function changeError(request: Pick<AmountChangeRequest, "telegram">, error: unknown): Error {
  return paygentMedusaError(request.telegram, error, { unknownOutcome: "error" })
}

/**
 * Sends 028 (before capture) or 029 (after capture) to bring a card payment down to `new_amount`. A lost answer is
 * settled with 094 (see `reconcileAmountChange`); the telegram is sent again only when Paygent shows that nothing
 * happened, and at most once. A partial failure (2010–2012: the new payment exists) counts as changed, with what
 * the merchant must still do.
 */
export async function sendAmountChange(client: AmountChangeClient, request: AmountChangeRequest): Promise<AmountChangeResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = (await send(client, request)) as unknown as AnswerFields
      return {
        outcome: "changed",
        payment_id: answer.payment_id!,
        base_payment_id: request.payment_id,
        fields: answer,
        ...(attempt > 0 ? { recovered: M.outcomeUnknownNotApplied } : {}),
      }
    } catch (error) {
      if (!isPaygentError(error)) {
        throw error
      }
      if (error.class === "partial_failure" && error.fields?.payment_id) {
        return {
          outcome: "changed",
          payment_id: error.fields.payment_id,
          base_payment_id: request.payment_id,
          fields: error.fields,
          attention:
            error.response_code === "2011"
              ? error.merchantMessage
              : M.oldNotCancelled(request.payment_id),
        }
      }
      if (error.class !== "unknown_outcome") {
        throw changeError(request, error)
      }
      const settled = await reconcileAmountChange(client, request)
      if (settled.state === "applied") {
        if (settled.payment_id) {
          return {
            outcome: "changed",
            payment_id: settled.payment_id,
            base_payment_id: request.payment_id,
            fields: settled.fields ?? {},
            recovered: M.outcomeUnknownFound(settled.payment_id),
          }
        }
        return { outcome: "applied_unidentified", base_payment_id: request.payment_id, message: M.appliedUnidentified(request.trading_id) }
      }
      if (settled.state === "not_applied" && attempt === 0) {
        continue
      }
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        bilingual(settled.state === "unknown" ? settled.message : M.outcomeUnknownInquiryFailed)
      )
    }
  }
}
