import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IOrderModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { defaultAdminDetailsClaimFields } from "@medusajs/medusa/api/admin/claims/query-config"
import { defaultAdminDetailsExchangeFields } from "@medusajs/medusa/api/admin/exchanges/query-config"
import { defaultAdminDetailsReturnFields } from "@medusajs/medusa/api/admin/returns/query-config"
import { actorOf } from "../operations/http"
import type { Bilingual } from "../providers/paygent/core/errors"
import { loadOrderPaymentPicture, refusalError } from "../amount-change/plan"
import { OrderChangeKind, routeOrderChange } from "../amount-change/order-change-plan"
import { confirmPaygentClaimWorkflow } from "../workflows/order-changes/confirm-paygent-claim"
import { confirmPaygentExchangeWorkflow } from "../workflows/order-changes/confirm-paygent-exchange"
import { confirmPaygentReturnReceiveWorkflow } from "../workflows/order-changes/confirm-paygent-return-receive"
import { confirmPaygentReturnRequestWorkflow } from "../workflows/order-changes/confirm-paygent-return-request"

/** The entity each confirmation route names by `:id`, and how the plugin's confirmation is run for it. */
interface ChangeRoute {
  entity: "order_exchange" | "order_claim" | "return"
  /** Where Medusa's answer puts the entity. */
  key: "exchange" | "claim" | "return"
  /** Medusa's default fields of the entity in its answer. */
  fields: string[]
  run: (scope: MedusaContainer, id: string, actor?: string) => Promise<any>
}

const CHANGES: Record<OrderChangeKind, ChangeRoute> = {
  exchange: {
    entity: "order_exchange",
    key: "exchange",
    fields: defaultAdminDetailsExchangeFields,
    run: (scope, id, actor) => confirmPaygentExchangeWorkflow(scope).run({ input: { exchange_id: id, confirmed_by: actor } }),
  },
  claim: {
    entity: "order_claim",
    key: "claim",
    fields: defaultAdminDetailsClaimFields,
    run: (scope, id, actor) => confirmPaygentClaimWorkflow(scope).run({ input: { claim_id: id, confirmed_by: actor } }),
  },
  return_request: {
    entity: "return",
    key: "return",
    fields: defaultAdminDetailsReturnFields,
    run: (scope, id, actor) => confirmPaygentReturnRequestWorkflow(scope).run({ input: { return_id: id, confirmed_by: actor } }),
  },
  return_receive: {
    entity: "return",
    key: "return",
    fields: defaultAdminDetailsReturnFields,
    run: (scope, id, actor) => confirmPaygentReturnReceiveWorkflow(scope).run({ input: { return_id: id, confirmed_by: actor } }),
  },
}

async function graphOne(scope: MedusaContainer, entity: string, id: string, fields: string[]): Promise<any> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity, fields, filters: { id } })
  return data[0]
}

/**
 * What the order will be worth once its pending change is confirmed, as Medusa's order summary will count it: the
 * preview's total less the items whose return is requested (Medusa deducts them when the return is requested, and
 * its preview does not).
 */
export async function totalAfterChange(scope: MedusaContainer, orderId: string): Promise<number> {
  const preview = await scope.resolve<IOrderModuleService>(Modules.ORDER).previewOrderChange(orderId)
  const returning = (preview.items ?? []).reduce(
    (sum, item: any) => sum + Number(item.unit_price ?? 0) * Number(item.detail?.return_requested_quantity ?? 0),
    0
  )
  return Number(preview.total) - returning
}

/**
 * Medusa's confirmation of an exchange, claim, return request or return receipt (`POST /admin/exchanges/:id/request`,
 * `/admin/claims/:id/request`, `/admin/returns/:id/request`, `/admin/returns/:id/receive/confirm`) ends with
 * `createOrUpdateOrderPaymentCollectionWorkflow`, which cancels a card authorization (021) and asks for the whole
 * total again. For an order with a Paygent payment this middleware answers itself with the plugin's confirmation
 * (Medusa's steps, the payment settled by the plugin), in the shape of Medusa's answer plus `paygent`; it refuses a
 * change the payment cannot follow (an unpaid konbini / ATM / net-bank order whose amount would change) and hands
 * every other order to Medusa untouched.
 */
export function paygentOrderChangeConfirm(kind: OrderChangeKind) {
  const change = CHANGES[kind]
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) =>
    answerForPaygentOrders(req, res, next, {
      route: async () => {
        const subject = await graphOne(req.scope, change.entity, req.params.id, ["id", "order_id"])
        if (!subject?.order_id) {
          return { route: "core" } // Unknown id: Medusa's route answers.
        }
        const picture = await loadOrderPaymentPicture(req.scope, subject.order_id)
        return routeOrderChange(picture, await totalAfterChange(req.scope, subject.order_id))
      },
      confirm: async () => {
        const id = req.params.id
        const { result } = await change.run(req.scope, id, actorOf(req))
        const fields = (req as MedusaRequest & { queryConfig?: { fields?: string[] } }).queryConfig?.fields ?? change.fields
        const subject = await graphOne(req.scope, change.entity, id, fields)
        const answer: Record<string, unknown> = { order_preview: result.order_preview, [change.key]: subject }
        if (change.key !== "return" && subject?.return_id) {
          answer.return = await graphOne(req.scope, "return", subject.return_id, defaultAdminDetailsReturnFields)
        }
        return { ...answer, paygent: result.paygent }
      },
    })
}

/**
 * A middleware that answers a Medusa confirmation route itself for Paygent orders: `route` decides (Medusa's route
 * for orders it handles right, a refusal with the reason, or the plugin's `confirm`, whose answer is sent). An unknown
 * order is Medusa's to report; any other error stops here rather than risk Medusa's void of a card.
 */
export async function answerForPaygentOrders(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction,
  handlers: {
    route: () => Promise<{ route: "core" } | { route: "paygent" } | { route: "refuse"; code: string; message: Bilingual }>
    confirm: () => Promise<Record<string, unknown>>
  }
): Promise<void> {
  let route
  try {
    route = await handlers.route()
  } catch (error) {
    return next(error instanceof MedusaError && error.type === MedusaError.Types.NOT_FOUND ? undefined : error)
  }
  if (route.route === "core") {
    return next()
  }
  if (route.route === "refuse") {
    return next(refusalError(route))
  }
  try {
    res.json(await handlers.confirm())
  } catch (error) {
    next(error)
  }
}
