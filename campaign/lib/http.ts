/** A small HTTP client for the campaign: never throws on a status, returns the parsed body when it is JSON. */
import { Agent, fetch } from "undici"

/**
 * Idle connections are dropped by this side after 1 s, well before Node's HTTP server closes them (5 s): otherwise a
 * request sent on a connection the server is closing at that very moment fails with ECONNRESET, a race of the
 * client's pool that says nothing about the app (it stopped the full campaign's kill scenario once).
 */
const dispatcher = new Agent({ keepAliveTimeout: 1_000, keepAliveMaxTimeout: 1_000 })
export interface Reply<T = any> {
  status: number
  data: T
  text: string
  /** A network error (connection refused, reset, timeout) instead of an answer. */
  error?: string
}

export async function request<T = any>(
  method: string,
  url: string,
  options: { body?: unknown; raw?: string | Buffer; headers?: Record<string, string>; timeoutMs?: number } = {}
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) }
  let body: string | Uint8Array | undefined
  if (options.raw !== undefined) {
    body = typeof options.raw === "string" ? options.raw : new Uint8Array(options.raw)
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers["content-type"] ??= "application/json"
  }
  try {
    const response = await fetch(url, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 300_000),
      dispatcher,
    })
    const text = await response.text()
    let data: any = text
    if ((response.headers.get("content-type") ?? "").includes("json")) {
      try {
        data = JSON.parse(text)
      } catch {
        // keep the text
      }
    }
    return { status: response.status, data, text }
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause
    return { status: 0, data: undefined as any, text: "", error: cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error) }
  }
}

export function ok(reply: Reply): boolean {
  return reply.status >= 200 && reply.status < 300
}

/** Throws with the method, URL, status and body when the reply is not 2xx (for set-up steps that must work). */
export function must<T>(reply: Reply<T>, what: string): Reply<T> {
  if (!ok(reply)) {
    throw new Error(`${what}: ${reply.error ?? `HTTP ${reply.status}`} ${reply.text.slice(0, 500)}`)
  }
  return reply
}
