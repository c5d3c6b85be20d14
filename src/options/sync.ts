import { processRegistry } from "./process-registry"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * Plugin options of the notice receiver and the sync job (they sit beside the provider's options in the plugin's
 * options object, which Medusa gives the paygent module).
 */
export interface PaygentSyncOptions {
  /** Run the scheduled sync job (default true). Off: the job does nothing when the scheduler calls it. */
  syncEnabled?: boolean
  /** When the job runs: a cron expression (default every minute, "* * * * *"). */
  syncSchedule?: string
  /** Source addresses allowed to POST notices (exact IPs or IPv4 CIDR ranges); empty or unset = any. */
  noticeAllowedIps?: string[]
  /** Konbini 速報 (43): treat as paid (default true, as most merchants do). False: wait for 40. */
  treatPreliminaryAsPaid?: boolean
  /** Net bank 申込中断 (15) or past its payment deadline: cancel the order and release its stock (default true). */
  cancelAbandonedBankNet?: boolean
  /** Hours after a konbini / ATM deadline before the job asks Paygent (094) whether it expired (default 6). */
  expiryGraceHours?: number
  /** Days before a card authorization's capture deadline when an alert is raised (default 7). */
  captureDeadlineWarningDays?: number
  /** Age in minutes after which a session still pending / requires_more is listed as stale (default 60). */
  staleSessionMinutes?: number
  /** Cancel stale sessions (the order, releasing its reservations, or the cart's session) (default false). */
  cancelStaleSessions?: boolean
  /** Most notices one run pulls with 091 (default 500); the rest wait for the next run. */
  maxNoticesPerRun?: number
  /** Most 091 by payment_notice_id one run sends to repair gaps (default 100); the rest wait for the next run. */
  maxGapFetchesPerRun?: number
  /**
   * A stored payment_notice_id more than this above the contiguous sequence is not repaired towards: Paygent numbers
   * its notices one by one, so such a jump is a forged or broken notice, raised as one alert (default 100,000).
   */
  noticeIdJumpLimit?: number
}

export type ResolvedSyncOptions = Required<Omit<PaygentSyncOptions, "noticeAllowedIps">> & {
  noticeAllowedIps: string[]
  /** The provider's site_id (091 reads only that site's notices). */
  siteId?: string
}

export const DEFAULT_SYNC_SCHEDULE = "* * * * *"

function invalid(option: string, why: string): never {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, `Paygent option "${option}" ${why} / Paygent の設定 "${option}" が正しくありません`)
}

function positive(options: PaygentSyncOptions, name: keyof PaygentSyncOptions, allowZero = false): void {
  const value = options[name]
  if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && (allowZero ? value >= 0 : value > 0))) {
    invalid(name, allowZero ? "must be a number ≥ 0" : "must be a positive number")
  }
}

/** Throws on a wrong sync option, naming it (never its value). */
export function validateSyncOptions(options: PaygentSyncOptions): void {
  for (const name of ["syncEnabled", "treatPreliminaryAsPaid", "cancelAbandonedBankNet", "cancelStaleSessions"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "boolean") {
      invalid(name, "must be true or false")
    }
  }
  if (options.syncSchedule !== undefined && !/^\S+(\s+\S+){4,5}$/.test(String(options.syncSchedule).trim())) {
    invalid("syncSchedule", 'must be a cron expression such as "* * * * *"')
  }
  if (options.noticeAllowedIps !== undefined) {
    if (!Array.isArray(options.noticeAllowedIps) || options.noticeAllowedIps.some((ip) => typeof ip !== "string" || !ip.trim())) {
      invalid("noticeAllowedIps", "must be a list of IP addresses or CIDR ranges")
    }
  }
  positive(options, "expiryGraceHours", true)
  positive(options, "captureDeadlineWarningDays", true)
  positive(options, "staleSessionMinutes")
  positive(options, "maxNoticesPerRun")
  positive(options, "maxGapFetchesPerRun")
  positive(options, "noticeIdJumpLimit")
}

export function resolveSyncOptions(options: (PaygentSyncOptions & { siteId?: string }) | undefined): ResolvedSyncOptions {
  const o = options ?? {}
  return {
    ...(o.siteId ? { siteId: o.siteId } : {}),
    syncEnabled: o.syncEnabled ?? true,
    syncSchedule: o.syncSchedule?.trim() || DEFAULT_SYNC_SCHEDULE,
    noticeAllowedIps: (o.noticeAllowedIps ?? []).map((ip) => ip.trim()).filter(Boolean),
    treatPreliminaryAsPaid: o.treatPreliminaryAsPaid ?? true,
    cancelAbandonedBankNet: o.cancelAbandonedBankNet ?? true,
    expiryGraceHours: o.expiryGraceHours ?? 6,
    captureDeadlineWarningDays: o.captureDeadlineWarningDays ?? 7,
    staleSessionMinutes: o.staleSessionMinutes ?? 60,
    cancelStaleSessions: o.cancelStaleSessions ?? false,
    maxNoticesPerRun: o.maxNoticesPerRun ?? 500,
    maxGapFetchesPerRun: o.maxGapFetchesPerRun ?? 100,
    noticeIdJumpLimit: o.noticeIdJumpLimit ?? 100_000,
  }
}

/** The job's schedule, left by the paygent module when it loads (process-registry.ts). */
const registry = processRegistry<PaygentSyncOptions, ResolvedSyncOptions>("sync-options", resolveSyncOptions)
export const registerSyncOptions = registry.register
export const registeredSyncOptions = registry.registered
