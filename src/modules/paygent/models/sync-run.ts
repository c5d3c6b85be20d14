import { model } from "@medusajs/framework/utils"

/** One run of the sync job (jobs/paygent-sync.ts): what it fetched, applied, repaired, and what went wrong. */
export const PaygentSyncRun = model
  .define("paygent_sync_run", {
    id: model.id({ prefix: "pgsr" }).primaryKey(),
    started_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
    /** running, succeeded, failed (a 091 error stopped it), backed_off (9004) */
    status: model.text().default("running"),
    /** schedule or manual */
    trigger: model.text().default("schedule"),
    instance: model.text().nullable(),
    notices_fetched: model.number().default(0),
    notices_new: model.number().default(0),
    notices_applied: model.number().default(0),
    /** Notice ids missing from the local sequence when the run looked, and those fetched again by id. */
    gaps: model.json().nullable(),
    gaps_repaired: model.number().default(0),
    /** Ids Paygent no longer has (purged, or never ours): reconciled with 094 instead. */
    lost: model.json().nullable(),
    purged: model.boolean().default(false),
    reconciled: model.number().default(0),
    expired_checked: model.number().default(0),
    stale_sessions: model.json().nullable(),
    errors: model.json().nullable(),
    /** Longest time between Paygent's change_date and our receipt among the notices of this run. */
    max_lag_ms: model.number().nullable(),
    /** Every payment_notice_id up to this one is stored (or known to be lost): where the next gap check starts. */
    contiguous_through: model.text().nullable(),
    /** 091 by id the gap repair sent in this run (at most the per-run cap), and whether the cap stopped it. */
    repair_telegrams: model.number().default(0),
    repair_capped: model.boolean().default(false),
    /** Gaps left for the next run (the cap), not counting ids beyond what Paygent can have issued. */
    gaps_remaining: model.number().default(0),
    /** Stored payment_notice_ids far beyond the sequence (not repaired towards; one alert each). */
    implausible_ids: model.json().nullable(),
    /** Telegrams in doubt (no answer) this run settled with 094, and those still open after it (alerted). */
    in_doubt_settled: model.number().default(0),
    in_doubt_open: model.number().default(0),
  })
  .indexes([{ on: ["started_at"] }])
