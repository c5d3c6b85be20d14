/**
 * Convenience-store groups (CVS types) per connection type and the number each chain gives the buyer
 * (docs/protocol.md §8.1, §8.2).
 */
import type { KonbiniConnectionType } from "./options"

export const COMPANY = {
  sevenEleven: "00C001",
  lawson: "00C002",
  ministop: "00C004",
  familyMart: "00C005",
  dailyYamazaki: "00C014",
  seicomart: "00C016",
  /** Connection type F codes. */
  seicomartF: "P0C016",
  lawsonMinistopF: "P0C002",
} as const

export const COMPANY_NAMES: Record<string, string> = {
  "00C001": "セブン-イレブン",
  "00C002": "ローソン",
  "00C004": "ミニストップ",
  "00C005": "ファミリーマート",
  "00C014": "デイリーヤマザキ",
  "00C016": "セイコーマート",
  P0C016: "セイコーマート",
  P0C002: "ローソン・ミニストップ",
}

/** CVS type → companies that accept its numbers, per connection type (§8.1). Missing = not offered (P010). */
export const CVS_GROUPS: Record<KonbiniConnectionType, Record<string, string[]>> = {
  A: {
    "01": [COMPANY.seicomart],
    "02": [COMPANY.lawson, COMPANY.ministop, COMPANY.dailyYamazaki],
    "03": [COMPANY.sevenEleven],
    "04": [COMPANY.familyMart],
  },
  B: {
    "01": [COMPANY.seicomart],
    "02": [COMPANY.lawson, COMPANY.ministop, COMPANY.familyMart, COMPANY.dailyYamazaki],
    "03": [COMPANY.sevenEleven],
  },
  D: {
    "01": [COMPANY.seicomart, COMPANY.lawson, COMPANY.ministop],
    "02": [COMPANY.dailyYamazaki],
    "03": [COMPANY.sevenEleven],
    "04": [COMPANY.familyMart],
  },
  F: {
    "02": [COMPANY.dailyYamazaki, COMPANY.seicomartF],
    "03": [COMPANY.sevenEleven],
    "04": [COMPANY.familyMart],
    "05": [COMPANY.lawsonMinistopF],
  },
}

/** Type F also understands the plain codes of the chains it groups under P-codes. */
const TYPE_F_ALIASES: Record<string, string> = {
  [COMPANY.seicomart]: "02",
  [COMPANY.lawson]: "05",
  [COMPANY.ministop]: "05",
}

/** The CVS type a company code selects (the whole group containing the store), or undefined. */
export function cvsTypeOfCompany(connectionType: KonbiniConnectionType, companyId: string): string | undefined {
  const groups = CVS_GROUPS[connectionType]
  for (const [cvsType, companies] of Object.entries(groups)) if (companies.includes(companyId)) return cvsType
  return connectionType === "F" ? TYPE_F_ALIASES[companyId] : undefined
}

/** Seven-Eleven (03) and FamilyMart (04) report a preliminary payment (43) before clearing (40). */
export function hasPreliminaryNotice(cvsType: string): boolean {
  return cvsType === "03" || cvsType === "04"
}

/** Days from the preliminary notice (43) to clearing (40): Seven-Eleven 3, FamilyMart 2 (§6.3). */
export function preliminaryToClearedDays(cvsType: string): number {
  return cvsType === "03" ? 3 : 2
}

/**
 * The receipt_number format of the chain (§8.2), filled from a sequence number:
 *   Seven-Eleven 13 digits; FamilyMart (A/D/F) `12345-123456789012`; Lawson/Ministop/Seicomart type D (CVS 01) and
 *   Seicomart A/B 6-digit お支払い受付番号; type F CVS 05 `PG` + 8 digits; Daily Yamazaki and type F Seicomart 11 digits;
 *   type A/B CVS 02 (Lawson/Ministop/FamilyMart お客様番号, confirmation number 400008) 11 digits.
 */
export function receiptNumberFor(connectionType: KonbiniConnectionType, cvsType: string, sequence: number): string {
  const digits = (length: number) => String(sequence).padStart(length, "0").slice(-length)
  switch (cvsType) {
    case "03":
      return `9${digits(12)}`
    case "04":
      return connectionType === "B" ? digits(11) : `${digits(5)}-${digits(12)}`
    case "01":
      return digits(6)
    case "05":
      return `PG${digits(8)}`
    default:
      return digits(11)
  }
}
