import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { actorOf } from "../../../../../../operations/http"
import { resendInstructions } from "../../../../../../shopper-mails/resend"

/**
 * POST /admin/paygent/orders/:id/resend-instructions — sends the payment instructions of an unpaid konbini /
 * Pay-easy / net-bank order to the shopper again, now. Answers the mail (`status` sent, or pending with
 * `last_error` when the provider failed and it will be retried); `queued: false` when a resend was already under way.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const { mail, queued } = await resendInstructions(req.scope, req.params.id, actorOf(req))
  res.json({
    queued,
    mail: {
      id: mail.id,
      kind: mail.kind,
      reason: mail.reason,
      status: mail.status,
      recipient: mail.recipient,
      subject: mail.subject,
      attempts: mail.attempts,
      sent_at: mail.sent_at,
      last_error: mail.last_error,
      skip_reason: mail.skip_reason,
      created_at: mail.created_at,
    },
  })
}
