import { hostname } from "node:os"
import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { PaygentClient } from "../paygent/client"
import type PaygentModuleService from "../modules/paygent/service"
import { paygentModule } from "../modules/paygent/container"
import type { ResolvedSyncOptions } from "../options/sync"
import { isPaygentError } from "../providers/paygent/core/errors"
import { flushSuppressedAnomalies, pruneNoticeAnomalies } from "../notices/anomalies"
import { ApplyOutcome, MAX_APPLY_ATTEMPTS, applyStoredNotice, receiveAndApply } from "../notices/apply"
import { padNoticeId } from "../notices/notice-id"
import type { ReportedStatus } from "../notices/reported"
import { storeNotice } from "../notices/store"
import { ApplyPipeline, paymentKey } from "./apply-pipeline"
import { advanceCursor, countGaps, findGaps, splitPlausible } from "./gaps"
import { InDoubtSweep } from "./in-doubt"
import { paygentProviderIds } from "./providers"
import { emptySummary, StopRun, type SyncRunOptions, type SyncSummary } from "./summary"
import { PaymentSweeps } from "./sweeps"
import { paygentDateTime } from "./time"

export type { SyncRunOptions, SyncSummary } from "./summary"

/** The job's lock: one run at a time across every instance that shares the locking provider. */
export const SYNC_LOCK_KEY = "paygent:sync"


/**
 * One sync run, under the `paygent:sync` lock so that only one instance runs it at a time (another caller returns
 * `{ skipped: true }` at once). In order (docs/protocol.md §7.1's recommended batch):
 * 1. notices stored but not applied yet (a crash, a failed workflow) are applied again;
 * 2. gaps in the local payment_notice_id sequence are fetched again by id (091 with payment_notice_id);
 * 3. 091 without id until success_code 1 (at most `maxNoticesPerRun`); success_code 2 means Paygent purged records
 *    we never read; 9004 backs off and ends the run; any other error ends it and is recorded;
 * 4. new gaps are fetched by id; ids Paygent no longer has are "lost";
 * 5. after a purge or a lost id every open payment is reconciled with 094, and an alert is raised;
 * 6. telegrams in doubt (no answer, and no answer to the 094 after it) are settled with 094 (src/sync/in-doubt.ts);
 * 7. sweeps: konbini / ATM / net-bank payments past their deadline (confirmed with 094), card authorizations near
 *    their capture deadline (alert), sessions stuck in 決済処理中 (listed; cancelled if configured).
 * The gap repair sends at most `maxGapFetchesPerRun` 091 per run and never works towards an id far beyond the
 * sequence (`noticeIdJumpLimit`): such an id raises one alert instead.
 * Every run is recorded in paygent_sync_run.
 */
export async function runPaygentSync(container: MedusaContainer, options: SyncRunOptions = {}): Promise<SyncSummary> {
  const locking = container.resolve(Modules.LOCKING)
  let entered = false
  try {
    return await locking.execute(
      SYNC_LOCK_KEY,
      async (signal?: AbortSignal) => {
        entered = true
        return new SyncRun(container, options, signal).run()
      },
      { timeout: 1 }
    )
  } catch (error) {
    if (entered) {
      throw error
    }
    container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).debug?.("Paygent sync: another run holds the lock; skipped")
    return { ...emptySummary("skipped"), skipped: true }
  }
}

class SyncRun {
  private readonly service: PaygentModuleService
  private readonly paymentModule: IPaymentModuleService
  private readonly logger: Logger
  private readonly options: ResolvedSyncOptions
  private readonly now: Date
  private readonly summary = emptySummary("succeeded")
  private readonly lost = new Set<bigint>()
  private cursor: bigint | null = null
  private client?: PaygentClient
  private providerIds: string[] = []
  /** Pulled records are applied here while the next 091 is in flight (records of different payments side by side). */
  private readonly applies = new ApplyPipeline(
    async (noticeId) => this.noteApplied(await applyStoredNotice(this.container, noticeId)),
    (noticeId, error) => this.record(`apply ${noticeId}`, error),
    10,
    // Two at a time: on two cores 2 and 3 pulled 100 records alike at r = 20 / 100 ms, 1 was slower
    // (docs/performance.md, "091 pull").
    2
  )
  /** Bookkeeping of pulled records that storing does not need (storeNotice's `defer`), settled with the applies. */
  private readonly bookkeeping = new Set<Promise<void>>()

  constructor(
    private readonly container: MedusaContainer,
    private readonly runOptions: SyncRunOptions,
    private readonly signal?: AbortSignal
  ) {
    this.service = paygentModule(container)
    this.paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    this.logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    this.options = this.service.syncOptions()
    this.now = runOptions.now ?? new Date()
  }

  async run(): Promise<SyncSummary> {
    const runId = await this.service.startSyncRun(this.runOptions.trigger ?? "schedule", `${hostname()}:${process.pid}`)
    this.summary.run_id = runId
    // Runs still marked running were cut short (kill, crash, deploy); their work needs nothing here: notices stored but
    // not applied are retried below, and the pull resumes from the stored ids.
    await this.stage("interrupted", () => this.service.closeInterruptedSyncRuns(runId))
    try {
      this.client = this.service.client("sync")
      this.providerIds = await paygentProviderIds(this.container)
      await this.stage("retry", () => this.retryUnapplied())
      this.cursor = await this.loadCursor()
      await this.repairGaps()
      await this.pull()
      await this.repairGaps()
    } catch (error) {
      this.fail(error)
    } finally {
      // Everything pulled is applied before the sweeps below look at the same payments.
      await this.applies.drain()
      await this.settleBookkeeping()
    }
    try {
      const accounted = [...(await this.plausibleIds()), ...this.lost]
      this.cursor = advanceCursor(this.cursor, accounted)
    } catch (error) {
      this.record("cursor", error)
    }
    await this.stage("in_doubt", () => this.settleInDoubt())
    if (this.summary.status !== "backed_off") {
      const sweeps = this.sweeps()
      await this.stage("sessions", () => sweeps.sweepOpenPayments())
      await this.stage("capture_deadlines", () => sweeps.flagCaptureDeadlines())
      await this.stage("stale", () => sweeps.sweepStaleSessions())
    }
    await this.stage("anomalies", async () => {
      await flushSuppressedAnomalies(this.service)
      await pruneNoticeAnomalies(this.service)
    })
    await this.service.finishSyncRun(runId, {
      status: this.summary.status,
      notices_fetched: this.summary.fetched,
      notices_new: this.summary.new_notices,
      notices_applied: this.summary.applied,
      gaps: this.summary.gaps,
      gaps_repaired: this.summary.gaps_repaired,
      repair_telegrams: this.summary.repair_telegrams,
      repair_capped: this.summary.repair_capped,
      gaps_remaining: this.summary.gaps_remaining,
      implausible_ids: this.summary.implausible_ids,
      in_doubt_settled: this.summary.in_doubt_settled,
      in_doubt_open: this.summary.in_doubt_open,
      lost: this.summary.lost,
      purged: this.summary.purged,
      reconciled: this.summary.reconciled,
      expired_checked: this.summary.expired_checked,
      stale_sessions: this.summary.stale.slice(0, 100),
      errors: this.summary.errors,
      max_lag_ms: this.summary.max_lag_ms,
      contiguous_through: this.cursor === null ? null : padNoticeId(this.cursor),
    })
    return this.summary
  }

  // ---- bookkeeping ----

  private record(stage: string, error: unknown): void {
    const message = String((error as Error)?.message ?? error).slice(0, 500)
    const code = isPaygentError(error) || error instanceof StopRun ? error.response_code : undefined
    this.summary.errors.push({ stage, message, ...(code ? { code } : {}) })
    this.logger.warn(`Paygent sync (${stage}): ${message}`)
  }

  private fail(error: unknown): void {
    if (error instanceof StopRun) {
      this.summary.status = error.status
      this.record(error.status === "backed_off" ? "091_busy" : "091", error)
      return
    }
    this.summary.status = "failed"
    this.record("run", error)
  }

  private async stage(name: string, work: () => Promise<void>): Promise<void> {
    if (this.signal?.aborted) {
      return
    }
    try {
      await work()
    } catch (error) {
      this.record(name, error)
    }
  }

  /** Runs work that a pulled record's storing handed over (src/notices/store.ts `defer`) without waiting for it. */
  private later(work: () => Promise<void>): void {
    const running: Promise<void> = work()
      .catch((error) => this.record("bookkeeping", error))
      .finally(() => this.bookkeeping.delete(running))
    this.bookkeeping.add(running)
  }

  private async settleBookkeeping(): Promise<void> {
    while (this.bookkeeping.size) {
      await Promise.all([...this.bookkeeping])
    }
  }

  private noteApplied(outcome: ApplyOutcome | undefined): void {
    if (outcome?.ok) {
      this.summary.applied++
    }
  }

  // ---- notices ----

  private async retryUnapplied(): Promise<void> {
    const pending = await this.service.unappliedNotices(MAX_APPLY_ATTEMPTS)
    for (const notice of pending) {
      this.noteApplied(await applyStoredNotice(this.container, notice.id))
    }
  }

  private async loadCursor(): Promise<bigint | null> {
    const last = await this.service.lastContiguousThrough()
    return last ? BigInt(last) : null
  }

  private async idsAbove(cursor: bigint | null): Promise<bigint[]> {
    const ids = await this.service.noticeIdsAbove(cursor === null ? null : padNoticeId(cursor))
    return ids.map((id) => BigInt(id))
  }

  private siteParams(): { site_id?: string } {
    return this.options.siteId ? { site_id: this.options.siteId } : {}
  }

  /**
   * A notice record from 091 (or a 094 answer): stored, applied, counted. A pulled record is queued for applying
   * once stored (apply-pipeline.ts), so that the next 091 does not wait for it; a 094 answer is applied at once (the
   * reconciliation reads the result).
   *
   * Between one 091's answer and the next request (pull(), repairGaps()) only what durability needs is awaited: the
   * record's row — for a new record one `insert … on conflict do nothing` (src/modules/paygent/records.ts) — and a
   * place in the apply pipeline (which waits only when 10 records are waiting or being applied). The rest is off
   * that path: a known record's received_count update runs beside the next 091 (`later`, settled before the run's
   * sweeps; a crash loses at most that count, which is informational), the counters are in memory. Why that is as
   * durable as before: a 091 without id marks the record read at Paygent, so the record must be stored before the
   * next 091 is sent — it still is, since `storeNotice` is awaited here, and the cursor (contiguous_through) is only
   * written at the end of the run from the ids stored then. A crash after the insert loses at most the apply, which
   * the next run retries (unapplied notices), and the count; a crash before it loses the one record in hand, whose
   * payment_notice_id the gap repair fetches again by id once a later id is stored — as before this change.
   */
  private async handle(record: ReportedStatus, via: "pull" | "inquiry"): Promise<void> {
    const received = new Date()
    let created: boolean
    let outcome: ApplyOutcome | undefined
    if (via === "pull") {
      const stored = await storeNotice(this.service, record, via, received, { defer: (work) => this.later(work) })
      created = stored.created
      if (!stored.notice.applied_at) {
        await this.applies.add(stored.notice.id, paymentKey(stored.notice))
      }
      this.summary.fetched++
      const changed = paygentDateTime(record.change_date)
      if (changed) {
        const lag = Math.min(Math.max(received.getTime() - changed.getTime(), 0), 2_000_000_000)
        this.summary.max_lag_ms = Math.max(this.summary.max_lag_ms ?? 0, lag)
      }
    } else {
      ;({ created, outcome } = await receiveAndApply(this.container, record, via))
    }
    if (created) {
      this.summary.new_notices++
    }
    this.noteApplied(outcome)
  }

  private async inquiry(request: { payment_notice_id?: string } = {}) {
    try {
      return await this.client!.noticeInquiry({ ...request, ...this.siteParams() })
    } catch (error) {
      if (isPaygentError(error) && error.response_code === "9004") {
        throw new StopRun("backed_off", "091 answered 9004 (another difference inquiry is running); backing off until the next run", "9004")
      }
      throw new StopRun("failed", `091 failed: ${(error as Error).message}`, isPaygentError(error) ? error.response_code : undefined)
    }
  }

  /**
   * Stored ids above the cursor that the gap repair works towards. Ids far beyond the sequence are left out, listed
   * on the run and raised once each: one notice with an absurd id must not make every run send 091 for the millions
   * of ids below it (issue #15).
   */
  private async plausibleIds(): Promise<bigint[]> {
    const { plausible, implausible } = splitPlausible(
      this.cursor,
      await this.idsAbove(this.cursor),
      BigInt(this.options.noticeIdJumpLimit)
    )
    for (const id of implausible) {
      const text = id.toString()
      if (this.summary.implausible_ids.includes(text)) {
        continue
      }
      this.summary.implausible_ids.push(text)
      const notice = await this.service.findNotice({ payment_notice_id: padNoticeId(id) })
      await this.service.raiseAlerts([
          {
            kind: "notice_id_implausible",
            severity: "critical",
            dedupe_key: `notice_id_implausible:${text}`,
            message: {
              ja: `通知ID ${text} は、これまでの通知ID（${this.cursor ?? "-"} まで連続）から大きく離れています。ペイジェントが発行し得ない値のため、欠番の再取得（091）は行いません。通知の送信元とハッシュ鍵の漏えいの可能性を確認してください。`,
              en: `Notice id ${text} is far beyond the notice ids so far (contiguous through ${this.cursor ?? "-"}). Paygent cannot have issued it yet, so the gap repair (091) does not work towards it. Check where the notice came from and whether the notice hash key has leaked.`,
            },
          },
        ],
        { paygent_payment_id: notice?.paygent_payment_id, trading_id: notice?.trading_id, data: { payment_notice_id: text, notice_id: notice?.id } }
      )
    }
    return plausible
  }

  /**
   * Fetches missing payment_notice_ids again by id; ids Paygent no longer has are recorded as lost. At most
   * `maxGapFetchesPerRun` telegrams per run (both passes together); the rest wait for the next run.
   */
  private async repairGaps(): Promise<void> {
    const present = [...(await this.plausibleIds()), ...this.lost]
    const budget = this.options.maxGapFetchesPerRun - this.summary.repair_telegrams
    const gaps = findGaps(this.cursor, present, Math.max(budget, 0))
    const missing = countGaps(this.cursor, present)
    this.summary.gaps_remaining = Number(missing - BigInt(gaps.length))
    if (this.summary.gaps_remaining > 0) {
      this.summary.repair_capped = true
    }
    for (const gap of gaps) {
      if (this.signal?.aborted) {
        return
      }
      this.summary.repair_telegrams++
      const id = gap.toString()
      if (!this.summary.gaps.includes(id)) {
        this.summary.gaps.push(id)
      }
      const answer = await this.inquiry({ payment_notice_id: id })
      if (answer.record) {
        await this.handle(answer.record, "pull")
        this.summary.gaps_repaired++
      } else {
        this.lost.add(gap)
        this.summary.lost.push(id)
      }
    }
  }

  /** 091 without id until Paygent has nothing unread (or the per-run limit). */
  private async pull(): Promise<void> {
    for (let i = 0; i < this.options.maxNoticesPerRun; i++) {
      if (this.signal?.aborted) {
        return
      }
      const answer = await this.inquiry()
      if (answer.success_code === "1" || !answer.record) {
        return
      }
      if (answer.success_code === "2") {
        this.summary.purged = true
      }
      await this.handle(answer.record, "pull")
    }
  }

  /** Telegrams whose outcome nobody learnt, settled with 094 (src/sync/in-doubt.ts). */
  private async settleInDoubt(): Promise<void> {
    const result = await new InDoubtSweep(this.container, this.service, this.client ?? this.service.client("sync"), {
      now: this.now,
      siteId: this.options.siteId,
      signal: this.signal,
    }).run()
    this.summary.in_doubt_settled = result.settled
    this.summary.in_doubt_open = result.open
  }

  private sweeps(): PaymentSweeps {
    const run = this
    return new PaymentSweeps({
      container: this.container,
      service: this.service,
      paymentModule: this.paymentModule,
      options: this.options,
      now: this.now,
      signal: this.signal,
      summary: this.summary,
      // Read when a sweep needs them: the client and the provider ids are set once the run has started.
      get client() {
        return run.client!
      },
      get providerIds() {
        return run.providerIds
      },
      record: (stage, error) => this.record(stage, error),
      handle: (record, via) => this.handle(record, via),
      siteParams: () => this.siteParams(),
    })
  }
}
