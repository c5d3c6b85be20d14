import { generateEntityId, MedusaService } from "@medusajs/framework/utils"
import {
  PaygentAlert,
  PaygentManualRefund,
  PaygentNotice,
  PaygentNoticeAnomaly,
  PaygentNoticeAnomalyCount,
  PaygentSecret,
  PaygentShopperMail,
  PaygentSyncRun,
  PaygentTelegram,
} from "./models"
import type {
  AlertInput,
  AlertTarget,
  NewNotice,
  NoticeApplied,
  NoticeKey,
  StoredAlert,
  StoredNotice,
  SyncRunTotals,
} from "./types"

/** The module's MikroORM entity manager, for the statements the generated service methods cannot express. */
export type SqlManager = { execute(sql: string, params?: unknown[]): Promise<unknown> }

/**
 * paygent_notice's columns as the generated create method writes them (id with the model's prefix, the defaults
 * written out, created_at / updated_at from the application's clock), for the one-statement insert below.
 */
const NOTICE_INSERT = `insert into "paygent_notice" ("id", "payment_notice_id", "paygent_payment_id", "trading_id", "payment_type",
    "payment_status", "payment_amount", "change_date", "fields", "received_via", "received_at", "received_count",
    "payment_session_id", "apply_attempts", "created_at", "updated_at")
  values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, 1, ?, 0, ?, ?)
  on conflict ("payment_notice_id") where "deleted_at" is null do nothing
  returning *`

/** `model.json()` is typed as an object; the sync run's list columns hold JSON arrays all the same. */
function jsonList(value: readonly unknown[]): Record<string, unknown> {
  return value as unknown as Record<string, unknown>
}

/**
 * The module's tables and the rules that keep them right: a notice is stored once (the unique payment_notice_id
 * decides), an alert once per dedupe_key, a sync run is written `running` first and closed at the end. The plugin's
 * other layers call these methods instead of writing the tables with the generated create / update methods.
 */
export class PaygentRecords extends MedusaService({
  PaygentTelegram,
  PaygentManualRefund,
  PaygentNotice,
  PaygentNoticeAnomaly,
  PaygentNoticeAnomalyCount,
  PaygentAlert,
  PaygentSyncRun,
  PaygentSecret,
  PaygentShopperMail,
}) {
  /** Set from the module's container (its `manager`); absent only where the module runs without a database. */
  protected readonly manager_?: SqlManager

  constructor(...args: unknown[]) {
    // Medusa passes (container, options, module declaration); the generated service takes them as they are.
    super(...(args as [Record<string, unknown>]))
    this.manager_ = (() => {
      try {
        // The module's container is a proxy that throws for a name it does not hold.
        return (args[0] as { manager?: SqlManager }).manager
      } catch {
        return undefined
      }
    })()
  }

  protected sql(): SqlManager {
    if (!this.manager_) {
      throw new Error("The paygent module has no database manager")
    }
    return this.manager_
  }

  // ---- notices ----

  /** The notice stored with this payment_notice_id, or (no id: a status learnt by 094) with this payment and status. */
  async findNotice(key: NoticeKey): Promise<StoredNotice | undefined> {
    const [row] = await this.listPaygentNotices(key, { take: 1 })
    return row
  }

  /**
   * Stores a notice before anything else happens to it. When another request stored the same payment_notice_id
   * before (unique index: a re-sent push, a pull of a pushed record, two instances receiving one notice at once),
   * that row is returned, not created.
   *
   * A notice with a payment_notice_id is one statement, `insert … on conflict do nothing returning *`, sent straight
   * through the module's manager: no lookup before it, no unit of work around it. That statement is on the sync
   * run's critical path between one 091's answer and the next request (docs/performance.md, "091 pull"). Only when it
   * inserts nothing is the existing row read. The conflict target is the model's unique index on payment_notice_id,
   * `IDX_paygent_notice_payment_notice_id_unique … where deleted_at is null` (migrations), predicate included.
   */
  async storeNotice(row: NewNotice): Promise<{ notice: StoredNotice; created: boolean }> {
    if (row.payment_notice_id) {
      const now = new Date()
      const inserted = (await this.sql().execute(NOTICE_INSERT, [
        generateEntityId(undefined, "pgnt"),
        row.payment_notice_id,
        row.paygent_payment_id,
        row.trading_id,
        row.payment_type,
        row.payment_status,
        row.payment_amount,
        row.change_date,
        row.fields == null ? null : JSON.stringify(row.fields),
        row.received_via,
        row.received_at,
        row.payment_session_id,
        now,
        now,
      ])) as StoredNotice[]
      if (inserted.length) {
        return { notice: inserted[0], created: true }
      }
      const existing = await this.findNotice({ payment_notice_id: row.payment_notice_id })
      if (!existing) {
        // Only a soft-deleted row can conflict without being found; the index ignores those, so this cannot happen.
        throw new Error(`paygent_notice ${row.payment_notice_id}: not inserted and not found`)
      }
      return { notice: existing, created: false }
    }
    try {
      const [notice] = await this.createPaygentNotices([row])
      return { notice, created: true }
    } catch (error) {
      const raced = await this.findNotice({
        payment_notice_id: null,
        paygent_payment_id: row.paygent_payment_id,
        trading_id: row.trading_id,
        payment_status: row.payment_status,
      })
      if (raced) {
        return { notice: raced, created: false }
      }
      throw error
    }
  }

  /**
   * Counts one more arrival of a stored notice (a re-sent push, a pull of a pushed record). One increment in the
   * database, not a read and a write: two arrivals counted at once (the sync run defers this beside the next 091,
   * a push may arrive meanwhile) both count.
   */
  async noteNoticeReceived(id: string): Promise<void> {
    await this.sql().execute(
      `update "paygent_notice" set "received_count" = "received_count" + 1, "updated_at" = now() where "id" = ?`,
      [id]
    )
  }

  /**
   * What applying did, written by the apply workflow under the notice's lock: attempts, result, order; `applied_at`
   * unless the notice was deferred (then the sync job retries it).
   */
  async markNoticeApplied(id: string, applied: NoticeApplied): Promise<void> {
    await this.updatePaygentNotices({
      id,
      apply_attempts: applied.apply_attempts,
      result: applied.result,
      last_error: null,
      order_id: applied.order_id,
      ...(applied.applied ? { applied_at: new Date() } : {}),
    })
  }

  /**
   * Marks a notice applied with `result` in one statement, only while it is unapplied: a result written first (by the
   * apply workflow or another delivery) stands. False when nothing was marked. For notices decided without the apply
   * workflow (src/notices/nothing-to-apply.ts), during the checkout's completion: no ORM read and unit of work.
   */
  async markNoticeAppliedIfUnapplied(id: string, result: string): Promise<boolean> {
    const updated = (await this.sql().execute(
      `update "paygent_notice" set "applied_at" = now(), "result" = ?, "apply_attempts" = "apply_attempts" + 1,
         "last_error" = null, "updated_at" = now()
       where "id" = ? and "applied_at" is null and "deleted_at" is null
       returning "id"`,
      [result, id]
    )) as unknown[]
    return updated.length > 0
  }

  /** Records a failed attempt to apply a notice; returns the notice with its new number of attempts. */
  async noteNoticeApplyFailure(id: string, message: string): Promise<StoredNotice> {
    const notice = await this.retrievePaygentNotice(id)
    const attempts = (notice.apply_attempts ?? 0) + 1
    await this.updatePaygentNotices({ id, apply_attempts: attempts, last_error: message })
    return { ...notice, apply_attempts: attempts }
  }

  /** Notices stored but not applied (a crash, a failed workflow) that are still retried, in notice order. */
  async unappliedNotices(maxAttempts: number, take = 200): Promise<StoredNotice[]> {
    return this.listPaygentNotices(
      { applied_at: null, apply_attempts: { $lt: maxAttempts } },
      { order: { payment_notice_id: "ASC", received_at: "ASC" }, take }
    )
  }

  /** Stored payment_notice_ids (zero-padded) above `above` (every id when null). */
  async noticeIdsAbove(above: string | null, take = 100_000): Promise<string[]> {
    const rows = await this.listPaygentNotices(
      { payment_notice_id: above === null ? { $ne: null } : { $gt: above } },
      { select: ["payment_notice_id"], take }
    )
    return rows.map((row) => row.payment_notice_id!)
  }

  // ---- telegrams ----

  /** Writes how a telegram in doubt was settled (src/sync/in-doubt.ts); a settled row is never in doubt again. */
  async settleDoubt(telegramId: string, resolution: string): Promise<void> {
    await this.updatePaygentTelegrams({ id: telegramId, doubt_resolution: resolution, doubt_resolved_at: new Date() })
  }

  // ---- alerts ----

  /** Raises alerts; one with a dedupe_key already raised is not raised again. Returns how many are new. */
  async raiseAlerts(alerts: AlertInput[], target: AlertTarget): Promise<number> {
    let created = 0
    for (const alert of alerts) {
      if (alert.dedupe_key) {
        const [existing] = await this.listPaygentAlerts({ dedupe_key: alert.dedupe_key }, { take: 1 })
        if (existing) {
          continue
        }
      }
      try {
        await this.createPaygentAlerts([
          {
            kind: alert.kind,
            severity: alert.severity,
            message_ja: alert.message.ja,
            message_en: alert.message.en,
            dedupe_key: alert.dedupe_key ?? null,
            order_id: target.order_id ?? null,
            payment_session_id: target.payment_session_id ?? null,
            medusa_payment_id: target.medusa_payment_id ?? null,
            paygent_payment_id: target.paygent_payment_id ?? null,
            trading_id: target.trading_id ?? null,
            data: target.data ?? null,
          },
        ])
        created++
      } catch (error) {
        // The same dedupe_key raised concurrently (unique index): that one stands.
        const [raced] = alert.dedupe_key ? await this.listPaygentAlerts({ dedupe_key: alert.dedupe_key }, { take: 1 }) : []
        if (!raced) {
          throw error
        }
      }
    }
    return created
  }

  /** Marks an alert dealt with (once: an alert resolved before keeps who resolved it and when). */
  async resolveAlert(id: string, resolvedBy: string | null): Promise<StoredAlert> {
    const alert = await this.retrievePaygentAlert(id)
    return alert.resolved_at ? alert : this.updatePaygentAlerts({ id: alert.id, resolved_at: new Date(), resolved_by: resolvedBy })
  }

  /** Resolves the open alert with this dedupe_key, if there is one. */
  async resolveAlertByKey(dedupeKey: string, resolvedBy: string): Promise<void> {
    const [open] = await this.listPaygentAlerts({ dedupe_key: dedupeKey, resolved_at: null }, { take: 1 })
    if (open) {
      await this.updatePaygentAlerts({ id: open.id, resolved_at: new Date(), resolved_by: resolvedBy })
    }
  }

  // ---- sync runs ----

  /** A sync run's row, written `running` before the run does anything (a crash leaves it running). */
  async startSyncRun(trigger: string, instance: string): Promise<string> {
    const [row] = await this.createPaygentSyncRuns([{ started_at: new Date(), status: "running", trigger, instance }])
    return row.id
  }

  /**
   * Runs still marked running other than `ownId` were cut short (their process died). The caller holds the sync lock,
   * which a live run keeps renewing, so none of them is in progress: they are closed as interrupted.
   */
  async closeInterruptedSyncRuns(ownId: string): Promise<void> {
    const stale = await this.listPaygentSyncRuns({ status: "running" }, { select: ["id"], take: 1000 })
    const ids = stale.map((run) => run.id).filter((id) => id !== ownId)
    if (!ids.length) {
      return
    }
    const errors = [{ stage: "run", message: `interrupted: its process stopped before the run finished; run ${ownId} took over` }]
    await this.updatePaygentSyncRuns(ids.map((id) => ({ id, status: "interrupted", errors: jsonList(errors) })))
  }

  async finishSyncRun(id: string, totals: SyncRunTotals): Promise<void> {
    await this.updatePaygentSyncRuns({
      id,
      finished_at: new Date(),
      ...totals,
      gaps: jsonList(totals.gaps),
      implausible_ids: jsonList(totals.implausible_ids),
      lost: jsonList(totals.lost),
      stale_sessions: jsonList(totals.stale_sessions),
      errors: jsonList(totals.errors),
    })
  }

  /** The payment_notice_id through which the last run that knew it found every notice stored (or lost). */
  async lastContiguousThrough(): Promise<string | null> {
    const [last] = await this.listPaygentSyncRuns({ contiguous_through: { $ne: null } }, { order: { started_at: "DESC" }, take: 1 })
    return last?.contiguous_through ?? null
  }
}
