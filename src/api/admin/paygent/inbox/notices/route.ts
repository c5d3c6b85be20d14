import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { idsOf } from "../../../../../operations/admin-actions"
import { loadEndedAttempts } from "../../../../../operations/order-attempts"
import { loadOrderPaygent, PAYMENT_TYPE_OF, paygentMethodOf } from "../../../../../operations/order-payments"
import { statusLabel } from "../../../../../paygent"
import { paygentModule } from "../../../../../modules/paygent/container"
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
    notices: rows.map((row: any) => {
      const type = row.payment_type || typeOf.get(row.trading_id) || PAYMENT_TYPE_OF[paygentMethodOf(attempts[0]?.provider_id) ?? "card"]
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
