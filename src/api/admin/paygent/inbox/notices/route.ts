import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { loadOrderPaygent, PAYMENT_TYPE_OF, paygentMethodOf } from "../../../../../operations/order-payments"
import { statusLabel } from "../../../../../paygent"
import { paygentModule } from "../../../../../sync/apply"
import { paygentDateTime } from "../../../../../sync/time"

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
  const paymentIds = order.payments.flatMap((p) => [p.paygent.payment_id, ...(p.paygent.previous_payment_ids ?? [])]).filter(Boolean)
  const tradingIds = order.payments.map((p) => p.paygent.trading_id).filter(Boolean)
  const sessionIds = order.payments.map((p) => p.payment_session_id).filter(Boolean)
  const or: Record<string, unknown>[] = [{ order_id: order.id }]
  if (paymentIds.length) or.push({ paygent_payment_id: paymentIds })
  if (tradingIds.length) or.push({ trading_id: tradingIds })
  if (sessionIds.length) or.push({ payment_session_id: sessionIds })
  const rows = await paygentModule(req.scope).listPaygentNotices({ $or: or } as never, { order: { received_at: "DESC" }, take: 200 })
  const typeOf = new Map(order.payments.map((p) => [p.paygent.trading_id, PAYMENT_TYPE_OF[p.method]]))
  res.json({
    notices: rows.map((row: any) => {
      const type = row.payment_type || typeOf.get(row.trading_id) || PAYMENT_TYPE_OF[paygentMethodOf(order.payments[0]?.provider_id) ?? "card"]
      return {
        id: row.id,
        payment_notice_id: row.payment_notice_id,
        paygent_payment_id: row.paygent_payment_id,
        trading_id: row.trading_id,
        payment_type: row.payment_type,
        payment_status: row.payment_status,
        status_label: statusLabel(type, row.payment_status) ?? null,
        payment_amount: row.payment_amount && /^\d+$/.test(row.payment_amount) ? Number(row.payment_amount) : null,
        change_date: paygentDateTime(row.change_date)?.toISOString() ?? null,
        received_via: row.received_via,
        received_at: row.received_at,
        received_count: row.received_count,
        applied_at: row.applied_at,
        result: row.result,
        apply_attempts: row.apply_attempts,
        last_error: row.last_error,
      }
    }),
  })
}
