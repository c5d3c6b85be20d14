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
import { actionDeadline, isCanceled, isPaid } from "./plan"
import { countResends, insertMail, mailById, recentResend } from "./store"
import type { MailPayment, ShopperMailRow } from "./types"

/** A resend this recent is answered instead of sending another (a double click, a retried request). */
export const RESEND_GUARD_MS = 60_000

/** The order's payment whose instructions can be sent again: waiting for payment, not cancelled, before its deadline. */
export function resendable(payments: MailPayment[], now: Date = new Date()): MailPayment | undefined {
  return payments
    .filter((p) => {
      const deadline = actionDeadline(p.state)
      return (
        p.method !== "card" &&
        !!p.state.instructions &&
        !isPaid(p) &&
        !isCanceled(p) &&
        p.session_status === "pending_authorization" &&
        !(deadline && deadline.getTime() < now.getTime())
      )
    })
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
      "この注文には再送できるお支払い方法のご案内がありません（コンビニ・ペイジー・銀行ネット決済の、お支払い期限前の入金待ちの注文だけです）。 / " +
        "This order has no payment instructions to resend (only konbini, Pay-easy and net-bank orders waiting for payment, before the deadline, have them)."
    )
  }
  if (!payment.order.email) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "注文にメールアドレスがありません。 / The order has no e-mail address.")
  }
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  const sessionId = payment.payment_session_id
  // Decided under a transaction-scoped advisory lock per payment: two clicks arriving together (on one instance or
  // two) are taken one after the other, so the second sees the first's resend.
  const { row, queued } = await knex.transaction(async (trx) => {
    await trx.raw("SELECT pg_advisory_xact_lock(hashtext(?))", [`paygent-resend:${sessionId}`])
    const recent = await recentResend(trx, sessionId, RESEND_GUARD_MS)
    if (recent) {
      return { row: recent, queued: false }
    }
    const inserted = await insertMail(trx, {
      dedupe_key: `${sessionId}:instructions:resend:${(await countResends(trx, sessionId)) + 1}`,
      kind: "instructions",
      reason: "resend",
      method: payment.method,
      payment_session_id: sessionId,
      order_id: orderId,
      due_at: new Date(),
      created_by: actorId ?? null,
    })
    return { row: inserted!, queued: true }
  })
  if (!queued) {
    return { mail: row, queued: false }
  }
  await deliverMail(container, row.id)
  return { mail: (await mailById(knex, row.id)) ?? row, queued: true }
}
