import type {
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  CreateAccountHolderInput,
  CreateAccountHolderOutput,
  DeleteAccountHolderInput,
  DeleteAccountHolderOutput,
  DeletePaymentInput,
  DeletePaymentMethodInput,
  DeletePaymentMethodOutput,
  DeletePaymentOutput,
  ListPaymentMethodsInput,
  ListPaymentMethodsOutput,
  PaymentProviderContext,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrieveAccountHolderInput,
  RetrieveAccountHolderOutput,
  SavePaymentMethodInput,
  SavePaymentMethodOutput,
  UpdateAccountHolderInput,
  UpdateAccountHolderOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
} from "@medusajs/framework/types"
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { PAYMENT_TYPE, STATUS } from "../../../paygent"
import { Bilingual, invalidData, isPaygentError, PaygentErrorLike, SHOPPER_MESSAGES, unavailable } from "../core/errors"
import { PaygentBase } from "../core/paygent-base"
import { PaygentState, SessionData, stateOf, ThreeDsState } from "../core/session-data"
import { expectedThreeDsText } from "../core/three-ds-return"
import {
  authorizationCardParams,
  CardSource,
  customerIdOfAccountHolder,
  PAYGENT_CUSTOMER_CARD_ID,
  PAYGENT_CUSTOMER_ID,
  PaygentAccountHolderData,
  paygentCustomerIdFor,
  PaygentStoredCards,
  SAVED_CARD_MESSAGES,
  savedCardError,
  threeDsCardParams,
} from "../core/stored-cards"
import { PAYGENT_IDENTIFIERS } from "../identifiers"
import {
  CardInputContext,
  cardholderName,
  cardSource,
  checkTokenIntegrity,
  prepareCardSession,
  startSavedCardSession,
} from "../core/card-input"
import { applyThreeDsResult } from "../core/three-ds-result"
import { authorizedState, cardParams, retryTarget, THREE_DS_ID_ERRORS, threeDsRefusal, TOKEN_ERRORS } from "../core/card-authorization"

/**
 * Card payments (カード決済): the storefront sends a PaygentToken.js token, never a card number. With 3-D Secure
 * (the default) authorization runs 450 → shopper authenticates → term_url → 020 with 3dsecure_use_type=2.
 */
export class PaygentCardService extends PaygentBase {
  static identifier = PAYGENT_IDENTIFIERS.card
  readonly method = "card" as const
  readonly paymentType = PAYMENT_TYPE.CARD
  readonly label = { ja: "クレジットカード", en: "Card" }

  protected amountLimit(): number {
    return this.options_.limits.card
  }

  /** What the card's session input needs: options, the session keys (loaded first) and saved cards (card-input.ts). */
  private cardInput(): CardInputContext {
    // The keys only when used: checkTokenIntegrity needs none, and savePaymentMethod runs without them.
    const keys = () => this.crypto_
    return {
      options: this.options_,
      get crypto() {
        return keys()
      },
      storedCards: this.storedCards_,
      logger: this.logger_,
    }
  }

  protected prepareSession(data: SessionData, context: PaymentProviderContext | undefined): Record<string, unknown> {
    return prepareCardSession(this.cardInput(), data, context)
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const data = (input.data ?? {}) as SessionData
    if (data.paygent_3ds_result && typeof data.paygent_3ds_result === "object") {
      await this.loadSessionKeys()
      return { data: applyThreeDsResult(this.cardInput(), data, data.paygent_3ds_result as Record<string, string>) }
    }
    return super.updatePayment(input)
  }

  /**
   * With 3-D Secure, authentication (450) starts as soon as the shopper chooses the card, like Stripe's confirm.
   * A saved card is looked up (027), or saved first (025) when the shopper asked to save it at checkout.
   */
  protected async startSession(data: SessionData, state: PaygentState) {
    const saved = await startSavedCardSession(this.cardInput(), data, state)
    const current: SessionData = saved ? { ...data, ...saved } : data
    const source = this.options_.threeDsMode === "required" ? cardSource(this.cardInput(), current) : undefined
    if (!source) {
      return saved ? { status: PaymentSessionStatus.PENDING, data: saved } : undefined
    }
    const started = await this.startThreeDs(current, stateOf(current) ?? state, source)
    return { status: started.status, data: { ...saved, ...started.data } }
  }

  protected async authorizeWithPaygent(data: SessionData, state: PaygentState): Promise<AuthorizePaymentOutput> {
    if (state.payment_status === STATUS.AUTHORIZED) {
      return { status: PaymentSessionStatus.AUTHORIZED, data }
    }
    if (state.payment_status === STATUS.CLEARED) {
      return { status: PaymentSessionStatus.CAPTURED, data }
    }
    if (state.in_doubt) {
      return this.settleInDoubt(data, state)
    }
    const token = cardSource(this.cardInput(), data)
    if (this.options_.threeDsMode === "required" && state.threeds?.state !== "fallback") {
      switch (state.threeds?.state) {
        case "challenge":
          // The shopper has not finished authenticating: the storefront shows `paygent.threeds.acs_html` again.
          return { status: PaymentSessionStatus.REQUIRES_MORE, data }
        case "failed":
          return this.fail(data, state, state.threeds.failure?.message ?? SHOPPER_MESSAGES.threeDsFailed, { dropToken: true })
        case "authenticated":
          if (token) {
            return this.authorize(data, state, token, { "3dsecure_use_type": "2", "3ds_auth_id": state.threeds.auth_id })
          }
          break
        default:
          if (token) {
            const started = await this.startThreeDs(data, state, token)
            return { status: started.status, data: { ...data, ...started.data } }
          }
      }
      return this.fail(data, state, SHOPPER_MESSAGES.newCardNeeded, { dropToken: true })
    }
    if (!token) {
      return this.fail(data, state, SHOPPER_MESSAGES.newCardNeeded, { dropToken: true })
    }
    return this.authorize(data, state, token, { "3dsecure_ryaku": "1" })
  }

  /**
   * EMV 3-D Secure authentication (450). It moves no money and does not use up the token, so any failure can
   * simply be explained; the shopper continues on `paygent.threeds.acs_html`.
   */
  private async startThreeDs(
    data: SessionData,
    state: PaygentState,
    source: CardSource
  ): Promise<{ status: PaymentSessionStatus; data: Record<string, unknown> }> {
    const retry = retryTarget(data)
    const attempt = retry ? { trading_id: retry.trading_id, attempt: state.attempt } : this.nextTradingId(data, state)
    const next = this.withAttempt(state, attempt)
    const termUrl = new URL("/paygent/3ds/term", this.options_.backendUrl)
    termUrl.searchParams.set("session_id", String(data.session_id))
    let answer
    try {
      answer = await this.client_.threeDsAuthenticate({
        trading_id: attempt.trading_id,
        term_url: termUrl.toString(),
        merchant_name: this.options_.threeDsMerchantName!,
        authentication_type: "01",
        ...threeDsCardParams(source),
        payment_amount: this.yen(state),
        // Risk-based authentication data (brands ask for the e-mail or a phone since 2024-08).
        ...(data.cardholder_name ? { cardholder_name: String(data.cardholder_name) } : {}),
        ...(data.email ? { email_address: String(data.email) } : {}),
        ...this.siteParams(),
      })
    } catch (error) {
      if (!isPaygentError(error)) {
        throw error
      }
      if (error.response_code === "31012" && this.options_.threeDsFallbackOn31012) {
        this.logger_.warn(`Paygent: 3-D Secure not supported for this card (31012); ${attempt.trading_id} goes without it`)
        return { status: PaymentSessionStatus.PENDING, data: { paygent: { ...next, threeds: { state: "fallback" } } } }
      }
      throw threeDsRefusal(this.logger_, error, attempt.trading_id)
    }
    const threeds: ThreeDsState = {
      state: "challenge",
      acs_html: answer.out_acs_html,
      requested_at: new Date().toISOString(),
      // Only the result of this authentication may be applied to this session (three-ds-return.ts).
      expected: this.crypto_.seal(expectedThreeDsText(String(data.session_id ?? ""), attempt.trading_id, answer["3ds_auth_id"])),
    }
    return {
      status: PaymentSessionStatus.REQUIRES_MORE,
      data: {
        paygent: {
          ...next,
          threeds,
          card: {
            ...next.card,
            payment_class: String(data.payment_class ?? "10"),
            card_brand: answer.card_brand,
            masked_card_number: answer.masked_card_number,
            fingerprint: answer.fingerprint,
          },
        },
      },
    }
  }

  private async authorize(
    data: SessionData,
    state: PaygentState,
    source: CardSource,
    threeDs: Record<string, string | undefined>
  ): Promise<AuthorizePaymentOutput> {
    const retry = retryTarget(data)
    const attempt = retry
      ? { trading_id: retry.trading_id, attempt: state.attempt }
      : state.threeds && state.trading_id
        ? { trading_id: state.trading_id, attempt: state.attempt }
        : this.nextTradingId(data, state)
    const next = this.withAttempt(state, attempt)
    const capture = this.options_.captureMode === "capture"
    try {
      const answer = await this.client_.cardAuthorize({
        trading_id: attempt.trading_id,
        ...(retry ? { payment_id: retry.payment_id } : {}),
        payment_amount: this.yen(state),
        ...cardParams(data),
        ...authorizationCardParams(source),
        ...(capture ? { sales_mode: "1" } : {}),
        ...threeDs,
        ...this.siteParams(),
      })
      return authorizedState(this.options_.authValidityDaysVisaMaster, data, next, answer as unknown as Record<string, string | undefined>, capture)
    } catch (error) {
      if (!isPaygentError(error)) {
        throw error
      }
      if (error.class === "unknown_outcome") {
        return this.reconcileAuthorization(data, next, capture)
      }
      if (error.class === "input_error" && error.payment_id) {
        // 2003 (e.g. a wrong security code): the payment stays in 10 and may be retried on the same payment_id.
        const message = error.shopperMessage ?? SHOPPER_MESSAGES.newCardNeeded
        return this.fail(data, { ...next, payment_id: error.payment_id, payment_status: STATUS.APPLIED }, message, {
          dropToken: true,
          code: `2003 ${error.response_detail ?? ""}`.trim(),
          inputError: {
            response_detail: error.response_detail ?? "",
            message,
            retry_ref: this.crypto_.sign(`${error.payment_id}:${attempt.trading_id}`),
          },
        })
      }
      if (THREE_DS_ID_ERRORS.includes(error.response_code ?? "")) {
        // The 3-D Secure result can no longer be used: the shopper authenticates again.
        return this.fail(data, { ...next, threeds: null }, SHOPPER_MESSAGES.newCardNeeded, { dropToken: true })
      }
      return this.explainFailure(data, next, error)
    }
  }

  /**
   * The authorization may or may not have happened (timeout, dropped connection): ask Paygent (094) before
   * anything else, so a shopper is never authorized twice for one attempt.
   */
  private async reconcileAuthorization(
    data: SessionData,
    state: PaygentState,
    capture: boolean
  ): Promise<AuthorizePaymentOutput> {
    let answer
    try {
      answer = await this.client_.paymentInquiry({ trading_id: state.trading_id, payment_type: PAYMENT_TYPE.CARD, ...this.siteParams() })
    } catch (error) {
      if (isPaygentError(error) && error.class === "not_found") {
        // Paygent never saw the attempt: the token is unused, and the next attempt gets a new trading_id.
        return this.fail(data, state, SHOPPER_MESSAGES.retryCommunication, { status: PaymentSessionStatus.PENDING })
      }
      this.logger_.error(
        `Paygent: outcome of authorization ${state.trading_id} unknown and the inquiry failed; in doubt until 094 settles it`
      )
      // The attempt stays in doubt: nothing new is sent for this session before 094 has answered (the shopper's next
      // try, or the sync job, which voids an authorization no order took). The session stays pending (Medusa completes
      // only pending sessions) and keeps the token for that next try.
      const inDoubt = { telegram_kind: "020", trading_id: state.trading_id!, since: new Date().toISOString() }
      return this.fail(data, { ...state, in_doubt: inDoubt }, SHOPPER_MESSAGES.outcomeUnknown, { status: PaymentSessionStatus.PENDING })
    }
    const found = answer as unknown as Record<string, string | undefined>
    if (found.payment_status === STATUS.AUTHORIZED || found.payment_status === STATUS.CLEARED) {
      return authorizedState(this.options_.authValidityDaysVisaMaster, data, state, found, found.payment_status === STATUS.CLEARED || capture)
    }
    if (found.payment_status === STATUS.DECLINED) {
      return this.fail(data, { ...state, payment_id: found.payment_id }, SHOPPER_MESSAGES.newCardNeeded, { dropToken: true })
    }
    return this.fail(data, state, SHOPPER_MESSAGES.retryCommunication, { status: PaymentSessionStatus.PENDING })
  }

  /**
   * The shopper tries again on a session whose last authorization is in doubt: 094 first. Authorized → that
   * authorization is the order's (never a second one); unknown to Paygent → the attempt goes on as if new; closed
   * (declined, or voided by the sync job) → a new card; no answer again → still in doubt, nothing sent.
   */
  private async settleInDoubt(data: SessionData, state: PaygentState): Promise<AuthorizePaymentOutput> {
    const doubt = state.in_doubt!
    const settled: PaygentState = { ...state, in_doubt: null }
    let found: Record<string, string | undefined>
    try {
      found = (await this.client_.paymentInquiry({ trading_id: doubt.trading_id, payment_type: PAYMENT_TYPE.CARD, ...this.siteParams() })) as unknown as Record<
        string,
        string | undefined
      >
    } catch (error) {
      if (isPaygentError(error) && error.class === "not_found") {
        return this.authorizeWithPaygent(data, settled)
      }
      return this.fail(data, state, SHOPPER_MESSAGES.outcomeUnknown, { status: PaymentSessionStatus.PENDING })
    }
    if (found.payment_status === STATUS.AUTHORIZED || found.payment_status === STATUS.CLEARED) {
      return authorizedState(this.options_.authValidityDaysVisaMaster, data, settled, found, found.payment_status === STATUS.CLEARED || this.options_.captureMode === "capture")
    }
    return this.fail(data, { ...settled, payment_id: found.payment_id }, SHOPPER_MESSAGES.newCardNeeded, { dropToken: true })
  }

  /** A refused authorization: explained to the shopper, who can try again or use another card. */
  private explainFailure(data: SessionData, state: PaygentState, error: PaygentErrorLike): Promise<never> {
    if (error.class === "configuration") {
      throw unavailable(this.logger_, `card ${state.trading_id}`, error)
    }
    const code = [error.response_code, error.response_detail].filter(Boolean).join(" ")
    if (TOKEN_ERRORS.includes(error.response_code ?? "")) {
      return this.fail(data, state, SHOPPER_MESSAGES.tokenInvalid, { dropToken: true, code })
    }
    if (error.class === "not_sent" || error.class === "retryable") {
      return this.fail(data, state, SHOPPER_MESSAGES.retryCommunication, { code, status: PaymentSessionStatus.PENDING })
    }
    this.logger_.info(`Paygent card attempt ${state.trading_id} refused: ${code}`)
    const message = error.response_code === "31007" ? SHOPPER_MESSAGES.threeDsFailed : (error.shopperMessage ?? SHOPPER_MESSAGES.newCardNeeded)
    return this.fail(data, { ...state, payment_id: error.payment_id ?? state.payment_id }, message, { dropToken: true, code })
  }

  /**
   * Ends this attempt: the session keeps what happened (`paygent.last_error`, and for an input error the retry
   * reference) and the shopper gets the message. `status` pending leaves the same card usable for another try.
   */
  private fail(
    data: SessionData,
    state: PaygentState,
    message: Bilingual,
    options: {
      dropToken?: boolean
      code?: string
      status?: PaymentSessionStatus
      inputError?: PaygentState["input_error"]
    } = {}
  ): Promise<never> {
    const recorded: SessionData = {
      ...data,
      card_retry: null,
      ...(options.dropToken ? { card_token_sealed: null } : {}),
      paygent: {
        ...state,
        threeds: options.dropToken ? null : state.threeds,
        input_error: options.inputError ?? null,
        last_error: { code: options.code, message, at: new Date().toISOString() },
      },
    }
    return this.failAttempt(recorded, options.status ?? PaymentSessionStatus.ERROR, message)
  }

  /**
   * 売上 (Medusa's capture): 022 for the whole authorization, 補正売上 029 for a partial capture (the capture's amount
   * is read from Medusa's capture row), never twice; see merchant-operations.ts.
   */
  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    return this.operations_.captureCard(input)
  }

  /** 取消 of a payment Medusa has not captured (order cancel): 021, or 023 / a manual refund if Paygent holds a sale. */
  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    return this.operations_.cancelCard(input)
  }

  async deletePayment({ data }: DeletePaymentInput): Promise<DeletePaymentOutput> {
    // The ledger keeps the attempt for the order panel (PaygentBase.deletePayment).
    await super.deletePayment({ data })
    // A session is deleted when the cart changes; an authorization it still holds must not stay on the card.
    const state = stateOf(data as SessionData)
    if (state?.payment_status === STATUS.AUTHORIZED) {
      return this.cancelPayment({ data })
    }
    return { data }
  }

  /** 返金: 023 for what is left of the sale, 029 for part of it; a manual refund owed past the deadline (2007 / 41). */
  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    return this.operations_.refundCard(input)
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Saved cards (カード情報お預り, docs/saved-cards.md). Paygent's customer_id is derived from the Medusa customer and
  // always read from Medusa's account holder (`context.account_holder`), never from the storefront; the telegrams
  // are in core/stored-cards.ts.

  private readonly storedCards_ = new PaygentStoredCards({
    client: this.client_,
    logger: this.logger_,
    options: this.options_,
    siteParams: () => this.siteParams(),
  })

  /** Paygent has no "create customer" telegram: the account holder is the customer_id cards are saved under. */
  async createAccountHolder({ context }: CreateAccountHolderInput): Promise<CreateAccountHolderOutput> {
    const existing = customerIdOfAccountHolder(context?.account_holder)
    if (existing) {
      return { id: existing, data: { customer_id: existing } satisfies PaygentAccountHolderData }
    }
    if (!context?.customer?.id) {
      throw invalidData({ ja: "会員情報がありません。", en: "A customer is required to create a Paygent account holder." })
    }
    const customerId = paygentCustomerIdFor(context.customer.id)
    return { id: customerId, data: { customer_id: customerId } satisfies PaygentAccountHolderData }
  }

  async retrieveAccountHolder({ id }: RetrieveAccountHolderInput): Promise<RetrieveAccountHolderOutput> {
    if (!PAYGENT_CUSTOMER_ID.test(id ?? "")) {
      throw invalidData({ ja: "Paygent の会員IDが正しくありません。", en: "Not a Paygent customer_id." })
    }
    return { id, data: { customer_id: id } satisfies PaygentAccountHolderData }
  }

  /** Paygent keeps nothing about the customer besides the cards: nothing to update. */
  async updateAccountHolder(_input: UpdateAccountHolderInput): Promise<UpdateAccountHolderOutput> {
    return {}
  }

  /** Forgetting the customer at Paygent means deleting all of their saved cards (026 without customer_card_id). */
  async deleteAccountHolder({ context }: DeleteAccountHolderInput): Promise<DeleteAccountHolderOutput> {
    const customerId = customerIdOfAccountHolder(context?.account_holder)
    if (customerId) {
      await this.storedCards_.removeAll(customerId)
    }
    return {}
  }

  /** 027: the customer's saved cards (masked number, brand, expiry, expired flag); none (P026) is an empty list. */
  async listPaymentMethods({ context }: ListPaymentMethodsInput): Promise<ListPaymentMethodsOutput> {
    const customerId = customerIdOfAccountHolder(context?.account_holder)
    return customerId ? this.storedCards_.list(customerId) : []
  }

  /** 025: saves the card of a PaygentToken.js token (the data a card session takes) for the account holder. */
  async savePaymentMethod({ data, context }: SavePaymentMethodInput): Promise<SavePaymentMethodOutput> {
    const customerId = customerIdOfAccountHolder(context?.account_holder)
    if (!customerId) {
      throw invalidData(SAVED_CARD_MESSAGES.loginRequired)
    }
    const input = (data ?? {}) as SessionData
    if (typeof input.card_token !== "string") {
      throw invalidData(SAVED_CARD_MESSAGES.tokenMissing)
    }
    checkTokenIntegrity(this.cardInput(), input)
    const holder = cardholderName(input.cardholder_name)
    return this.storedCards_.save(customerId, input.card_token, holder ? { cardholder_name: holder } : {})
  }

  /** 026 for one card of the account holder's customer (another customer's card is simply not found). */
  async deletePaymentMethod({ data, context }: DeletePaymentMethodInput): Promise<DeletePaymentMethodOutput> {
    const customerId = customerIdOfAccountHolder(context?.account_holder)
    if (!customerId) {
      throw invalidData(SAVED_CARD_MESSAGES.loginRequired)
    }
    const cardId = String(data?.id ?? "")
    if (!PAYGENT_CUSTOMER_CARD_ID.test(cardId)) {
      throw savedCardError(MedusaError.Types.NOT_FOUND, SAVED_CARD_MESSAGES.deleteNotFound)
    }
    await this.storedCards_.remove(customerId, cardId)
    return {}
  }
}
