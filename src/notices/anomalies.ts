import { createHash } from "node:crypto"
import { isIP } from "node:net"
import type PaygentModuleService from "../modules/paygent/service"
import { isSecretKey, maskPans, REDACTED } from "../paygent/redact"
import { normalizeIp } from "./ip-allow"

/**
 * Refused notices, recorded bounded (issue #15: 300 refused 63 KB bodies once added 22.5 MB). The notice URL is open
 * to the internet, so what a refusal stores must not grow with what a sender posts:
 * - a row keeps a digest of the body, its first bytes (secrets masked) and its size, never the body or its items;
 * - every refusal is counted per source and reason (`paygent_notice_anomaly_count`, one row per pair);
 * - per source (an IPv6 address counts as its /64) and minute only the first few refusals get a row, and past a
 *   limit a source's refusals are not written at all: they are answered 429 and counted in memory, added to the
 *   count with the source's next write or by the sync job. The limits are per process (each instance keeps its own).
 * A genuine notice is never refused because of this: the throttle only changes how a refusal is recorded and
 * answered, and the route still checks every body (src/api/paygent/notice/route.ts).
 */

/** A notice is a few hundred bytes (91 items at most, nearly all short): anything over this is not one. */
export const NOTICE_MAX_BODY_BYTES = 8 * 1024
/** How much of a refused body a row keeps. */
export const ANOMALY_HEAD_BYTES = 200
/** Detailed rows kept in all (the sync job deletes older ones). */
export const MAX_ANOMALY_ROWS = 10_000

export const REFUSAL_LIMITS = {
  windowMs: 60_000,
  /** Refusals of one source per window that get a detailed row. */
  rowsPerSource: 5,
  /** Refusals of one source per window that are written at all (the count); beyond them: 429, in memory only. */
  writesPerSource: 30,
  /** The same for all sources together (many addresses, e.g. rotating IPv6). */
  rowsPerWindow: 50,
  writesPerWindow: 300,
  /** Sources tracked at once; the oldest are forgotten first. */
  maxSources: 10_000,
}

export type RefusalRecord = "row" | "count" | "throttle"

/** The source a refusal is counted under: the IPv4 address, an IPv6 address's /64, or "unknown". */
export function sourceKey(ip: string | undefined | null): string {
  const address = normalizeIp(ip)
  if (isIP(address) === 6) {
    const groups = expandIpv6(address)
    return groups ? `${groups.slice(0, 4).join(":")}::/64` : address
  }
  return address || "unknown"
}

function expandIpv6(address: string): string[] | undefined {
  const [head, tail] = address.toLowerCase().split("::")
  const left = head ? head.split(":") : []
  const right = tail !== undefined && tail !== "" ? tail.split(":") : []
  if (right.some((part) => part.includes(".")) || left.some((part) => part.includes("."))) {
    return undefined
  }
  const missing = 8 - left.length - right.length
  if (tail === undefined ? missing !== 0 : missing < 0) {
    return undefined
  }
  return [...left, ...Array(tail === undefined ? 0 : missing).fill("0"), ...right].map((part) => part.replace(/^0+(?=.)/, ""))
}

interface Window {
  start: number
  rows: number
  writes: number
  /** Refusals answered 429 and not written yet, per reason. */
  suppressed: Map<string, number>
}

/** How each refusal is recorded: a detailed row, only the count, or nothing now (429). Pure apart from its memory. */
export class RefusalLimiter {
  private readonly sources = new Map<string, Window>()
  private global: Window = { start: 0, rows: 0, writes: 0, suppressed: new Map() }

  constructor(private readonly limits = REFUSAL_LIMITS) {}

  decide(source: string, code: string, now: number): RefusalRecord {
    if (now - this.global.start >= this.limits.windowMs) {
      this.global = { start: now, rows: 0, writes: 0, suppressed: new Map() }
    }
    const window = this.windowOf(source, now)
    if (window.writes >= this.limits.writesPerSource || this.global.writes >= this.limits.writesPerWindow) {
      window.suppressed.set(code, (window.suppressed.get(code) ?? 0) + 1)
      return "throttle"
    }
    window.writes++
    this.global.writes++
    if (window.rows < this.limits.rowsPerSource && this.global.rows < this.limits.rowsPerWindow) {
      window.rows++
      this.global.rows++
      return "row"
    }
    return "count"
  }

  /** Refusals answered without a write, per source and reason, taken out (to be added to the counts). */
  takeSuppressed(source?: string): Array<{ source: string; code: string; count: number }> {
    const out: Array<{ source: string; code: string; count: number }> = []
    for (const [key, window] of this.sources) {
      if (source !== undefined && key !== source) {
        continue
      }
      for (const [code, count] of window.suppressed) {
        out.push({ source: key, code, count })
      }
      window.suppressed.clear()
    }
    return out
  }

  private windowOf(source: string, now: number): Window {
    let window = this.sources.get(source)
    if (!window || now - window.start >= this.limits.windowMs) {
      const suppressed = window?.suppressed ?? new Map<string, number>()
      window = { start: now, rows: 0, writes: 0, suppressed }
      this.sources.delete(source)
      this.sources.set(source, window)
      while (this.sources.size > this.limits.maxSources) {
        const oldest = this.sources.keys().next().value as string
        this.sources.delete(oldest)
      }
    }
    return window
  }
}

/** One limiter per process, shared by copies of this file loaded from different paths (src and .medusa). */
const LIMITER = Symbol.for("medusa-payment-paygent.notice-refusal-limiter")
export function refusalLimiter(): RefusalLimiter {
  const g = globalThis as typeof globalThis & { [LIMITER]?: RefusalLimiter }
  return (g[LIMITER] ??= new RefusalLimiter())
}

/** The first bytes of a body as printable text: secret items (hc …) masked, card-number-like digits masked. */
export function bodyHead(raw: Buffer, bytes = ANOMALY_HEAD_BYTES): string {
  let text = ""
  for (const byte of raw.subarray(0, bytes)) {
    text += byte >= 0x20 && byte < 0x7f && byte !== 0x5c ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, "0")}`
  }
  const masked = text.replace(/(^|&)([^=&]*)=([^&]*)/g, (match, lead: string, key: string) =>
    isSecretKey(decodeKey(key)) ? `${lead}${key}=${REDACTED}` : match
  )
  return maskPans(masked) + (raw.length > bytes ? "…" : "")
}

function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, " "))
  } catch {
    return key
  }
}

export interface NoticeAnomalyInput {
  /** malformed, missing_field, bad_format, bad_hash, ip_not_allowed, too_large, or a caller's own (e.g. id reused). */
  code: string
  reason: string
  field?: string | null
  source_ip?: string | null
  payment_notice_id?: string | null
  /** The body as received (only its digest, size and first bytes are kept); or just its size. */
  raw?: Buffer
  body_bytes?: number
}

/**
 * Records a refused (or suspicious) notice, bounded as described above. Returns how: `row` (a detailed row and the
 * count), `count` (the count only) or `throttle` (nothing written now; the route answers 429). The one API for
 * anomalies: the notice route and the notice store call it.
 */
export async function recordNoticeAnomaly(
  service: PaygentModuleService,
  input: NoticeAnomalyInput,
  now = new Date(),
  limiter = refusalLimiter()
): Promise<RefusalRecord> {
  const source = sourceKey(input.source_ip)
  const decision = limiter.decide(source, input.code, now.getTime())
  if (decision === "throttle") {
    return decision
  }
  const digest = input.raw ? createHash("sha256").update(input.raw).digest("hex") : null
  if (decision === "row") {
    await service.createPaygentNoticeAnomalies([
      {
        code: input.code.slice(0, 40),
        reason: input.reason.slice(0, 300),
        field: input.field?.slice(0, 100) ?? null,
        source_ip: normalizeIp(input.source_ip).slice(0, 64) || null,
        payment_notice_id: input.payment_notice_id?.slice(0, 40) || null,
        digest,
        head: input.raw ? bodyHead(input.raw) : null,
        body_bytes: input.raw?.length ?? input.body_bytes ?? 0,
        received_at: now,
      },
    ])
  }
  const counts = [
    { source, code: input.code.slice(0, 40), count: 1, rows: decision === "row" ? 1 : 0, digest },
    ...limiter.takeSuppressed(source).map((s) => ({ ...s, rows: 0, digest: null })),
  ]
  for (const count of counts) {
    await service.countNoticeAnomaly(count, now)
  }
  return decision
}

/** Adds what the limiter answered 429 without writing to the counts (the sync job calls it each run). */
export async function flushSuppressedAnomalies(service: PaygentModuleService, now = new Date(), limiter = refusalLimiter()): Promise<number> {
  const suppressed = limiter.takeSuppressed()
  for (const entry of suppressed) {
    await service.countNoticeAnomaly({ ...entry, rows: 0, digest: null }, now)
  }
  return suppressed.reduce((sum, entry) => sum + entry.count, 0)
}

/** Keeps the newest MAX_ANOMALY_ROWS detailed rows (the counts stay). */
export async function pruneNoticeAnomalies(service: PaygentModuleService, keep = MAX_ANOMALY_ROWS): Promise<void> {
  const [oldestKept] = (await service.listPaygentNoticeAnomalies({}, { select: ["id", "received_at"], order: { received_at: "DESC" }, skip: keep - 1, take: 1 })) as Array<{
    received_at: Date
  }>
  if (oldestKept) {
    await service.deleteNoticeAnomaliesBefore(oldestKept.received_at)
  }
}
