/**
 * What Paygent receives for what the shopper typed in a name or kana field: the provider converts names and kana
 * exactly so before it checks their length and sends them (names to full width with 〜 → ～, ¥ → ￥, 髙 → 高, ① → １,
 * ㈱ → （株）; kana to Zengin half-width kana). The kit sends what the shopper typed and the server converts it; the
 * kit converts the same way only to judge the input and to show the shopper the name as it will be sent. The tables
 * are generated from the server's own conversion (sent-forms-table.ts).
 */
import { KANA_FORMS, NAME_FORMS, NAME_MARK_PAIRS, ZENGIN_CHARACTERS } from "./sent-forms-table"

/** A name (姓 / 名) as the telegram sends it: every character full-width, in a form JIS X 0208 has where one exists. */
export function toPaygentName(value: string): string {
  const chars = [...value]
  let out = ""
  for (let i = 0; i < chars.length; i++) {
    const pair = i + 1 < chars.length ? NAME_MARK_PAIRS[chars[i] + chars[i + 1]] : undefined
    if (pair !== undefined) {
      out += pair
      i++
    } else {
      out += NAME_FORMS[chars[i]] ?? chars[i]
    }
  }
  return out
}

/** A kana name (セイ / メイ) as the telegram sends it: half-width katakana (small ones large), A–Z, digits. */
export function toPaygentKana(value: string): string {
  let out = ""
  for (const ch of value) out += KANA_FORMS[ch] ?? ch
  return out
}

/** Whether a kana field takes the character as it is (a Zengin character). */
export function isZenginCharacter(ch: string): boolean {
  return ch.length === 1 && ZENGIN_CHARACTERS.includes(ch)
}
