import iconv from "iconv-lite"

/**
 * The two character sets Paygent speaks. Windows-31J (Microsoft's Shift_JIS, "cp932") is the default for
 * every telegram; a handful of newer telegrams are UTF-8 (PROTOCOL.md §1.1).
 */
export type PaygentCharset = "Windows-31J" | "UTF-8"

// iconv-lite's "cp932" is the WHATWG/Windows mapping (0x8160 = U+FF5E, NEC and IBM extensions included),
// which is what Paygent's Java/PHP stacks call Windows-31J / SJIS-win.
const ICONV_NAME: Record<PaygentCharset, string> = { "Windows-31J": "cp932", "UTF-8": "utf8" }

// Welcart's copy of the official module hard-codes this set (§1.1); the module itself reads it from a property.
const UTF8_KINDS = new Set(["098", "380", "410", "411", "412", "413", "414", "415", "416", "417", "450"])

export function charsetForKind(kind: string): PaygentCharset {
  return UTF8_KINDS.has(kind) ? "UTF-8" : "Windows-31J"
}

export class CharsetError extends Error {
  constructor(message: string, readonly offset?: number) {
    super(message)
    this.name = "CharsetError"
  }
}

const QUESTION_MARK = 0x3f

function countQuestionMarks(text: string): number {
  let n = 0
  for (let i = text.indexOf("?"); i !== -1; i = text.indexOf("?", i + 1)) n++
  return n
}

/**
 * Returns the first character of `text` that the charset cannot represent, or undefined.
 * iconv-lite silently writes "?" for such characters, so a lossy conversion is detected by counting "?":
 * 0x3F can never be a trail byte in Shift_JIS, so every 0x3F in the output is a "?" of the input or a
 * substitution.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** A lone UTF-16 surrogate cannot be represented in any charset (UTF-8 would turn it into U+FFFD). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text)
}

export function findUnencodable(text: string, charset: PaygentCharset): string | undefined {
  if (charset === "UTF-8") {
    const m = LONE_SURROGATE.exec(text)
    return m ? m[0] : undefined
  }
  const bytes = iconv.encode(text, ICONV_NAME[charset])
  let inBytes = 0
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === QUESTION_MARK) inBytes++
  if (inBytes === countQuestionMarks(text)) return undefined
  for (const ch of text) {
    if (ch !== "?" && iconv.encode(ch, ICONV_NAME[charset])[0] === QUESTION_MARK) return ch
  }
  return undefined
}

/** Encodes without any loss check (callers that need one use findUnencodable first). */
export function encodeText(text: string, charset: PaygentCharset): Buffer {
  return charset === "UTF-8" ? Buffer.from(text, "utf8") : iconv.encode(text, ICONV_NAME[charset])
}

/** Lenient decoding, used for Paygent's responses: an unexpected byte becomes U+FFFD rather than failing. */
export function decodeText(bytes: Buffer, charset: PaygentCharset): string {
  return charset === "UTF-8" ? bytes.toString("utf8") : iconv.decode(bytes, ICONV_NAME[charset])
}

/**
 * Strict decoding, used for data arriving from outside (push notices): any byte sequence that is not
 * valid in the charset is an error. iconv-lite marks invalid sequences with U+FFFD and maps the undefined
 * single byte 0x80 to U+0080; neither can come from a valid Windows-31J text.
 */
export function decodeTextStrict(bytes: Buffer, charset: PaygentCharset): string {
  const text = decodeText(bytes, charset)
  const bad = charset === "UTF-8" ? text.indexOf("\uFFFD") : text.search(/[\uFFFD\u0080]/)
  if (bad !== -1 && !(charset === "UTF-8" && validUtf8ReplacementChar(bytes))) {
    throw new CharsetError(`bytes are not valid ${charset} (near character ${bad})`, bad)
  }
  return text
}

// U+FFFD itself is legal UTF-8 (EF BF BD); only a U+FFFD produced by the decoder means invalid input.
function validUtf8ReplacementChar(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString("utf8"), "utf8").equals(bytes)
}

export function byteLength(text: string, charset: PaygentCharset): number {
  if (charset === "UTF-8") return Buffer.byteLength(text, "utf8")
  // Pure ASCII is by far the common case (IDs, amounts, codes) and is one byte per character.
  if (/^[\x00-\x7f]*$/.test(text)) return text.length
  return iconv.encode(text, ICONV_NAME[charset]).length
}
