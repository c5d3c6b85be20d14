import type { OrderPayment } from "./types"

/** What the merchant should do about an amount that does not match (null: nothing to do). */
export function amountFix(payment: OrderPayment, orderTotal: number, single: boolean): { key: string; values: Record<string, string | number> } | null {
  const status = payment.status.code ?? ""
  if (payment.mismatch) {
    return { key: "paygent.amounts.fixMismatch", values: {} }
  }
  if (!["20", "40", "41"].includes(status) || payment.medusa.canceled_at || orderTotal <= 0) {
    return null
  }
  if (payment.amount_at_paygent > orderTotal) {
    return {
      key: status === "20" ? "paygent.amounts.fixChangeAuthorization" : status === "40" ? "paygent.amounts.fixChangeSales" : "paygent.amounts.fixManualRefund",
      values: { total: orderTotal, difference: payment.amount_at_paygent - orderTotal },
    }
  }
  if (single && status === "20" && payment.amount_at_paygent < orderTotal && payment.medusa.refunded === 0) {
    return { key: "paygent.amounts.fixCollectDifference", values: { difference: orderTotal - payment.amount_at_paygent } }
  }
  return null
}
