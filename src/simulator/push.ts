/**
 * Push delivery of notice records (決済情報差分通知, docs/protocol.md §7.2).
 *
 * Each record is POSTed as a Windows-31J url-encoded form (the 091 items No. 6 onward plus `hc`) to the notify URL.
 * Delivery is strictly in order, one at a time: a record is delivered only when the reply body is exactly `result=0`
 * (trailing whitespace ignored) with a 2xx status; otherwise the same record is re-sent. After five consecutive failures
 * pushes pause for 15 minutes. All of this runs on real timers, decoupled from the telegram that caused the record.
 */
import * as http from "http"
import * as https from "https"
import { noticeHash } from "./hashes"
import type { NoticeRecord, PushAttempt } from "./model"
import type { PushRetryOptions } from "./options"
import { encodeForm, type ResponseItem } from "./wire"

export interface PushState {
  enabled: boolean
  url?: string
  paused: boolean
  paused_until?: string
  consecutive_failures: number
  queued: number[]
}

export interface PushSettings {
  enabled?: boolean
  url?: string | null
  paused?: boolean
}

/** The form items of a push: the record plus its hc. */
export function pushItems(record: NoticeRecord, hashKey: string): ResponseItem[] {
  const get = (name: string) => record.items.find(([key]) => key === name)?.[1] ?? ""
  const hc = noticeHash(
    {
      payment_notice_id: get("payment_notice_id"),
      payment_id: get("payment_id"),
      trading_id: get("trading_id"),
      payment_type: get("payment_type"),
      payment_amount: get("payment_amount"),
    },
    hashKey,
  )
  return [...record.items, ["hc", hc]]
}

function post(url: string, body: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const client = target.protocol === "https:" ? https : http
    const request = client.request(
      target,
      {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded; charset=Windows-31J",
          "Content-Length": Buffer.byteLength(body),
          "User-Agent": "paygent-simulator",
        },
        // A local receiver usually has a self-signed certificate; Paygent itself requires a valid one.
        rejectUnauthorized: false,
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on("data", (chunk: Buffer) => chunks.push(chunk))
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("latin1") }))
        response.on("error", reject)
      },
    )
    request.on("timeout", () => request.destroy(new Error(`no reply within ${timeoutMs} ms`)))
    request.on("error", reject)
    request.end(body)
  })
}

export class PushDelivery {
  readonly attempts: PushAttempt[] = []
  private readonly queue: NoticeRecord[] = []
  private enabled = true
  private manualPause = false
  private pausedUntil?: number
  private consecutiveFailures = 0
  private running = false
  private timer?: NodeJS.Timeout
  private wakeUp?: () => void
  private idleWaiters: (() => void)[] = []
  private closed = false

  constructor(
    private url: string | undefined,
    private readonly hashKey: string,
    private readonly retry: PushRetryOptions,
    private readonly log: (line: string) => void,
  ) {}

  /** Queues a new record, unless push is off (no URL or disabled): such records are never pushed later. */
  enqueue(record: NoticeRecord): void {
    if (!this.url || !this.enabled) {
      record.push.state = "disabled"
      return
    }
    record.push.state = "pending"
    this.queue.push(record)
    // Deliver after the telegram's response has been written.
    setImmediate(() => this.kick())
  }

  state(): PushState {
    return {
      enabled: this.enabled,
      url: this.url,
      paused: this.isPaused(),
      paused_until: this.pausedUntil ? new Date(this.pausedUntil).toISOString() : undefined,
      consecutive_failures: this.consecutiveFailures,
      queued: this.queue.map((r) => r.paymentNoticeId),
    }
  }

  configure(settings: PushSettings): PushState {
    if (settings.url !== undefined) this.url = settings.url || undefined
    if (settings.enabled !== undefined) this.enabled = settings.enabled
    if (settings.paused !== undefined) {
      this.manualPause = settings.paused
      if (!settings.paused) {
        this.pausedUntil = undefined
        this.consecutiveFailures = 0
      }
    }
    this.wake()
    this.kick()
    return this.state()
  }

  reset(): void {
    for (const record of this.queue) record.push.state = "disabled"
    this.queue.length = 0
    this.attempts.length = 0
    this.consecutiveFailures = 0
    this.pausedUntil = undefined
    this.manualPause = false
    this.wake()
    this.notifyIdle()
  }

  close(): void {
    this.closed = true
    this.wake()
    this.notifyIdle()
  }

  /** Resolves when nothing is left to deliver or delivery is paused/disabled (tests await this). */
  waitForIdle(timeoutMs = 10_000): Promise<void> {
    if (this.isIdle()) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`pushes not idle after ${timeoutMs} ms`)), timeoutMs)
      this.idleWaiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
    })
  }

  private isPaused(): boolean {
    return this.manualPause || (this.pausedUntil !== undefined && Date.now() < this.pausedUntil)
  }

  private isIdle(): boolean {
    return this.queue.length === 0 || !this.url || !this.enabled || this.isPaused() || this.closed
  }

  private notifyIdle(): void {
    if (!this.isIdle() && !this.closed) return
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const resolve of waiters) resolve()
  }

  private wake(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    const wake = this.wakeUp
    this.wakeUp = undefined
    wake?.()
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wakeUp = resolve
      this.timer = setTimeout(() => {
        this.timer = undefined
        this.wakeUp = undefined
        resolve()
      }, ms)
      this.timer.unref?.()
    })
  }

  private kick(): void {
    if (this.running || this.closed) {
      this.notifyIdle()
      return
    }
    this.running = true
    void this.run().finally(() => {
      this.running = false
      this.notifyIdle()
    })
  }

  private async run(): Promise<void> {
    while (!this.closed && this.queue.length > 0 && this.url && this.enabled) {
      if (this.manualPause) return
      if (this.pausedUntil !== undefined) {
        const wait = this.pausedUntil - Date.now()
        if (wait > 0) {
          this.notifyIdle()
          await this.sleep(wait)
          continue
        }
        this.pausedUntil = undefined
        this.log(`push: pause over, resuming with notice ${this.queue[0].paymentNoticeId}`)
      }
      const record = this.queue[0]
      const ok = await this.deliver(record, this.url)
      if (this.closed) return
      // A reset while the POST was in flight emptied the queue: start over with whatever is queued now.
      if (this.queue[0] !== record) continue
      if (ok) {
        this.queue.shift()
        this.consecutiveFailures = 0
        record.push.state = "delivered"
        record.push.deliveredAt = new Date().toISOString()
        continue
      }
      this.consecutiveFailures++
      if (this.consecutiveFailures >= this.retry.maxConsecutiveFailures) {
        this.pausedUntil = Date.now() + this.retry.pauseMs
        this.consecutiveFailures = 0
        this.log(`push: ${this.retry.maxConsecutiveFailures} consecutive failures, pausing for ${this.retry.pauseMs} ms`)
        continue
      }
      await this.sleep(this.retry.retryIntervalMs)
    }
  }

  private async deliver(record: NoticeRecord, url: string): Promise<boolean> {
    record.push.attempts++
    const body = encodeForm(pushItems(record, this.hashKey), "Windows-31J")
    const attempt: PushAttempt = { paymentNoticeId: record.paymentNoticeId, at: new Date().toISOString(), url, ok: false }
    try {
      const reply = await post(url, body, this.retry.timeoutMs)
      attempt.status = reply.status
      attempt.body = reply.body.slice(0, 200)
      attempt.ok = reply.status >= 200 && reply.status < 300 && reply.body.replace(/\s+$/, "") === "result=0"
    } catch (error) {
      attempt.error = error instanceof Error ? error.message : String(error)
    }
    this.attempts.push(attempt)
    this.log(`push: notice ${record.paymentNoticeId} → ${url}: ${attempt.ok ? "delivered" : attempt.error ?? `HTTP ${attempt.status} ${JSON.stringify(attempt.body)}`}`)
    return attempt.ok
  }
}
