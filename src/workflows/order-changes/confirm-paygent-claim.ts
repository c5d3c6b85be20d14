import { ChangeActionType, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { confirmClaimRequestValidationStep, createOrderClaimItemsFromActionsStep } from "@medusajs/medusa/core-flows"
import { confirmWithReturnWorkflow } from "./confirm-with-return"

export interface ConfirmPaygentClaimInput {
  claim_id: string
  confirmed_by?: string
}

export const confirmPaygentClaimWorkflowId = "paygent-confirm-claim"

/**
 * `POST /admin/claims/:id/request` for an order paid through Paygent (confirm-with-return.ts): a replacement that
 * costs what the claimed item cost leaves the card authorization as it is, where Medusa would cancel it and ask for
 * the whole total again.
 */
export const confirmPaygentClaimWorkflow = confirmWithReturnWorkflow<ConfirmPaygentClaimInput>({
  workflowId: confirmPaygentClaimWorkflowId,
  kind: "claim",
  entryPoint: "order_claim",
  idKey: "claim_id",
  idOf: (input) => input.claim_id,
  recordFields: ["id", "status", "order_id", "canceled_at", "additional_items.id"],
  changeFields: ["claim_id", "return_id", "actions.claim_id", "actions.return_id"],
  validate: confirmClaimRequestValidationStep as never,
  createOutboundItems: createOrderClaimItemsFromActionsStep as never,
  outboundActions: [ChangeActionType.ITEM_ADD, ChangeActionType.WRITE_OFF_ITEM],
  requireBoth: false,
  emptyMessage: "Order claim request should have at least 1 item",
  eventName: OrderWorkflowEvents.CLAIM_CREATED,
})
