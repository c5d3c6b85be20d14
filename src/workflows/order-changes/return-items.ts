import type { IOrderModuleService } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/**
 * Core's `createReturnItemsFromActionsStep` (core-flows 2.21.2 order/steps/return, not exported): the return's items
 * from the change's RETURN_ITEM actions, deleted again on failure.
 */
export const createReturnItemsStep = createStep(
  "paygent-create-return-items-from-actions",
  async (input: { changes: any[]; returnId?: string }, { container }) => {
    const orders = container.resolve<IOrderModuleService>(Modules.ORDER)
    if (!input.changes?.length) {
      return new StepResponse([] as any[], [] as string[])
    }
    const created = (await orders.createReturnItems(
      input.changes.map((action) => ({
        return_id: input.returnId ?? action.return_id,
        item_id: action.details?.reference_id,
        reason_id: action.details?.reason_id,
        quantity: action.details?.quantity,
        note: action.internal_note,
        metadata: action.details?.metadata ?? {},
      })) as any
    )) as unknown as Array<{ id: string; return_id: string }>
    return new StepResponse(created, created.map((item) => item.id))
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await container.resolve<IOrderModuleService>(Modules.ORDER).deleteReturnItems(ids)
    }
  }
)

/** Medusa's check that a change has the items it needs (confirm-if-…-items-are-present). */
export const requireItems = createStep(
  "paygent-require-change-items",
  async (input: { outbound?: unknown[]; inbound?: unknown[]; both: boolean; message: string }) => {
    const outbound = input.outbound?.length ?? 0
    const inbound = input.inbound?.length ?? 0
    const ok = input.both ? outbound > 0 && inbound > 0 : outbound > 0 || inbound > 0
    if (!ok) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, input.message)
    }
    return new StepResponse(void 0)
  }
)
