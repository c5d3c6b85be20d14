/**
 * Options of the simulator and their defaults. Every default is documented in docs/simulator.md; keep the two in step.
 */

import type { ClockMode } from "./clock"

export type KonbiniConnectionType = "A" | "B" | "D" | "F"

/** Which payment methods and options the simulated merchant has contracted (Paygent configures these per merchant). */
export interface ContractFlags {
  /** Card payment (020–029, 116, 450). Not contracted → P007. */
  card: boolean
  /** Konbini number method (030). */
  konbini: boolean
  /** ATM / Pay-easy (010). */
  atm: boolean
  /** Bank net ASP (060). */
  bankNet: boolean
  /** Stored cards (カード情報お預り; 025/026/027/116 and stock_card_mode=1). Not contracted → P021. */
  storedCards: boolean
  /** Validity check when storing a card (valid_check_flg=1). Not contracted → P024. */
  validityCheck: boolean
  /** EMV 3-D Secure (450, 020 with 3dsecure_use_type=2). Not permitted → P063. */
  threeDs2: boolean
  /** Raw card numbers in telegrams. Merchants that started after 2017-04 may not send them (→ 2023). */
  rawCardNumber: boolean
  /** The token JS requires a CVC (1600 when empty). */
  tokenRequiresCvc: boolean
  /** Bank net ASP: the merchant assigns trading_id (true) or lets Paygent assign it (false). */
  bankNetMerchantAssignsTradingId: boolean
}

/** Per-telegram amount ceilings (P011). Paygent sets them per contract; these are the plugin-constant defaults of §8.4/§9. */
export interface AmountLimits {
  card: number
  konbini: number
  konbiniSevenEleven: number
  atm: number
  bankNet: number
}

export interface PushRetryOptions {
  /** Wait before re-sending a notice whose delivery failed (real milliseconds). */
  retryIntervalMs: number
  /** Consecutive failures after which pushes are paused (Paygent: 5). */
  maxConsecutiveFailures: number
  /** Length of that pause (Paygent: 15 minutes, real time). */
  pauseMs: number
  /** Per-request timeout of a push POST. */
  timeoutMs: number
}

export interface SimulatorOptions {
  host?: string
  /** 0 = pick a free port. */
  port?: number
  /** Serve telegrams over HTTPS and require a client certificate signed by the generated CA. */
  tls?: boolean
  /**
   * Where the certificates live (only with tls): a complete, still valid set found there is used again, otherwise a new
   * one is written there. Without it a new set is made in memory at every start.
   */
  certDir?: string
  /**
   * A JSON file that keeps the simulator's state (payments, notices and their ids, tokens, the clock …) across
   * restarts: loaded at start when it exists, written after every change and at close. Unset = state in memory only.
   */
  stateFile?: string
  /** Port of the plain-HTTP listener for browser pages and /_sim when tls is on (0 = pick one). */
  publicPort?: number
  /** Push target of the difference notices (決済情報差分通知). Unset = push disabled. */
  notifyUrl?: string
  /** Added to every telegram before it is answered. */
  latencyMs?: number
  merchantId?: string
  connectId?: string
  connectPassword?: string
  /** Hash key of the push notice `hc` (差分通知ハッシュ生成キー). */
  noticeHashKey?: string
  /** Token generation key (トークン生成鍵) the token JS must be given. */
  tokenKey?: string
  /** Token receipt hash key (トークン受取ハッシュ鍵) of the token `hc`. */
  tokenHashKey?: string
  /** 3-D Secure result hash key (3Dセキュア結果受付ハッシュ鍵) of the term_url `hc`. Empty = no hc sent. */
  threeDsHashKey?: string
  konbiniConnectionType?: KonbiniConnectionType
  contract?: Partial<ContractFlags>
  limits?: Partial<AmountLimits>
  /** Start of the simulated clock (Date, ISO string or epoch ms). Default: real now (again at every reset). */
  now?: Date | string | number
  /** "frozen": moves only when advanced (default). "running": also ticks with real time, batches run by themselves. */
  clock?: ClockMode
  pushRetry?: Partial<PushRetryOptions>
  /** Lifetime of a card token on the simulated clock (Paygent does not document it). */
  tokenTtlMinutes?: number
  /** Days after authorization at which an authorization expires (20 → 33) and refunds end (40 → 41). */
  cardAuthValidityDays?: number
  /** Shorter authorization validity for Visa/Mastercard, if set (some acquirers: 25 days). */
  visaMasterAuthValidityDays?: number
  /** Public holidays (YYYYMMDD, JST) that count as non-business days for bank net batches. */
  holidays?: string[]
  /** First payment_id handed out. Default: derived from the real start time so restarts do not reuse ids. */
  paymentIdStart?: number
  log?: (line: string) => void
}

export interface ResolvedOptions {
  host: string
  port: number
  tls: boolean
  certDir?: string
  stateFile?: string
  publicPort: number
  notifyUrl?: string
  latencyMs: number
  merchantId: string
  connectId: string
  connectPassword: string
  noticeHashKey: string
  tokenKey: string
  tokenHashKey: string
  threeDsHashKey: string
  konbiniConnectionType: KonbiniConnectionType
  contract: ContractFlags
  limits: AmountLimits
  now: number
  /** Whether `now` was given (a reset then returns to it) or taken from the real clock (a reset takes it again). */
  fixedStart: boolean
  clock: ClockMode
  pushRetry: PushRetryOptions
  tokenTtlMinutes: number
  cardAuthValidityDays: number
  visaMasterAuthValidityDays?: number
  holidays: string[]
  paymentIdStart: number
  log: (line: string) => void
}

export const DEFAULT_CONTRACT: ContractFlags = {
  card: true,
  konbini: true,
  atm: true,
  bankNet: true,
  storedCards: true,
  validityCheck: false,
  threeDs2: true,
  rawCardNumber: false,
  tokenRequiresCvc: true,
  bankNetMerchantAssignsTradingId: true,
}

export const DEFAULT_LIMITS: AmountLimits = {
  card: 9_999_999,
  konbini: 500_000,
  konbiniSevenEleven: 300_000,
  atm: 500_000,
  bankNet: 500_000,
}

export const DEFAULT_PUSH_RETRY: PushRetryOptions = {
  retryIntervalMs: 1_000,
  maxConsecutiveFailures: 5,
  pauseMs: 15 * 60 * 1000,
  timeoutMs: 10_000,
}

function toEpochMs(value: Date | string | number | undefined): number {
  if (value === undefined) return Date.now()
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value)
  if (!Number.isFinite(ms)) throw new Error(`paygent-simulator: invalid "now" option: ${String(value)}`)
  return ms
}

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const connectionType = options.konbiniConnectionType ?? "D"
  if (options.clock !== undefined && options.clock !== "frozen" && options.clock !== "running") {
    throw new Error(`paygent-simulator: clock must be "frozen" or "running", got ${String(options.clock)}`)
  }
  if (!["A", "B", "D", "F"].includes(connectionType)) {
    throw new Error(`paygent-simulator: konbiniConnectionType must be A, B, D or F, got ${connectionType}`)
  }
  return {
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    tls: options.tls ?? false,
    certDir: options.certDir,
    stateFile: options.stateFile || undefined,
    publicPort: options.publicPort ?? 0,
    notifyUrl: options.notifyUrl || undefined,
    latencyMs: options.latencyMs ?? 0,
    merchantId: options.merchantId ?? "123456789",
    connectId: options.connectId ?? "testconnect01",
    connectPassword: options.connectPassword ?? "TestPassw0rd99",
    noticeHashKey: options.noticeHashKey ?? "sim_notice_hash_key",
    tokenKey: options.tokenKey ?? "test_sim_token_key",
    tokenHashKey: options.tokenHashKey ?? "sim_token_hash_key",
    threeDsHashKey: options.threeDsHashKey ?? "sim_3ds_hash_key",
    konbiniConnectionType: connectionType,
    contract: { ...DEFAULT_CONTRACT, ...(options.contract ?? {}) },
    limits: { ...DEFAULT_LIMITS, ...(options.limits ?? {}) },
    now: toEpochMs(options.now),
    fixedStart: options.now !== undefined,
    clock: options.clock ?? "frozen",
    pushRetry: { ...DEFAULT_PUSH_RETRY, ...(options.pushRetry ?? {}) },
    tokenTtlMinutes: options.tokenTtlMinutes ?? 30,
    cardAuthValidityDays: options.cardAuthValidityDays ?? 60,
    visaMasterAuthValidityDays: options.visaMasterAuthValidityDays,
    holidays: options.holidays ?? [],
    // Milliseconds since 2020 keep ids ≤ 18 digits and unique across restarts of a long-lived demo.
    paymentIdStart: options.paymentIdStart ?? Math.max(1, Date.now() - Date.UTC(2020, 0, 1)),
    log: options.log ?? (() => undefined),
  }
}
