import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { changePaygentAmount, type ChangePaygentAmountInput } from "../../amount-change/change"

/**
 * The change as a workflow step. No compensation: Paygent can never raise an amount again, so this is the last step
 * that may fail in the workflows that use it.
 */
export const changePaygentAmountStep = createStep(
  "paygent-change-amount",
  async (input: ChangePaygentAmountInput, { container }) => new StepResponse(await changePaygentAmount(container, input))
)
