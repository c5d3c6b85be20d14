import type { PaygentTransport, TransportRequest, TransportResponse } from "../transport"

/** Records every request and answers with canned bodies (or throws canned errors). */
export class FakeTransport implements PaygentTransport {
  readonly requests: TransportRequest[] = []
  private readonly replies: Array<Buffer | Error | TransportResponse> = []
  closed = false

  reply(...bodies: Array<Buffer | string | Error | TransportResponse>): this {
    for (const b of bodies) this.replies.push(typeof b === "string" ? Buffer.from(b, "latin1") : b)
    return this
  }

  async send(request: TransportRequest): Promise<TransportResponse> {
    this.requests.push(request)
    const next = this.replies.shift()
    if (next === undefined) throw new Error("FakeTransport: no reply queued")
    if (next instanceof Error) throw next
    if (Buffer.isBuffer(next)) return { status: 200, headers: {}, body: next }
    return next
  }

  async close(): Promise<void> {
    this.closed = true
  }
}
