import { MedusaError } from "@medusajs/framework/utils"
import type { PaygentClient } from "../paygent"
import { bilingual, Bilingual, isPaygentError } from "../providers/paygent/core/errors"
import { paygentMedusaError } from "../providers/paygent/core/medusa-error"
import { AMOUNT_CHANGE_MESSAGES as M } from "./messages"
import { PAYMENT_TYPE, STATUS } from "../paygent"
import { aloneUnderTradingId, judgeLostChange } from "../providers/paygent/core/operations/change-recovery"
import { doubtful } from "../providers/paygent/core/operations/follow-up"
import type { LedgerTelegram } from "../modules/paygent/ledger-registry"

/** The part of the protocol client an amount change uses. */
export type AmountChangeClient = Pick<PaygentClient, "cardChangeAuthorization" | "paymentInquiry">

export interface AmountChangeRequest {
  telegram: "028" | "029"
  /** The Paygent payment being changed. */
  payment_id: string
  trading_id: string
  old_amount: number
  new_amount: number
  site_id?: string
}

/** The request of the change sent here: 028 only. */
export type AuthorizationChangeRequest = AmountChangeRequest & { telegram: "028" }

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

const CANCELLED_BY = { "028": STATUS.AUTH_CANCELLED, "029": STATUS.SALES_CANCELLED } as const
/** The status the changed payment is in before, and the new payment after: authorized (028), captured (029). */
const LIVE = { "028": STATUS.AUTHORIZED, "029": STATUS.CLEARED } as const

function site(request: AmountChangeRequest) {
  return request.site_id ? { site_id: request.site_id } : {}
}

/** 094 by trading_id for the card payment a change is about; Paygent's refusal (13002: several payments) is thrown as is. */
async function inquireByTradingId(client: AmountChangeClient, request: AmountChangeRequest): Promise<AnswerFields> {
  return (await client.paymentInquiry({ trading_id: request.trading_id, payment_type: PAYMENT_TYPE.CARD, ...site(request) })) as unknown as AnswerFields
}

/**
 * After an unknown outcome (docs/protocol.md §5.3), 094 decides before anything is retried, by the one recovery rule
 * of 028 / 029 (judgeLostChange in the provider's change-recovery.ts): the old payment by payment_id, then the
 * trading_id. Used after a lost 028 here, and after a failed sales change (029, sent by the provider through Medusa's
 * refund) in change.ts.
 */
export async function reconcileAmountChange(client: AmountChangeClient, request: AmountChangeRequest): Promise<Reconciliation> {
  let old
  try {
    old = await client.paymentInquiry({ payment_id: request.payment_id, ...site(request) })
  } catch {
    return { state: "unknown", message: M.outcomeUnknownInquiryFailed }
  }
  const truth = await judgeLostChange(
    {
      payment_id: request.payment_id,
      trading_id: request.trading_id,
      old_amount: request.old_amount,
      new_amount: request.new_amount,
      old_live: LIVE[request.telegram],
      old_cancelled: CANCELLED_BY[request.telegram],
      new_live: LIVE[request.telegram],
    },
    old as unknown as AnswerFields,
    () => inquireByTradingId(client, request)
  )
  if (truth.state !== "unknown") {
    return truth
  }
  const message =
    truth.reason === "status"
      ? M.statusRefused(truth.status ?? "?")
      : truth.reason === "inquiry_failed"
        ? M.outcomeUnknownInquiryFailed
        : M.outcomeUnknownUnresolved(request.trading_id)
  return { state: "unknown", message }
}

/**
 * Before a 028 while an earlier 028 of the same payment is in doubt (its answer and the inquiry after it were lost,
 * and the sync job has not settled it): that one may have created its new payment, so a new 028 goes out only when
 * the trading_id holds the old payment alone — the rule the provider applies before a 029 (change-recovery.ts).
 */
export async function requireNoEarlierAuthorizationChange(
  client: AmountChangeClient,
  request: AuthorizationChangeRequest,
  ledgerRows: LedgerTelegram[]
): Promise<void> {
  if (!doubtful(ledgerRows, request.telegram)) {
    return
  }
  const verdict = await aloneUnderTradingId(request.payment_id, () => inquireByTradingId(client, request))
  if (verdict.state === "unknown") {
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      bilingual(verdict.reason === "inquiry_failed" ? M.outcomeUnknownInquiryFailed : M.outcomeUnknownUnresolved(request.trading_id))
    )
  }
}

/** 028 (補正オーソリ). The plugin's only 029 is the provider's (sales-change.ts), which the sales change reaches through Medusa's refund. */
function send(client: AmountChangeClient, request: AuthorizationChangeRequest) {
  return client.cardChangeAuthorization({
    payment_id: request.payment_id,
    payment_amount: request.new_amount,
    reduction_flag: "0" as const,
    ...site(request),
  })
}

/** A refused change as the merchant reads it (the one Paygent → MedusaError builder). */
export function changeError(request: Pick<AmountChangeRequest, "telegram">, error: unknown): Error {
  return paygentMedusaError(request.telegram, error, { unknownOutcome: "error" })
}

/**
 * Sends 028 (before capture) to bring an authorized card payment down to `new_amount`. A lost answer is
 * settled with 094 (see `reconcileAmountChange`); the telegram is sent again only when Paygent shows that nothing
 * happened, and at most once. A partial failure (2010–2012: the new payment exists) counts as changed, with what
 * the merchant must still do.
 */
export async function sendAmountChange(client: AmountChangeClient, request: AuthorizationChangeRequest): Promise<AmountChangeResult> {
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
