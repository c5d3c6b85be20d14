import type { Bilingual } from "./errors"

/** Konbini chains a shopper can choose (コンビニ企業コード, docs/protocol.md §8.1). */
export const KONBINI_CHAINS: Record<string, Bilingual> = {
  "00C001": { ja: "セブン-イレブン", en: "Seven-Eleven" },
  "00C002": { ja: "ローソン", en: "Lawson" },
  "00C004": { ja: "ミニストップ", en: "Ministop" },
  "00C005": { ja: "ファミリーマート", en: "FamilyMart" },
  "00C014": { ja: "デイリーヤマザキ", en: "Daily Yamazaki" },
  "00C016": { ja: "セイコーマート", en: "Seicomart" },
}

export const SEVEN_ELEVEN = "00C001"

export type KonbiniConnectionType = "A" | "B" | "D" | "F"

/**
 * The second number a chain asks for besides receipt_number (docs/protocol.md §8.2), which depends on the merchant's
 * konbini connection type (given by Paygent at contract).
 */
export function secondNumberFor(
  chain: string,
  connectionType: KonbiniConnectionType,
  phone: string
): { kind: "confirmation" | "phone"; value: string } | undefined {
  const lawsonGroup = chain === "00C002" || chain === "00C004"
  if ((lawsonGroup && (connectionType === "A" || connectionType === "B")) || (chain === "00C005" && connectionType === "B")) {
    return { kind: "confirmation", value: "400008" }
  }
  if ((lawsonGroup && (connectionType === "D" || connectionType === "F")) || (chain === "00C016" && connectionType !== "F")) {
    return { kind: "phone", value: phone }
  }
  return undefined
}
