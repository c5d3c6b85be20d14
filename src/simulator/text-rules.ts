/**
 * Character rules Paygent applies to names and descriptions (docs/protocol.md §8.3).
 *
 * Kanji (full-width) fields: only JIS X 0208 characters (rows 1–8 and 16–84), which excludes ASCII, half-width kana,
 * NEC special characters (row 13: ①, ㈱, Ⅰ …) and the IBM extensions (rows 89–92, 115–119) that Windows-31J can encode.
 * Kana fields: only the Zengin (全銀) telegraph characters.
 */
import * as iconv from "iconv-lite"

/** JIS X 0208 row (区) of a two-byte Shift_JIS code. */
function jisRow(lead: number, trail: number): number {
  let row = lead <= 0x9f ? (lead - 0x81) * 2 + 1 : (lead - 0xc1) * 2 + 1
  if (trail >= 0x9f) row += 1
  return row
}

export function isJisX0208Char(ch: string): boolean {
  const bytes = iconv.encode(ch, "windows-31j")
  if (bytes.length !== 2) return false
  // iconv-lite substitutes unencodable characters, so require an exact round trip.
  if (iconv.decode(bytes, "windows-31j") !== ch) return false
  const row = jisRow(bytes[0], bytes[1])
  return (row >= 1 && row <= 8) || (row >= 16 && row <= 84)
}

/** True when every character is a full-width JIS X 0208 character. */
export function isFullWidthJis(text: string): boolean {
  for (const ch of text) if (!isJisX0208Char(ch)) return false
  return true
}

// Digits, A–Z (lower case is upper-cased by Paygent, so accepted), half-width katakana ｦ–ﾝ incl. small kana, ﾞ ﾟ ｰ ｢ ｣,
// the symbols ¥ (0x5C, decoded as a backslash by Windows-31J) , . ( ) - / and the space.
const ZENGIN = /^[0-9A-Za-z\uFF66-\uFF9F\uFF62\uFF63\u00A5\\,.()\-/ ]*$/

export function isZenginKana(text: string): boolean {
  return ZENGIN.test(text)
}

/** A name made only of (half- or full-width) spaces, which CVS type 02 stores refuse. */
export function isBlankName(text: string): boolean {
  return text.replace(/[ \u3000]/g, "") === ""
}
