import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  Logger,
  PaymentProviderContext,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import { AbstractPaymentProvider, MedusaError, PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import { PaygentClient, STATUS, TELEGRAM_KIND } from "../../../paygent"
import { createPaygentClient } from "../../../options/client"
import { ledgerHooks } from "../../../modules/paygent/ledger-hooks"
import { telegramLedger } from "../../../modules/paygent/ledger-registry"
import { PaygentOperations } from "./merchant-operations"
import { paygentMedusaError } from "./medusa-error"
import type { PaygentMethod } from "../../../paygent/methods"
import type { PaygentProviderOptions } from "../../../options/types"
import { assertJpy, assertWithinLimit, toYen } from "./amount"
import { bilingual, Bilingual, inputError, isInputValidationError } from "./errors"
import { ResolvedPaygentOptions, resolvePaygentOptions, validatePaygentOptions } from "../../../options/provider"
import { SessionCrypto } from "./session-crypto"
import { sessionInputError } from "./session-input"
import { resolveSessionSecret } from "./session-secret"
import { PaygentState, SessionData, stateOf } from "./session-data"
import { statusFromPaygent } from "./status-map"
import { tradingIdFor } from "../../../modules/paygent/trading-id"

type Cradle = { logger: Logger } & Record<string, unknown>

const CHECKOUT_KINDS = new Set(["010", "020", "030", "060", "450"])

/**
 * Shared logic of the four Paygent services. Each service (card, konbini, Pay-easy, net bank) supplies what
 * differs: how the session's input is checked, which telegram authorizes, and how Paygent's statuses map.
 * The provider keeps its state in the session's / payment's `data.paygent` (see session-data.ts); it is a thin
 * gateway client and persists nothing else (docs/medusa-notes.md §1).
 */
export abstract class PaygentBase extends AbstractPaymentProvider<PaygentProviderOptions> {
  protected readonly options_: ResolvedPaygentOptions
  protected readonly logger_: Logger
  protected readonly client_: PaygentClient
  private sessionCrypto_?: SessionCrypto
  /** Capture, cancel and refund of payments that exist at Paygent (merchant-operations.ts). */
  protected readonly operations_: PaygentOperations

  abstract readonly method: PaygentMethod
  /** Paygent's payment_type of this method (01 ATM, 02 card, 03 konbini number, 05 net bank). */
  abstract readonly paymentType: "01" | "02" | "03" | "05"
  abstract readonly label: Bilingual

  static validateOptions(options: PaygentProviderOptions): void {
    validatePaygentOptions(options)
  }

  constructor(cradle: Cradle, options: PaygentProviderOptions) {
    super(cradle, options)
    this.logger_ = cradle.logger
    this.options_ = resolvePaygentOptions(options)
    // Applications and 3-D Secure come from checkout; follow-ups from Medusa's own payment operations.
    this.client_ = createPaygentClient(this.options_, ledgerHooks((event) => (CHECKOUT_KINDS.has(event.telegram_kind) ? "checkout" : "medusa")))
    this.operations_ = new PaygentOperations({
      client: this.client_,
      logger: this.logger_,
      options: this.options_,
      container: () => this.container as Record<string, unknown>,
      siteParams: () => this.siteParams(),
    })
  }

  /** The session secret (session-secret.ts): the option, else the plugin's stored one; never a password. */
  protected sessionSecret(): Promise<string> {
    return resolveSessionSecret(this.options_, this.logger_)
  }

  /**
   * Seals and signs what a session keeps (session-crypto.ts). The secret may have to be read from the plugin's
   * table, so every entry point that uses it awaits `loadSessionKeys()` first.
   */
  protected get crypto_(): SessionCrypto {
    if (!this.sessionCrypto_) {
      throw new Error("Paygent: session keys used before loadSessionKeys()")
    }
    return this.sessionCrypto_
  }

  protected async loadSessionKeys(): Promise<void> {
    this.sessionCrypto_ ??= new SessionCrypto(await this.sessionSecret())
  }

  /** The highest amount this method accepts for the given session input. */
  protected abstract amountLimit(data: SessionData): number

  /** Checks the storefront's input for this method; returns what to store on the session (secrets removed). */
  protected abstract prepareSession(
    data: SessionData,
    context: PaymentProviderContext | undefined,
    yen: number
  ): Record<string, unknown>

  /** Sends the method's authorizing telegram (or asks what happened to an earlier one). */
  protected abstract authorizeWithPaygent(
    data: SessionData,
    state: PaygentState,
    context: PaymentProviderContext | undefined
  ): Promise<AuthorizePaymentOutput>

  protected siteParams(): { site_id?: string } {
    return this.options_.siteId ? { site_id: this.options_.siteId } : {}
  }

  protected nextTradingId(data: SessionData, state: PaygentState): { trading_id: string; attempt: number } {
    const sessionId = String(data.session_id ?? "")
    const attempt = state.attempt + 1
    return { trading_id: tradingIdFor(sessionId, attempt), attempt }
  }

  /**
   * Runs the method's own input checks and turns protocol-level validation errors into 400s that keep their
   * Japanese-first, bilingual wording and name the field as the shopper saw it.
   */
  private checkInput<T>(run: () => T): T {
    try {
      return run()
    } catch (error) {
      if (isInputValidationError(error) && !(error instanceof MedusaError)) {
        throw inputError(error)
      }
      throw error
    }
  }

  async initiatePayment({ amount, currency_code, data, context }: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    assertJpy(currency_code)
    await this.loadSessionKeys()
    const yen = toYen(amount)
    const input = (data ?? {}) as SessionData
    // The store route's middleware refused these already; other callers of the payment module get the same 400.
    const refused = sessionInputError(input)
    if (refused) {
      throw refused
    }
    if (yen > 0) {
      assertWithinLimit(yen, this.amountLimit(input), this.label)
    }
    const prepared = yen > 0 ? this.checkInput(() => this.prepareSession(input, context, yen)) : {}
    const state: PaygentState = { method: this.method, amount: yen, attempt: 0 }
    // Medusa stores the storefront's data plus ours, but not the session_id it gave us: keep it for trading_ids.
    const stored: SessionData = { ...prepared, session_id: input.session_id, paygent: state }
    const started = yen > 0 ? await this.startSession({ ...input, ...stored }, state) : undefined
    return {
      id: String(input.session_id ?? ""),
      status: started?.status ?? PaymentSessionStatus.PENDING,
      data: started ? { ...stored, ...started.data } : stored,
    }
  }

  /**
   * A method's work when the shopper chooses it, before the order is placed (card: 3-D Secure). Returns the
   * session's status and data additions, or undefined when there is nothing to do yet.
   */
  protected async startSession(
    _data: SessionData,
    _state: PaygentState
  ): Promise<{ status: PaymentSessionStatus; data: Record<string, unknown> } | undefined> {
    return undefined
  }

  /**
   * Records a failed attempt on the payment session, then throws the shopper's message. Medusa keeps nothing a
   * provider returns from a failed authorization, and only a thrown payment error reaches the shopper as a
   * message (`{ type: "cart", error }` from cart completion): so the attempt (its trading_id, Paygent's code, the
   * retry reference of an input error) is written through the payment module's own session service first, when
   * the module offers it to its providers.
   */
  protected async failAttempt(
    data: SessionData,
    status: PaymentSessionStatus,
    message: Bilingual
  ): Promise<never> {
    const sessions = this.sessionService()
    if (sessions && data.session_id) {
      await sessions.update({ id: data.session_id, data, status }).catch((error: Error) => {
        this.logger_.warn(`Paygent: could not record the failed attempt on ${data.session_id}: ${error.message}`)
      })
    }
    throw new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, bilingual(message))
  }

  private sessionService(): { update(input: Record<string, unknown>): Promise<unknown> } | undefined {
    try {
      const service = (this.container as Record<string, unknown>).paymentSessionService as
        | { update?: (input: Record<string, unknown>) => Promise<unknown> }
        | undefined
      return typeof service?.update === "function" ? (service as { update(input: Record<string, unknown>): Promise<unknown> }) : undefined
    } catch {
      return undefined
    }
  }

  async updatePayment({ amount, currency_code, data, context }: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    assertJpy(currency_code)
    await this.loadSessionKeys()
    const yen = toYen(amount)
    const input = (data ?? {}) as SessionData
    const state = stateOf(input) ?? { method: this.method, amount: yen, attempt: 0 }
    if (state.payment_id && state.amount !== yen) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        bilingual({
          ja: "Paygent に申し込み済みの決済の金額はここでは変更できません。",
          en: "The amount of a payment already sent to Paygent cannot be changed here.",
        })
      )
    }
    if (yen > 0) {
      assertWithinLimit(yen, this.amountLimit(input), this.label)
    }
    const prepared = yen > 0 ? this.checkInput(() => this.prepareSession(input, context, yen)) : {}
    return { data: { ...input, ...prepared, paygent: { ...state, amount: yen } } }
  }

  async authorizePayment({ data, context }: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    await this.loadSessionKeys()
    const input = (data ?? {}) as SessionData
    const state = stateOf(input)
    if (!state) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "This payment session was not created by the Paygent provider.")
    }
    if (state.amount === 0) {
      // Nothing to collect (e.g. paid in full by discounts): complete as paid without a telegram.
      const now = new Date().toISOString()
      return {
        status: PaymentSessionStatus.CAPTURED,
        data: { ...input, paygent: { ...state, zero_amount: true, authorized_at: now, captured_at: now } },
      }
    }
    return this.authorizeWithPaygent(input, state, context)
  }

  /** Paygent's status for a payment (094), mapped to Medusa's; the state is refreshed on the way. */
  async getPaymentStatus({ data }: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const input = (data ?? {}) as SessionData
    const state = stateOf(input)
    if (!state?.payment_id) {
      return { status: state?.zero_amount ? PaymentSessionStatus.CAPTURED : PaymentSessionStatus.PENDING, data: input }
    }
    const refreshed = await this.inquire(input, state)
    return { status: statusFromPaygent(this.method, stateOf(refreshed)!), data: refreshed }
  }

  async retrievePayment({ data }: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const input = (data ?? {}) as SessionData
    const state = stateOf(input)
    return { data: state?.payment_id ? await this.inquire(input, state) : input }
  }

  /** Asks Paygent (094) for the payment's status and returns the data with the state brought up to date. */
  protected async inquire(data: SessionData, state: PaygentState): Promise<SessionData> {
    try {
      const answer = await this.client_.paymentInquiry({ payment_id: state.payment_id, ...this.siteParams() })
      return { ...data, paygent: { ...state, payment_status: answer.payment_status } }
    } catch (error) {
      throw paygentMedusaError(TELEGRAM_KIND.PAYMENT_INQUIRY, error, { unknownOutcome: "error" })
    }
  }

  /**
   * Medusa deletes a session for good when the shopper chooses again (another card after a decline, another method):
   * its telegrams stay in the ledger, noted with the session's payment collection so that the order panel still shows
   * the attempt. Nothing is sent: an unpaid attempt needs no telegram (a declined one holds nothing; an unused konbini
   * number expires).
   */
  async deletePayment({ data }: DeletePaymentInput): Promise<DeletePaymentOutput> {
    const sessionId = typeof data?.session_id === "string" ? data.session_id : undefined
    const ledger = telegramLedger()
    if (sessionId && ledger?.noteSessionCollection && stateOf(data as SessionData)?.trading_id) {
      try {
        const sessions = (this.container as Record<string, any>).paymentSessionService
        const session = await sessions?.retrieve(sessionId, { select: ["id", "payment_collection_id"] })
        if (session?.payment_collection_id) {
          await ledger.noteSessionCollection(sessionId, session.payment_collection_id)
        }
      } catch (error) {
        this.logger_.warn(`Paygent: could not note the collection of session ${sessionId} being deleted: ${(error as Error).message}`)
      }
    }
    return { data }
  }

  async capturePayment({ data }: CapturePaymentInput): Promise<CapturePaymentOutput> {
    // Konbini, ATM and net bank are captured by the shopper's payment itself (status 40/43).
    const input = (data ?? {}) as SessionData
    const state = stateOf(input)
    if (state && (state.zero_amount || state.payment_status === STATUS.CLEARED || state.payment_status === STATUS.PRELIMINARY)) {
      return { data: { ...input, paygent: { ...state, captured_at: state.captured_at ?? new Date().toISOString() } } }
    }
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      bilingual({
        ja: "まだ入金されていないため、売上にできません。入金通知をお待ちください。",
        en: "This payment has not been paid yet, so it cannot be captured. Wait for Paygent's payment notice.",
      })
    )
  }

  /**
   * Paygent has no telegram to withdraw a konbini / ATM / net-bank application (an unpaid one simply expires) nor to
   * refund a paid one: a paid payment that is cancelled or refunded becomes a manual refund owed, and Medusa's
   * operation completes (merchant-operations.ts).
   */
  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    return this.operations_.cancelWithoutApi(input)
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    return this.operations_.refundWithoutApi(input)
  }

  async getWebhookActionAndData(_payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    // Paygent's notices need their own receiver (they must be answered "result=0"), see src/api/paygent/notice.
    return { action: PaymentActions.NOT_SUPPORTED }
  }

  /** Stores the attempt that is about to be sent, so a later step never reuses its trading_id. */
  protected withAttempt(state: PaygentState, attempt: { trading_id: string; attempt: number }): PaygentState {
    return { ...state, trading_id: attempt.trading_id, attempt: attempt.attempt }
  }

  protected yen(state: PaygentState): number {
    return toYen(state.amount)
  }
}
