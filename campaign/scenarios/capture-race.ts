/**
 * 売上 clicked many times at once: for each card payment, `clicks` concurrent captures, half through the plugin's
 * route (POST /admin/paygent/orders/:id/capture) and half through Medusa's own (POST /admin/payments/:id/capture).
 * Per payment: Paygent received exactly one 022, Paygent's payment is captured (40), Medusa recorded exactly one
 * capture of the whole amount, and every click got an answer (2xx, or a 4xx "already captured"), never a 5xx.
 */
import { cardDisagreements, orderFacts, paygentBySession } from "../lib/facts"
import { admin, placeOrder } from "../lib/shop"
import { SIZES } from "../lib/sizes"
import { mapLimit, Tally } from "../lib/tally"
import type { Scenario } from "../lib/types"

export const captureRace: Scenario = async (ctx, size) => {
  const { payments, clicks } = SIZES[size].captureRace
  const tally = new Tally()
  const started = Date.now()
  const orders = await mapLimit(Array.from({ length: payments }), 6, () => placeOrder(ctx, "card"))
  const facts = await orderFacts(ctx.db, orders.map((o) => o.orderId))
  const placedIn = Date.now() - started

  const statuses = new Map<number, number>()
  let clickCount = 0
  const fromSeq = Math.max(0, ...ctx.sim.control.listTelegrams().map((t) => t.seq))
  await mapLimit(orders, 4, async (order, index) => {
    const payment = facts.get(order.orderId)!.payments[0]
    const replies = await Promise.all(
      Array.from({ length: clicks }, (_, i) =>
        (i + index) % 2 === 0
          ? admin(ctx, "POST", `/admin/paygent/orders/${order.orderId}/capture`)
          : admin(ctx, "POST", `/admin/payments/${payment.id}/capture`)
      )
    )
    for (const reply of replies) {
      clickCount++
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1)
      tally.check(reply.status >= 200 && reply.status < 500, `${order.orderId}: a click got ${reply.error ?? reply.status} ${reply.text.slice(0, 200)}`)
    }
  })

  const captures = ctx.sim.control
    .listTelegrams()
    .filter((t) => t.seq > fromSeq && t.telegram_kind === "022")
  const after = await orderFacts(ctx.db, orders.map((o) => o.orderId))
  const bySession = paygentBySession(ctx.sim)
  let doubles = 0
  for (const order of orders) {
    const facts = after.get(order.orderId)!
    const payment = facts.payments[0]
    const paygentId = payment?.state?.payment_id
    const sent = captures.filter((t) => t.params.payment_id === paygentId)
    if (sent.length > 1) doubles++
    tally.check(sent.length === 1, `${order.orderId}: ${sent.length} × 022 for payment ${paygentId}`)
    tally.check(ctx.sim.control.getPayment(paygentId)?.payment_status === "40", `${order.orderId}: Paygent status ${ctx.sim.control.getPayment(paygentId)?.payment_status}`)
    tally.check(
      payment?.captures === 1 && payment.captured === payment.amount,
      `${order.orderId}: Medusa recorded ${payment?.captures} captures, ${payment?.captured} of ${payment?.amount}`
    )
    const problems = cardDisagreements(facts, bySession)
    tally.check(problems.length === 0, `${order.orderId}: ${problems.join("; ")}`)
  }
  tally.note(`${payments} payments × ${clicks} concurrent clicks (${clickCount} requests); answers ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}`)
  tally.note(`double 022: ${doubles}; orders placed in ${(placedIn / 1000).toFixed(0)} s, whole scenario ${((Date.now() - started) / 1000).toFixed(0)} s`)
  return tally.result()
}
