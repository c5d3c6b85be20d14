import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loadMailPayments } from "../../../../../../shopper-mails/facts"
import { resendable } from "../../../../../../shopper-mails/resend"
import { paygentModule } from "../../../../../../modules/paygent/container"

/**
 * GET /admin/paygent/orders/:id/shopper-mails — the e-mails sent (or queued, failed, skipped) to the shopper about
 * the order's Paygent payments, newest first, for the order panel's timeline; and whether the payment instructions
 * can be sent again.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const [mails, payments] = await Promise.all([
    paygentModule(req.scope).listPaygentShopperMails({ order_id: req.params.id }, { order: { created_at: "DESC" }, take: 100 }),
    loadMailPayments(req.scope, [req.params.id]),
  ])
  res.json({
    mails: mails.map((mail) => ({
      id: mail.id,
      kind: mail.kind,
      reason: mail.reason,
      method: mail.method,
      status: mail.status,
      recipient: mail.recipient,
      locale: mail.locale,
      template: mail.template,
      subject: mail.subject,
      attempts: mail.attempts,
      due_at: mail.due_at,
      sent_at: mail.sent_at,
      last_error: mail.last_error,
      skip_reason: mail.skip_reason,
      created_by: mail.created_by,
      created_at: mail.created_at,
    })),
    can_resend_instructions: !!resendable(payments) && payments.some((p) => !!p.order.email),
  })
}
