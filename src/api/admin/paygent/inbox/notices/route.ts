import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { idsOf } from "../../../../../operations/admin-actions"
import { loadEndedAttempts } from "../../../../../operations/order-attempts"
import { loadOrderPaygent, PAYMENT_TYPE_OF, paygentMethodOf } from "../../../../../operations/order-payments"
import { paygentModule } from "../../../../../modules/paygent/container"
import { timelineEntry } from "./timeline"

/**
 * GET /admin/paygent/inbox/notices?order_id=… — the Paygent notices (push, 091 pull, 094 reconciliation) stored for
 * an order, newest first, with what applying them did. The order widget shows them in its timeline beside the
 * telegram ledger of GET /admin/paygent/orders/:id. Indexes: paygent_notice (order_id), (paygent_payment_id),
 * (trading_id).
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const orderId = typeof req.query.order_id === "string" ? req.query.order_id : ""
  if (!orderId) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "order_id を指定してください / order_id is required")
  }
  const order = await loadOrderPaygent(req.scope, orderId)
  // Every attempt of the order, ended ones too (an expired konbini order's session is cancelled with the order).
  const attempts = [...order.payments, ...(await loadEndedAttempts(req.scope, order))]
  const ids = idsOf(attempts)
  const or: Record<string, unknown>[] = [{ order_id: order.id }]
  if (ids.paygent.length) or.push({ paygent_payment_id: ids.paygent })
  if (ids.trading.length) or.push({ trading_id: ids.trading })
  if (ids.sessions.length) or.push({ payment_session_id: ids.sessions })
  const rows = await paygentModule(req.scope).listPaygentNotices({ $or: or }, { order: { received_at: "DESC" }, take: 200 })
  const typeOf = new Map(attempts.map((p) => [p.paygent.trading_id, PAYMENT_TYPE_OF[p.method]]))
  res.json({
    notices: rows.map((row) => {
      const type =
        row.payment_type ||
        (row.trading_id === null ? undefined : typeOf.get(row.trading_id)) ||
        PAYMENT_TYPE_OF[paygentMethodOf(attempts[0]?.provider_id) ?? "card"]
      return timelineEntry(row, type)
    }),
  })
}
