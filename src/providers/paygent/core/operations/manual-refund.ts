import { STATUS } from "../../../../paygent"
import { ManualRefundReason, telegramLedger } from "../../../../modules/paygent/ledger-registry"
import type { PaygentState, SessionData } from "../session-data"
import { now, type OperationsHost } from "./follow-up"
import { MANUAL_REFUND_NOTES } from "./messages"

export interface Owed {
  amount: number
  medusaPaymentId?: string
  reference: string | null
}

/** A customer's name as Paygent has it on the payment (konbini / ATM names), when the session carries one. */
function customerNameOf(data: SessionData): string | null {
  const family = typeof data.customer_family_name === "string" ? data.customer_family_name : ""
  const given = typeof data.customer_name === "string" ? data.customer_name : ""
  const name = `${family} ${given}`.trim()
  if (name) {
    return name
  }
  return typeof data.cardholder_name === "string" && data.cardholder_name ? data.cardholder_name : null
}

/** Money Paygent cannot return: recorded as a manual refund owed; Medusa's operation still completes. */
export async function owe(
  host: OperationsHost,
  data: SessionData,
  state: PaygentState,
  owed: Owed & { reason: ManualRefundReason }
): Promise<SessionData> {
  const record = {
    medusa_payment_id: owed.medusaPaymentId ?? null,
    paygent_payment_id: state.payment_id ?? null,
    trading_id: state.trading_id ?? null,
    method: state.method,
    amount: owed.amount,
    customer_email: typeof data.email === "string" ? data.email : null,
    customer_name: customerNameOf(data),
    reason: owed.reason,
    reference: owed.reference,
    note:
      owed.reason === "sales_cancel_deadline_passed" ? MANUAL_REFUND_NOTES.sales_cancel_deadline_passed : MANUAL_REFUND_NOTES.no_api_refund,
  }
  let id: string | undefined
  const ledger = telegramLedger()
  if (ledger) {
    try {
      id = (await ledger.recordManualRefund(record)).id
    } catch (error) {
      host.logger.error(`Paygent: could not record the manual refund owed ${JSON.stringify(record)}: ${(error as Error).message}`)
    }
  } else {
    host.logger.error(`Paygent: manual refund owed, but the paygent module is not loaded: ${JSON.stringify(record)}`)
  }
  const at = now()
  return {
    ...data,
    paygent: {
      ...state,
      payment_status: owed.reason === "sales_cancel_deadline_passed" ? STATUS.CLEARED_NO_REFUND : state.payment_status,
      refunded_amount: (state.refunded_amount ?? 0) + owed.amount,
      manual_refunds: [...(state.manual_refunds ?? []), { id, amount: owed.amount, reason: owed.reason, at }],
      last_operation: { operation: "manual_refund", outcome: "owed", at },
    },
  }
}

/** Past the sales-cancel deadline (2007 / 41): the money is owed by hand. */
export function owePastDeadline(host: OperationsHost, data: SessionData, state: PaygentState, owed: Owed): Promise<SessionData> {
  return owe(host, data, state, { ...owed, reason: "sales_cancel_deadline_passed" })
}
