/**
 * Shopper mails after a notice scenario (docs/operations/shopper-mails.md): every instance runs the mail job at the
 * same time until nothing due is left, then the database must show each mail sent exactly once — one successful
 * notification at Medusa per sent mail (and none for any other), across every instance and retry — and the mails
 * the orders' ends call for: the instructions for every order, the paid mail for a paid one, the expired mail for an
 * expired one.
 */
import { ok } from "./http"
import { admin } from "./shop"
import type { Tally } from "./tally"
import type { CampaignContext } from "./types"

interface MailRow {
  id: string
  order_id: string
  kind: string
  status: string
  attempts: number
}

/** Runs the mail job on every instance at once until no mail is due or being sent (at most `rounds` times). */
async function drain(ctx: CampaignContext, orderIds: string[], tally: Tally, rounds = 20): Promise<number> {
  for (let round = 1; round <= rounds; round++) {
    const replies = await Promise.all(ctx.urls().map((_, instance) => admin(ctx, "POST", "/admin/paygent/shopper-mails/dispatch", {}, instance)))
    for (const reply of replies) {
      tally.check(ok(reply), `mail job: ${reply.status} ${reply.text.slice(0, 200)}`)
    }
    const [{ open }] = await ctx.db.query<{ open: number }>(
      `select count(*)::int as open from paygent_shopper_mail
       where order_id = any($1) and deleted_at is null and status in ('pending', 'sending') and due_at <= now()`,
      [orderIds]
    )
    if (open === 0) return round
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return rounds
}

/**
 * `ends` maps each order to Paygent's final status of its payment (40 paid, 12 expired, 10 unpaid; others are not
 * judged). Returns a note line.
 */
export async function checkShopperMails(ctx: CampaignContext, tally: Tally, ends: Map<string, string>, label: string): Promise<string> {
  const orderIds = [...ends.keys()]
  const rounds = await drain(ctx, orderIds, tally)
  const rows = await ctx.db.query<MailRow>(
    `select id, order_id, kind, status, attempts from paygent_shopper_mail where order_id = any($1) and deleted_at is null`,
    [orderIds]
  )
  const successes = await ctx.db.query<{ mail_id: string; n: number }>(
    `select split_part(idempotency_key, ':', 2) as mail_id, count(*)::int as n from notification
     where idempotency_key like 'paygent-mail:%' and status = 'success' and deleted_at is null group by 1`
  )
  const sentBy = new Map(successes.map((s) => [s.mail_id, s.n]))
  for (const row of rows) {
    const sent = sentBy.get(row.id) ?? 0
    tally.check(row.status === "sent" ? sent === 1 : sent === 0, `${row.order_id} ${row.kind} mail (${row.status}, ${row.attempts} attempts) went out ${sent} times`)
  }
  const byOrder = new Map<string, MailRow[]>()
  for (const row of rows) byOrder.set(row.order_id, [...(byOrder.get(row.order_id) ?? []), row])
  const statusOf = (orderId: string, kind: string) => byOrder.get(orderId)?.find((r) => r.kind === kind)?.status ?? "none"
  for (const [orderId, end] of ends) {
    tally.check(statusOf(orderId, "instructions") === "sent", `${orderId}: instructions mail ${statusOf(orderId, "instructions")}`)
    if (end === "40") tally.check(statusOf(orderId, "paid") === "sent", `${orderId} paid: paid mail ${statusOf(orderId, "paid")}`)
    if (end === "12") tally.check(statusOf(orderId, "canceled") === "sent", `${orderId} expired: expired mail ${statusOf(orderId, "canceled")}`)
    if (end === "10") {
      tally.check(statusOf(orderId, "paid") === "none" && statusOf(orderId, "canceled") === "none", `${orderId} unpaid: got a paid or expired mail`)
    }
  }
  const sent = rows.filter((r) => r.status === "sent").length
  const retried = rows.filter((r) => r.attempts > 1).length
  return `${label}: ${sent} shopper mails sent once each for ${orderIds.length} orders (${retried} after a retry; mail job runs on ${ctx.urls().length} instance(s) at once, ${rounds} round(s))`
}
