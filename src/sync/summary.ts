/** What a sync run reports (and records in paygent_sync_run), and how 091 stops it. */
import type { StaleSession } from "./stale"

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

export function emptySummary(status: SyncSummary["status"]): SyncSummary {
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
export class StopRun extends Error {
  constructor(
    readonly status: "failed" | "backed_off",
    message: string,
    readonly response_code?: string
  ) {
    super(message)
  }
}
