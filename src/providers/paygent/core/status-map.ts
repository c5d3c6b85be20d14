import { PaymentSessionStatus } from "@medusajs/framework/utils"
import type { PaygentMethod } from "../types"
import type { PaygentState } from "./session-data"

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
      case "20":
        return PaymentSessionStatus.AUTHORIZED
      case "40":
      case "41":
        return PaymentSessionStatus.CAPTURED
      case "11":
      case "15":
      case "17":
        return PaymentSessionStatus.ERROR
      case "32":
      case "33":
      case "60":
        return PaymentSessionStatus.CANCELED
      default:
        return PaymentSessionStatus.PENDING
    }
  }
  switch (status) {
    case "40":
    case "43":
      return PaymentSessionStatus.CAPTURED
    case "12":
    case "15":
    case "16":
      return PaymentSessionStatus.CANCELED
    default:
      return PaymentSessionStatus.PENDING_AUTHORIZATION
  }
}
