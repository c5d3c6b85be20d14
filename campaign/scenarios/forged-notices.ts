/**
 * Forged and malformed notices posted to the notice URL: a wrong hc (random, made with another key, or kept while
 * the amount was changed), a notice about a payment that is not the shop's, an amount that does not match the
 * order (even signed with the shop's key, as if the key had leaked), a replayed payment_notice_id (with another
 * status, or another payment's ids), a truncated body, bytes that are not Windows-31J, a missing hc, a repeated
 * item, a non-numeric id, JSON instead of a form, and a body over the size limit.
 *
 * Checks per notice: no 5xx; a refused one is answered `result=1`. Then, after all of them and a sync run: not one
 * state change in Medusa (orders, sessions, payments, captures, refunds, manual refunds), and Paygent still has every
 * target unpaid.
 */
import { randomBytes } from "crypto"
import { noticeHash, type NoticeHashFields } from "../../src/paygent/hash"
import { orderFacts } from "../lib/facts"
import { BUYER, placeOrder, runSync, url } from "../lib/shop"
import { NOTICE_CONTENT_TYPE, postNotice, signedBody } from "../lib/notices"
import { campaignSeed, SIZES } from "../lib/sizes"
import { mapLimit, random, Tally } from "../lib/tally"
import type { CampaignContext, Scenario } from "../lib/types"

const KINDS = [
  "bad_hc_random",
  "bad_hc_other_key",
  "amount_changed_hc_kept",
  "amount_mismatch_signed",
  "unknown_payment_signed",
  "unknown_payment_unsigned",
  "replayed_id_other_status",
  "replayed_id_other_payment",
  "truncated_body",
  "invalid_windows_31j",
  "missing_hc",
  "repeated_item",
  "non_numeric_id",
  "json_body",
  "huge_body",
] as const
type Kind = (typeof KINDS)[number]

/** Kinds that are accepted as genuine (valid hc) and must still change nothing. */
const SIGNED = new Set<Kind>(["amount_mismatch_signed", "unknown_payment_signed", "replayed_id_other_status", "replayed_id_other_payment"])
/** Kinds that need a notice id nobody stored yet (a target's unread creation record). */
const FRESH_ID = new Set<Kind>(["amount_mismatch_signed", "unknown_payment_signed"])

async function snapshot(ctx: CampaignContext, orderIds: string[]): Promise<string> {
  const facts = await orderFacts(ctx.db, orderIds)
  const view = orderIds.map((id) => {
    const f = facts.get(id)!
    return {
      status: f.status,
      collections: f.collections.map((c) => c.status),
      sessions: f.sessions.map((s) => [s.status, s.state?.payment_status, s.state?.last_notice?.payment_notice_id ?? null]),
      payments: f.payments.map((p) => [p.captures, p.captured, p.refunds, p.captured_at, p.canceled_at, p.state?.payment_status]),
    }
  })
  const [counts] = await ctx.db.query(
    `select (select count(*) from payment)::int as payments, (select count(*) from capture)::int as captures,
            (select count(*) from refund)::int as refunds, (select count(*) from paygent_manual_refund)::int as manual_refunds,
            (select count(*) from "order" where status = 'canceled')::int as canceled`
  )
  return JSON.stringify({ view, counts })
}

export const forged: Scenario = async (ctx, size) => {
  const total = SIZES[size].forged.notices
  const tally = new Tally()
  const rand = random(campaignSeed())
  const base = url(ctx, "")
  ctx.sim.control.setPush({ enabled: false })
  const kinds: Kind[] = Array.from({ length: total }, (_, i) => KINDS[i % KINDS.length])
  const freshNeeded = kinds.filter((k) => FRESH_ID.has(k)).length
  const targets = await mapLimit(Array.from({ length: freshNeeded + 2 }), 4, () =>
    placeOrder(ctx, "konbini", { data: { ...BUYER, cvs_company_id: "00C002" } })
  )
  const facts = await orderFacts(ctx.db, targets.map((t) => t.orderId))
  const records = targets.map((t) => {
    const paymentId = facts.get(t.orderId)!.sessions[0].state.payment_id as string
    const notice = ctx.sim.control.listNotices().find((n) => n.payment_id === paymentId && n.items.payment_status === "10")
    if (!notice) throw new Error(`no creation notice for ${paymentId}`)
    return { order: t.orderId, items: notice.items }
  })
  // The first two targets' creation notices arrive genuinely (stored, nothing to do): the replays reuse their ids.
  const replayed = records.slice(0, 2)
  for (const r of replayed) {
    const reply = await postNotice(base, signedBody(r.items, ctx.keys.noticeHashKey))
    if (reply.text !== "result=0") throw new Error(`the genuine creation notice was refused: ${reply.status} ${reply.text}`)
  }
  const fresh = records.slice(2)
  const before = await snapshot(ctx, targets.map((t) => t.orderId))

  const statuses = new Map<string, number>()
  let accepted = 0
  for (const kind of kinds) {
    const target = replayed[Math.floor(rand() * replayed.length)]
    const paid: Record<string, string> & NoticeHashFields = { ...target.items, payment_status: "40" }
    let body: Buffer | string
    let contentType = NOTICE_CONTENT_TYPE
    switch (kind) {
      case "bad_hc_random":
        body = signedBody(paid, ctx.keys.noticeHashKey, randomBytes(32).toString("hex"))
        break
      case "bad_hc_other_key":
        body = signedBody({ ...paid, payment_notice_id: String(9_000_000 + Math.floor(rand() * 1000)) }, "not-the-notice-hash-key")
        break
      case "amount_changed_hc_kept":
        body = signedBody({ ...paid, payment_amount: "1" }, ctx.keys.noticeHashKey, noticeHash(paid, ctx.keys.noticeHashKey))
        break
      case "amount_mismatch_signed": {
        const r = fresh.shift()!
        body = signedBody({ ...r.items, payment_status: "40", payment_amount: "1" }, ctx.keys.noticeHashKey)
        break
      }
      case "unknown_payment_signed": {
        const r = fresh.shift()!
        body = signedBody(
          { ...r.items, payment_status: "40", payment_id: String(900_000_000_000 + Math.floor(rand() * 1e6)), trading_id: `Zz${randomBytes(6).toString("hex")}_1` },
          ctx.keys.noticeHashKey
        )
        break
      }
      case "unknown_payment_unsigned":
        body = signedBody({ ...paid, payment_id: "999999999999", trading_id: "UnknownTrade_1" }, "guess")
        break
      case "replayed_id_other_status":
        // hc does not cover payment_status (docs/protocol.md §7.2): this one verifies, and must still change nothing.
        body = signedBody(paid, ctx.keys.noticeHashKey)
        break
      case "replayed_id_other_payment": {
        const other = replayed.find((r) => r !== target) ?? target
        body = signedBody({ ...other.items, payment_status: "40", payment_notice_id: target.items.payment_notice_id }, ctx.keys.noticeHashKey)
        break
      }
      case "truncated_body": {
        const full = signedBody(paid, ctx.keys.noticeHashKey)
        body = full.subarray(0, Math.max(1, Math.floor(full.length * (0.2 + rand() * 0.7))))
        break
      }
      case "invalid_windows_31j":
        body = Buffer.concat([signedBody(paid, ctx.keys.noticeHashKey), Buffer.from("&customer_name=%81%20%FF%FD")])
        break
      case "missing_hc":
        body = signedBody(paid, ctx.keys.noticeHashKey).toString("latin1").replace(/&hc=[0-9a-f]+/, "")
        break
      case "repeated_item":
        body = Buffer.concat([signedBody(paid, ctx.keys.noticeHashKey), Buffer.from("&payment_status=40")])
        break
      case "non_numeric_id":
        body = signedBody({ ...paid, payment_notice_id: "12a4" }, ctx.keys.noticeHashKey)
        break
      case "json_body":
        body = JSON.stringify({ ...paid, hc: noticeHash(paid, ctx.keys.noticeHashKey) })
        contentType = "application/json"
        break
      case "huge_body":
        body = Buffer.concat([signedBody(paid, ctx.keys.noticeHashKey), Buffer.from(`&padding=${"a".repeat(70 * 1024)}`)])
        break
    }
    const reply = await postNotice(base, body!, contentType)
    statuses.set(`${kind}→${reply.status}`, (statuses.get(`${kind}→${reply.status}`) ?? 0) + 1)
    tally.check(reply.status > 0 && reply.status < 500, `${kind}: answered ${reply.error ?? reply.status} ${reply.text.slice(0, 200)}`)
    if (SIGNED.has(kind)) {
      if (reply.text === "result=0") accepted++
    } else {
      tally.check(reply.text === "result=1" && reply.status >= 400, `${kind}: answered ${reply.status} ${reply.text.slice(0, 200)} (expected a refusal)`)
    }
  }

  // The sync job retries whatever was stored and not applied; that must change nothing either.
  const run = await runSync(ctx)
  tally.check(run.skipped || run.status === "succeeded", `sync after the forgeries: ${run.status} ${JSON.stringify(run.errors).slice(0, 200)}`)
  const after = await snapshot(ctx, targets.map((t) => t.orderId))
  tally.check(before === after, `Medusa changed: before ${before.slice(0, 600)} after ${after.slice(0, 600)}`)
  for (const r of records) {
    const status = ctx.sim.control.getPayment(r.items.payment_id)?.payment_status
    tally.check(status === "10", `${r.order}: Paygent status ${status}`)
  }
  // Refusals are recorded bounded (src/sync/anomalies.ts): a few rows per source and minute, every one counted.
  const anomalies = await ctx.db.query(`select code, count(*)::int as n from paygent_notice_anomaly group by 1 order by 1`)
  const counted = await ctx.db.query(`select code, sum("count")::int as n from paygent_notice_anomaly_count group by 1 order by 1`)
  tally.note(`${total} forged or malformed notices to ${targets.length} unpaid orders; answers ${[...statuses].map(([k, n]) => `${k}×${n}`).join(", ")}`)
  tally.note(
    `signed ones answered result=0 (stored, nothing applied): ${accepted}; refusals counted: ${counted.map((a) => `${a.code} ${a.n}`).join(", ")}; ` +
      `rows kept: ${anomalies.map((a) => `${a.code} ${a.n}`).join(", ")}`
  )
  return tally.result()
}
