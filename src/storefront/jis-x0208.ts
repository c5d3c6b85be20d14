/**
 * The browser's side of the server's name check (src/paygent/jis.ts): Paygent's full-width name fields accept JIS
 * X 0208 (rows 1–8 and 16–84 of Shift_JIS) and printable ASCII, nothing else — no vendor characters (①, ㈱, 髙),
 * no half-width katakana, no emoji. Browsers have no Shift_JIS encoder, so the accepted characters come from a
 * generated table; a unit test compares it with the server's check character by character.
 */
import { JIS_X0208_KANJI_BITMAP, JIS_X0208_KANJI_FIRST, JIS_X0208_RANGES } from "./jis-x0208-table"

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

/** Why a character cannot go into a Paygent name field, or undefined when it can. */
export type NameCharProblem = "control" | "half_width_kana" | "not_jis_x0208"

export function nameCharProblem(ch: string): NameCharProblem | undefined {
  const cp = ch.codePointAt(0)!
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return "control"
  if (cp < 0x7f) return undefined
  if (cp >= 0xff61 && cp <= 0xff9f) return "half_width_kana"
  return inRanges(cp) || isKanji(cp) ? undefined : "not_jis_x0208"
}

/** The first character of `value` a Paygent name field refuses, with the reason; undefined when all are fine. */
export function firstRefusedNameChar(value: string): { char: string; problem: NameCharProblem } | undefined {
  for (const char of value) {
    const problem = nameCharProblem(char)
    if (problem) return { char, problem }
  }
  return undefined
}

/** Shift_JIS bytes of a name that passed the check: ASCII and half-width kana 1, everything else 2. */
export function shiftJisLength(value: string): number {
  let bytes = 0
  for (const ch of value) {
    const cp = ch.codePointAt(0)!
    bytes += cp < 0x80 || (cp >= 0xff61 && cp <= 0xff9f) ? 1 : 2
  }
  return bytes
}
