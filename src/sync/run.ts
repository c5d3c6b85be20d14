import { hostname } from "node:os"
import type { IPaymentModuleService, Logger, MedusaContainer, PaymentDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { PaygentClient } from "../paygent/client"
import { captureDeadline } from "../paygent/deadlines"
import type PaygentModuleService from "../modules/paygent/service"
import type { ResolvedSyncOptions } from "../options/sync"
import { isPaygentError } from "../providers/paygent/core/errors"
import { stateOf, type PaygentState } from "../providers/paygent/core/session-data"
import { ApplyOutcome, MAX_APPLY_ATTEMPTS, applyStoredNotice, receiveAndApply } from "../notices/apply"
import { paygentModule } from "../modules/paygent/container"
import { paygentProviderIds } from "./providers"
import { advanceCursor, countGaps, findGaps, splitPlausible } from "./gaps"
import { padNoticeId } from "../notices/notice-id"
import { InDoubtSweep } from "./in-doubt"
import { flushSuppressedAnomalies, pruneNoticeAnomalies } from "../notices/anomalies"
import { paymentTypeOfProvider } from "../notices/plan"
import { ApplyPipeline } from "./apply-pipeline"
import { raiseAlerts, ReportedStatus, storeNotice } from "../notices/store"
import { listStaleSessions, StaleSession } from "./stale"
import { endOfJstDay, paygentDateTime } from "./time"

// The admin inbox and its tests still import it from here (src/paygent/deadlines.ts holds the one definition).
export { captureDeadline }

/** The job's lock: one run at a time across every instance that shares the locking provider. */
export const SYNC_LOCK_KEY = "paygent:sync"

const DAY_MS = 24 * 60 * 60 * 1000
/** 20 → 33 comes 60 days after the authorization unless the provider recorded its own deadline. */

export interface SyncRunOptions {
  /** The time the sweeps compare deadlines with (default: now). */
  now?: Date
  trigger?: "schedule" | "manual"
}

export interface SyncSummary {
  skipped?: boolean
  run_id?: string
  status: "succeeded" | "failed" | "backed_off" | "skipped"
  fetched: number
  new_notices: number
  applied: number
  gaps: string[]
  gaps_repaired: number
  /** 091 by id sent by the gap repair (at most `maxGapFetchesPerRun`), whether the cap stopped it, what is left. */
  repair_telegrams: number
  repair_capped: boolean
  gaps_remaining: number
  /** Stored payment_notice_ids far beyond the sequence, not repaired towards (one alert each). */
  implausible_ids: string[]
  lost: string[]
  purged: boolean
  reconciled: number
  expired_checked: number
  stale: StaleSession[]
  /** Telegrams in doubt this run settled with 094, and those still open (alerted). */
  in_doubt_settled: number
  in_doubt_open: number
  errors: Array<{ stage: string; message: string; code?: string }>
  max_lag_ms: number | null
}

function emptySummary(status: SyncSummary["status"]): SyncSummary {
  return {
    status,
    fetched: 0,
    new_notices: 0,
    applied: 0,
    gaps: [],
    gaps_repaired: 0,
    repair_telegrams: 0,
    repair_capped: false,
    gaps_remaining: 0,
    implausible_ids: [],
    lost: [],
    purged: false,
    reconciled: 0,
    expired_checked: 0,
    stale: [],
    in_doubt_settled: 0,
    in_doubt_open: 0,
    errors: [],
    max_lag_ms: null,
  }
}

/** 091 stopped the run: 9004 (another 091 in flight) backs off, anything else fails it. */
class StopRun extends Error {
  constructor(
    readonly status: "failed" | "backed_off",
    message: string,
    readonly response_code?: string
  ) {
    super(message)
  }
}

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
  /** Pulled records are applied here while the next 091 is in flight. */
  private readonly applies = new ApplyPipeline(
    async (noticeId) => this.noteApplied(await applyStoredNotice(this.container, noticeId)),
    (noticeId, error) => this.record(`apply ${noticeId}`, error)
  )

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
    const [row] = await this.service.createPaygentSyncRuns([
      {
        started_at: new Date(),
        status: "running",
        trigger: this.runOptions.trigger ?? "schedule",
        instance: `${hostname()}:${process.pid}`,
      },
    ])
    this.summary.run_id = row.id
    await this.stage("interrupted", () => this.closeInterruptedRuns(row.id))
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
    }
    try {
      const accounted = [...(await this.plausibleIds()), ...this.lost]
      this.cursor = advanceCursor(this.cursor, accounted)
    } catch (error) {
      this.record("cursor", error)
    }
    await this.stage("in_doubt", () => this.settleInDoubt())
    if (this.summary.status !== "backed_off") {
      await this.stage("sessions", () => this.sweepOpenPayments())
      await this.stage("capture_deadlines", () => this.flagCaptureDeadlines())
      await this.stage("stale", () => this.sweepStaleSessions())
    }
    await this.stage("anomalies", async () => {
      await flushSuppressedAnomalies(this.service)
      await pruneNoticeAnomalies(this.service)
    })
    await this.service.updatePaygentSyncRuns({
      id: row.id,
      finished_at: new Date(),
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
      stale_sessions: this.summary.stale.slice(0, 100) as unknown as Record<string, unknown>[],
      errors: this.summary.errors,
      max_lag_ms: this.summary.max_lag_ms,
      contiguous_through: this.cursor === null ? null : padNoticeId(this.cursor),
    } as never)
    return this.summary
  }

  // ---- bookkeeping ----

  /**
   * Runs still marked running were cut short (the process died: kill, crash, deploy). This run holds the sync lock,
   * which a live run keeps renewing, so no other run is in progress; they are closed as interrupted so that the admin
   * does not show them running forever. Their work needs nothing here: notices stored but not applied are retried
   * above, and the pull resumes from the stored ids.
   */
  private async closeInterruptedRuns(ownId: string): Promise<void> {
    const stale = await this.service.listPaygentSyncRuns({ status: "running" }, { select: ["id"], take: 1000 })
    const ids = stale.map((run: { id: string }) => run.id).filter((id: string) => id !== ownId)
    if (!ids.length) {
      return
    }
    await this.service.updatePaygentSyncRuns(
      ids.map((id: string) => ({
        id,
        status: "interrupted",
        errors: [{ stage: "run", message: `interrupted: its process stopped before the run finished; run ${ownId} took over` }],
      })) as never
    )
  }

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

  private noteApplied(outcome: ApplyOutcome | undefined): void {
    if (outcome?.ok) {
      this.summary.applied++
    }
  }

  // ---- notices ----

  private async retryUnapplied(): Promise<void> {
    const pending = await this.service.listPaygentNotices(
      { applied_at: null, apply_attempts: { $lt: MAX_APPLY_ATTEMPTS } } as never,
      { order: { payment_notice_id: "ASC", received_at: "ASC" }, take: 200 }
    )
    for (const notice of pending) {
      this.noteApplied(await applyStoredNotice(this.container, notice.id))
    }
  }

  private async loadCursor(): Promise<bigint | null> {
    const [last] = await this.service.listPaygentSyncRuns({ contiguous_through: { $ne: null } } as never, {
      order: { started_at: "DESC" },
      take: 1,
    })
    return last?.contiguous_through ? BigInt(last.contiguous_through) : null
  }

  private async idsAbove(cursor: bigint | null): Promise<bigint[]> {
    const rows = await this.service.listPaygentNotices(
      (cursor === null ? { payment_notice_id: { $ne: null } } : { payment_notice_id: { $gt: padNoticeId(cursor) } }) as never,
      { select: ["payment_notice_id"], take: 100_000 }
    )
    return rows.map((row) => BigInt(row.payment_notice_id!))
  }

  private siteParams(): { site_id?: string } {
    return this.options.siteId ? { site_id: this.options.siteId } : {}
  }

  /**
   * A notice record from 091 (or a 094 answer): stored, applied, counted. A pulled record is queued for applying
   * once stored (apply-pipeline.ts), so that the next 091 does not wait for it; a 094 answer is applied at once (the
   * reconciliation reads the result).
   */
  private async handle(record: ReportedStatus, via: "pull" | "inquiry"): Promise<void> {
    const received = new Date()
    let created: boolean
    let outcome: ApplyOutcome | undefined
    if (via === "pull") {
      const stored = await storeNotice(this.service, record, via)
      created = stored.created
      if (!stored.notice.applied_at) {
        await this.applies.add(stored.notice.id)
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
      const [notice] = await this.service.listPaygentNotices({ payment_notice_id: padNoticeId(id) } as never, { take: 1 })
      await raiseAlerts(
        this.service,
        [
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

  // ---- payments Paygent may have changed without us hearing (purge, lost ids, deadlines) ----

  /** Sessions waiting for a konbini / ATM / net-bank payment: asked about when past their deadline, or all after a purge. */
  private async sweepOpenPayments(): Promise<void> {
    const everything = this.summary.purged || this.summary.lost.length > 0
    if (everything) {
      await raiseAlerts(
        this.service,
        [
          {
            kind: this.summary.purged ? "notices_purged" : "notices_lost",
            severity: "warning",
            dedupe_key: `notices_missing:${this.summary.run_id}`,
            message: {
              ja: `Paygent の差分通知の一部が取得できませんでした（${this.summary.purged ? "保存期間切れ" : `ID ${this.summary.lost.join(", ")}`}）。未決済の決済を決済情報照会（094）で照合しました。`,
              en: `Some Paygent notices could not be fetched (${this.summary.purged ? "purged by Paygent" : `ids ${this.summary.lost.join(", ")}`}). Open payments were reconciled with the payment inquiry (094).`,
            },
          },
        ],
        { data: { run_id: this.summary.run_id, lost: this.summary.lost } }
      )
    }
    const asyncProviders = this.providerIds.filter((id) => paymentTypeOfProvider(id) !== "02")
    if (asyncProviders.length) {
      const sessions = await this.paymentModule.listPaymentSessions(
        { provider_id: asyncProviders, status: "pending_authorization" } as never,
        { take: 1000 }
      )
      for (const session of sessions) {
        const state = stateOf(session.data)
        if (!state || this.signal?.aborted) {
          continue
        }
        const pastDeadline = this.pastDeadline(state)
        if (pastDeadline) {
          this.summary.expired_checked++
        }
        if (everything || pastDeadline) {
          await this.reconcile(session.provider_id, state, pastDeadline)
        }
      }
    }
    if (everything) {
      // Paid (速報 43) or authorized payments may have moved on too.
      const payments = await this.openPayments()
      for (const payment of payments) {
        const state = stateOf(payment.data as Record<string, unknown>)
        if (state?.payment_id && !["40", "41", "60", "32", "33"].includes(state.payment_status ?? "")) {
          await this.reconcile(payment.provider_id, state, false)
        }
      }
    }
  }

  private async openPayments(): Promise<PaymentDTO[]> {
    if (!this.providerIds.length) {
      return []
    }
    return this.paymentModule.listPayments({ provider_id: this.providerIds, canceled_at: null } as never, { take: 1000 })
  }

  /** When Paygent's deadline (plus the batch's grace) has passed for a konbini / ATM / net-bank payment. */
  private pastDeadline(state: PaygentState): boolean {
    const instructions = state.instructions
    const grace = this.options.expiryGraceHours * 60 * 60 * 1000
    let deadline: Date | undefined
    if (instructions?.kind === "konbini" || instructions?.kind === "payeasy") {
      deadline = endOfJstDay(instructions.payment_limit_date)
    } else if (instructions?.kind === "banknet" && instructions.asp_payment_limit_date) {
      const parsed = new Date(instructions.asp_payment_limit_date)
      deadline = Number.isNaN(parsed.getTime()) ? undefined : parsed
    }
    return !!deadline && this.now.getTime() > deadline.getTime() + grace
  }

  /** 094 for one payment; a status different from ours is applied like a notice. */
  private async reconcile(providerId: string, state: PaygentState, pastDeadline: boolean): Promise<void> {
    const type = paymentTypeOfProvider(providerId)!
    let answer: Record<string, string | undefined> | undefined
    try {
      answer = (await this.client!.paymentInquiry(
        state.payment_id
          ? { payment_id: state.payment_id, ...this.siteParams() }
          : { trading_id: state.trading_id, payment_type: type, ...this.siteParams() }
      )) as unknown as Record<string, string | undefined>
    } catch (error) {
      if (isPaygentError(error) && error.response_code === "13001" && type === "05" && !state.payment_id) {
        if (!pastDeadline) {
          return // No bank chosen yet: nothing at Paygent to compare.
        }
        // Net bank, no bank ever chosen, and the payment deadline is over: nothing can arrive any more.
        answer = { payment_id: "", trading_id: state.trading_id, payment_type: "05", payment_status: "15", payment_amount: String(state.amount) }
      } else {
        this.record(`094 ${state.payment_id ?? state.trading_id}`, error)
        return
      }
    }
    if (!answer?.payment_status || !answer.trading_id) {
      return
    }
    let status = answer.payment_status
    if (type === "05" && pastDeadline && status === "10") {
      // Past the net-bank payment deadline and still unpaid: abandoned (Paygent's 15 may come later).
      status = "15"
    }
    if (status === (state.payment_status ?? "10")) {
      return
    }
    const record: ReportedStatus = {
      payment_id: answer.payment_id ?? "",
      trading_id: answer.trading_id,
      payment_type: answer.payment_type ?? type,
      payment_status: status,
      payment_amount: answer.payment_amount ?? String(state.amount),
      ...(answer.payment_date ? { payment_date: answer.payment_date } : {}),
      ...(answer.user_payment_date ? { user_payment_date: answer.user_payment_date } : {}),
    }
    this.summary.reconciled++
    await this.handle(record, "inquiry")
  }

  /** Card authorizations whose capture deadline is near: one alert per payment. */
  private async flagCaptureDeadlines(): Promise<void> {
    const cards = this.providerIds.filter((id) => paymentTypeOfProvider(id) === "02")
    if (!cards.length) {
      return
    }
    const payments = await this.paymentModule.listPayments({ provider_id: cards, captured_at: null, canceled_at: null } as never, {
      take: 1000,
    })
    const warnMs = this.options.captureDeadlineWarningDays * DAY_MS
    for (const payment of payments) {
      const state = stateOf(payment.data as Record<string, unknown>)
      if (!state || state.payment_status !== "20") {
        continue
      }
      const deadline = captureDeadline(state)
      if (!deadline || this.now.getTime() < deadline.getTime() - warnMs) {
        continue
      }
      const day = deadline.toISOString().slice(0, 10)
      await raiseAlerts(
        this.service,
        [
          {
            kind: "capture_deadline_near",
            severity: "warning",
            dedupe_key: `capture_deadline_near:${payment.id}`,
            message: {
              ja: `カードのオーソリ（決済ID ${state.payment_id}）は ${day} に期限切れになります。それまでに売上にしてください。`,
              en: `The card authorization (payment_id ${state.payment_id}) expires on ${day}. Capture it before then.`,
            },
          },
        ],
        { medusa_payment_id: payment.id, paygent_payment_id: state.payment_id, trading_id: state.trading_id, data: { deadline: deadline.toISOString() } }
      )
    }
  }

  private async sweepStaleSessions(): Promise<void> {
    const stale = await listStaleSessions(this.container, { now: this.now, olderThanMinutes: this.options.staleSessionMinutes })
    this.summary.stale = stale
    if (!this.options.cancelStaleSessions) {
      return
    }
    for (const session of stale) {
      await this.cancelStale(session).catch((error) => this.record(`stale ${session.session_id}`, error))
    }
  }

  /**
   * A stale session of an order (net bank whose screen was never used) goes through the notice workflow as
   * abandoned, which cancels the order and releases its reservations; a cart's session is deleted.
   */
  private async cancelStale(session: StaleSession): Promise<void> {
    if (session.order_id && session.reason === "bank_screen_not_used" && session.trading_id) {
      await this.handle(
        { payment_id: "", trading_id: session.trading_id, payment_type: "05", payment_status: "15", payment_amount: String(session.amount) },
        "inquiry"
      )
      return
    }
    if (!session.order_id) {
      await this.paymentModule.deletePaymentSession(session.session_id)
    }
  }
}

