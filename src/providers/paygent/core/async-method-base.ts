import type { AuthorizePaymentOutput, UpdatePaymentInput, UpdatePaymentOutput } from "@medusajs/framework/types"
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { telegramLedger } from "../../../modules/paygent/ledger-registry"
import { bilingual, inputError, invalidData, isInputValidationError, isPaygentError, SHOPPER_MESSAGES, unavailable } from "./errors"
import { PaygentBase } from "./paygent-base"
import { noticeMismatch, openNotice, withNotice } from "./notice-state"
import type { PaygentState, SessionData } from "./session-data"
import { statusFromPaygent } from "./status-map"
import { STATUS, isPaid } from "../../../paygent"

/** A telegram's answer (typed per telegram by the client); read as plain items here. */
export type Answer = object

export function items(answer: Answer): Record<string, string | undefined> {
  return answer as Record<string, string | undefined>
}

const INPUT_CODES = ["P005", "P006", "P008", "P009", "P010", "P011", "P012", "P014"]

/**
 * Konbini, Pay-easy ATM and net bank: authorizing sends one application telegram and leaves the session
 * `pending_authorization` (order created unpaid, 入金待ち) with the shopper's payment instructions. The money
 * arrives later and is applied from Paygent's notice.
 */
export abstract class PaygentAsyncMethodBase extends PaygentBase {
  /** Sends the application telegram. */
  protected abstract apply(data: SessionData, tradingId: string): Promise<Answer>

  /** The session state after a successful application (payment ids, instructions). */
  protected abstract applied(data: SessionData, state: PaygentState, answer: Answer): PaygentState

  protected async authorizeWithPaygent(data: SessionData, state: PaygentState): Promise<AuthorizePaymentOutput> {
    if (state.instructions) {
      // Already applied: a repeated completion, or Medusa asking again (a notice, the admin's Authorize button on an
      // order waiting for payment). Paygent says whether the money has arrived (094).
      const current = await this.refreshApplied(state)
      return { status: statusFromPaygent(this.method, current), data: { ...data, paygent: current } }
    }
    if (state.in_doubt) {
      return this.settleInDoubt(data, state)
    }
    const attempt = this.nextTradingId(data, state)
    const next = this.withAttempt(state, attempt)
    let answer: Answer
    try {
      answer = await this.apply(data, attempt.trading_id)
    } catch (error) {
      if (!(isPaygentError(error) && error.class === "unknown_outcome")) {
        throw this.applicationError(error, next)
      }
      answer = await this.recover(data, next, error)
    }
    return { status: PaymentSessionStatus.PENDING_AUTHORIZATION, data: { ...data, paygent: this.applied(data, next, answer) } }
  }

  /**
   * A Paygent notice applied by the plugin's notice workflow (`paygent_notice` in the data, sealed with the
   * provider's secret; see notice-state.ts): the session's state learns the payment's new status, so that Medusa's
   * authorization of a paid konbini / ATM / net-bank session answers `captured`. Anything else is a normal update.
   */
  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const data = (input.data ?? {}) as SessionData
    if (!("paygent_notice" in data)) {
      return super.updatePayment(input)
    }
    const { paygent_notice: sealed, ...rest } = data
    const update = openNotice(sealed, await this.sessionSecret())
    if (!update) {
      // Not ours (e.g. a key a storefront sent at session start): dropped, and the update goes on as usual.
      return super.updatePayment({ ...input, data: rest })
    }
    const state = rest.paygent
    const mismatch = state ? noticeMismatch(state, update) : "no state"
    if (mismatch || !state) {
      this.logger_.warn(`Paygent: notice not applied to session ${String(rest.session_id ?? "")} (${mismatch})`)
      return { data: rest }
    }
    return { data: { ...rest, paygent: withNotice(state, update) } }
  }

  /** The application's state as Paygent has it now; the stored one if Paygent cannot be asked. */
  private async refreshApplied(state: PaygentState): Promise<PaygentState> {
    if (!state.payment_id || isPaid(state.payment_status)) {
      return state
    }
    try {
      return this.operations_.withInquiry(state, await this.operations_.inquire("094", state))
    } catch (error) {
      this.logger_.warn(`Paygent: could not ask about ${state.payment_id}: ${(error as Error).message}`)
      return state
    }
  }

  /**
   * The answer to the application was lost: find out from Paygent (094 by trading_id) whether it exists before
   * anything is sent again, so the shopper never gets two sets of numbers. When the inquiry fails too, the attempt
   * is recorded on the session as in doubt (its trading_id is never used again for a new application) and settled
   * by 094 before anything else: at the shopper's next try, or by the sync job (src/sync/in-doubt.ts).
   */
  protected async recover(data: SessionData, state: PaygentState, original: unknown): Promise<Answer> {
    try {
      return await this.inquireAttempt(state.trading_id!)
    } catch (error) {
      if (isPaygentError(error) && error.class === "not_found") {
        throw new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, bilingual(SHOPPER_MESSAGES.retryCommunication))
      }
      if (!(isPaygentError(original) && original.class === "unknown_outcome")) {
        throw this.applicationError(original, state)
      }
      this.logger_.error(`Paygent: outcome of ${this.method} application ${state.trading_id} unknown and the inquiry failed; in doubt until 094 settles it`)
      return this.inDoubt(data, { ...state, in_doubt: { telegram_kind: this.applicationKind(), trading_id: state.trading_id!, since: new Date().toISOString() } })
    }
  }

  /** The application telegram of this method (030 konbini, 010 ATM, 060 net bank). */
  protected applicationKind(): string {
    return { "01": "010", "03": "030", "05": "060", "02": "020" }[this.paymentType]
  }

  private inquireAttempt(tradingId: string): Promise<Answer> {
    return this.client_.paymentInquiry({ trading_id: tradingId, payment_type: this.paymentType, ...this.siteParams() })
  }

  /**
   * Records the attempt in doubt on the session and tells the shopper (no new application is sent). The session stays
   * pending, since Medusa completes only pending sessions: the shopper's next try asks 094 first.
   */
  private inDoubt(data: SessionData, state: PaygentState): Promise<never> {
    const message = SHOPPER_MESSAGES.outcomeUnknown
    return this.failAttempt(
      { ...data, paygent: { ...state, last_error: { code: "unknown_outcome", message, at: new Date().toISOString() } } },
      PaymentSessionStatus.PENDING,
      message
    )
  }

  /**
   * The shopper tries again on a session whose application is in doubt: 094 by its trading_id first. Issued →
   * those numbers are the order's (no second set), unless the sync job already closed them because the order went
   * on without them; unknown to Paygent or closed → a new attempt (a new trading_id); no answer → still in doubt.
   */
  private async settleInDoubt(data: SessionData, state: PaygentState): Promise<AuthorizePaymentOutput> {
    const doubt = state.in_doubt!
    const settled: PaygentState = { ...state, in_doubt: null, last_error: null }
    let answer: Answer
    try {
      answer = await this.inquireAttempt(doubt.trading_id)
    } catch (error) {
      if (isPaygentError(error) && error.class === "not_found") {
        return this.authorizeWithPaygent(data, settled)
      }
      return this.inDoubt(data, state)
    }
    const status = items(answer).payment_status ?? STATUS.APPLIED
    if ((status === STATUS.APPLIED || status === STATUS.CLEARED || status === STATUS.PRELIMINARY) && !(await this.closedBySync(doubt.trading_id))) {
      return { status: PaymentSessionStatus.PENDING_AUTHORIZATION, data: { ...data, paygent: this.applied(data, settled, answer) } }
    }
    return this.authorizeWithPaygent(data, settled)
  }

  /** Whether the sync job closed this attempt's numbers locally (docs/operations/in-doubt.md): never adopted again. */
  private async closedBySync(tradingId: string): Promise<boolean> {
    const rows = await telegramLedger()
      ?.telegramsFor({ trading_ids: [tradingId], telegram_kinds: [this.applicationKind()], take: 20 })
      .catch(() => [])
    return (rows ?? []).some((row) => row.doubt_resolution === "unused_number")
  }

  /** Paygent refused the application: the shopper's input gets a 400, anything else a neutral message. */
  protected applicationError(error: unknown, state: PaygentState): Error {
    if (error instanceof MedusaError || !isPaygentError(error)) {
      return error instanceof Error ? error : new Error(String(error))
    }
    if (isInputValidationError(error)) {
      // Refused by the client before sending (a value the session checks let through): the shopper's input, not an
      // outage, so a 400 naming the field rather than "temporarily unavailable".
      return inputError(error)
    }
    if (INPUT_CODES.includes(error.response_code ?? "")) {
      return invalidData(error.merchantMessage ?? { ja: "入力内容をご確認ください。", en: "Please check the details you entered." })
    }
    if (error.class === "not_sent" || error.class === "retryable") {
      return new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, bilingual(SHOPPER_MESSAGES.retryCommunication))
    }
    return unavailable(this.logger_, `${this.method} ${state.trading_id}`, error)
  }
}
