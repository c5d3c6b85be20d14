import { PaymentSessionStatus } from "@medusajs/framework/utils"
import type { PaygentMethod } from "../../../paygent/methods"
import type { PaygentState } from "./session-data"
import { STATUS } from "../../../paygent"

/**
 * Paygent's payment status (docs/protocol.md §6) as Medusa's payment session status. Konbini, ATM and net bank wait
 * for the shopper as `pending_authorization` (the order exists unpaid: 入金待ち); their payment is the capture.
 */
export function statusFromPaygent(method: PaygentMethod, state: PaygentState): PaymentSessionStatus {
  if (state.zero_amount) {
    return PaymentSessionStatus.CAPTURED
  }
  const status = state.payment_status
  if (method === "card") {
    switch (status) {
      case STATUS.AUTHORIZED:
        return PaymentSessionStatus.AUTHORIZED
      case STATUS.CLEARED:
      case STATUS.CLEARED_NO_REFUND:
        return PaymentSessionStatus.CAPTURED
      case STATUS.DECLINED:
      case STATUS.ABORTED:
      case STATUS.VALIDITY_NG:
        return PaymentSessionStatus.ERROR
      case STATUS.AUTH_CANCELLED:
      case STATUS.AUTH_EXPIRED:
      case STATUS.SALES_CANCELLED:
        return PaymentSessionStatus.CANCELED
      default:
        return PaymentSessionStatus.PENDING
    }
  }
  switch (status) {
    case STATUS.CLEARED:
    case STATUS.PRELIMINARY:
      return PaymentSessionStatus.CAPTURED
    case STATUS.EXPIRED:
    case STATUS.ABORTED:
    case STATUS.EXPIRED_UNCLEARED:
      return PaymentSessionStatus.CANCELED
    default:
      return PaymentSessionStatus.PENDING_AUTHORIZATION
  }
}
