import iconv from "iconv-lite"

/**
 * The two character sets Paygent speaks. Windows-31J (Microsoft's Shift_JIS, "cp932") is the default for
 * every telegram; a handful of newer telegrams are UTF-8 (docs/protocol.md §1.1).
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

/**
 * Characters that macOS / iOS keyboards and many web forms produce where Windows typists get the Windows-31J one:
 * the same glyph under another code point (JIS X 0208's mapping versus Microsoft's). Windows-31J converters such as
 * PHP's (Paygent's official module) send them as the Windows-31J character; iconv-lite's cp932 cannot encode them.
 */
export const WINDOWS_31J_EQUIVALENTS: Readonly<Record<string, string>> = {
  "\u301C": "\uFF5E", // 〜 WAVE DASH → ～ (81 60)
  "\u2212": "\uFF0D", // − MINUS SIGN → － (81 7C)
  "\u2016": "\u2225", // ‖ DOUBLE VERTICAL LINE → ∥ (81 61)
  "\u00A2": "\uFFE0", // ¢ → ￠ (81 91)
  "\u00A3": "\uFFE1", // £ → ￡ (81 92)
  "\u00AC": "\uFFE2", // ¬ → ￢ (81 CA)
  "\u2014": "\u2015", // — EM DASH → ― (81 5C)
}

const EQUIVALENT = /[\u301C\u2212\u2016\u00A2\u00A3\u00AC\u2014]/
const EQUIVALENTS = new RegExp(EQUIVALENT.source, "g")

/** Replaces the characters of WINDOWS_31J_EQUIVALENTS by the ones Windows-31J has. */
export function toWindows31JEquivalents(text: string): string {
  return EQUIVALENT.test(text) ? text.replace(EQUIVALENTS, (ch) => WINDOWS_31J_EQUIVALENTS[ch]) : text
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
  text = toWindows31JEquivalents(text)
  const bytes = iconv.encode(text, ICONV_NAME[charset])
  let inBytes = 0
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === QUESTION_MARK) inBytes++
  if (inBytes === countQuestionMarks(text)) return undefined
  for (const ch of text) {
    if (ch !== "?" && iconv.encode(ch, ICONV_NAME[charset])[0] === QUESTION_MARK) return ch
  }
  return undefined
}

/**
 * Encodes without any loss check (callers that need one use findUnencodable first). Windows-31J text goes through
 * toWindows31JEquivalents first, as Paygent's module would send it.
 */
export function encodeText(text: string, charset: PaygentCharset): Buffer {
  return charset === "UTF-8" ? Buffer.from(text, "utf8") : iconv.encode(toWindows31JEquivalents(text), ICONV_NAME[charset])
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
  return encodeText(text, charset).length
}
