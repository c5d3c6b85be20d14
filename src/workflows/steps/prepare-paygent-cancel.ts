import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadOrderPaygent } from "../../operations/order-payments"
import { planCancel } from "../../operations/plans"
import type { PaygentState } from "../../providers/paygent/core/session-data"
import { bilingual } from "../../providers/paygent/core/errors"
import { paymentLockKeys } from "../../paygent/methods"

export interface PreparedCancel {
  lock_keys: string[]
  /** Card payments Medusa has not captured and Paygent holds as an authorization (021 first, errors surface). */
  void_payment_ids: string[]
  /** Konbini / ATM / net-bank applications without a Medusa payment: a paid one becomes a manual refund owed. */
  applications: Array<{ payment_session_id: string; method: string; state: PaygentState }>
  already_canceled: boolean
  email: string | null
  customer_name: string | null
}

/** Checks the order can be cancelled (as Medusa will) before anything is sent, and lists what to lock and void. */
export const preparePaygentCancelStep = createStep(
  "paygent-prepare-cancel",
  async (input: { order_id: string }, { container }) => {
    const order = await loadOrderPaygent(container, input.order_id)
    const plan = planCancel(order)
    if (!plan.allowed) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, bilingual(plan.refusal!))
    }
    const prepared: PreparedCancel = {
      lock_keys: paymentLockKeys(order.payments),
      void_payment_ids: plan.operations
        .filter((op) => op.action === "void" && op.medusa_payment_id)
        .map((op) => op.medusa_payment_id!),
      applications: order.payments
        .filter((p) => p.method !== "card" && !p.medusa_payment_id && p.payment_session_id)
        .map((p) => ({ payment_session_id: p.payment_session_id!, method: p.method, state: p.paygent })),
      already_canceled: order.status === "canceled",
      email: order.email,
      customer_name: order.customer_name,
    }
    return new StepResponse(prepared)
  }
)
