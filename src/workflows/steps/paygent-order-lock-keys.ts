import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadOrderPaygent } from "../../operations/order-payments"
import { paymentLockKeys } from "../../paygent/methods"

/** Lock keys of an order's Paygent payments (for operations that take them before reading the details). */
export const paygentOrderLockKeysStep = createStep(
  "paygent-order-lock-keys",
  async (input: { order_id: string }, { container }) => {
    const order = await loadOrderPaygent(container, input.order_id)
    return new StepResponse(paymentLockKeys(order.payments))
  }
)
