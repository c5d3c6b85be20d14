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
import { STATUS, tokenHash } from "../../../paygent"
import {
  bilingual,
  Bilingual,
  FIELD_LABELS,
  invalidData,
  isPaygentError,
  PaygentErrorLike,
  SHOPPER_MESSAGES,
  unavailable,
} from "../core/errors"
import { cardDeadlines } from "../../../paygent/deadlines"
import { cardBrandOf } from "../core/merchant-operations"
import { PaygentBase } from "../core/paygent-base"
import { PaygentState, SessionData, stateOf, ThreeDsState } from "../core/session-data"
import { controlCharacterError } from "../core/session-input"
import { expectedThreeDsText, judgeThreeDsReturn } from "../core/three-ds-return"
import {
  authorizationCardParams,
  CardSource,
  customerIdOfAccountHolder,
  PAYGENT_CUSTOMER_CARD_ID,
  PAYGENT_CUSTOMER_ID,
  PaygentAccountHolderData,
  paygentCustomerIdFor,
  PaygentStoredCards,
  parseSavedCardReference,
  SAVED_CARD_MESSAGES,
  savedCardError,
  SavedCardData,
  savedCardReferenceText,
  threeDsCardParams,
} from "../core/stored-cards"
import { PAYGENT_IDENTIFIERS } from "../identifiers"

const PAYMENT_CLASSES = ["10", "23", "61", "80"] as const
const TOKEN_ERRORS = ["2020", "2021", "2022", "2024", "2025", "2026", "31003", "31004", "31005"]
const THREE_DS_ID_ERRORS = ["31008", "31009", "31010", "31011"]

/**
 * The name embossed on the card as the 3-D Secure risk data wants it (2–45 ASCII characters), if given. A name
 * PaygentToken.js itself would refuse (not ASCII, over 45 characters) is a 400 naming カード名義; a single letter is
 * simply not sent (it is optional risk data).
 */
function cardholderName(value: unknown): string | null {
  const name = typeof value === "string" ? value.trim() : ""
  if (name !== "" && !/^[\x20-\x7e]{1,45}$/.test(name)) {
    throw invalidData({
      ja: `${FIELD_LABELS.cardholder_name.ja}はカードに記載のとおり半角英字（45文字まで）で入力してください。`,
      en: `${FIELD_LABELS.cardholder_name.en} must be written as on the card, in ASCII letters (at most 45 characters).`,
    })
  }
  return name.length >= 2 ? name : null
}

/** Keys the storefront may send that are secrets or internal: always rewritten by the provider. */
const SCRUBBED = {
  card_token: null,
  token_hc: null,
  retry_ref: null,
  // Saved cards: what the storefront asks for becomes `saved_card` (signed), or nothing.
  security_code_token: null,
  customer_card_id: null,
  customer_id: null,
  save_card: null,
  saved_card: null,
  card_save_sealed: null,
}

/**
 * Card payments (カード決済): the storefront sends a PaygentToken.js token, never a card number. With 3-D Secure
 * (the default) authorization runs 450 → shopper authenticates → term_url → 020 with 3dsecure_use_type=2.
 */
export class PaygentCardService extends PaygentBase {
  static identifier = PAYGENT_IDENTIFIERS.card
  readonly method = "card" as const
  readonly paymentType = "02" as const
  readonly label = { ja: "クレジットカード", en: "Card" }

  protected amountLimit(): number {
    return this.options_.limits.card
  }

  protected prepareSession(data: SessionData, _context: PaymentProviderContext | undefined): Record<string, unknown> {
    const paymentClass = String(data.payment_class ?? "10")
    if (!(PAYMENT_CLASSES as readonly string[]).includes(paymentClass)) {
      throw invalidData({
        ja: "お支払い方法（一括・分割・ボーナス一括・リボ）の指定が正しくありません。",
        en: 'payment_class must be "10" (one-time), "23" (bonus), "61" (installments) or "80" (revolving).',
      })
    }
    const splitCount = paymentClass === "61" ? String(data.split_count ?? "") : undefined
    if (splitCount !== undefined && !/^(?:[2-9]|[1-9]\d)$/.test(splitCount)) {
      throw invalidData({ ja: "分割回数を指定してください。", en: "split_count (2–99) is required for installments." })
    }
    const email = typeof data.email === "string" ? data.email : (_context?.customer?.email ?? null)
    // The customer's e-mail goes to the 450 as risk data: a control character in it is refused like one in the data.
    const badEmail = controlCharacterError("email", email)
    if (badEmail) {
      throw badEmail
    }
    const common = {
      ...SCRUBBED,
      payment_class: paymentClass,
      split_count: splitCount ?? null,
      return_url: this.returnUrl(data.return_url),
      cardholder_name: cardholderName(data.cardholder_name),
      email,
    }
    const savedCard = this.prepareSavedCardSession(data, _context)
    if (savedCard) {
      return { ...common, ...savedCard }
    }
    if (typeof data.card_token !== "string") {
      if (typeof data.card_token_sealed === "string" && stateOf(data)) {
        // An update of a session that already holds a sealed token (server side only).
        return { ...common, card_token_sealed: data.card_token_sealed, card_retry: data.card_retry ?? null }
      }
      throw invalidData({
        ja: "カード情報（トークン）がありません。",
        en: "card_token (from PaygentToken.js) is required for a card payment.",
      })
    }
    this.checkTokenIntegrity(data)
    return {
      ...common,
      card_token_sealed: this.crypto_.seal(data.card_token),
      card_retry: this.crypto_.verify(data.retry_ref) ?? null,
      card_display: {
        masked_card_number: typeof data.masked_card_number === "string" ? data.masked_card_number : undefined,
        fingerprint: typeof data.fingerprint === "string" ? data.fingerprint : undefined,
      },
    }
  }

  /** Where the browser goes after 3-D Secure: the storefront's page for this checkout, else the configured one. */
  private returnUrl(given: unknown): string | null {
    const url = typeof given === "string" && given !== "" ? given : this.options_.threeDsReturnUrl
    if (!url) {
      return null
    }
    if (!/^https?:\/\//.test(url)) {
      throw invalidData({ ja: "return_url が正しくありません。", en: "return_url must be an http(s) URL." })
    }
    return url
  }

  /** The token hash of PaygentToken.js (§11.1) proves the token and card summary came from Paygent unchanged. */
  private checkTokenIntegrity(data: SessionData): void {
    if (!/^[A-Za-z0-9_]{1,30}$/.test(String(data.card_token))) {
      throw invalidData({ ja: "カード情報（トークン）の形式が正しくありません。", en: "card_token has an invalid format." })
    }
    if (!this.options_.tokenHashKey) {
      return
    }
    const expected = tokenHash(
      {
        token: String(data.card_token),
        masked_card_number: String(data.masked_card_number ?? ""),
        valid_until: String(data.valid_until ?? ""),
        fingerprint: String(data.fingerprint ?? ""),
      },
      this.options_.tokenHashKey
    )
    if (expected !== data.token_hc) {
      throw invalidData({
        ja: "カード情報の確認に失敗しました。カード情報を再度入力してください。",
        en: "The card token failed its integrity check (token_hc). Please enter the card again.",
      })
    }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const data = (input.data ?? {}) as SessionData
    if (data.paygent_3ds_result && typeof data.paygent_3ds_result === "object") {
      await this.loadSessionKeys()
      return { data: this.applyThreeDsResult(data, data.paygent_3ds_result as Record<string, string>) }
    }
    return super.updatePayment(input)
  }

  /**
   * The 3-D Secure result Paygent redirected the shopper's browser with (term_url), or its 30-minute timeout
   * call. Applied only to a session waiting for exactly that authentication, and a success only with Paygent's
   * hash (three-ds-return.ts); anything else leaves the session as it was.
   */
  private applyThreeDsResult(data: SessionData, result: Record<string, string>): SessionData {
    const { paygent_3ds_result: _ignored, ...rest } = data
    const state = stateOf(rest)
    const verdict = judgeThreeDsReturn({
      sessionId: String(rest.session_id ?? ""),
      state,
      expected: this.crypto_.open(state?.threeds?.expected),
      result,
      hashKey: this.options_.threeDsHashKey ?? "",
    })
    if (!verdict.apply || !state) {
      if (!verdict.apply && verdict.reason !== "not_waiting") {
        this.logger_.warn(`Paygent 3-D Secure result ignored (${verdict.reason}) for session ${String(rest.session_id ?? "")}`)
      }
      return rest
    }
    const resultCode = result.result ?? ""
    const now = new Date().toISOString()
    let threeds: ThreeDsState
    // `expected: null`: the awaited result has come (Medusa merges data, so the key is cleared, not left out).
    if (resultCode === "0" && (result.attempt_kbn !== "1" || this.options_.threeDsAcceptAttemptError)) {
      threeds = { state: "authenticated", auth_id: result["3ds_auth_id"], attempt_kbn: result.attempt_kbn ?? "", expected: null }
    } else {
      const code = resultCode === "0" ? "attempt_kbn=1" : (result.response_code ?? "")
      const message = code === "31013" ? SHOPPER_MESSAGES.threeDsTimeout : SHOPPER_MESSAGES.threeDsFailed
      threeds = { state: "failed", failure: { response_code: code, message }, expected: null }
      this.logger_.info(`Paygent 3-D Secure not passed (${code}) for trading_id ${state.trading_id}`)
      return {
        ...rest,
        card_token_sealed: null,
        paygent: { ...state, threeds, last_error: { code, message, at: now } },
      }
    }
    return { ...rest, paygent: { ...state, threeds, last_error: null } }
  }

  /**
   * With 3-D Secure, authentication (450) starts as soon as the shopper chooses the card, like Stripe's confirm.
   * A saved card is looked up (027), or saved first (025) when the shopper asked to save it at checkout.
   */
  protected async startSession(data: SessionData, state: PaygentState) {
    const saved = await this.startSavedCardSession(data, state)
    const current: SessionData = saved ? { ...data, ...saved } : data
    const source = this.options_.threeDsMode === "required" ? this.cardSource(current) : undefined
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
    const token = this.cardSource(data)
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

  /** payment_id and trading_id of an earlier payment of this cart that got an input error (2003). */
  private retryTarget(data: SessionData): { payment_id: string; trading_id: string } | undefined {
    const [payment_id, trading_id] = String(data.card_retry ?? "").split(":")
    return payment_id && trading_id ? { payment_id, trading_id } : undefined
  }

  private cardParams(data: SessionData) {
    return {
      payment_class: String(data.payment_class ?? "10") as (typeof PAYMENT_CLASSES)[number],
      ...(data.split_count ? { split_count: String(data.split_count) } : {}),
    }
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
    const retry = this.retryTarget(data)
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
      throw this.refusal(error, attempt.trading_id)
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

  /** A refused 450: thrown so that Medusa drops the session and the shopper sees why. */
  private refusal(error: PaygentErrorLike, tradingId: string): MedusaError {
    if (error.class === "configuration") {
      return unavailable(this.logger_, `3-D Secure ${tradingId}`, error)
    }
    const message = TOKEN_ERRORS.includes(error.response_code ?? "")
      ? SHOPPER_MESSAGES.tokenInvalid
      : error.class === "not_sent" || error.class === "retryable" || error.class === "unknown_outcome"
        ? SHOPPER_MESSAGES.retryCommunication
        : error.response_code === "31007"
          ? SHOPPER_MESSAGES.threeDsFailed
          : error.response_code === "31012"
            ? SHOPPER_MESSAGES.threeDsUnavailable
            : (error.shopperMessage ?? SHOPPER_MESSAGES.newCardNeeded)
    return new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, bilingual(message))
  }

  private async authorize(
    data: SessionData,
    state: PaygentState,
    source: CardSource,
    threeDs: Record<string, string | undefined>
  ): Promise<AuthorizePaymentOutput> {
    const retry = this.retryTarget(data)
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
        ...this.cardParams(data),
        ...authorizationCardParams(source),
        ...(capture ? { sales_mode: "1" } : {}),
        ...threeDs,
        ...this.siteParams(),
      })
      return this.authorized(data, next, answer as unknown as Record<string, string | undefined>, capture)
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

  private authorized(
    data: SessionData,
    state: PaygentState,
    answer: Record<string, string | undefined>,
    capture: boolean
  ): AuthorizePaymentOutput {
    const authorizedAt = new Date()
    const now = authorizedAt.toISOString()
    // null, not omitted: Medusa merges the session's data, and the sealed token must not survive there.
    const rest = { ...data, card_token_sealed: null, card_retry: null, card_display: null }
    const brand = cardBrandOf(state.card?.card_brand, answer.acq_id)
    const paygent: PaygentState = {
      ...state,
      payment_id: answer.payment_id,
      payment_status: capture ? STATUS.CLEARED : STATUS.AUTHORIZED,
      authorized_at: now,
      authorized_amount: state.amount,
      // When the authorization stops being capturable (60 days; 25 for Visa / Mastercard if the contract says so).
      ...cardDeadlines(authorizedAt, brand, this.options_.authValidityDaysVisaMaster),
      ...(capture ? { captured_at: now, captured_amount: state.amount } : {}),
      card: {
        ...state.card,
        card_brand: brand,
        payment_class: String(data.payment_class ?? "10"),
        ...(data.split_count ? { split_count: String(data.split_count) } : {}),
        masked_card_number: answer.masked_card_number || state.card?.masked_card_number,
        fingerprint: answer.fingerprint || state.card?.fingerprint,
        card_valid_term: answer.card_valid_term || undefined,
        acq_name: answer.acq_name || undefined,
      },
      threeds: state.threeds
        ? { state: state.threeds.state, auth_id: state.threeds.auth_id, attempt_kbn: state.threeds.attempt_kbn, acs_html: null }
        : null,
      last_error: null,
      input_error: null,
    }
    return {
      status: capture ? PaymentSessionStatus.CAPTURED : PaymentSessionStatus.AUTHORIZED,
      data: { ...rest, paygent },
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
      answer = await this.client_.paymentInquiry({ trading_id: state.trading_id, payment_type: "02", ...this.siteParams() })
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
      return this.authorized(data, state, found, found.payment_status === STATUS.CLEARED || capture)
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
      found = (await this.client_.paymentInquiry({ trading_id: doubt.trading_id, payment_type: "02", ...this.siteParams() })) as unknown as Record<
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
      return this.authorized(data, settled, found, found.payment_status === STATUS.CLEARED || this.options_.captureMode === "capture")
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
    this.checkTokenIntegrity(input)
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

  /**
   * The card session's input for a saved card: `customer_card_id` (pay with it) or `save_card: true` with a token
   * (save it, then pay with it). The customer_id comes from the account holder; what the session keeps is signed
   * for this session, so nothing a storefront writes can point a payment at another customer's card.
   */
  private prepareSavedCardSession(
    data: SessionData,
    context: PaymentProviderContext | undefined
  ): Record<string, unknown> | undefined {
    const cardId = data.customer_card_id
    const save = data.save_card === true || data.save_card === "true"
    if ((cardId === undefined || cardId === null || cardId === "") && !save) {
      // A server-side update of a session that already pays with a saved card keeps it.
      return stateOf(data) && this.savedCardReference(data)
        ? {
            saved_card: data.saved_card,
            card_token_sealed: data.card_token_sealed ?? null,
            card_save_sealed: data.card_save_sealed ?? null,
            card_retry: data.card_retry ?? null,
          }
        : undefined
    }
    const customerId = customerIdOfAccountHolder(context?.account_holder)
    if (!customerId) {
      throw invalidData(SAVED_CARD_MESSAGES.loginRequired)
    }
    const cvc = data.security_code_token
    if (cvc !== undefined && cvc !== null && !(typeof cvc === "string" && /^[A-Za-z0-9_]{1,30}$/.test(cvc))) {
      throw invalidData({ ja: "セキュリティコード（トークン）の形式が正しくありません。", en: "security_code_token has an invalid format." })
    }
    if (this.options_.requireSecurityCodeForSavedCards && typeof cvc !== "string") {
      throw invalidData(SAVED_CARD_MESSAGES.securityCodeRequired)
    }
    const sessionId = String(data.session_id ?? "")
    const common = { card_token_sealed: typeof cvc === "string" ? this.crypto_.seal(cvc) : null, card_display: null }
    if (cardId !== undefined && cardId !== null && cardId !== "") {
      if (!PAYGENT_CUSTOMER_CARD_ID.test(String(cardId))) {
        throw invalidData(SAVED_CARD_MESSAGES.cardIdInvalid)
      }
      return {
        ...common,
        saved_card: { customer_card_id: String(cardId), ref: this.crypto_.sign(savedCardReferenceText(sessionId, customerId, String(cardId))) },
        card_retry: this.crypto_.verify(data.retry_ref) ?? null,
      }
    }
    if (typeof data.card_token !== "string") {
      throw invalidData(SAVED_CARD_MESSAGES.tokenMissing)
    }
    this.checkTokenIntegrity(data)
    return {
      ...common,
      saved_card: { customer_card_id: null, ref: this.crypto_.sign(savedCardReferenceText(sessionId, customerId, "new")) },
      card_save_sealed: this.crypto_.seal(data.card_token),
      card_retry: null,
    }
  }

  /** The saved card this session was prepared for (signature and session checked), if any. */
  private savedCardReference(data: SessionData) {
    const saved = data.saved_card as { ref?: unknown } | null | undefined
    if (!saved || typeof saved !== "object") {
      return undefined
    }
    const reference = parseSavedCardReference(this.crypto_.verify(saved.ref))
    return reference && reference.session_id === String(data.session_id ?? "") ? reference : undefined
  }

  /** Saves the card first when asked (025), else looks the saved card up (027); the session shows its summary. */
  private async startSavedCardSession(data: SessionData, state: PaygentState): Promise<SessionData | undefined> {
    const reference = this.savedCardReference(data)
    if (!reference) {
      return undefined
    }
    let card: { id: string; data: SavedCardData }
    let savedNow = false
    if (reference.customer_card_id === "new") {
      const token = this.crypto_.open(data.card_save_sealed)
      if (!token) {
        throw invalidData(SAVED_CARD_MESSAGES.tokenMissing)
      }
      const holder = cardholderName(data.cardholder_name)
      card = await this.storedCards_.save(reference.customer_id, token, holder ? { cardholder_name: holder } : {})
      savedNow = true
    } else {
      const found = await this.storedCards_.findForPayment(reference.customer_id, reference.customer_card_id)
      card = { id: reference.customer_card_id, data: found }
    }
    const sessionId = String(data.session_id ?? "")
    return {
      saved_card: {
        customer_card_id: card.id,
        masked_card_number: card.data.masked_card_number,
        card_brand: card.data.card_brand,
        expiry_month: card.data.expiry_month,
        expiry_year: card.data.expiry_year,
        saved_now: savedNow,
        ref: this.crypto_.sign(savedCardReferenceText(sessionId, reference.customer_id, card.id)),
      },
      card_save_sealed: null,
      paygent: {
        ...state,
        card: {
          ...state.card,
          payment_class: String(data.payment_class ?? "10"),
          masked_card_number: card.data.masked_card_number,
          card_brand: card.data.card_brand ?? undefined,
          card_valid_term: card.data.card_valid_term ?? undefined,
        },
      },
    }
  }

  /** The card of this session's telegrams: its saved card (with the CVV-only token, if any), or its token. */
  private cardSource(data: SessionData): CardSource | undefined {
    const token = this.crypto_.open(data.card_token_sealed)
    if (data.saved_card === undefined || data.saved_card === null) {
      return token ? { kind: "token", token } : undefined
    }
    const reference = this.savedCardReference(data)
    if (!reference || reference.customer_card_id === "new") {
      return undefined
    }
    if (this.options_.requireSecurityCodeForSavedCards && !token) {
      return undefined
    }
    return {
      kind: "saved",
      customer_id: reference.customer_id,
      customer_card_id: reference.customer_card_id,
      ...(token ? { cvc_token: token } : {}),
    }
  }
}
