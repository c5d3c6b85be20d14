import type { IOrderModuleService, OrderChangeDTO } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/** Core's `confirmOrderChanges` step (not exported by core-flows 2.21.2): confirms the change, undone on failure. */
export const confirmOrderChangesStep = createStep(
  "paygent-confirm-order-changes",
  async (input: { orderId: string; changes: OrderChangeDTO[]; confirmed_by?: string }, { container }) => {
    const orders = container.resolve<IOrderModuleService>(Modules.ORDER)
    const current = input.changes.map((change) => ({
      id: change.id,
      confirmed_by: input.confirmed_by,
      order_id: input.orderId,
      status: change.status,
    }))
    const confirmed = await orders.confirmOrderChange(current.map(({ id, confirmed_by }) => ({ id, confirmed_by })))
    return new StepResponse(confirmed, current)
  },
  async (current, { container }) => {
    if (!current?.length) {
      return
    }
    const orders = container.resolve<IOrderModuleService>(Modules.ORDER)
    await orders.undoLastChange(current[0].order_id, current[0])
  }
)

