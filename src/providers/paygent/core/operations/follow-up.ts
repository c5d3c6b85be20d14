import type { Logger } from "@medusajs/framework/types"
import { retryTransient, TELEGRAM_KIND, type PaygentClient } from "../../../../paygent"
import { LedgerTelegram, telegramLedger } from "../../../../modules/paygent/ledger-registry"
import { isPaygentError, PaygentErrorLike } from "../errors"
import { paygentMedusaError } from "../medusa-error"
import type { ResolvedPaygentOptions } from "../../../../options/provider"
import { outcomePending } from "../outcome-pending"
import { paygentDateToIso, PaygentState } from "../session-data"

/** What the operations need from the provider that runs them. */
export interface OperationsHost {
  client: PaygentClient
  logger: Logger
  options: ResolvedPaygentOptions
  /** The payment module's container (the provider's `this.container`). */
  container: () => Record<string, unknown>
  siteParams(): { site_id?: string }
}

export type Items = Record<string, string | undefined>

export function now(): string {
  return new Date().toISOString()
}

/**
 * A telegram Paygent applied: answered with success, or found applied afterwards by the sync job's 094 (its answer was
 * lost; src/sync/in-doubt.ts). Such a telegram is never sent again.
 */
export function wentThrough(row: LedgerTelegram): boolean {
  return row.outcome === "success" || row.doubt_resolution === "applied" || row.doubt_resolution === "captured"
}

/** Rows whose telegram may have been applied without anyone learning it (sent, no answer, not settled since). */
export function doubtful(rows: LedgerTelegram[], kind?: string): boolean {
  return rows.some(
    (row) =>
      (row.outcome === "pending" || row.outcome === "unknown_outcome") && !row.doubt_resolution && (!kind || row.telegram_kind === kind)
  )
}

/** Returned by a `whenTruth` handler: Paygent never applied the telegram, send it once more. */
export const RESEND = Symbol("resend")

export interface FollowUpHandlers<R> {
  /** The errors that are followed by a 094 (always the unknown outcome; a status conflict when asked). */
  askOnConflict?: boolean
  /** Errors settled before any inquiry (an expired deadline, a partial failure of 029): a result, or undefined. */
  whenError?: (error: PaygentErrorLike) => Promise<R | undefined> | R | undefined
  /**
   * What 094 showed after an unknown outcome (or a conflict): a result, RESEND (only honoured when `canResend`:
   * after the first unknown outcome), or undefined for the error to be thrown. May throw its own error.
   */
  whenTruth: (truth: Items, error: PaygentErrorLike, canResend: boolean) => Promise<R | typeof RESEND | undefined> | R | typeof RESEND | undefined
}

/**
 * The follow-up executor of merchant telegrams (capture, cancel, refund, amount change): transient refusals are sent
 * again, an unknown outcome is followed by 094 before anything else, a telegram Paygent never applied is sent once
 * more, and whatever is left becomes the merchant's MedusaError (medusa-error.ts). When 094 fails too, the operation
 * answers "outcome pending" and the telegram stays in doubt in the ledger until the sync job settles it.
 */
export class FollowUp {
  constructor(readonly host: OperationsHost) {}

  /** Sends a telegram; transient refusals are sent again after a short back-off (three tries in all). */
  call<T>(kind: string, send: () => Promise<T>, retryUnknown = false): Promise<T> {
    return retryTransient(send, {
      retryUnknown,
      onRetry: (error, next, tries) => this.host.logger.warn(`Paygent ${kind}: ${error.response_code || error.class}, sending again (${next}/${tries})`),
    })
  }

  /** send → on an unknown outcome 094 → resend once → the handlers' result, or the merchant's error. */
  async send<T, R>(kind: string, state: PaygentState, send: () => Promise<T>, done: (answer: T) => R | Promise<R>, handlers: FollowUpHandlers<R>): Promise<R> {
    for (let round = 1; ; round++) {
      let answer: T
      try {
        answer = await this.call(kind, send)
      } catch (error) {
        if (!isPaygentError(error)) {
          throw error
        }
        const early = await handlers.whenError?.(error)
        if (early !== undefined) {
          return early
        }
        if (error.class === "unknown_outcome" || (handlers.askOnConflict && error.class === "status_conflict")) {
          const truth = await this.truthAfter(kind, state, error)
          const verdict = await handlers.whenTruth(truth, error, error.class === "unknown_outcome" && round === 1)
          if (verdict === RESEND) {
            continue
          }
          if (verdict !== undefined) {
            return verdict
          }
        }
        throw this.failure(kind, error)
      }
      return done(answer)
    }
  }

  /** 094 for the payment (read-only, so a lost answer is simply asked again). */
  async inquire(forKind: string, state: PaygentState): Promise<Items> {
    try {
      const answer = await this.call(
        TELEGRAM_KIND.PAYMENT_INQUIRY,
        () => this.host.client.paymentInquiry({ payment_id: state.payment_id!, ...this.host.siteParams() }),
        true
      )
      return answer as unknown as Items
    } catch (error) {
      throw this.failure(TELEGRAM_KIND.PAYMENT_INQUIRY, error, forKind)
    }
  }

  /**
   * After an unknown outcome or a status conflict: what Paygent really did (094). When the inquiry fails too, the
   * telegram stays in doubt in the ledger and the sync job settles it (src/sync/in-doubt.ts); the merchant is told
   * so (outcome pending, a 409), not given a server error.
   */
  async truthAfter(kind: string, state: PaygentState, original: PaygentErrorLike): Promise<Items> {
    try {
      return await this.inquire(kind, state)
    } catch (error) {
      this.host.logger.error(
        `Paygent ${kind} for ${state.payment_id}: ${original.class}, and the inquiry (094) failed too: ${(error as Error).message}; the sync job settles it`
      )
      throw outcomePending(kind, state.payment_id)
    }
  }

  /** 094 before an operation, because an earlier telegram of it is still in doubt: unanswered, it stays pending. */
  async inquireInDoubt(kind: string, state: PaygentState): Promise<Items> {
    try {
      return await this.inquire(kind, state)
    } catch (error) {
      this.host.logger.warn(`Paygent ${kind} for ${state.payment_id}: an earlier ${kind} is in doubt and 094 failed: ${(error as Error).message}`)
      throw outcomePending(kind, state.payment_id)
    }
  }

  /** The Paygent state with what 094 answered. */
  withInquiry(state: PaygentState, answer: Items): PaygentState {
    const amount = Number(answer.payment_amount)
    const authorizedAt = paygentDateToIso(answer.authorized_date)
    return {
      ...state,
      payment_status: answer.payment_status ?? state.payment_status,
      ...(Number.isFinite(amount) && answer.payment_amount ? { amount } : {}),
      ...(!state.authorized_at && authorizedAt ? { authorized_at: authorizedAt } : {}),
      inquired_at: now(),
    }
  }

  /** Telegrams of these kinds sent for the payment's current payment_id (any outcome), newest first. */
  async ledgerRows(state: PaygentState, kinds: string[]): Promise<LedgerTelegram[]> {
    const ledger = telegramLedger()
    if (!ledger || !state.payment_id) {
      return []
    }
    try {
      const rows = await ledger.telegramsFor({
        paygent_payment_ids: [state.payment_id],
        trading_ids: state.trading_id ? [state.trading_id] : [],
        telegram_kinds: kinds,
        take: 100,
      })
      return rows.filter((row) => row.request?.payment_id === state.payment_id)
    } catch (error) {
      this.host.logger.warn(`Paygent: the ledger could not be read for ${state.payment_id}: ${(error as Error).message}`)
      return []
    }
  }

  /** A MedusaError for the merchant naming the operation, Paygent's code and what to do. */
  failure(kind: string, error: unknown, forKind?: string): Error {
    return paygentMedusaError(kind, error, { forKind })
  }
}
