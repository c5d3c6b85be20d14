import type { OrderPayment } from "./types"
import { STATUS, isCardHolding } from "../../paygent/statuses"

/** What the merchant should do about an amount that does not match (null: nothing to do). */
export function amountFix(payment: OrderPayment, orderTotal: number, single: boolean): { key: string; values: Record<string, string | number> } | null {
  const status = payment.status.code ?? ""
  if (payment.mismatch) {
    return { key: "paygent.amounts.fixMismatch", values: {} }
  }
  if (!isCardHolding(status) || payment.medusa.canceled_at || orderTotal <= 0) {
    return null
  }
  if (payment.amount_at_paygent > orderTotal) {
    return {
      key: status === STATUS.AUTHORIZED ? "paygent.amounts.fixChangeAuthorization" : status === STATUS.CLEARED ? "paygent.amounts.fixChangeSales" : "paygent.amounts.fixManualRefund",
      values: { total: orderTotal, difference: payment.amount_at_paygent - orderTotal },
    }
  }
  if (single && status === STATUS.AUTHORIZED && payment.amount_at_paygent < orderTotal && payment.medusa.refunded === 0) {
    return { key: "paygent.amounts.fixCollectDifference", values: { difference: orderTotal - payment.amount_at_paygent } }
  }
  return null
}
