import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { linkManualRefundsToOrder } from "../../operations/manual-refunds"

/** Completes manual refunds owed with the order and the customer's e-mail / name. */
export const linkManualRefundsStep = createStep(
  "paygent-link-manual-refunds",
  async (input: { order_id: string }, { container }) => {
    return new StepResponse(await linkManualRefundsToOrder(container, input.order_id))
  }
)
