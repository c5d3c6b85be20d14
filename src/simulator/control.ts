/**
 * SimulatorControl: the in-process test tool (Paygent's 試験環境ツール and more). Every method has an HTTP twin
 * under /_sim/ (control-api.ts) with the same JSON shapes.
 */
import { advanceClockTo } from "./batches"
import { SimClock, type ClockAdvance } from "./clock"
import type { SimulatorCore } from "./core"
import type { Fault, FaultInput } from "./faults"
import { formatJstDateTime } from "./jst"
import { hasPreliminaryNotice } from "./konbini-stores"
import type { Payment, PushAttempt } from "./model"
import type { PushSettings, PushState } from "./push"
import { answerThreeDs, ThreeDsAnswerError, type ThreeDsAnswer, type ThreeDsAnswerInput } from "./threeds-answer"
import { createCardToken, createCvcToken, tokenView, type CardTokenInput, type TokenView } from "./tokens"
import {
  noticeView,
  paymentView,
  storedCardView,
  telegramView,
  threeDsView,
  type NoticeView,
  type PaymentView,
} from "./views"

/** A control call that cannot be carried out; `status` is the HTTP status of the /_sim twin. */
export class SimControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message)
  }
}

export interface ClockView {
  now: string
  now_jst: string
}

export interface PayOptions {
  /** Konbini Seven-Eleven/FamilyMart only: report the preliminary payment (43) instead of clearing (40). */
  preliminary?: boolean
  /** Konbini: the store where the buyer paid (default: the first usable one). */
  cvs_company_id?: string
  /** ATM: the paying bank (default 0010). */
  bank_code?: string
}

export class SimulatorControl {
  constructor(private readonly core: SimulatorCore) {}

  /** Creates a card token as the token JS would (without its merchant-id/key check). */
  createToken(input: CardTokenInput): TokenView {
    return tokenView(this.core, createCardToken(this.core, input))
  }

  /** Creates a CVV-only token (createCvcToken). */
  createCvcToken(input: { cvc?: string }): TokenView {
    return tokenView(this.core, createCvcToken(this.core, input))
  }

  getPayment(paymentId: string): PaymentView | undefined {
    const payment = this.core.store.payments.get(paymentId)
    return payment ? paymentView(payment) : undefined
  }

  listPayments(filter: { trading_id?: string } = {}): PaymentView[] {
    return [...this.core.store.payments.values()]
      .filter((p) => filter.trading_id === undefined || p.tradingId === filter.trading_id)
      .map(paymentView)
  }

  private payment(paymentId: string): Payment {
    const payment = this.core.store.payments.get(paymentId)
    if (!payment) throw new SimControlError(404, `payment ${paymentId} not found`)
    return payment
  }

  private conflict(payment: Payment, action: string): never {
    throw new SimControlError(409, `cannot ${action} payment ${payment.paymentId} (type ${payment.paymentType}) in status ${payment.status}`)
  }

  /** The buyer pays: konbini 10 → 40 (or 43 with preliminary, 43 → 40), ATM 10 → 40, bank net 10/15 → 40. */
  pay(paymentId: string, options: PayOptions = {}): PaymentView {
    const core = this.core
    const payment = this.payment(paymentId)
    const now = core.now()
    switch (payment.paymentType) {
      case "03": {
        const konbini = payment.konbini!
        const companyId = options.cvs_company_id ?? konbini.paidCompanyId ?? ""
        if (companyId !== "" && !konbini.usableCompanyIds.includes(companyId)) {
          throw new SimControlError(400, `cvs_company_id ${companyId} cannot take this number (usable: ${konbini.usableCompanyIds.join("-")})`)
        }
        konbini.paidCompanyId = companyId || konbini.usableCompanyIds[0]
        if (options.preliminary) {
          if (!hasPreliminaryNotice(konbini.cvsType)) {
            throw new SimControlError(400, "only Seven-Eleven (CVS type 03) and FamilyMart (04) send a preliminary notice (43)")
          }
          if (payment.status !== "10") this.conflict(payment, "preliminarily pay")
          payment.earlyNoticeDate = now
          payment.userPaymentDate = now
          core.transition(payment, "43", "control:pay")
        } else {
          if (payment.status !== "10" && payment.status !== "43") this.conflict(payment, "pay")
          payment.userPaymentDate ??= now
          payment.paymentDate = now
          core.transition(payment, "40", "control:pay")
        }
        break
      }
      case "01":
        if (payment.status !== "10") this.conflict(payment, "pay")
        payment.bankCode = options.bank_code ?? "0010"
        payment.userPaymentDate = now
        payment.paymentDate = now
        core.transition(payment, "40", "control:pay")
        break
      case "05":
        // A bank-net payment may still arrive after 15 (§10 step 6).
        if (payment.status !== "10" && payment.status !== "15") this.conflict(payment, "pay")
        payment.userPaymentDate = now
        payment.paymentDate = now
        core.transition(payment, "40", "control:pay")
        break
      default:
        throw new SimControlError(400, "card payments are paid through telegrams (022), not the control API")
    }
    return paymentView(payment)
  }

  /** The deadline passes now: konbini/ATM 10 → 12, bank net 10 → 15. */
  expire(paymentId: string): PaymentView {
    const payment = this.payment(paymentId)
    if (payment.paymentType === "02") throw new SimControlError(400, "card payments expire through the clock (/_sim/clock/advance)")
    if (payment.status !== "10") this.conflict(payment, "expire")
    this.core.transition(payment, payment.paymentType === "05" ? "15" : "12", "control:expire")
    return paymentView(payment)
  }

  /** Konbini 43 → 61: the store withdrew its preliminary notice (rare at Paygent). */
  cancelPreliminary(paymentId: string): PaymentView {
    const payment = this.payment(paymentId)
    if (payment.paymentType !== "03" || payment.status !== "43") this.conflict(payment, "cancel the preliminary notice of")
    payment.cancelDate = this.core.now()
    this.core.transition(payment, "61", "control:cancel-preliminary")
    return paymentView(payment)
  }

  getClock(): ClockView {
    const now = this.core.now()
    return { now: new Date(now).toISOString(), now_jst: formatJstDateTime(now) }
  }

  /** Moves the simulated clock forward and runs the batches that fall due (batches.ts). */
  async advanceClock(advance: ClockAdvance): Promise<ClockView> {
    let duration: number
    try {
      duration = SimClock.durationMs(advance)
    } catch (error) {
      throw new SimControlError(400, error instanceof Error ? error.message : String(error))
    }
    await this.core.serializeBatches(() => advanceClockTo(this.core, this.core.now() + duration))
    return this.getClock()
  }

  addFault(input: FaultInput): Fault {
    try {
      return this.core.faults.add(input)
    } catch (error) {
      throw new SimControlError(400, error instanceof Error ? error.message : String(error))
    }
  }

  listFaults(): Fault[] {
    return this.core.faults.list()
  }

  clearFaults(): void {
    this.core.faults.clear()
  }

  listNotices(): NoticeView[] {
    return this.core.notices.records.map(noticeView)
  }

  /** Purges unread notices made at least `older_than_days` (default 7) simulated days ago. */
  purgeNotices(options: { older_than_days?: number } = {}): { purged: number } {
    const days = options.older_than_days ?? 7
    return { purged: this.core.notices.purgeExpired(this.core.now(), days * 24 * 60 * 60 * 1000) }
  }

  listTelegrams() {
    return this.core.store.telegrams.map(telegramView)
  }

  listPushes(): PushAttempt[] {
    return this.core.push.attempts.map((a) => ({ ...a }))
  }

  getPush(): PushState {
    return this.core.push.state()
  }

  setPush(settings: PushSettings): PushState {
    return this.core.push.configure(settings)
  }

  /** Resolves once every queued push was delivered, or delivery is paused or off. */
  waitForPushes(timeoutMs?: number): Promise<void> {
    return this.core.push.waitForIdle(timeoutMs)
  }

  setLatency(ms: number): { latency_ms: number } {
    if (!Number.isFinite(ms) || ms < 0) throw new SimControlError(400, "ms must be a number ≥ 0")
    this.core.latencyMs = ms
    return { latency_ms: ms }
  }

  getThreeDsAuth(authId: string) {
    const auth = this.core.store.threeDsAuths.get(authId)
    return auth ? threeDsView(auth) : undefined
  }

  /**
   * Finishes a 3-D Secure authentication without a browser: frictionless as planned, or a challenge answered with
   * `password` (default: the brand's success password); with `deliver` the term_url is requested too.
   */
  async answerThreeDs(input: ThreeDsAnswerInput): Promise<ThreeDsAnswer> {
    try {
      return await answerThreeDs(this.core, input)
    } catch (error) {
      if (error instanceof ThreeDsAnswerError) throw new SimControlError(error.status, error.message)
      throw error
    }
  }

  listStoredCards(filter: { customer_id?: string; site_id?: string } = {}) {
    return [...this.core.store.storedCards.values()]
      .flat()
      .filter((c) => (filter.customer_id === undefined || c.customerId === filter.customer_id) && (filter.site_id === undefined || c.siteId === filter.site_id))
      .map(storedCardView)
  }

  /** Forgets everything (payments, tokens, notices, faults, telegram log) and restarts the clock. */
  reset(): void {
    this.core.reset()
  }
}
