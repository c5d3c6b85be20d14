import { processRegistry } from "./process-registry"
import { MedusaError } from "@medusajs/framework/utils"

/** Plugin options of the reconciliation report and its nightly job (beside the sync options). */
export interface PaygentReconcileOptions {
  /** Run the nightly job (default true). Off: the scheduler's call does nothing; a direct call still runs. */
  reconcileEnabled?: boolean
  /**
   * Cron expression of the nightly job, in the server's time zone (Medusa's scheduler has no zone). Default: 03:00
   * JST converted to the server's zone when Medusa boots (`0 3 * * *` on a JST server, `0 18 * * *` on UTC).
   */
  reconcileSchedule?: string
  /** How many 094 inquiries run at the same time (default 4, at most 16). */
  reconcileConcurrency?: number
  /** Most 094 inquiries of one report (default 2000); payments beyond are listed as not checked. */
  reconcileMaxInquiries?: number
}

export interface ResolvedReconcileOptions {
  reconcileEnabled: boolean
  reconcileSchedule: string
  reconcileConcurrency: number
  reconcileMaxInquiries: number
}

/** The nightly job runs at this JST time unless `reconcileSchedule` says otherwise. */
export const DEFAULT_RECONCILE_TIME_JST = "03:00"

const JST_OFFSET_MINUTES = 9 * 60

/**
 * A daily cron expression in the server's time zone for a JST time of day. `serverOffsetMinutes` is how far the
 * server's zone is ahead of UTC (JST: 540, UTC: 0, New York in winter: −300). A zone with daylight saving time moves
 * the run by an hour in summer; set `reconcileSchedule` there.
 */
export function dailyCronForJstTime(jstTime: string, serverOffsetMinutes: number): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(jstTime)
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
    throw new Error(`not a time of day: ${jstTime}`)
  }
  const jstMinutes = Number(m[1]) * 60 + Number(m[2])
  const local = (((jstMinutes - JST_OFFSET_MINUTES + serverOffsetMinutes) % 1440) + 1440) % 1440
  return `${local % 60} ${Math.floor(local / 60)} * * *`
}

/** 03:00 JST in the zone of this process. */
export function defaultReconcileSchedule(now = new Date()): string {
  return dailyCronForJstTime(DEFAULT_RECONCILE_TIME_JST, -now.getTimezoneOffset())
}

function invalid(option: string, why: string): never {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, `Paygent option "${option}" ${why} / Paygent の設定 "${option}" が正しくありません`)
}

/** Throws on a wrong reconciliation option, naming it. */
export function validateReconcileOptions(options: PaygentReconcileOptions): void {
  if (options.reconcileEnabled !== undefined && typeof options.reconcileEnabled !== "boolean") {
    invalid("reconcileEnabled", "must be true or false")
  }
  if (options.reconcileSchedule !== undefined && !/^\S+(\s+\S+){4,5}$/.test(String(options.reconcileSchedule).trim())) {
    invalid("reconcileSchedule", 'must be a cron expression such as "0 3 * * *"')
  }
  const concurrency = options.reconcileConcurrency
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 16)) {
    invalid("reconcileConcurrency", "must be a whole number from 1 to 16")
  }
  const max = options.reconcileMaxInquiries
  if (max !== undefined && !(Number.isInteger(max) && max >= 1)) {
    invalid("reconcileMaxInquiries", "must be a positive whole number")
  }
}

export function resolveReconcileOptions(options: PaygentReconcileOptions | undefined): ResolvedReconcileOptions {
  const o = options ?? {}
  return {
    reconcileEnabled: o.reconcileEnabled ?? true,
    reconcileSchedule: o.reconcileSchedule?.trim() || defaultReconcileSchedule(),
    reconcileConcurrency: o.reconcileConcurrency ?? 4,
    reconcileMaxInquiries: o.reconcileMaxInquiries ?? 2000,
  }
}

/** The job's schedule, left by the paygent module when it loads (process-registry.ts). */
const registry = processRegistry<PaygentReconcileOptions, ResolvedReconcileOptions>("reconcile-options", resolveReconcileOptions)
export const registerReconcileOptions = registry.register
export const registeredReconcileOptions = registry.registered
