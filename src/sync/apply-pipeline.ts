import { noticeSubject } from "../notices/session-facts"

/**
 * Applies stored notices while the sync run goes on fetching: 091 allows one call in flight, so a run that stored,
 * applied and only then asked for the next record took N × (latency + apply). With the pipeline the next 091 is in
 * flight while earlier records are applied, and a run takes about N × max(latency, apply) (bench/pull.bench.ts,
 * docs/performance.md).
 *
 * Safe to overlap because every record is stored (durable, with its payment_notice_id for the gap repair) before it
 * is queued; applying is what a later run retries when a process dies with records still queued.
 *
 * Records of one payment (one key: the caller passes the payment session, else the trading id) are applied strictly
 * one after the other, in the order handed in, so two notices of one payment never race each other here. Records of
 * different payments may be applied side by side, at most `width` at a time: below Paygent's latency the records
 * come faster than one apply at a time can take them (issue #19). The width stays small because applying is mostly
 * CPU in this process (Medusa's workflow engine and the ORM), so more in flight only interleaves the same work.
 * Different payments were never ordered against each other anyway: pushed notices of different payments are applied
 * concurrently by the notice route, and the apply workflow locks per payment.
 */
export class ApplyPipeline {
  /** Handed in, not started yet, oldest first. */
  private readonly waiting: Array<{ noticeId: string; key: string }> = []
  /** Keys with an apply running now: a later record of the same key waits for it. */
  private readonly running = new Set<string>()
  /** Settles whenever an apply ends (then a new one is made). */
  private settled = signal()

  constructor(
    /** Applies one stored notice; must not throw (applyStoredNotice records failures on the notice). */
    private readonly apply: (noticeId: string) => Promise<void>,
    /** Called if `apply` throws anyway, so that one failure does not stop the records after it. */
    private readonly onError: (noticeId: string, error: unknown) => void,
    /** At most this many records are waiting or being applied: the fetcher never runs far ahead of what is applied. */
    private readonly maxQueued = 10,
    /** At most this many applies at a time, each of another key. */
    private readonly width = 2
  ) {}

  /** Records waiting or being applied. */
  get size(): number {
    return this.waiting.length + this.running.size
  }

  /**
   * Queues a stored notice under its payment's key (the notice alone when it has none); resolves at once unless
   * `maxQueued` are waiting or being applied (then as soon as one is done).
   */
  async add(noticeId: string, key: string = `notice:${noticeId}`): Promise<void> {
    this.waiting.push({ noticeId, key })
    this.start()
    while (this.size > this.maxQueued) {
      await this.settled.promise
    }
  }

  /** Waits until every queued notice has been applied (or has failed and been recorded). */
  async drain(): Promise<void> {
    while (this.size) {
      await this.settled.promise
    }
  }

  /** Starts the oldest waiting records whose payment has nothing running, up to `width` at a time. */
  private start(): void {
    // A key passed over stays blocked for the rest of the scan, so a payment's later record never overtakes its earlier one.
    const blocked = new Set(this.running)
    for (let i = 0; i < this.waiting.length && this.running.size < this.width; ) {
      const next = this.waiting[i]
      if (blocked.has(next.key)) {
        i++
        continue
      }
      this.waiting.splice(i, 1)
      blocked.add(next.key)
      this.running.add(next.key)
      void this.run(next.noticeId, next.key)
    }
  }

  private async run(noticeId: string, key: string): Promise<void> {
    try {
      await this.apply(noticeId)
    } catch (error) {
      try {
        this.onError(noticeId, error)
      } catch {
        // Reporting must not stop the pipeline either.
      }
    }
    this.running.delete(key)
    this.start()
    const ended = this.settled
    this.settled = signal()
    ended.resolve()
  }
}

/**
 * The apply pipeline's key of a stored notice: its payment (notices/session-facts.ts noticeSubject, the subject the
 * apply workflow locks on), so that notices of one payment are applied in order and those of others side by side.
 */
export function paymentKey(notice: Parameters<typeof noticeSubject>[0]): string {
  const subject = noticeSubject(notice)
  return `${subject.kind}:${subject.id}`
}

function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}
