import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { orderView } from "../../../../../operations/admin-actions"

/**
 * GET /admin/paygent/orders/:id — the order's Paygent payments (method, payment_id / trading_id, Paygent status in
 * Japanese and English, amount at Paygent against what Medusa expects and the order total, deadlines, card summary or
 * payment instructions), manual refunds owed, and the telegram ledger rows of the order, newest first.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  res.json(await orderView(req.scope, req.params.id))
}
