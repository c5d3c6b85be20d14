/**
 * Returns and exchanges of card orders confirmed through Medusa's own admin API (POST /admin/returns/:id/receive/confirm,
 * POST /admin/exchanges/:id/request), each clicked twice at once while one fault is armed on the telegram the
 * confirmation sends: 028 (authorized, lower), 029 (captured, lower), 021 (authorized, everything back), 023
 * (captured, everything back); faults as in the faults scenario (lost before / after Paygent, answered too late,
 * HTTP 500, garbage). A confirmation that failed is clicked once more, as a merchant would. Then the sync job runs
 * (091: it resolves the new payment id of a change whose answer was lost, from the notices) and the plugin's refresh
 * (094), and each order is compared with the simulator:
 * - Medusa's payment is the one Paygent holds, in its status and amount (cardDisagreements: no duplicate
 *   authorization, no lost capture, transactions = captures − refunds);
 * - what Paygent holds is what the order is worth after the change (¥3,000, or nothing), changed once;
 * - no change is left pending (the sync job resolved every lost answer); every fault was hit; no click got a 5xx.
 */
import type { FaultMode } from "../../src/simulator"
import { CAMPAIGN_TIMEOUT_MS } from "../lib/app-config"
import { cardDisagreements, orderFacts, paygentBySession } from "../lib/facts"
import { must, ok, type Reply } from "../lib/http"
import { admin, placeOrder, runSync } from "../lib/shop"
import { SIZES } from "../lib/sizes"
import { errorText, mapLimit, Tally } from "../lib/tally"
import type { CampaignContext, Scenario } from "../lib/types"

interface Flow {
  /** The telegram the confirmation sends. */
  kind: "021" | "023" | "028" | "029"
  captured: boolean
  change: "return" | "exchange"
  /** Matcha (¥3,000 each) coming back, of the order's two. */
  back: number
  /** What the order is worth afterwards. */
  total: number
}

const FLOWS: Record<string, Flow> = {
  "return-authorized": { kind: "028", captured: false, change: "return", back: 1, total: 3000 },
  "exchange-down-authorized": { kind: "028", captured: false, change: "exchange", back: 1, total: 3000 },
  "return-captured": { kind: "029", captured: true, change: "return", back: 1, total: 3000 },
  "exchange-down-captured": { kind: "029", captured: true, change: "exchange", back: 1, total: 3000 },
  "return-all-authorized": { kind: "021", captured: false, change: "return", back: 2, total: 0 },
  "return-all-captured": { kind: "023", captured: true, change: "return", back: 2, total: 0 },
}
const MODES: FaultMode[] = ["drop_before", "process_then_drop", "delay", "http_500", "garbage"]

interface Case {
  flow: string
  mode: FaultMode
  orderId?: string
  confirm?: () => Promise<Reply>
  replies: Reply[]
  faultHits: number
  clickedAgain: boolean
}

/** A fulfilled order of two matcha (captured when the flow says), and the change built up to its confirmation. */
async function prepare(ctx: CampaignContext, c: Case): Promise<void> {
  const flow = FLOWS[c.flow]
  const { orderId } = await placeOrder(ctx, "card", { quantity: 2 })
  c.orderId = orderId
  const { data } = must(await admin(ctx, "GET", `/admin/orders/${orderId}?fields=*items`), "read the order")
  const line = data.order.items[0].id as string
  must(
    await admin(ctx, "POST", `/admin/orders/${orderId}/fulfillments`, { items: [{ id: line, quantity: 2 }], location_id: ctx.store.stockLocationId }),
    "fulfil the order"
  )
  if (flow.captured) {
    must(await admin(ctx, "POST", `/admin/paygent/orders/${orderId}/capture`), "capture before the change")
  }
  if (flow.change === "exchange") {
    const exchange = must(await admin(ctx, "POST", "/admin/exchanges", { order_id: orderId }), "begin the exchange").data.exchange
    must(await admin(ctx, "POST", `/admin/exchanges/${exchange.id}/inbound/items`, { items: [{ id: line, quantity: flow.back }] }), "items back")
    // Out: a free sample (¥0), so the order is worth ¥3,000 less.
    must(await admin(ctx, "POST", `/admin/exchanges/${exchange.id}/outbound/items`, { items: [{ variant_id: ctx.store.freeVariantId, quantity: 1 }] }), "item out")
    c.confirm = () => admin(ctx, "POST", `/admin/exchanges/${exchange.id}/request`)
    return
  }
  const ret = must(await admin(ctx, "POST", "/admin/returns", { order_id: orderId, location_id: ctx.store.stockLocationId }), "begin the return").data.return
  must(await admin(ctx, "POST", `/admin/returns/${ret.id}/request-items`, { items: [{ id: line, quantity: flow.back }] }), "items to return")
  must(await admin(ctx, "POST", `/admin/returns/${ret.id}/request`), "request the return")
  must(await admin(ctx, "POST", `/admin/returns/${ret.id}/receive`), "begin receiving")
  must(await admin(ctx, "POST", `/admin/returns/${ret.id}/receive-items`, { items: [{ id: line, quantity: flow.back }] }), "items received")
  c.confirm = () => admin(ctx, "POST", `/admin/returns/${ret.id}/receive/confirm`)
}

function lastSeq(ctx: CampaignContext): number {
  const log = ctx.sim.control.listTelegrams()
  return log.length ? log[log.length - 1].seq : 0
}

export const orderChangeFaults: Scenario = async (ctx, size) => {
  const { cases: count } = SIZES[size].orderChanges
  const tally = new Tally()
  const started = Date.now()
  const flows = Object.keys(FLOWS)
  const cases: Case[] = Array.from({ length: count }, (_, i) => ({
    flow: flows[i % flows.length],
    // Modes rotate across the flows so that every (flow, mode) pair comes up at the full size.
    mode: MODES[(i + Math.floor(i / flows.length)) % MODES.length],
    replies: [],
    faultHits: 0,
    clickedAgain: false,
  }))
  await mapLimit(cases, 4, (c) => prepare(ctx, c))
  const preparedIn = Date.now() - started

  // One case at a time: its fault is armed on its telegram kind only, and the two clicks go out together.
  for (const c of cases) {
    const kind = FLOWS[c.flow].kind
    const fromSeq = lastSeq(ctx)
    ctx.sim.control.clearFaults()
    ctx.sim.control.addFault({ telegram_kind: kind, mode: c.mode, count: 1, delay_ms: c.mode === "delay" ? CAMPAIGN_TIMEOUT_MS + 1500 : 0 })
    try {
      c.replies = await Promise.all([c.confirm!(), c.confirm!()])
    } catch (error) {
      c.replies = [{ status: 0, data: undefined, text: "", error: errorText(error) }]
    }
    c.faultHits = ctx.sim.control.listTelegrams().filter((t) => t.seq > fromSeq && t.fault && t.telegram_kind === kind).length
    ctx.sim.control.clearFaults()
    if (!c.replies.some(ok)) {
      // Neither click went through (the change was undone): the merchant clicks once more.
      c.clickedAgain = true
      c.replies.push(await c.confirm!())
    }
    if (c.mode === "delay") {
      await new Promise((resolve) => setTimeout(resolve, 1600))
    }
  }

  // The sync job (091) resolves changes whose answer was lost; then the plugin's refresh (094) of each order.
  await runSync(ctx)
  await mapLimit(cases, 4, (c) => admin(ctx, "POST", `/admin/paygent/orders/${c.orderId}/refresh`))

  const facts = await orderFacts(ctx.db, cases.map((c) => c.orderId!))
  const bySession = paygentBySession(ctx.sim)
  let resolvedBySync = 0
  for (const c of cases) {
    const flow = FLOWS[c.flow]
    const label = `${c.flow} ${c.mode} ${c.orderId}`
    tally.check(c.faultHits >= 1, `${label}: the fault on ${flow.kind} was not hit`)
    tally.check(
      c.replies.every((r) => r.status >= 200 && r.status < 500),
      `${label}: answered ${c.replies.map((r) => r.error ?? `${r.status} ${r.text.slice(0, 200)}`).join(" | ")}`
    )
    tally.check(c.replies.filter(ok).length === 1, `${label}: ${c.replies.filter(ok).length} confirmations went through`)
    const order = facts.get(c.orderId!)
    if (!order) {
      tally.fail(`${label}: order not found`)
      continue
    }
    const problems = cardDisagreements(order, bySession)
    tally.check(problems.length === 0, `${label}: ${problems.join("; ")}`)
    const payment = order.payments[0]
    const state = payment?.state ?? {}
    tally.check(!state.change_pending, `${label}: the change of ${state.change_pending?.base_payment_id} is still pending`)
    if (c.replies.find(ok)?.data?.paygent?.change?.status === "pending_payment_id") {
      resolvedBySync++
    }
    const held = flow.captured ? payment.captured - payment.refunded : payment.canceled_at ? 0 : payment.amount
    tally.check(held === flow.total, `${label}: Medusa holds ${held}, the order is worth ${flow.total}`)
    if (flow.captured) {
      tally.check(payment.refunds === 1, `${label}: ${payment.refunds} refunds in Medusa for one change`)
    }
  }
  tally.note(
    `${cases.length} confirmations (${flows.join(", ")}) × faults (${MODES.join(", ")}), each clicked twice at once; ` +
      `clicked again after a failure ${cases.filter((c) => c.clickedAgain).length}; lost answers resolved by the sync job ${resolvedBySync}`
  )
  tally.note(`prepared in ${(preparedIn / 1000).toFixed(0)} s, whole scenario ${((Date.now() - started) / 1000).toFixed(0)} s`)
  return tally.result()
}
