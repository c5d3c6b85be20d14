import { isJisX0208Char, isVendorExtension } from "./jis-rows"

/**
 * Standard forms of the Windows-31J vendor extension characters (NEC row 13, the IBM extensions) that people type in
 * names and addresses: 髙橋 → 高橋, 山﨑 → 山崎, ① → 1, ㈱ → (株). Paygent's full-width fields take JIS X 0208 only
 * (docs/protocol.md §8.3) and what Paygent does with an extension character is not documented, so such a character is
 * sent in its standard form when it has one, and refused (naming the field) when it has none, e.g. 彅 (草彅).
 *
 * "Has a standard form" means (the project's choice, docs/protocol.md §8.3):
 *  1. the character's Unicode compatibility decomposition (NFKC) is made of JIS X 0208 characters or printable ASCII:
 *     circled and Roman numerals, unit and era ligatures (㍉ → ミリ, ㍻ → 平成), ㈱ ㈲ ㈹, № ℡, ㊤…㊨, the compatibility
 *     ideographs 塚 晴 神 福 …, small Roman numerals, ＇ ＂;
 *  2. or it is one of the variant kanji below, each the well-known old or variant shape (異体字) of a JIS X 0208
 *     kanji, plus the NEC quotation marks 〝 〟 and the broken bar ￤.
 */
export const VARIANT_STANDARD_FORMS: Readonly<Record<string, string>> = {
  髙: "高",
  﨑: "崎",
  德: "徳",
  濵: "濱",
  栁: "柳",
  桒: "桑",
  橫: "横",
  昻: "昂",
  敎: "教",
  郞: "郎",
  鄕: "郷",
  黑: "黒",
  靑: "青",
  淸: "清",
  緖: "緒",
  綠: "緑",
  增: "増",
  寬: "寛",
  賴: "頼",
  瀨: "瀬",
  悅: "悦",
  薰: "薫",
  羡: "羨",
  甁: "瓶",
  冝: "宜",
  曻: "昇",
  隝: "島",
  裵: "裴",
  "\u301D": "\u201C", // 〝 → “
  "\u301F": "\u201D", // 〟 → ”
  "\uFFE4": "\uFF5C", // ￤ → ｜
}

const PRINTABLE_ASCII = /^[\x20-\x7e]$/

function standardFormOf(ch: string): string | undefined {
  const variant = VARIANT_STANDARD_FORMS[ch]
  if (variant) return variant
  const compatible = ch.normalize("NFKC")
  if (compatible === ch) return undefined
  return [...compatible].every((c) => PRINTABLE_ASCII.test(c) || isJisX0208Char(c)) ? compatible : undefined
}

const cache = new Map<string, string | null>()

/** The standard form of an extension character, or undefined (not an extension, or one without a standard form). */
export function standardForm(ch: string): string | undefined {
  let known = cache.get(ch)
  if (known === undefined) {
    known = isVendorExtension(ch) ? (standardFormOf(ch) ?? null) : null
    cache.set(ch, known)
  }
  return known ?? undefined
}

// Everything below U+2010 (ASCII, Latin, kana-free text) is never an extension character: skip the lookup.
const MAYBE_EXTENSION = /[^\u0000-\u200f]/

/** Replaces every extension character that has a standard form; others (and everything else) are kept. */
export function toStandardForms(value: string): string {
  if (!MAYBE_EXTENSION.test(value)) return value
  let out = ""
  for (const ch of value) out += ch.codePointAt(0)! < 0x2010 ? ch : (standardForm(ch) ?? ch)
  return out
}
