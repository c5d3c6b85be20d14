import { PAYMENT_TYPE, STATUS } from "../paygent"
import type { DiscrepancyKind, MedusaPaymentRecord, MedusaSide, PaygentPaymentView, PaygentSide } from "./types"

/** Each side of a payment as the comparison reads it, and the verdict on one payment (pure). */

/** Medusa's side from its records: the order's cancellation wins over a payment a failed void left authorized. */
export function medusaSideOf(record: MedusaPaymentRecord): MedusaSide {
  let side: MedusaSide
  if (record.medusa_payment_id) {
    if (record.canceled_at) {
      side = "canceled"
    } else if (record.captured > 0) {
      side = record.captured - record.refunded > 0 ? "captured" : "refunded"
    } else {
      side = "authorized"
    }
  } else {
    side =
      record.session_status === "pending_authorization"
        ? "awaiting_payment"
        : record.session_status === "authorized"
          ? "authorized"
          : record.session_status === "captured"
            ? "captured"
            : record.session_status === "canceled"
              ? "canceled"
              : "none"
  }
  if (record.order_status === "canceled" && (side === "awaiting_payment" || side === "authorized" || side === "captured")) {
    return "canceled"
  }
  return side
}

/** Paygent's side from a status (docs/protocol.md §6); 43 counts as paid when the shop treats it so. */
export function paygentSideOf(paymentType: string, status: string, preliminaryIsPaid: boolean): PaygentSide {
  switch (status) {
    case STATUS.APPLIED:
      // Card 10: an authorization waiting for a corrected input (2003); no money.
      return paymentType === PAYMENT_TYPE.CARD ? "failed" : "awaiting_payment"
    case STATUS.AUTHORIZED:
    case STATUS.AUTH_COMPLETE:
    case STATUS.CAPTURE_PENDING:
    case STATUS.AUTH_CANCEL_PENDING:
    case STATUS.CHANGE_PENDING:
    case STATUS.CAPTURE_REQUESTED:
    case STATUS.CAPTURE_ON_HOLD:
      return "authorized"
    case STATUS.CLEARED:
    case STATUS.CLEARED_NO_REFUND:
    case STATUS.SALES_CANCEL_PENDING:
    case STATUS.CLEARING_COMPLETE:
    case STATUS.SALES_CANCEL_TALLYING:
      return "captured"
    case STATUS.PRELIMINARY:
      return preliminaryIsPaid ? "captured" : "awaiting_payment"
    case STATUS.EXPIRED:
    case STATUS.EXPIRED_UNCLEARED:
    case STATUS.AUTH_CANCELLED:
    case STATUS.AUTH_EXPIRED:
    case STATUS.SALES_CANCELLED:
    case STATUS.PRELIMINARY_CANCELLED:
    case STATUS.CANCEL_COMPLETE:
      return "canceled"
    case STATUS.ABORTED:
      return paymentType === PAYMENT_TYPE.CARD ? "failed" : "canceled"
    case STATUS.DECLINED:
    case STATUS.THREE_DS1_INTERRUPTED:
    case STATUS.THREE_DS1_AUTHENTICATING:
    case STATUS.VALIDITY_NG:
    case STATUS.VALIDITY_OK:
    case STATUS.CAPTURE_IMPOSSIBLE:
      return "failed"
    default:
      return "unknown"
  }
}

export function holds(side: PaygentSide | MedusaSide): boolean {
  return side === "authorized" || side === "captured"
}

/** What Paygent should hold according to Medusa's records. */
export function expectedAtPaygent(record: MedusaPaymentRecord, side: MedusaSide): number {
  if (record.zero_amount) {
    return 0
  }
  switch (side) {
    case "captured":
      return record.captured - record.refunded
    case "authorized":
    case "awaiting_payment":
      return record.amount
    default:
      return 0
  }
}

export interface PaymentVerdict {
  discrepancy: DiscrepancyKind | null
  medusa_side: MedusaSide
  paygent_side: PaygentSide
  expected: number
  /** What Paygent holds less manual refunds (null when Paygent's amount is unknown). */
  paygent_net: number | null
  difference: number | null
}

/**
 * Compares one Medusa payment with the Paygent payment it corresponds to. `manualCovered` is money Paygent still
 * holds that the merchant returns by hand (it counts as returned).
 */
export function comparePayment(
  record: MedusaPaymentRecord,
  view: PaygentPaymentView,
  manualCovered: number,
  preliminaryIsPaid: boolean
): PaymentVerdict {
  const m = medusaSideOf(record)
  const p = paygentSideOf(view.payment_type || record.payment_type, view.payment_status, preliminaryIsPaid)
  const expected = expectedAtPaygent(record, m)
  const amount = view.payment_amount
  const net = amount === null ? null : p === "captured" ? amount - manualCovered : holds(p) || p === "awaiting_payment" ? amount : 0
  const verdict = (discrepancy: DiscrepancyKind | null): PaymentVerdict => ({
    discrepancy,
    medusa_side: m,
    paygent_side: p,
    expected,
    paygent_net: net,
    difference: net === null ? null : net - expected,
  })
  if (p === "unknown") {
    return verdict(null)
  }
  const medusaHolds = holds(m)
  const medusaAwaits = m === "awaiting_payment"
  if (!medusaHolds && !medusaAwaits) {
    // Medusa: cancelled, refunded or nothing. Paygent must hold nothing, or only what is owed back by hand.
    if (holds(p) && (net ?? amount ?? 0) > 0) {
      return verdict("canceled_in_medusa_only")
    }
    return { ...verdict(null), difference: holds(p) ? (net ?? 0) : 0 }
  }
  if (p === "canceled" || p === "failed") {
    return verdict("canceled_at_paygent_only")
  }
  if (p === "captured" && m !== "captured") {
    return verdict("captured_at_paygent_only")
  }
  if (m === "captured" && p !== "captured") {
    return verdict("captured_in_medusa_only")
  }
  if (p === "authorized" && medusaAwaits) {
    return verdict("captured_at_paygent_only")
  }
  if (p === "awaiting_payment" && m === "authorized") {
    return verdict("canceled_at_paygent_only")
  }
  // Same state on both sides: the amounts must agree.
  if (net !== null && net !== expected) {
    return verdict("amount_mismatch")
  }
  return verdict(null)
}
