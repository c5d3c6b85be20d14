/**
 * The sandbox's EMV 3-D Secure control values (docs/protocol.md §11.3, from Paygent's 導入補足資料): the 450's
 * payment_amount or cardholder_name decides whether the authentication is frictionless or a challenge and how it ends.
 *
 *   amount 31BBx0 / name BA<b><r>A   BB/b = brand: 35/J JCB, 36/D Diners, 37/A AMEX, 40/V VISA, 50/M Mastercard
 *     x=1 / r=Y  authenticated (result 0, attempt_kbn empty)
 *     x=2 / r=A  attempt (result 0, attempt_kbn 0)
 *     x=4 / r=N  failed (result 1, 31007)
 *     x=5 / r=U  3DS server error (result 0, attempt_kbn 1)
 *     x=6 / r=R  rejected (result 1, 31007)
 *   amount 0, 1, 200000, 400000 or name BA<b>CA   challenge; password 1BB12 authenticated, 1BB42 failed (31007),
 *                                                  1BB52 attempt_kbn 1; any other password fails (31007)
 *   anything else                                  frictionless, authenticated
 */
import type { ThreeDsOutcome } from "./model"

const CHALLENGE_AMOUNTS = new Set([0, 1, 200_000, 400_000])

const BY_RESULT_DIGIT: Record<string, ThreeDsOutcome> = {
  "1": { kind: "frictionless", result: "0", attemptKbn: "" },
  "2": { kind: "frictionless", result: "0", attemptKbn: "0" },
  "4": { kind: "frictionless", result: "1", responseCode: "31007" },
  "5": { kind: "frictionless", result: "0", attemptKbn: "1" },
  "6": { kind: "frictionless", result: "1", responseCode: "31007" },
}

const BY_RESULT_LETTER: Record<string, ThreeDsOutcome> = {
  Y: BY_RESULT_DIGIT["1"],
  A: BY_RESULT_DIGIT["2"],
  N: BY_RESULT_DIGIT["4"],
  U: BY_RESULT_DIGIT["5"],
  R: BY_RESULT_DIGIT["6"],
  C: { kind: "challenge" },
}

/** The two digits that stand for a brand in control amounts and challenge passwords. */
export const BRAND_DIGITS: Record<string, string> = {
  JCB: "35",
  DINERS: "36",
  DISCOVER: "36",
  AMEX: "37",
  VISA: "40",
  MASTER: "50",
}

export function plannedOutcome(amount: string, cardholderName: string): ThreeDsOutcome {
  const numeric = Number(amount)
  const amountMatch = /^31(35|36|37|40|50)([12456])0$/.exec(String(Number.isFinite(numeric) ? numeric : amount))
  if (amountMatch) return BY_RESULT_DIGIT[amountMatch[2]]
  if (Number.isFinite(numeric) && CHALLENGE_AMOUNTS.has(numeric)) return { kind: "challenge" }
  const nameMatch = /^BA[JDAVM]([YANURC])A$/.exec(cardholderName.trim().toUpperCase())
  if (nameMatch) return BY_RESULT_LETTER[nameMatch[1]]
  return BY_RESULT_DIGIT["1"]
}

/** The outcome of a challenge password. */
export function challengeOutcome(password: string): ThreeDsOutcome {
  const match = /^1(35|36|37|40|50)(12|42|52)$/.exec(password.trim())
  if (match?.[2] === "12") return BY_RESULT_DIGIT["1"]
  if (match?.[2] === "52") return BY_RESULT_DIGIT["5"]
  return { kind: "frictionless", result: "1", responseCode: "31007" }
}

export function challengePasswordsFor(brand: string): { success: string; failure: string; attempt: string } {
  const digits = BRAND_DIGITS[brand] ?? "40"
  return { success: `1${digits}12`, failure: `1${digits}42`, attempt: `1${digits}52` }
}
