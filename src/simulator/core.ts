/**
 * The shared state of one running simulator (what handlers, pages, batches and the control API all work on).
 */
import { SimClock } from "./clock"
import { FaultBook } from "./faults"
import type { Payment } from "./model"
import { NoticeBook } from "./notices"
import type { ResolvedOptions } from "./options"
import { PushDelivery } from "./push"
import { Store } from "./state"

export class SimulatorCore {
  readonly clock: SimClock
  readonly store: Store
  readonly notices: NoticeBook
  readonly push: PushDelivery
  readonly faults = new FaultBook()
  latencyMs: number
  /** Base URL of the telegram listener (HTTPS with client certificates when tls is on). */
  baseUrl = ""
  /** Base URL of the browser-facing pages and /_sim (the same as baseUrl unless tls is on). */
  publicUrl = ""

  constructor(readonly options: ResolvedOptions) {
    this.clock = new SimClock(options.now, options.clock)
    this.store = new Store(options.paymentIdStart)
    this.push = new PushDelivery(options.notifyUrl, options.noticeHashKey, options.pushRetry, options.log)
    this.notices = new NoticeBook(this.clock, (record) => this.push.enqueue(record))
    this.latencyMs = options.latencyMs
  }

  now(): number {
    return this.clock.now()
  }

  private batchQueue: Promise<void> = Promise.resolve()

  /**
   * Runs `work` after any batch run in progress (advance calls and the running clock's ticks must not interleave).
   */
  serializeBatches<T>(work: () => Promise<T>): Promise<T> {
    const result = this.batchQueue.then(work)
    this.batchQueue = result.then(
      () => undefined,
      () => undefined,
    )
    return result
  }

  /** Moves a payment to a status; records a notice when §6.1 marks that status as notified for the payment type. */
  transition(payment: Payment, status: string, by: string): void {
    payment.status = status
    payment.history.push({ status, at: this.clock.now(), by })
    if (this.notices.shouldNotify(payment)) this.notices.record(payment)
  }

  /**
   * Back to an empty merchant: the clock restarts at the configured start or real now; payment_id and
   * payment_notice_id keep counting, so nothing an application stored before the reset is ever named again.
   */
  reset(): void {
    this.store.reset()
    this.notices.reset()
    this.push.reset()
    this.faults.clear()
    this.clock.reset(this.options.fixedStart ? this.options.now : Date.now())
    this.latencyMs = this.options.latencyMs
  }
}
