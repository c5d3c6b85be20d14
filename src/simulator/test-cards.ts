/**
 * The sandbox's test-card rules (docs/protocol.md §11.8): the last four digits `XYZZ` of the card number decide the outcome.
 *
 *   X=1 (and any X not listed)  everything succeeds
 *   X=2  authorization OK, cancels (021/023, and the cancel inside 028/029) fail:
 *        Y=1 → 2002 "1Czz", Y=5 → 2002 "1Kzz", Y=6 → 2002 "1Pzz", Y=2 → OK, other Y → 2002 "2999"
 *   X=3  authorization OK, cancels time out (2008)
 *   X=8  authorization declined:
 *        Y=1 → 2002 "1Czz" (CAFIS error), Y=2 → "1Gzz": 2003 for the input-error codes (44, 45, 65, 74, 78, 83), else 2001,
 *        Y=5 → 2002 "1Kzz", Y=6 → "1Pzz": 2003 for 65/74/78/83, 2002 for 01/30, else 2001; other Y → 2002 "2999"
 *   X=9  authorization times out (2008)
 */

export type CardOutcome = { ok: true } | { ok: false; code: "2001" | "2002" | "2003" | "2008"; vendorCode: string }

const OK: CardOutcome = { ok: true }
const G_INPUT_ERRORS = new Set(["44", "45", "65", "74", "78", "83"])
const P_INPUT_ERRORS = new Set(["65", "74", "78", "83"])
const P_SYSTEM_ERRORS = new Set(["01", "30"])

function digits(cardNumber: string) {
  const last4 = cardNumber.slice(-4).padStart(4, "0")
  return { x: last4[0], y: last4[1], zz: last4.slice(2) }
}

export function authorizationOutcome(cardNumber: string): CardOutcome {
  const { x, y, zz } = digits(cardNumber)
  if (x === "9") return { ok: false, code: "2008", vendorCode: "" }
  if (x !== "8") return OK
  switch (y) {
    case "1":
      return { ok: false, code: "2002", vendorCode: `1C${zz}` }
    case "2":
      return { ok: false, code: G_INPUT_ERRORS.has(zz) ? "2003" : "2001", vendorCode: `1G${zz}` }
    case "5":
      return { ok: false, code: "2002", vendorCode: `1K${zz}` }
    case "6":
      return {
        ok: false,
        code: P_INPUT_ERRORS.has(zz) ? "2003" : P_SYSTEM_ERRORS.has(zz) ? "2002" : "2001",
        vendorCode: `1P${zz}`,
      }
    default:
      return { ok: false, code: "2002", vendorCode: "2999" }
  }
}

/** Outcome of cancelling (021, 023) a payment made with this card. */
export function cancelOutcome(cardNumber: string): CardOutcome {
  const { x, y, zz } = digits(cardNumber)
  if (x === "3") return { ok: false, code: "2008", vendorCode: "" }
  if (x !== "2") return OK
  switch (y) {
    case "1":
      return { ok: false, code: "2002", vendorCode: `1C${zz}` }
    case "2":
      return OK
    case "5":
      return { ok: false, code: "2002", vendorCode: `1K${zz}` }
    case "6":
      return { ok: false, code: "2002", vendorCode: `1P${zz}` }
    default:
      return { ok: false, code: "2002", vendorCode: "2999" }
  }
}
