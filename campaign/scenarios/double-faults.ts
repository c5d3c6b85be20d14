/**
 * Double faults (issue #15): the answer of a money-moving telegram is lost AND the inquiry (094) after it is lost too,
 * so nobody knows whether Paygent applied it. Per case one of:
 * - 020 card checkout / 030 konbini / 010 Pay-easy application, answer lost (process_then_drop), its 094 lost (once,
 *   or also at the shopper's next try), then the shopper presses pay again, starts over with a new session (another
 *   card, new numbers), or gives up;
 * - 022 capture through the plugin's route or Medusa's own button, lost before or after Paygent applied it, and the
 *   three 094s after it lost.
 * Then the sync job runs twice, the first time with its own first inquiries lost too. Checks:
 * - no 5xx; the shopper is told the outcome is unknown (ja/en), the capture is answered 409 "outcome pending";
 * - 0 double authorizations: per cart at most one live card authorization after the sync, and it is the order's;
 * - 0 double konbini / ATM numbers: never two payments for one attempt (trading_id); numbers no order uses are closed
 *   with an alert; the order's session holds the numbers the shopper was shown;
 * - 0 payments in doubt without an alert: after the first run every telegram still in doubt has an open alert, after
 *   the second none is left;
 * - every capture is recorded once in Medusa (one capture, one order transaction) and applied once at Paygent.
 */
import type { FaultMode } from "../../src/simulator"
import { ok, type Reply } from "../lib/http"
import { admin, cardData, complete, createCart, methodData, placeOrder, runSync, startSession, type Method } from "../lib/shop"
import { SIZES } from "../lib/sizes"
import { errorText, Tally } from "../lib/tally"
import type { CampaignContext, Scenario } from "../lib/types"

type Checkout = { kind: "020" | "030" | "010"; behaviour: "retry" | "start_over" | "abandon"; inquiries: 1 | 2 }
type Capture = { kind: "022"; path: "plugin" | "medusa"; mode: FaultMode }
type Variant = Checkout | Capture

const VARIANTS: Variant[] = [
  { kind: "020", behaviour: "retry", inquiries: 1 },
  { kind: "020", behaviour: "retry", inquiries: 2 },
  { kind: "020", behaviour: "start_over", inquiries: 1 },
  { kind: "020", behaviour: "abandon", inquiries: 1 },
  { kind: "030", behaviour: "retry", inquiries: 1 },
  { kind: "030", behaviour: "retry", inquiries: 2 },
  { kind: "030", behaviour: "start_over", inquiries: 1 },
  { kind: "030", behaviour: "abandon", inquiries: 1 },
  { kind: "010", behaviour: "retry", inquiries: 1 },
  { kind: "010", behaviour: "start_over", inquiries: 1 },
  { kind: "022", path: "plugin", mode: "process_then_drop" },
  { kind: "022", path: "medusa", mode: "drop_before" },
  { kind: "022", path: "plugin", mode: "drop_before" },
  { kind: "022", path: "medusa", mode: "process_then_drop" },
]

const METHOD_OF: Record<Checkout["kind"], Method> = { "020": "card", "030": "konbini", "010": "payeasy" }
const OUTCOME_UNKNOWN = { ja: "決済結果を確認できませんでした", en: "could not confirm the payment result" }

interface Case {
  variant: Variant
  label: string
  cartId?: string
  orderId?: string
  medusaPaymentId?: string
  paygentPaymentId?: string
  /** trading_ids of every attempt of the cart (sessions Medusa deleted are gone from its tables). */
  tradingIds: string[]
  replies: Reply[]
  faultHits: number
  expectedHits: number
}

function lastSeq(ctx: CampaignContext): number {
  const log = ctx.sim.control.listTelegrams()
  return log.length ? log[log.length - 1].seq : 0
}

async function safely(work: () => Promise<Reply>): Promise<Reply> {
  try {
    return await work()
  } catch (error) {
    return { status: 0, data: undefined, text: "", error: errorText(error) }
  }
}

async function cartSession(ctx: CampaignContext, cartId: string): Promise<{ id: string; status: string; state: any } | undefined> {
  const [row] = await ctx.db.query(
    `select ps.id, ps.status, ps.data->'paygent' as state from payment_session ps
       join cart_payment_collection cpc on cpc.payment_collection_id = ps.payment_collection_id
      where cpc.cart_id = $1 and ps.deleted_at is null order by ps.created_at desc limit 1`,
    [cartId]
  )
  return row
}

async function runCheckout(ctx: CampaignContext, c: Case, v: Checkout, tally: Tally): Promise<void> {
  const method = METHOD_OF[v.kind]
  c.cartId = await createCart(ctx)
  const first = await startSession(ctx, c.cartId, method, methodData(ctx, method))
  if (!ok(first)) throw new Error(`session: ${first.status} ${first.text.slice(0, 200)}`)
  ctx.sim.control.addFault({ telegram_kind: v.kind, mode: "process_then_drop" })
  ctx.sim.control.addFault({ telegram_kind: "094", mode: "drop_before", count: v.inquiries })
  c.expectedHits = 1 + v.inquiries
  const lost = await safely(() => complete(ctx, c.cartId!))
  c.replies.push(lost)
  const message = String(lost.data?.error?.message ?? "")
  tally.check(
    lost.data?.type === "cart" && message.includes(OUTCOME_UNKNOWN.ja) && message.toLowerCase().includes(OUTCOME_UNKNOWN.en),
    `${c.label}: the shopper was not told the outcome is unknown: ${lost.status} ${lost.text.slice(0, 200)}`
  )
  const doubtful = await cartSession(ctx, c.cartId)
  if (doubtful?.state?.trading_id) c.tradingIds.push(doubtful.state.trading_id)
  tally.check(!!doubtful?.state?.in_doubt, `${c.label}: the session does not record the attempt in doubt`)

  if (v.behaviour === "retry") {
    // The shopper presses pay again until the order is placed (the second inquiry may be lost too).
    for (let attempt = 0; attempt < v.inquiries && !c.orderId; attempt++) {
      const again = await safely(() => complete(ctx, c.cartId!))
      c.replies.push(again)
      if (ok(again) && again.data?.type === "order") c.orderId = again.data.order.id
    }
  } else if (v.behaviour === "start_over") {
    const second = await startSession(ctx, c.cartId, method, methodData(ctx, method))
    if (!ok(second)) throw new Error(`second session: ${second.status} ${second.text.slice(0, 200)}`)
    const placed = await safely(() => complete(ctx, c.cartId!))
    c.replies.push(placed)
    if (ok(placed) && placed.data?.type === "order") c.orderId = placed.data.order.id
  }
  const current = await cartSession(ctx, c.cartId)
  if (current?.state?.trading_id && !c.tradingIds.includes(current.state.trading_id)) c.tradingIds.push(current.state.trading_id)
  if (v.behaviour !== "abandon") {
    tally.check(!!c.orderId, `${c.label}: no order after the shopper went on (${c.replies.map((r) => r.status).join(", ")})`)
  }
}

async function runCapture(ctx: CampaignContext, c: Case, v: Capture, tally: Tally): Promise<void> {
  const placed = await placeOrder(ctx, "card")
  c.orderId = placed.orderId
  c.cartId = placed.cartId
  const [payment] = await ctx.db.query(
    `select p.id, p.data->'paygent' as state from payment p join order_payment_collection opc on opc.payment_collection_id = p.payment_collection_id
      where opc.order_id = $1 and p.deleted_at is null`,
    [c.orderId]
  )
  c.medusaPaymentId = payment.id
  c.paygentPaymentId = payment.state.payment_id
  c.tradingIds.push(payment.state.trading_id)
  ctx.sim.control.addFault({ telegram_kind: "022", mode: v.mode })
  ctx.sim.control.addFault({ telegram_kind: "094", mode: "drop_before", count: 3 })
  c.expectedHits = 4
  const reply = await safely(() =>
    v.path === "plugin" ? admin(ctx, "POST", `/admin/paygent/orders/${c.orderId}/capture`) : admin(ctx, "POST", `/admin/payments/${c.medusaPaymentId}/capture`)
  )
  c.replies.push(reply)
  const message = String(reply.data?.message ?? "")
  tally.check(
    reply.status === 409 && reply.data?.code === "paygent_outcome_pending" && message.includes("次回の同期") && message.includes("next sync run"),
    `${c.label}: the capture was not answered 409 outcome pending: ${reply.status} ${reply.text.slice(0, 200)}`
  )
}

/** Telegrams of this scenario still in doubt (no answer, not settled) and whether each has an open alert. */
async function openDoubts(ctx: CampaignContext, since: Date) {
  return ctx.db.query<{ id: string; telegram_kind: string; alerted: boolean }>(
    `select t.id, t.telegram_kind,
            exists (select 1 from paygent_alert a where a.dedupe_key = 'payment_in_doubt:' || t.id and a.resolved_at is null) as alerted
       from paygent_telegram t
      where t.started_at >= $1 and t.telegram_kind in ('020', '030', '010', '021', '022', '023', '028', '029')
        and t.outcome in ('pending', 'unknown_outcome') and t.doubt_resolved_at is null and t.deleted_at is null`,
    [since]
  )
}

export const doubleFaults: Scenario = async (ctx, size) => {
  const total = SIZES[size].doubleFaults.cases
  const tally = new Tally()
  const started = new Date()
  const cases: Case[] = Array.from({ length: total }, (_, i) => {
    const variant = VARIANTS[i % VARIANTS.length]
    const label =
      variant.kind === "022" ? `022 ${variant.path} ${variant.mode} #${i}` : `${variant.kind} ${variant.behaviour} (094 lost ×${variant.inquiries}) #${i}`
    return { variant, label, tradingIds: [], replies: [], faultHits: 0, expectedHits: 0 }
  })

  // Telegrams other scenarios left in doubt are settled first, so that the faults below hit this scenario's own.
  await runSync(ctx)

  // One case at a time: a fault applies to the next telegram of its kind, whoever sends it.
  for (const c of cases) {
    const from = lastSeq(ctx)
    ctx.sim.control.clearFaults()
    try {
      if (c.variant.kind === "022") {
        await runCapture(ctx, c, c.variant, tally)
      } else {
        await runCheckout(ctx, c, c.variant, tally)
      }
    } catch (error) {
      tally.fail(`${c.label}: ${errorText(error)}`)
    }
    c.faultHits = ctx.sim.control.listTelegrams().filter((t) => t.seq > from && t.fault).length
    ctx.sim.control.clearFaults()
  }

  // The sync job's first run loses its first inquiries too: what it cannot settle must be alerted.
  const lostInSync = Math.max(2, Math.floor(total / 10))
  ctx.sim.control.addFault({ telegram_kind: "094", mode: "drop_before", count: lostInSync })
  const firstRun = await runSync(ctx)
  ctx.sim.control.clearFaults()
  const afterFirst = await openDoubts(ctx, started)
  tally.check(
    afterFirst.every((row) => row.alerted),
    `after the first sync run ${afterFirst.filter((row) => !row.alerted).length} telegrams are in doubt without an alert`
  )
  const secondRun = await runSync(ctx)
  const afterSecond = await openDoubts(ctx, started)
  tally.check(afterSecond.length === 0, `after the second sync run ${afterSecond.length} telegrams are still in doubt (${afterSecond.map((r) => r.telegram_kind).join(", ")})`)
  const unresolvedAlerts = await ctx.db.query(
    `select count(*)::int as n from paygent_alert where kind = 'payment_in_doubt' and resolved_at is null and created_at >= $1`,
    [started]
  )
  tally.check(unresolvedAlerts[0].n === 0, `${unresolvedAlerts[0].n} "in doubt" alerts left open after everything was settled`)

  // Facts after the sync.
  let doubleAuthorizations = 0
  let doubleNumbers = 0
  let orphansVoided = 0
  let numbersClosed = 0
  for (const c of cases) {
    tally.check(c.faultHits >= c.expectedHits, `${c.label}: ${c.faultHits} of ${c.expectedHits} faults hit`)
    for (const reply of c.replies) {
      tally.check(reply.status > 0 && reply.status < 500, `${c.label}: answered ${reply.error ?? reply.status} ${reply.text.slice(0, 200)}`)
    }
    const paygent = c.tradingIds.flatMap((tradingId) => ctx.sim.control.listPayments({ trading_id: tradingId }))
    const perAttempt = new Map<string, number>()
    for (const p of paygent) perAttempt.set(p.trading_id, (perAttempt.get(p.trading_id) ?? 0) + 1)
    if (c.variant.kind === "022") {
      const [facts] = await ctx.db.query(
        `select p.captured_at, (select count(*)::int from capture where payment_id = p.id and deleted_at is null) as captures,
                (select coalesce(sum(amount), 0) from order_transaction where order_id = $2 and reference = 'capture' and deleted_at is null) as transactions,
                p.amount
           from payment p where p.id = $1`,
        [c.medusaPaymentId, c.orderId]
      )
      const atPaygent = ctx.sim.control.getPayment(c.paygentPaymentId!)
      // Captures Paygent applied (answered or not): a drop_before one never reached it.
      const applied022 = ctx.sim.control
        .listTelegrams()
        .filter((t) => t.telegram_kind === "022" && t.params.payment_id === c.paygentPaymentId && t.fault !== "drop_before" && t.result === "0").length
      tally.check(atPaygent?.payment_status === "40", `${c.label}: Paygent has status ${atPaygent?.payment_status}`)
      tally.check(applied022 === 1, `${c.label}: Paygent applied ${applied022} captures`)
      tally.check(
        !!facts?.captured_at && facts.captures === 1 && Number(facts.transactions) === Number(facts.amount),
        `${c.label}: Medusa has ${facts?.captures} captures, order transactions ${facts?.transactions} of ${facts?.amount}`
      )
      continue
    }
    tally.check([...perAttempt.values()].every((n) => n === 1), `${c.label}: two payments for one attempt (${JSON.stringify([...perAttempt])})`)
    if ([...perAttempt.values()].some((n) => n > 1)) doubleNumbers++
    const heldIds = new Set<string>()
    if (c.orderId) {
      const rows = await ctx.db.query(
        `select ps.data->'paygent'->>'payment_id' as session_payment, p.data->'paygent'->>'payment_id' as payment_payment
           from order_payment_collection opc join payment_session ps on ps.payment_collection_id = opc.payment_collection_id and ps.deleted_at is null
           left join payment p on p.payment_session_id = ps.id and p.deleted_at is null
          where opc.order_id = $1`,
        [c.orderId]
      )
      for (const row of rows) {
        if (row.session_payment) heldIds.add(row.session_payment)
        if (row.payment_payment) heldIds.add(row.payment_payment)
      }
      tally.check(heldIds.size === 1, `${c.label}: the order holds ${heldIds.size} Paygent payments`)
    }
    const closedWithAlert = async (paymentId: string, kind: string) => {
      const [alert] = await ctx.db.query(`select id from paygent_alert where kind = $1 and paygent_payment_id = $2`, [kind, paymentId])
      return !!alert
    }
    if (c.variant.kind === "020") {
      const live = paygent.filter((p) => ["20", "40"].includes(p.payment_status))
      if (live.length > 1) doubleAuthorizations++
      tally.check(live.length <= 1, `${c.label}: Paygent holds ${live.length} live authorizations for one cart`)
      tally.check(live.every((p) => heldIds.has(p.payment_id)), `${c.label}: a live authorization no order holds (${live.map((p) => p.payment_id).join(", ")})`)
      for (const p of paygent.filter((p) => !heldIds.has(p.payment_id) && p.payment_status === "32")) {
        orphansVoided++
        tally.check(await closedWithAlert(p.payment_id, "orphan_authorization_voided"), `${c.label}: ${p.payment_id} voided without an alert`)
      }
    } else {
      const unused = paygent.filter((p) => !heldIds.has(p.payment_id) && ["10", "40", "43"].includes(p.payment_status))
      for (const p of unused) {
        numbersClosed++
        tally.check(await closedWithAlert(p.payment_id, "unused_payment_number"), `${c.label}: numbers ${p.payment_id} no order uses, without an alert`)
      }
      if (c.orderId && unused.length && c.variant.behaviour === "retry") {
        // Pressing pay again must take the numbers already issued, never a second set.
        doubleNumbers++
        tally.fail(`${c.label}: the retried order got new numbers while ${unused.map((p) => p.payment_id).join(", ")} were issued`)
      }
    }
  }
  tally.note(
    `${cases.length} double faults (${VARIANTS.length} variants); double authorizations ${doubleAuthorizations}, double konbini/ATM numbers ${doubleNumbers}; ` +
      `orphan authorizations voided ${orphansVoided}, unused numbers closed ${numbersClosed}`
  )
  tally.note(
    `sync run 1 (first ${lostInSync} inquiries lost): settled ${firstRun.in_doubt_settled}, open ${firstRun.in_doubt_open} (alerted ${afterFirst.filter((r) => r.alerted).length}); ` +
      `run 2: settled ${secondRun.in_doubt_settled}, open ${secondRun.in_doubt_open}`
  )
  return tally.result()
}
