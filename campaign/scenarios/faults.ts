/**
 * Injected faults on the card telegrams a merchant's day sends: 020 (checkout), 021 (void), 022 (capture),
 * 023 (sales cancel), 028 (authorization change), 029 (sales change), each lost before Paygent (drop_before),
 * lost after Paygent applied it (process_then_drop), answered after the client gave up (delay past the timeout),
 * answered HTTP 500, or answered with a body that is not Paygent's (garbage). Every operation is started the way a
 * merchant would (the plugin's routes and Medusa's own buttons, in turn) while exactly one fault per telegram kind is
 * armed; afterwards the plugin's refresh (094) runs and Medusa is compared with the simulator:
 * - every payment is in the state Paygent has (status, amount, captured / refunded money in Medusa);
 * - no duplicate authorization (Paygent holds at most one live card payment per checkout);
 * - no lost capture (Paygent captured, Medusa has no capture);
 * - no authorization left on a cancelled order; every injected fault was hit.
 * A 028 / 029 of the amount-change action whose answer was lost needs the merchant to confirm the new payment id
 * (docs/operations/amount-changes.md); the campaign plays that step, reads the id from the simulator (Paygent's
 * console) and counts it.
 */
import type { FaultMode } from "../../src/simulator"
import { CAMPAIGN_TIMEOUT_MS } from "../lib/app-config"
import { cardDisagreements, orderFacts, paygentBySession, sessionPart } from "../lib/facts"
import { ok, type Reply } from "../lib/http"
import { admin, cardData, complete, createCart, placeOrder, startSession, type PlacedOrder } from "../lib/shop"
import { SIZES } from "../lib/sizes"
import { errorText, mapLimit, Tally } from "../lib/tally"
import type { CampaignContext, Scenario } from "../lib/types"

const KINDS = ["020", "021", "022", "023", "028", "029"] as const
type Kind = (typeof KINDS)[number]
const MODES: FaultMode[] = ["drop_before", "process_then_drop", "delay", "http_500", "garbage"]

const PATHS: Record<Kind, string[]> = {
  "020": ["checkout"],
  "021": ["plugin-cancel", "medusa-order-cancel"],
  "022": ["plugin-capture", "medusa-capture"],
  "023": ["plugin-cancel", "medusa-order-cancel", "medusa-refund-full"],
  "028": ["change-amount"],
  "029": ["change-amount", "plugin-capture-partial", "medusa-refund-partial"],
}

/** Paths that need a captured payment before the fault. */
const NEEDS_CAPTURE = new Set(["023:plugin-cancel", "023:medusa-order-cancel", "023:medusa-refund-full", "029:change-amount", "029:medusa-refund-partial"])

interface Case {
  kind: Kind
  mode: FaultMode
  path: string
  cartId?: string
  order?: PlacedOrder
  medusaPaymentId?: string
  reply?: Reply
  retried?: boolean
  confirmed?: boolean
  faultHits?: number
}

async function prepare(ctx: CampaignContext, c: Case): Promise<void> {
  if (c.kind === "020") {
    c.cartId = await createCart(ctx)
    const session = await startSession(ctx, c.cartId, "card", cardData(ctx))
    if (!ok(session)) throw new Error(`session: ${session.status} ${session.text.slice(0, 200)}`)
    return
  }
  c.order = await placeOrder(ctx, "card")
  const [row] = await ctx.db.query(
    `select p.id from payment p join order_payment_collection opc on opc.payment_collection_id = p.payment_collection_id
      where opc.order_id = $1 and p.deleted_at is null`,
    [c.order.orderId]
  )
  c.medusaPaymentId = row.id
  if (NEEDS_CAPTURE.has(`${c.kind}:${c.path}`)) {
    const captured = await admin(ctx, "POST", `/admin/paygent/orders/${c.order.orderId}/capture`)
    if (!ok(captured)) throw new Error(`capture before the fault: ${captured.status} ${captured.text.slice(0, 200)}`)
  }
}

async function operate(ctx: CampaignContext, c: Case): Promise<Reply> {
  const orderId = c.order?.orderId
  switch (`${c.kind === "020" ? "020" : "x"}:${c.path}`) {
    case "020:checkout": {
      const first = await complete(ctx, c.cartId!)
      if (ok(first) && first.data.type === "order") {
        c.order = { orderId: first.data.order.id, cartId: c.cartId!, method: "card" }
        return first
      }
      // The shopper presses "pay" again (no fault is armed for this one any more).
      c.retried = true
      const again = await complete(ctx, c.cartId!)
      if (ok(again) && again.data.type === "order") {
        c.order = { orderId: again.data.order.id, cartId: c.cartId!, method: "card" }
      }
      return again
    }
    case "x:plugin-cancel":
      return admin(ctx, "POST", `/admin/paygent/orders/${orderId}/cancel`)
    case "x:medusa-order-cancel":
      return admin(ctx, "POST", `/admin/orders/${orderId}/cancel`)
    case "x:plugin-capture":
      return admin(ctx, "POST", `/admin/paygent/orders/${orderId}/capture`)
    case "x:medusa-capture":
      return admin(ctx, "POST", `/admin/payments/${c.medusaPaymentId}/capture`)
    case "x:medusa-refund-full":
      return admin(ctx, "POST", `/admin/payments/${c.medusaPaymentId}/refund`, { amount: 3000 })
    case "x:change-amount":
      return admin(ctx, "POST", `/admin/paygent/orders/${orderId}/change-amount`, { amount: 2000 })
    case "x:plugin-capture-partial":
      return admin(ctx, "POST", `/admin/paygent/orders/${orderId}/capture`, { amount: 2000 })
    case "x:medusa-refund-partial":
      return admin(ctx, "POST", `/admin/payments/${c.medusaPaymentId}/refund`, { amount: 1000 })
  }
  throw new Error(`no operation for ${c.kind} ${c.path}`)
}

/** The merchant's step for an amount change whose answer was lost: the new payment id from Paygent's console. */
async function confirmPendingChange(ctx: CampaignContext, c: Case): Promise<void> {
  const [row] = await ctx.db.query(`select data->'paygent' as state from payment where id = $1`, [c.medusaPaymentId])
  const state = row?.state
  if (!state?.change_pending) {
    return
  }
  const candidates = ctx.sim.control
    .listPayments({ trading_id: state.trading_id })
    .filter((p) => p.payment_id !== state.payment_id && ["20", "40"].includes(p.payment_status))
  if (candidates.length !== 1) {
    return
  }
  const reply = await admin(ctx, "POST", `/admin/paygent/orders/${c.order!.orderId}/change-amount`, {
    paygent_payment_id: candidates[0].payment_id,
  })
  c.confirmed = ok(reply)
}

function lastSeq(ctx: CampaignContext): number {
  const log = ctx.sim.control.listTelegrams()
  return log.length ? log[log.length - 1].seq : 0
}

export const faults: Scenario = async (ctx, size) => {
  const total = SIZES[size].faults.faults
  const tally = new Tally()
  const started = Date.now()
  // Rounds: one fault per telegram kind, all of one mode; a round's operations run at the same time.
  const rounds: Case[][] = []
  const perKind = new Map<Kind, number>()
  for (let n = 0; n < total; n += KINDS.length) {
    const mode = MODES[rounds.length % MODES.length]
    const round: Case[] = []
    for (const kind of KINDS.slice(0, Math.min(KINDS.length, total - n))) {
      const i = perKind.get(kind) ?? 0
      perKind.set(kind, i + 1)
      const paths = PATHS[kind]
      // Paths rotate with the mode so that every (kind, mode, path) combination comes up.
      round.push({ kind, mode, path: paths[(i + Math.floor(i / MODES.length)) % paths.length] })
    }
    rounds.push(round)
  }
  const cases = rounds.flat()

  // Orders (and captures) first, while nothing is armed.
  await mapLimit(cases, 6, (c) => prepare(ctx, c))
  const preparedIn = Date.now() - started

  const errors = new Map<string, number>()
  for (const round of rounds) {
    const fromSeq = lastSeq(ctx)
    ctx.sim.control.clearFaults()
    for (const c of round) {
      ctx.sim.control.addFault({ telegram_kind: c.kind, mode: c.mode, count: 1, delay_ms: c.mode === "delay" ? CAMPAIGN_TIMEOUT_MS + 1500 : 0 })
    }
    await Promise.all(
      round.map(async (c) => {
        try {
          c.reply = await operate(ctx, c)
        } catch (error) {
          c.reply = { status: 0, data: undefined, text: "", error: errorText(error) }
        }
      })
    )
    const hit = ctx.sim.control.listTelegrams().filter((t) => t.seq > fromSeq && t.fault)
    for (const c of round) {
      c.faultHits = hit.filter((t) => t.telegram_kind === c.kind && t.fault === c.mode).length
    }
    ctx.sim.control.clearFaults()
    if (round.some((c) => c.mode === "delay")) {
      // Let the held answers go out before the next round arms new faults.
      await new Promise((resolve) => setTimeout(resolve, 1600))
    }
  }

  // Reconcile: the plugin's refresh (094) of each order, then the merchant's confirmation of lost amount changes.
  await mapLimit(cases, 4, async (c) => {
    if (!c.order) return
    await admin(ctx, "POST", `/admin/paygent/orders/${c.order.orderId}/refresh`)
    await confirmPendingChange(ctx, c)
  })

  const facts = await orderFacts(ctx.db, cases.filter((c) => c.order).map((c) => c.order!.orderId))
  const bySession = paygentBySession(ctx.sim)
  let duplicates = 0
  let lostCaptures = 0
  let answeredError = 0
  for (const c of cases) {
    const label = `${c.kind} ${c.mode} ${c.path}${c.order ? ` ${c.order.orderId}` : ` cart ${c.cartId}`}`
    tally.check((c.faultHits ?? 0) >= 1, `${label}: the fault was not hit`)
    tally.check(c.reply?.status !== 0 && (c.reply?.status ?? 500) < 500, `${label}: answered ${c.reply?.error ?? c.reply?.status} ${c.reply?.text.slice(0, 300)}`)
    if (!c.reply || !ok(c.reply)) {
      answeredError++
      const key = `${c.kind}/${c.mode}/${c.path} → ${c.reply?.status ?? "-"}`
      errors.set(key, (errors.get(key) ?? 0) + 1)
    }
    if (c.kind === "020") {
      tally.check(!!c.order, `${label}: no order after the shopper tried again (${c.reply?.text.slice(0, 200)})`)
      if (!c.order) {
        const sessions = await ctx.db.query(
          `select ps.data->'paygent'->>'trading_id' as trading_id from payment_session ps
             join cart_payment_collection cpc on cpc.payment_collection_id = ps.payment_collection_id where cpc.cart_id = $1`,
          [c.cartId]
        )
        const live = sessions.flatMap((s) => (bySession.get(sessionPart(s.trading_id)) ?? []).filter((p) => ["20", "40"].includes(p.payment_status)))
        tally.check(live.length === 0, `${label}: Paygent holds ${live.length} authorizations for a cart without an order`)
        continue
      }
    }
    const order = facts.get(c.order!.orderId)
    if (!order) {
      tally.fail(`${label}: order not found`)
      continue
    }
    const problems = cardDisagreements(order, bySession)
    const payment = order.payments[0]
    const paygent = payment ? ctx.sim.control.getPayment(payment.state?.payment_id) : undefined
    if (order.status === "canceled" && paygent?.payment_status === "20") {
      problems.push("the order is cancelled but Paygent still holds the authorization")
    }
    if (problems.some((p) => p.includes("duplicate authorization"))) duplicates++
    if (problems.some((p) => p.includes("lost capture"))) lostCaptures++
    tally.check(problems.length === 0, `${label}: ${problems.join("; ")}`)
  }
  // The plugin saw each fault for what it is: an unknown outcome in its ledger, with the fault's signature (a delay
  // must have outlasted the client's timeout).
  const SIGNATURE: Record<string, string> = {
    drop_before: "failed after the request was sent",
    process_then_drop: "failed after the request was sent",
    delay: "no complete response within",
    http_500: "HTTP 500",
    garbage: "no result line",
  }
  const unknown = await ctx.db.query(
    `select telegram_kind, error_message from paygent_telegram where outcome = 'unknown_outcome' and started_at >= $1`,
    [new Date(started)]
  )
  for (const kind of KINDS) {
    for (const signature of new Set(Object.values(SIGNATURE))) {
      const expected = cases.filter((c) => c.kind === kind && SIGNATURE[c.mode] === signature).length
      const seen = unknown.filter((r) => r.telegram_kind === kind && String(r.error_message).includes(signature)).length
      tally.check(seen >= expected, `${kind} "${signature}": ${seen} unknown outcomes in the ledger for ${expected} faults`)
    }
  }
  const confirmed = cases.filter((c) => c.confirmed).length
  tally.note(
    `${cases.length} faults (${MODES.join(", ")}) on ${KINDS.join("/")}; duplicate authorizations ${duplicates}, lost captures ${lostCaptures}; ` +
      `shopper retries ${cases.filter((c) => c.retried).length}; lost amount changes confirmed by the merchant ${confirmed}`
  )
  if (answeredError) {
    tally.note(`operations answered with an error: ${[...errors].map(([k, n]) => `${k} ×${n}`).join(", ")}`)
  }
  tally.note(`prepared in ${(preparedIn / 1000).toFixed(0)} s, whole scenario ${((Date.now() - started) / 1000).toFixed(0)} s`)
  return tally.result()
}
