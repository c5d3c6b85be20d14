/**
 * The in-memory store of one simulated merchant: payments, tokens, 3DS2 authentications, stored cards, bank-net
 * applications and the counters Paygent keeps per merchant.
 */
import type { BankNetApplication, Payment, StoredCard, TelegramLogEntry, ThreeDsAuth, TokenRecord } from "./model"

export class Store {
  readonly payments = new Map<string, Payment>()
  readonly tokens = new Map<string, TokenRecord>()
  readonly threeDsAuths = new Map<string, ThreeDsAuth>()
  /** Keyed by `${siteId}|${customerId}`; cards in registration order. */
  readonly storedCards = new Map<string, StoredCard[]>()
  readonly bankNetApplications = new Map<string, BankNetApplication>()
  readonly telegrams: TelegramLogEntry[] = []
  private nextPaymentId: number
  private nextCustomerCardId = 1
  private nextGeneratedTradingId = 1
  telegramSeq = 0

  constructor(paymentIdStart: number) {
    this.nextPaymentId = paymentIdStart
  }

  /**
   * Clears everything but keeps the payment_id counter running, so ids a client saw before the reset are never
   * handed out again (a reset is a new sandbox day, not a new Paygent).
   */
  reset(): void {
    this.payments.clear()
    this.tokens.clear()
    this.threeDsAuths.clear()
    this.storedCards.clear()
    this.bankNetApplications.clear()
    this.telegrams.length = 0
    this.telegramSeq = 0
  }

  /** The counters a restart must continue from (persistence.ts). */
  counters(): { nextPaymentId: number; nextCustomerCardId: number; nextGeneratedTradingId: number } {
    return {
      nextPaymentId: this.nextPaymentId,
      nextCustomerCardId: this.nextCustomerCardId,
      nextGeneratedTradingId: this.nextGeneratedTradingId,
    }
  }

  /** Continues from saved counters; the payment_id counter never goes back (ids seen before are never reused). */
  restoreCounters(saved: { nextPaymentId: number; nextCustomerCardId: number; nextGeneratedTradingId: number }): void {
    this.nextPaymentId = Math.max(this.nextPaymentId, saved.nextPaymentId)
    this.nextCustomerCardId = saved.nextCustomerCardId
    this.nextGeneratedTradingId = saved.nextGeneratedTradingId
  }

  newPaymentId(): string {
    return String(this.nextPaymentId++)
  }

  newCustomerCardId(): string {
    return String(this.nextCustomerCardId++)
  }

  /** trading_id for bank net ASP when Paygent assigns it (alnum, ≤25). */
  newTradingId(): string {
    return `PGSIM${String(this.nextGeneratedTradingId++).padStart(10, "0")}`
  }

  addPayment(payment: Payment): void {
    this.payments.set(payment.paymentId, payment)
  }

  paymentsByTradingId(tradingId: string): Payment[] {
    return [...this.payments.values()].filter((p) => p.tradingId === tradingId)
  }

  storedCardsOf(siteId: string, customerId: string): StoredCard[] {
    return this.storedCards.get(`${siteId}|${customerId}`) ?? []
  }

  setStoredCardsOf(siteId: string, customerId: string, cards: StoredCard[]): void {
    const key = `${siteId}|${customerId}`
    if (cards.length === 0) this.storedCards.delete(key)
    else this.storedCards.set(key, cards)
  }
}
