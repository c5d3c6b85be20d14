import type { AuthorizePaymentOutput, UpdatePaymentInput, UpdatePaymentOutput } from "@medusajs/framework/types"
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { bilingual, inputError, invalidData, isInputValidationError, isPaygentError, SHOPPER_MESSAGES, unavailable } from "./errors"
import { PaygentBase } from "./paygent-base"
import { noticeMismatch, noticeSealSecret, openNotice, withNotice } from "./notice-state"
import type { PaygentState, SessionData } from "./session-data"
import { statusFromPaygent } from "./status-map"

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
    const update = openNotice(sealed, noticeSealSecret(this.options_))
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
    if (!state.payment_id || ["40", "41", "43"].includes(state.payment_status ?? "")) {
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
   * anything is sent again, so the shopper never gets two sets of numbers.
   */
  protected async recover(_data: SessionData, state: PaygentState, original: unknown): Promise<Answer> {
    try {
      return await this.client_.paymentInquiry({
        trading_id: state.trading_id,
        payment_type: this.paymentType,
        ...this.siteParams(),
      })
    } catch (error) {
      if (isPaygentError(error) && error.class === "not_found") {
        throw new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, bilingual(SHOPPER_MESSAGES.retryCommunication))
      }
      throw this.applicationError(original, state)
    }
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
