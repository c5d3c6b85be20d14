import { ChangeActionType, ReturnStatus } from "@medusajs/framework/utils"
import { createWorkflow, parallelize, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep, previewOrderChangeStep, updateReturnsStep, useRemoteQueryStep } from "@medusajs/medusa/core-flows"
import { confirmOrderChangesStep } from "../steps/confirm-order-changes"
import { createReturnShippingFulfillment, extractShippingMethods, reserveOutboundItems } from "./medusa-parts"
import { createReturnItemsStep, requireItems } from "./return-items"
import {
  lockOrderAndPaygentPayment,
  queryActiveOrderChange,
  releaseOrderAndPaygentPayment,
  settlePaygentOrderChange,
} from "./settlement"

/** What differs between Medusa's claim and exchange confirmations; everything else they do step for step alike. */
export interface ConfirmWithReturnSpec<Input extends { confirmed_by?: string }> {
  workflowId: string
  kind: "claim" | "exchange"
  /** The change's entry point and the id key of its actions (`claim_id` / `exchange_id`). */
  entryPoint: "order_claim" | "order_exchange"
  idKey: "claim_id" | "exchange_id"
  idOf: (input: Input) => string
  /** Fields of the claim / exchange record Medusa's validation reads. */
  recordFields: string[]
  /** Fields of the active order change beyond settlement.ts's, as Medusa's workflow reads them. */
  changeFields: string[]
  /** Medusa's own validation step, given `{ order, order<Kind>, orderChange }`. */
  validate: (input: Record<string, unknown>) => unknown
  /** Medusa's step creating the outbound items (claim / exchange items) from the change's actions. */
  createOutboundItems: (input: { changes: unknown[]; [key: string]: unknown }) => unknown
  /** The actions that create outbound items (an exchange adds items; a claim also writes items off). */
  outboundActions: string[]
  /** Whether both sides must have items (an exchange), and Medusa's message when they do not. */
  requireBoth: boolean
  emptyMessage: string
  eventName: string
}

/**
 * `POST /admin/{claims,exchanges}/:id/request` for an order paid through Paygent: Medusa 2.21.2's
 * `confirmClaimRequestWorkflow` / `confirmExchangeRequestWorkflow` step for step (outbound and return items, the
 * change confirmed, the return requested, reservations for what goes out, the return's fulfillment, the created
 * event), under a lock on the order and on its Paygent payment, with the payment settled by the plugin (settlement.ts)
 * instead of Medusa's collection rebuild, which would cancel a card authorization (021) and ask for the whole new
 * total again.
 */
export function confirmWithReturnWorkflow<Input extends { confirmed_by?: string }>(spec: ConfirmWithReturnSpec<Input>) {
  const recordKey = spec.kind === "claim" ? "orderClaim" : "orderExchange"
  const outboundKey = spec.kind === "claim" ? "claimItems" : "exchangeItems"
  const outboundIdKey = spec.kind === "claim" ? "claimId" : "exchangeId"
  return createWorkflow(spec.workflowId, (input: WorkflowData<Input>) => {
    const changeId = transform({ input }, ({ input }) => spec.idOf(input as Input))
    const record = useRemoteQueryStep({
      entry_point: spec.entryPoint,
      fields: spec.recordFields,
      variables: { id: changeId },
      list: false,
      throw_if_key_not_found: true,
    })
    const orderId = transform({ record }, ({ record }) => record.order_id as string)
    const located = lockOrderAndPaygentPayment(orderId)

    const order = useRemoteQueryStep({
      entry_point: "orders",
      fields: ["id", "version", "canceled_at", "items.*", "items.item.id", "shipping_address.*"],
      variables: { id: orderId },
      list: false,
      throw_if_key_not_found: true,
    }).config({ name: "order-query" })
    const changeFilter = transform({ orderId, changeId }, ({ orderId, changeId }) => ({ order_id: orderId, [spec.idKey]: changeId }))
    const orderChange = queryActiveOrderChange(changeFilter as unknown as Record<string, unknown>, spec.changeFields)
    spec.validate(transform({ order, record, orderChange }, ({ order, record, orderChange }) => ({ order, [recordKey]: record, orderChange })) as never)

    const { outboundItems, returnItems } = transform({ orderChange }, ({ orderChange }: any) => {
      const actions = orderChange.actions ?? []
      const outbound = actions.filter((a: any) => spec.outboundActions.includes(a.action))
      const returned = actions.filter((a: any) => a.action === ChangeActionType.RETURN_ITEM)
      return {
        outboundItems: { changes: outbound, [outboundIdKey]: outbound[0]?.[spec.idKey] },
        returnItems: { changes: returned, returnId: returned[0]?.return_id },
      }
    })
    const orderPreview = previewOrderChangeStep(orderId)
    const [createdOutbound, createdReturnItems] = parallelize(
      spec.createOutboundItems(outboundItems as never) as never,
      createReturnItemsStep(returnItems)
    )
    requireItems({ outbound: createdOutbound, inbound: createdReturnItems, both: spec.requireBoth, message: spec.emptyMessage })
    const returnId = transform({ createdReturnItems }, ({ createdReturnItems }) => createdReturnItems?.[0]?.return_id as string)
    confirmOrderChangesStep({ changes: [orderChange], orderId, confirmed_by: input.confirmed_by })
    when({ returnId }, ({ returnId }) => !!returnId).then(() => {
      updateReturnsStep(
        transform({ returnId }, ({ returnId }) => [{ id: returnId, status: ReturnStatus.REQUESTED, requested_at: new Date() }]) as any
      )
    })

    const shipping = transform({ orderPreview, record, returnId }, ({ orderPreview, record, returnId }) =>
      extractShippingMethods(orderPreview, returnId, { key: spec.idKey, id: record.id })
    )
    when({ shipping }, ({ shipping }) => !!shipping.outboundShippingMethod).then(() => {
      reserveOutboundItems({ name: spec.kind, entry_point: spec.entryPoint, id: changeId, order_id: orderId })
    })
    when({ shipping, returnId }, ({ shipping, returnId }) => !!shipping.returnShippingMethod && !!returnId).then(() => {
      createReturnShippingFulfillment({
        name: spec.kind,
        order,
        items: createdReturnItems,
        shipping_option_id: transform({ shipping }, ({ shipping }) => shipping.returnShippingMethod.shipping_option_id),
        return_id: returnId,
      })
    })

    const paygent = settlePaygentOrderChange({ order_id: orderId, kind: spec.kind, confirmed_by: input.confirmed_by, located })
    emitEventStep({
      eventName: spec.eventName,
      data: transform({ orderId, changeId }, ({ orderId, changeId }) => ({ order_id: orderId, [spec.idKey]: changeId })),
    })
    releaseOrderAndPaygentPayment(orderId, located)
    return new WorkflowResponse({ order_preview: orderPreview, paygent })
  })
}
