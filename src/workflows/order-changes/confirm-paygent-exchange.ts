import { ChangeActionType, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { confirmExchangeRequestValidationStep, createOrderExchangeItemsFromActionsStep } from "@medusajs/medusa/core-flows"
import { confirmWithReturnWorkflow } from "./confirm-with-return"

export interface ConfirmPaygentExchangeInput {
  exchange_id: string
  confirmed_by?: string
}

export const confirmPaygentExchangeWorkflowId = "paygent-confirm-exchange"

/**
 * `POST /admin/exchanges/:id/request` for an order paid through Paygent (confirm-with-return.ts): the difference is
 * settled on the card payment (028 / 029) or left for the storefront to collect, never by cancelling the authorization.
 */
export const confirmPaygentExchangeWorkflow = confirmWithReturnWorkflow<ConfirmPaygentExchangeInput>({
  workflowId: confirmPaygentExchangeWorkflowId,
  kind: "exchange",
  entryPoint: "order_exchange",
  idKey: "exchange_id",
  idOf: (input) => input.exchange_id,
  recordFields: ["id", "status", "order_id", "canceled_at"],
  changeFields: ["actions.exchange_id", "actions.return_id"],
  validate: confirmExchangeRequestValidationStep as never,
  createOutboundItems: createOrderExchangeItemsFromActionsStep as never,
  outboundActions: [ChangeActionType.ITEM_ADD],
  requireBoth: true,
  emptyMessage: "Order exchange request should have at least 1 item inbound and 1 item outbound",
  eventName: OrderWorkflowEvents.EXCHANGE_CREATED,
})
