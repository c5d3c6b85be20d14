/**
 * A bad network between "Paygent" and the notice URL: the simulator pushes every notice here and is answered
 * `result=0` at once (so it never re-sends: a notice lost here is lost for good, as far as push goes); each notice is
 * then dropped with probability `loss`, otherwise delivered to a Medusa instance (chosen at random), twice with
 * probability `duplicate`, in shuffled order (a random pick from what is waiting), a few at a time.
 */
import * as http from "http"
import type { AddressInfo } from "net"
import { request } from "./http"
import { sleep } from "./tally"

export interface ChaosStats {
  received: number
  lost: number
  /** payment_notice_ids of the notices dropped. */
  lostIds: Set<string>
  duplicated: number
  delivered: number
  /** Deliveries answered with something else than 200 `result=0` (each one is a failure). */
  refused: Array<{ status: number; body: string; noticeId: string }>
  /** Deliveries that left the order Paygent sent them in. */
  reordered: number
}

interface Pending {
  body: Buffer
  contentType: string
  noticeId: string
  seq: number
}

export class ChaosProxy {
  readonly stats: ChaosStats = { received: 0, lost: 0, lostIds: new Set(), duplicated: 0, delivered: 0, refused: [], reordered: 0 }
  private server?: http.Server
  private waiting: Pending[] = []
  private inFlight = 0
  private running = false
  private pump?: Promise<void>
  private lastDeliveredSeq = -1
  url = ""

  constructor(
    private readonly options: {
      loss: number
      duplicate: number
      targets: () => string[]
      rand: () => number
      concurrency?: number
    }
  ) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on("data", (chunk) => chunks.push(chunk))
      req.on("end", () => {
        const body = Buffer.concat(chunks)
        const seq = this.stats.received++
        const noticeId = /(?:^|&)payment_notice_id=(\d+)/.exec(body.toString("latin1"))?.[1] ?? "?"
        res.writeHead(200, { "content-type": "text/plain" }).end("result=0")
        if (this.options.rand() < this.options.loss) {
          this.stats.lost++
          this.stats.lostIds.add(noticeId)
          return
        }
        const item = { body, contentType: String(req.headers["content-type"] ?? ""), noticeId, seq }
        this.waiting.push(item)
        if (this.options.rand() < this.options.duplicate) {
          this.stats.duplicated++
          this.waiting.push({ ...item })
        }
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", () => resolve()))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/paygent/notice`
    this.running = true
    this.pump = this.run()
  }

  private async deliver(item: Pending): Promise<void> {
    const targets = this.options.targets()
    const target = targets[Math.floor(this.options.rand() * targets.length)]
    if (item.seq < this.lastDeliveredSeq) {
      this.stats.reordered++
    }
    this.lastDeliveredSeq = Math.max(this.lastDeliveredSeq, item.seq)
    const reply = await request("POST", `${target}/paygent/notice`, {
      raw: item.body,
      headers: { "content-type": item.contentType },
      timeoutMs: 120_000,
    })
    this.stats.delivered++
    if (reply.status !== 200 || reply.text.trim() !== "result=0") {
      this.stats.refused.push({ status: reply.status, body: (reply.error ?? reply.text).slice(0, 200), noticeId: item.noticeId })
    }
  }

  private async run(): Promise<void> {
    const concurrency = this.options.concurrency ?? 4
    while (this.running || this.waiting.length || this.inFlight) {
      // Let a few notices pile up before picking, so that the order really is shuffled.
      if (this.waiting.length === 0 || this.inFlight >= concurrency || (this.running && this.waiting.length < 3 && this.options.rand() < 0.7)) {
        await sleep(10)
        continue
      }
      const index = Math.floor(this.options.rand() * this.waiting.length)
      const [item] = this.waiting.splice(index, 1)
      this.inFlight++
      void this.deliver(item).finally(() => this.inFlight--)
    }
  }

  /** Resolves when nothing is waiting or being delivered. */
  async drain(timeoutMs = 300_000): Promise<void> {
    const until = Date.now() + timeoutMs
    while ((this.waiting.length || this.inFlight) && Date.now() < until) {
      await sleep(50)
    }
  }

  async stop(): Promise<void> {
    this.running = false
    await this.drain()
    await this.pump
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }
}
