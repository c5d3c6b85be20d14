/**
 * The byte-level codec of Paygent's module protocol (docs/protocol.md §1.1, §5.1, §5.2; fixtures/paygent/README.md).
 *
 * Requests: application/x-www-form-urlencoded whose percent-escapes stand for Windows-31J bytes (UTF-8 for the
 * UTF-8 telegram kinds). The Content-Type charset is ignored because Paygent's own module sends a malformed one.
 * Responses: raw (not URL-encoded) `key=value` lines, each ending in CRLF, Windows-31J (UTF-8 for 450).
 */
import * as iconv from "iconv-lite"

export type Charset = "Windows-31J" | "UTF-8"

/** Telegram kinds Paygent exchanges in UTF-8 (§1.1; Welcart's list). Everything else is Windows-31J. */
const UTF8_TELEGRAM_KINDS = new Set(["098", "380", "410", "411", "412", "413", "414", "415", "416", "417", "450"])

export function charsetForKind(kind: string | undefined): Charset {
  return kind !== undefined && UTF8_TELEGRAM_KINDS.has(kind) ? "UTF-8" : "Windows-31J"
}

export function encodeText(text: string, charset: Charset): Buffer {
  return charset === "UTF-8" ? Buffer.from(text, "utf8") : iconv.encode(text, "windows-31j")
}

export function decodeText(bytes: Buffer, charset: Charset): string {
  return charset === "UTF-8" ? bytes.toString("utf8") : iconv.decode(bytes, "windows-31j")
}

/** Byte length as Paygent counts field lengths (Windows-31J bytes, UTF-8 bytes for UTF-8 telegrams). */
export function byteLength(text: string, charset: Charset): number {
  return encodeText(text, charset).length
}

const HEX = /^[0-9A-Fa-f]{2}$/

/** Percent-decodes to raw bytes: `+` is a space, `%XX` a byte, a malformed escape is kept literally. */
export function percentDecodeBytes(raw: Buffer): Buffer {
  const out = Buffer.alloc(raw.length)
  let n = 0
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]
    if (b === 0x2b) {
      out[n++] = 0x20
    } else if (b === 0x25 && i + 2 < raw.length && HEX.test(raw.subarray(i + 1, i + 3).toString("latin1"))) {
      out[n++] = parseInt(raw.subarray(i + 1, i + 3).toString("latin1"), 16)
      i += 2
    } else {
      out[n++] = b
    }
  }
  return out.subarray(0, n)
}

export interface DecodedForm {
  /** Parameters by name; when a name repeats, the first value wins (as a Java servlet's getParameter does). */
  params: Map<string, string>
  /** Names in the order they were sent (for the telegram log). */
  order: string[]
}

/** Splits the raw body on `&` and the first `=` at byte level (escaped `%26`/`%3D` never split), then decodes. */
export function decodeForm(body: Buffer, charset: Charset): DecodedForm {
  const params = new Map<string, string>()
  const order: string[] = []
  let start = 0
  while (start <= body.length) {
    let end = body.indexOf(0x26, start)
    if (end < 0) end = body.length
    const pair = body.subarray(start, end)
    start = end + 1
    if (pair.length === 0) {
      if (end === body.length) break
      continue
    }
    const eq = pair.indexOf(0x3d)
    const rawKey = eq < 0 ? pair : pair.subarray(0, eq)
    const rawValue = eq < 0 ? Buffer.alloc(0) : pair.subarray(eq + 1)
    const key = decodeText(percentDecodeBytes(rawKey), charset)
    const value = decodeText(percentDecodeBytes(rawValue), charset)
    if (!params.has(key)) {
      params.set(key, value)
      order.push(key)
    }
  }
  return { params, order }
}

/** Finds a plain-ASCII parameter (telegram_kind) before the charset is known: ASCII is identical in both charsets. */
export function peekAsciiParam(body: Buffer, name: string): string | undefined {
  return decodeForm(body, "Windows-31J").params.get(name)
}

export type ResponseItem = [key: string, value: string]

/**
 * Encodes a key=value response. Items keep their order except that `*_html` items move to the end, because their value
 * runs to the end of the body (§5.1). An `*_html` value starts on the line after its key: Paygent's own parser drops
 * whatever stands after `key=` on the key's line and reads the value from the following lines, so HTML placed on the
 * key's line would lose its first line (`<!DOCTYPE html>`). An empty one is just `key=`. Every line, including the
 * last, ends in CRLF.
 */
export function encodeKeyValue(items: readonly ResponseItem[], charset: Charset): Buffer {
  const plain = items.filter(([key]) => !key.endsWith("_html"))
  const html = items.filter(([key]) => key.endsWith("_html"))
  const text = [
    ...plain.map(([key, value]) => `${key}=${value}\r\n`),
    ...html.map(([key, value]) => (value === "" ? `${key}=\r\n` : `${key}=\r\n${value}\r\n`)),
  ].join("")
  return encodeText(text, charset)
}

/** Encodes a CSV response (027): every field double-quoted, `""` for a quote, CRLF after every record (§5.2). */
export function encodeCsv(records: readonly (readonly string[])[], charset: Charset): Buffer {
  const text = records
    .map((fields) => fields.map((field) => `"${field.replace(/"/g, '""')}"`).join(",") + "\r\n")
    .join("")
  return encodeText(text, charset)
}

const UNRESERVED = /[A-Za-z0-9\-_.]/

/**
 * URL-encodes like PHP's urlencode over the charset's bytes (what Paygent's module does, fixture README choice 1):
 * bytes outside `A–Z a–z 0–9 - _ .` become %XX (upper-case hex) and a space becomes `+`.
 */
export function urlEncode(text: string, charset: Charset): string {
  const bytes = encodeText(text, charset)
  let out = ""
  for (const b of bytes) {
    const ch = String.fromCharCode(b)
    if (b < 0x80 && UNRESERVED.test(ch)) out += ch
    else if (b === 0x20) out += "+"
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0")
  }
  return out
}

/** An url-encoded form body (used for push notices, which Paygent sends as Windows-31J form data). */
export function encodeForm(items: readonly ResponseItem[], charset: Charset): string {
  return items.map(([key, value]) => `${urlEncode(key, charset)}=${urlEncode(value, charset)}`).join("&")
}
