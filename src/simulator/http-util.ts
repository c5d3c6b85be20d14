/** Small helpers for writing HTTP answers. */
import type { IncomingMessage, ServerResponse } from "http"

/** Paygent's limit is 100 KB per telegram; anything far beyond is refused before parsing. */
export const MAX_BODY_BYTES = 1024 * 1024

export class BodyTooLargeError extends Error {}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLargeError(`body larger than ${MAX_BODY_BYTES} bytes`))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on("end", () => resolve(Buffer.concat(chunks)))
    req.on("error", reject)
  })
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body ?? null, null, 2)
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text), ...headers })
  res.end(text)
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = "text/plain; charset=utf-8"): void {
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": Buffer.byteLength(text) })
  res.end(text)
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  sendText(res, status, html, "text/html; charset=utf-8")
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, "Content-Length": 0 })
  res.end()
}

/** Parses a JSON body; an empty body is {}. */
export function parseJson(body: Buffer): Record<string, unknown> {
  const text = body.toString("utf8").trim()
  if (text === "") return {}
  const value: unknown = JSON.parse(text)
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("body must be a JSON object")
  return value as Record<string, unknown>
}

/** Parses an UTF-8 url-encoded body (the simulator's own HTML forms post UTF-8). */
export function parseUtf8Form(body: Buffer): URLSearchParams {
  return new URLSearchParams(body.toString("utf8"))
}
