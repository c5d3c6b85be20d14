import { byteLength, encodeText, findUnencodable, hasLoneSurrogate, type PaygentCharset } from "./charset"
import { moduleError, PaygentInputError } from "./errors"
import { msg } from "./messages"

export { parseKeyValueResponse, type KeyValueResponse } from "./parse-key-value"
export { parseCsvResponse, type CsvResponse } from "./parse-csv"
export { charsetForKind } from "./charset"

export type RequestParams = ReadonlyArray<readonly [string, string]> | Readonly<Record<string, string>>

/** Limits the official module enforces before sending (§1.1); exceeding them is module error E02002. */
export const MAX_TELEGRAM_BYTES = 102_400
export const MAX_VALUE_BYTES = 102_400
export const MAX_KEY_BYTES = 8_190

// PHP urlencode(): only A–Z a–z 0–9 - _ . pass through, space becomes "+", every other byte "%XX".
const PASS_THROUGH = new Uint8Array(256)
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.") PASS_THROUGH[c.charCodeAt(0)] = 1
const HEX = Buffer.from("0123456789ABCDEF", "ascii")
const PLUS = 0x2b
const PERCENT = 0x25
const EQUALS = 0x3d
const AMPERSAND = 0x26
const QUESTION_MARK = 0x3f

function entriesOf(params: RequestParams): ReadonlyArray<readonly [string, string]> {
  return Array.isArray(params) ? (params as ReadonlyArray<readonly [string, string]>) : Object.entries(params)
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false
  return true
}

/** A string either kept as-is (pure ASCII: one byte per char) or already converted to the charset's bytes. */
type Piece = string | Buffer

function toPiece(field: string, text: string, charset: PaygentCharset): Piece {
  if (isAscii(text)) return text
  const bytes = encodeText(text, charset)
  if (charset === "Windows-31J") {
    // iconv-lite replaces unencodable characters with "?" (0x3F, never a Shift_JIS trail byte): a count
    // mismatch means something would be sent other than what the caller wrote.
    let marks = 0
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === QUESTION_MARK) marks++
    let expected = 0
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === QUESTION_MARK) expected++
    if (marks !== expected) throw unencodable(field, text, charset)
  } else if (hasLoneSurrogate(text)) {
    throw unencodable(field, text, charset)
  }
  return bytes
}

function unencodable(field: string, text: string, charset: PaygentCharset): PaygentInputError {
  const ch = findUnencodable(text, charset) ?? ""
  const shown = ch && /^[\p{L}\p{N}\p{S}\p{P}]$/u.test(ch) ? ` 「${ch}」 (U+${ch.codePointAt(0)!.toString(16).toUpperCase()})` : ""
  return new PaygentInputError(
    field,
    "unencodable_character",
    msg(
      `${field} に送信できない文字が含まれています${shown}。`,
      `${field} contains a character that cannot be sent in ${charset}${shown}.`
    )
  )
}

function writeEncoded(piece: Piece, out: Buffer, pos: number): number {
  const n = piece.length
  for (let i = 0; i < n; i++) {
    const b = typeof piece === "string" ? piece.charCodeAt(i) : piece[i]
    if (PASS_THROUGH[b] === 1) {
      out[pos++] = b
    } else if (b === 0x20) {
      out[pos++] = PLUS
    } else {
      out[pos++] = PERCENT
      out[pos++] = HEX[b >> 4]
      out[pos++] = HEX[b & 0x0f]
    }
  }
  return pos
}

/**
 * The request body as Paygent's official PHP module produces it: each key and value converted to the
 * telegram's charset, PHP-urlencoded byte by byte, joined as k=v with "&" in the given order.
 * Throws PaygentInputError if a value holds a character the charset cannot represent (iconv-lite would
 * silently send "?").
 */
export function encodeRequestBody(params: RequestParams, charset: PaygentCharset): Buffer {
  const entries = entriesOf(params)
  const pieces: Piece[] = new Array(entries.length * 2)
  let worst = entries.length
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]
    const k = toPiece(key, key, charset)
    const v = toPiece(key, value, charset)
    pieces[2 * i] = k
    pieces[2 * i + 1] = v
    worst += 3 * (k.length + v.length) + 1
  }
  const out = Buffer.allocUnsafe(worst)
  let pos = 0
  for (let i = 0; i < pieces.length; i += 2) {
    if (i > 0) out[pos++] = AMPERSAND
    pos = writeEncoded(pieces[i], out, pos)
    out[pos++] = EQUALS
    pos = writeEncoded(pieces[i + 1], out, pos)
  }
  return out.subarray(0, pos)
}

/** Telegram length as the module measures it: bytes of URL + "?" + k=v&k=v… before URL-encoding. */
export function telegramLength(url: string, params: RequestParams, charset: PaygentCharset): number {
  const entries = entriesOf(params)
  if (entries.length === 0) return 0
  let total = byteLength(url, charset) + 1 + (entries.length - 1)
  for (const [key, value] of entries) total += byteLength(key, charset) + 1 + byteLength(value, charset)
  return total
}

/** Refuses (module error E02002, class configuration) what the official module would refuse to send. */
export function assertTelegramSize(url: string, params: RequestParams, charset: PaygentCharset, telegramKind = ""): void {
  for (const [key, value] of entriesOf(params)) {
    if (byteLength(key, charset) > MAX_KEY_BYTES) {
      throw moduleError("E02002", "configuration", telegramKind, `parameter name longer than ${MAX_KEY_BYTES} bytes`)
    }
    if (byteLength(value, charset) > MAX_VALUE_BYTES) {
      throw moduleError("E02002", "configuration", telegramKind, `value of ${key} exceeds ${MAX_VALUE_BYTES} bytes`)
    }
  }
  const length = telegramLength(url, params, charset)
  if (length > MAX_TELEGRAM_BYTES) {
    throw moduleError("E02002", "configuration", telegramKind, `telegram is ${length} bytes, limit ${MAX_TELEGRAM_BYTES}`)
  }
}
