/**
 * What every campaign scenario gets and returns. A scenario runs against a Medusa app with this plugin (one or more
 * instances, reached over HTTP only), the in-process Paygent simulator and the app's database (read-only checks),
 * and returns counts: each check it makes is one passed or one failed, with the failures' details.
 */
import type { Simulator } from "../../src/simulator"
import type { Db } from "./db"
import type { SeededStore } from "../../scripts/demo/seed-store"

export type Size = "full" | "reduced"

export interface ScenarioResult {
  passed: number
  failed: number
  /** One line per failure (capped), then a few informative lines (counts, durations). */
  details: string[]
}

export interface Keys {
  merchantId: string
  connectId: string
  connectPassword: string
  tokenKey: string
  tokenHashKey: string
  threeDsHashKey: string
  noticeHashKey: string
}

/** Process control, only where the campaign started the app itself (`npm run campaign`, not the jest spec). */
export interface Deployment {
  /** Kills instance `index` with SIGKILL (no clean-up of any kind). */
  kill(index: number): Promise<void>
  /** Starts instance `index` again (same port, same configuration); resolves when /health answers. */
  restart(index: number): Promise<void>
  /** Replaces the running instances with `count` instances sharing Redis (event bus, workflow engine, locking). */
  useRedis(count: number): Promise<void>
  /** Back to one instance without Redis. */
  useSingle(): Promise<void>
  /** Whether Redis answers (the two-instance scenario needs it). */
  redisAvailable(): Promise<{ ok: boolean; reason?: string }>
}

export interface CampaignContext {
  size: Size
  sim: Simulator
  keys: Keys
  /** Base URLs of the running Medusa instances; the first one is the primary. */
  urls(): string[]
  store: SeededStore
  /** `authorization: Bearer …` of an admin user. */
  adminHeaders: Record<string, string>
  db: Db
  log(line: string): void
  /** Card tokens and card numbers the campaign used (the secret scan looks for them). */
  issued: { tokens: Set<string>; cards: Set<string> }
  /** The app's log text so far (for the secret scan). */
  appLogs(): string
  /** Present only when the campaign controls the app's processes. */
  deployment?: Deployment
}

export type Scenario = (ctx: CampaignContext, size: Size) => Promise<ScenarioResult>
