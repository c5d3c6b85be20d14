/**
 * The browser's side of the server's name check (src/paygent/jis.ts): Paygent's full-width name fields accept JIS
 * X 0208 (rows 1–8 and 16–84 of Shift_JIS) and nothing else. The check is on the name as it is sent (sent-forms.ts):
 * half-width letters and kana, the characters Mac/iOS keyboards type (〜 −) and vendor characters with a standard
 * form (髙 ① ㈱) are converted first; what is still outside JIS X 0208 is refused — a vendor character without a
 * standard form (彅), a character Windows-31J does not have (emoji), a control character. Browsers have no Shift_JIS
 * encoder, so the accepted characters come from generated tables; unit tests compare them with the server's check
 * character by character.
 */
import { JIS_X0208_KANJI_BITMAP, JIS_X0208_KANJI_FIRST, JIS_X0208_RANGES } from "./jis-x0208-table"
import { toPaygentName } from "./sent-forms"
import { NAME_VENDOR_SPECIFIC } from "./sent-forms-table"

let kanjiBits: Uint8Array | undefined

function decodeBase64(text: string): Uint8Array {
  const binary = (globalThis as { atob(data: string): string }).atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function isKanji(cp: number): boolean {
  kanjiBits ??= decodeBase64(JIS_X0208_KANJI_BITMAP)
  const bit = cp - JIS_X0208_KANJI_FIRST
  return bit >= 0 && bit < kanjiBits.length * 8 && (kanjiBits[bit >> 3] & (1 << (bit & 7))) !== 0
}

function inRanges(cp: number): boolean {
  let low = 0
  let high = JIS_X0208_RANGES.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const [first, last] = JIS_X0208_RANGES[mid]
    if (cp < first) high = mid - 1
    else if (cp > last) low = mid + 1
    else return true
  }
  return false
}

/**
 * Why a character cannot go into a Paygent name field as it is (the server's reasons): a control character,
 * half-width katakana, a vendor-specific character (not_jis_x0208), or one Windows-31J does not have. A name is
 * converted before this check (firstRefusedNameChar), so its half-width kana and the vendor characters with a
 * standard form never get here.
 */
export type NameCharProblem = "control" | "half_width_kana" | "not_jis_x0208" | "unencodable"

/** The problem of one character as the telegram would carry it, or undefined when Paygent takes it. */
export function nameCharProblem(ch: string): NameCharProblem | undefined {
  const cp = ch.codePointAt(0)!
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return "control"
  if (cp < 0x7f) return undefined
  if (cp >= 0xff61 && cp <= 0xff9f) return "half_width_kana"
  if (inRanges(cp) || isKanji(cp)) return undefined
  return ch.length === 1 && NAME_VENDOR_SPECIFIC.includes(ch) ? "not_jis_x0208" : "unencodable"
}

/**
 * The first character of a name a Paygent name field refuses, as it is sent (after the conversion: ｶﾞ is ガ, 髙 is
 * 高), with the reason; undefined when the whole name can be sent.
 */
export function firstRefusedNameChar(value: string): { char: string; problem: NameCharProblem } | undefined {
  for (const char of toPaygentName(value)) {
    const problem = nameCharProblem(char)
    if (problem) return { char, problem }
  }
  return undefined
}

/** Shift_JIS bytes of a text whose characters Paygent takes: ASCII and half-width kana 1, everything else 2. */
export function shiftJisLength(value: string): number {
  let bytes = 0
  for (const ch of value) {
    const cp = ch.codePointAt(0)!
    bytes += cp < 0x80 || (cp >= 0xff61 && cp <= 0xff9f) ? 1 : 2
  }
  return bytes
}
