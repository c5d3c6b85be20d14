import type { Bilingual } from "./errors"

/** What each telegram does, as the merchant's messages name it (Japanese, English). */
export const OPERATION_NAMES: Record<string, Bilingual> = {
  "010": { ja: "ペイジー（ATM）決済の申込", en: "Pay-easy (ATM) application" },
  "020": { ja: "カードのオーソリ", en: "Card authorization" },
  "021": { ja: "オーソリ取消", en: "Authorization cancel" },
  "022": { ja: "売上", en: "Capture" },
  "023": { ja: "売上取消", en: "Sales cancel" },
  "028": { ja: "補正オーソリ", en: "Authorization change" },
  "029": { ja: "補正売上", en: "Sales change" },
  "030": { ja: "コンビニ決済の申込", en: "Konbini application" },
  "094": { ja: "決済情報照会", en: "Payment inquiry" },
}

/** The operation's name inside a sentence (English in lower case); the kind itself when unknown. */
export function operationName(kind: string): Bilingual {
  const name = OPERATION_NAMES[kind]
  return name ? { ja: name.ja, en: name.en.charAt(0).toLowerCase() + name.en.slice(1) } : { ja: kind, en: kind }
}
