import iconv from "iconv-lite"
import { toWindows31JEquivalents } from "./charset"
import { PaygentInputError } from "./errors"
import { isJisX0208Row, jisRow } from "./jis-rows"
import { describeChar } from "./kana"
import { msg, type LocalizedMessage } from "./messages"
import { toStandardForms } from "./standard-forms"

/**
 * Paygent's full-width (kanji) fields accept JIS X 0208 levels 1–2 only: rows 1–8 and 16–84, no vendor
 * extensions (NEC row 13 such as ① ㈱ ㍉, IBM extensions such as 髙 﨑 ⅰ, user-defined area), no control
 * characters (docs/protocol.md §8.3). Windows-31J encodes all of those, so the check is on the Shift_JIS bytes.
 * Extension characters that have a standard form are converted first (standard-forms.ts); the rest is refused.
 */

const HALF_KANA = "ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ"
const FULL_KANA = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
// ＇ and ＂ (U+FF07, U+FF02) exist in Windows-31J only as IBM extensions; use the JIS X 0208 quotes.
const ASCII_QUOTES: Record<string, string> = { "'": "’", '"': "”" }
const HALF_PUNCT: Record<string, string> = { "｡": "。", "｢": "「", "｣": "」", "､": "、", "･": "・", ﾞ: "゛", ﾟ: "゜" }

/**
 * Half-width to full-width: ASCII letters/digits/symbols to their full-width forms, space to the ideographic
 * space, half-width katakana to katakana with voiced marks merged (ｶﾞ→ガ, ﾊﾟ→パ, ｳﾞ→ヴ).
 */
export function toFullWidth(value: string): string {
  const chars = [...value]
  let out = ""
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]
    const code = ch.charCodeAt(0)
    if (code === 0x20) out += "\u3000"
    else if (ASCII_QUOTES[ch]) out += ASCII_QUOTES[ch]
    else if (code > 0x20 && code < 0x7f) out += String.fromCharCode(code + 0xfee0)
    else if (HALF_KANA.includes(ch)) {
      const base = FULL_KANA[HALF_KANA.indexOf(ch)]
      const mark = chars[i + 1]
      if (mark === "ﾞ" && base === "ウ") (out += "ヴ"), i++
      else if (mark === "ﾞ" && "カキクケコサシスセソタチツテトハヒフヘホ".includes(base)) (out += String.fromCharCode(base.charCodeAt(0) + 1)), i++
      else if (mark === "ﾟ" && "ハヒフヘホ".includes(base)) (out += String.fromCharCode(base.charCodeAt(0) + 2)), i++
      else out += base
    } else out += HALF_PUNCT[ch] ?? ch
  }
  return out
}

/**
 * What a full-width (kanji) field sends for what the shopper typed: the characters other keyboards produce mapped to
 * Windows-31J's (〜 → ～, − → －, …), ¥ to the full-width ￥ (0x5C would show as a backslash at Paygent), vendor
 * extension characters to their standard form (髙 → 高, ① → １), and half-width characters to full-width.
 */
export function toFullWidthField(value: string): string {
  return toFullWidth(toStandardForms(toWindows31JEquivalents(value).replace(/\u00A5/g, "\uFFE5")))
}

/** What a free-text field sends: the same mappings as a full-width field, but ASCII stays ASCII. */
export function toFreeTextField(value: string): string {
  return toStandardForms(toWindows31JEquivalents(value).replace(/\u00A5/g, "\uFFE5"))
}

export interface JisCheckOptions {
  /** Printable ASCII is not JIS X 0208 but Paygent's free-text fields take it; default true. */
  allowAscii?: boolean
  /** The field as the shopper saw it (e.g. 姓 / family name), for the message; default the parameter name. */
  label?: LocalizedMessage
}

type Problem = "control" | "ascii" | "half_width_kana" | "unencodable" | "not_jis_x0208"

function problemOf(ch: string, allowAscii: boolean): Problem | undefined {
  const cp = ch.codePointAt(0)!
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return "control"
  if (cp < 0x7f) return allowAscii ? undefined : "ascii"
  if (cp >= 0xff61 && cp <= 0xff9f) return "half_width_kana"
  const bytes = iconv.encode(ch, "cp932")
  if (bytes.length === 1) return bytes[0] === 0x3f ? "unencodable" : "not_jis_x0208"
  return isJisX0208Row(jisRow(bytes[0], bytes[1])) ? undefined : "not_jis_x0208"
}

const PROBLEM_TEXT: Record<Problem, { ja: string; en: string }> = {
  control: { ja: "制御文字は使用できません", en: "control characters are not allowed" },
  ascii: { ja: "半角英数字は使用できません（全角で入力してください）", en: "half-width letters/digits are not allowed (use full-width)" },
  half_width_kana: { ja: "半角カナは使用できません（全角で入力してください）", en: "half-width katakana is not allowed (use full-width)" },
  unencodable: { ja: "この文字は送信できません", en: "this character cannot be sent (not in Shift_JIS)" },
  not_jis_x0208: {
    ja: "機種依存文字・外字は使用できません。標準の字体で入力してください",
    en: "vendor-specific characters without a standard form cannot be sent; use the standard form of the character",
  },
}

/** Throws PaygentInputError naming the field and the first offending character. */
export function assertJisX0208(field: string, value: string, options: JisCheckOptions = {}): void {
  const allowAscii = options.allowAscii ?? true
  const label = options.label ?? msg(field, field)
  for (const ch of value) {
    const problem = problemOf(ch, allowAscii)
    if (!problem) continue
    const text = PROBLEM_TEXT[problem]
    throw new PaygentInputError(
      field,
      problem,
      msg(
        `${label.ja}に使用できない文字が含まれています: ${describeChar(ch)} — ${text.ja}`,
        `${label.en} contains a character that cannot be used: ${describeChar(ch)} — ${text.en}`
      )
    )
  }
}

export function isJisX0208(value: string, options: JisCheckOptions = {}): boolean {
  const allowAscii = options.allowAscii ?? true
  for (const ch of value) if (problemOf(ch, allowAscii)) return false
  return true
}
