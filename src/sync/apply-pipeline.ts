/**
 * Applies stored notices one after the other, in the order they were handed in, while the sync run goes on
 * fetching: 091 allows one call in flight, so a run that stored, applied and only then asked for the next record
 * took N × (latency + apply). With the pipeline the next 091 is in flight while the previous record is applied, and a
 * run takes about N × max(latency, apply) (bench/pull.bench.ts, docs/performance.md).
 *
 * Safe to overlap because every record is stored (durable, with its payment_notice_id for the gap repair) before it
 * is queued; applying is what a later run retries when a process dies with records still queued. Records are applied
 * serially and in order, as before, so two notices of one payment never race each other here.
 */
export class ApplyPipeline {
  /** One promise per queued notice, oldest first; each settles after the one before it. */
  private readonly queued: Array<Promise<void>> = []

  constructor(
    /** Applies one stored notice; must not throw (applyStoredNotice records failures on the notice). */
    private readonly apply: (noticeId: string) => Promise<void>,
    /** Called if `apply` throws anyway, so that one failure does not stop the records after it. */
    private readonly onError: (noticeId: string, error: unknown) => void,
    /** At most this many records wait: the fetcher never runs far ahead of what is applied. */
    private readonly maxQueued = 10
  ) {}

  get size(): number {
    return this.queued.length
  }

  /** Queues a stored notice; resolves at once unless `maxQueued` are waiting (then when the oldest is applied). */
  async add(noticeId: string): Promise<void> {
    const previous = this.queued[this.queued.length - 1] ?? Promise.resolve()
    const done = previous
      .then(() => this.apply(noticeId))
      .catch((error) => this.onError(noticeId, error))
      .finally(() => {
        // Serial: the one settling now is always the oldest.
        this.queued.shift()
      })
    this.queued.push(done)
    while (this.queued.length > this.maxQueued) {
      await this.queued[0]
    }
  }

  /** Waits until every queued notice has been applied (or has failed and been recorded). */
  async drain(): Promise<void> {
    while (this.queued.length) {
      await this.queued[this.queued.length - 1]
    }
  }
}
