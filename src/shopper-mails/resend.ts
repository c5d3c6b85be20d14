/**
 * The admin's "resend instructions": the payment instructions of an unpaid konbini / Pay-easy / net-bank order sent
 * again, now. A click while the previous resend is still waiting or being sent, or within a minute of it, returns
 * that one instead of queueing another (a double click sends one mail).
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { deliverMail } from "./deliver"
import { loadMailPayments } from "./facts"
import { isCanceled, isPaid } from "./plan"
import { countResends, insertMail, mailById, mailByKey, recentResend } from "./store"
import type { MailPayment, ShopperMailRow } from "./types"

/** A resend this recent is answered instead of sending another (a double click, a retried request). */
export const RESEND_GUARD_MS = 60_000

/** The order's payment whose instructions can be sent again: waiting for payment, not cancelled. */
export function resendable(payments: MailPayment[]): MailPayment | undefined {
  return payments
    .filter(
      (p) => p.method !== "card" && !!p.state.instructions && !isPaid(p) && !isCanceled(p) && p.session_status === "pending_authorization"
    )
    .pop()
}

export async function resendInstructions(
  container: MedusaContainer,
  orderId: string,
  actorId?: string
): Promise<{ mail: ShopperMailRow; queued: boolean }> {
  const payments = await loadMailPayments(container, [orderId])
  const payment = resendable(payments)
  if (!payment) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "この注文には再送できるお支払い方法のご案内がありません（コンビニ・ペイジー・銀行ネット決済の入金待ちの注文だけです）。 / " +
        "This order has no payment instructions to resend (only konbini, Pay-easy and net-bank orders waiting for payment have them)."
    )
  }
  if (!payment.order.email) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "注文にメールアドレスがありません。 / The order has no e-mail address.")
  }
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  const recent = await recentResend(knex, payment.payment_session_id, RESEND_GUARD_MS)
  if (recent) {
    return { mail: recent, queued: false }
  }
  const key = `${payment.payment_session_id}:instructions:resend:${(await countResends(knex, payment.payment_session_id)) + 1}`
  const row = await insertMail(knex, {
    dedupe_key: key,
    kind: "instructions",
    reason: "resend",
    method: payment.method,
    payment_session_id: payment.payment_session_id,
    order_id: orderId,
    due_at: new Date(),
    created_by: actorId ?? null,
  })
  if (!row) {
    // The same click arrived twice at once: the other request queued this resend.
    return { mail: (await mailByKey(knex, key))!, queued: false }
  }
  await deliverMail(container, row.id)
  return { mail: (await mailById(knex, row.id)) ?? row, queued: true }
}
