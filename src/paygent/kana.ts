import { PaygentInputError } from "./errors"
import { msg, type LocalizedMessage } from "./messages"

/**
 * Kana conversion for Paygent's half-width kana fields (半角英数カナ, docs/protocol.md §8.3). The official module
 * converts full-width katakana to half-width itself but its table is broken (ソ is commented out, shifting
 * the mapping), so the conversion is done here.
 */

const FULL = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー。「」、・゛゜ヰヱヵヶヮ"
const HALF = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰ｡｢｣､･ﾞﾟｲｴｶｹﾜ"
const VOICED_BASE = "カキクケコサシスセソタチツテトハヒフヘホ"
const SEMI_VOICED_BASE = "ハヒフヘホ"

const TO_HALF = new Map<string, string>()
;[...FULL].forEach((c, i) => TO_HALF.set(c, HALF[i]))
for (const base of VOICED_BASE) TO_HALF.set(String.fromCharCode(base.charCodeAt(0) + 1), TO_HALF.get(base)! + "ﾞ")
for (const base of SEMI_VOICED_BASE) TO_HALF.set(String.fromCharCode(base.charCodeAt(0) + 2), TO_HALF.get(base)! + "ﾟ")
TO_HALF.set("ヴ", "ｳﾞ")
TO_HALF.set("ヷ", "ﾜﾞ")
TO_HALF.set("ヺ", "ｦﾞ")
// Dashes people type in names; Zengin only has "-".
for (const dash of "‐‑‒–—―−") TO_HALF.set(dash, "-")

const HIRAGANA_FIRST = 0x3041
const HIRAGANA_LAST = 0x3096
const KATAKANA_OFFSET = 0x60

function hiraganaToKatakana(ch: string): string {
  const code = ch.charCodeAt(0)
  return code >= HIRAGANA_FIRST && code <= HIRAGANA_LAST ? String.fromCharCode(code + KATAKANA_OFFSET) : ch
}

/** Full-width ASCII (！…～) to ASCII, the ideographic space to a space. */
function fullWidthAsciiToAscii(ch: string): string {
  const code = ch.charCodeAt(0)
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0)
  if (code === 0x3000) return " "
  return ch
}

/**
 * Full-width katakana (and hiragana) to half-width katakana, voiced marks split (ガ→ｶﾞ, パ→ﾊﾟ, ヴ→ｳﾞ),
 * ー→ｰ, full-width digits/letters/symbols and the ideographic space to ASCII. Everything else is kept.
 */
export function toHalfWidthKana(value: string): string {
  let out = ""
  for (const raw of value) {
    const ch = hiraganaToKatakana(raw)
    out += TO_HALF.get(ch) ?? fullWidthAsciiToAscii(ch)
  }
  return out
}

const SMALL_TO_LARGE: Record<string, string> = { ｧ: "ｱ", ｨ: "ｲ", ｩ: "ｳ", ｪ: "ｴ", ｫ: "ｵ", ｬ: "ﾔ", ｭ: "ﾕ", ｮ: "ﾖ", ｯ: "ﾂ" }

/**
 * The canonical Zengin form Paygent stores: half-width kana, small kana made large (ｯ→ﾂ, ｬ→ﾔ …) and a–z
 * upper-cased — what Paygent would do itself, done here so lengths and echoes match.
 */
export function toZenginKana(value: string): string {
  return toHalfWidthKana(value)
    .replace(/[ｧ-ｯ]/g, (c) => SMALL_TO_LARGE[c] ?? c)
    .replace(/[a-z]/g, (c) => c.toUpperCase())
}

// Zengin telegraph characters (§8.3): digits, A–Z, ｦ ｱ…ﾝ ﾞ ﾟ, ｢ ｣ ｰ, space and ¥ , . ( ) - /. Lower-case
// letters and small kana are accepted because Paygent upper-cases them. "\" is the same byte (0x5C) as ¥.
const ZENGIN = /^[0-9A-Za-z\uFF66-\uFF9F\uFF62\uFF63 ,.()\-/\\\u00A5]*$/
const ZENGIN_CHAR = /[0-9A-Za-z\uFF66-\uFF9F\uFF62\uFF63 ,.()\-/\\\u00A5]/u

export function isZenginKana(value: string): boolean {
  return ZENGIN.test(value)
}

export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0)!
  const printable = /^[\p{L}\p{N}\p{S}\p{P}]$/u.test(ch)
  return `${printable ? `「${ch}」 ` : ""}(U+${cp.toString(16).toUpperCase().padStart(4, "0")})`
}

/**
 * Throws PaygentInputError unless every character is a Zengin character (no conversion is done). `label` is the
 * field as the shopper saw it (e.g. セイ / family name in kana); default the parameter name.
 */
export function assertZenginKana(field: string, value: string, label: LocalizedMessage = msg(field, field)): void {
  if (isZenginKana(value)) return
  const bad = [...value].find((c) => !ZENGIN_CHAR.test(c))!
  throw new PaygentInputError(
    field,
    "not_zengin_kana",
    msg(
      `${label.ja}はカタカナ・英大文字・数字で入力してください。使用できない文字: ${describeChar(bad)}`,
      `${label.en} must be katakana, capital letters and digits. Character not allowed: ${describeChar(bad)}`
    )
  )
}

/** Converts to Zengin form, then checks; returns the value to send. */
export function normalizeZenginKana(field: string, value: string, label?: LocalizedMessage): string {
  const converted = toZenginKana(value)
  assertZenginKana(field, converted, label)
  return converted
}
