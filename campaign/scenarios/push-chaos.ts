/**
 * Difference notices over a bad network, plus a purge: konbini (Seven-Eleven) orders are paid (速報 43 then 40, or
 * 40 at once), expire (12), or have their 速報 withdrawn (61) at the simulator, which pushes every notice through the
 * chaos proxy: 20% lost, 20% delivered twice, all in shuffled order, to any instance. Half-way, Paygent purges every
 * unread record (the 7-day purge, success_code 2 for 091). The sync job runs now and then as its schedule would;
 * after the last push, "the next sync" runs (again while it still pulls a full batch).
 *
 * Checks: every order agrees with Paygent (facts.ts asyncDisagreements), nothing applied twice (one payment per
 * session, one capture per payment, one stored notice per payment_notice_id), every delivered genuine notice
 * answered `result=0`, the sync runs succeeded, and each shopper mail went out once (lib/mails.ts).
 */
import { ChaosProxy } from "../lib/chaos-proxy"
import { asyncDisagreements, orderFacts } from "../lib/facts"
import { checkShopperMails } from "../lib/mails"
import { BUYER, placeOrder, runSync, type PlacedOrder } from "../lib/shop"
import { campaignSeed, SIZES } from "../lib/sizes"
import { mapLimit, random, Tally } from "../lib/tally"
import type { CampaignContext, Scenario, ScenarioResult } from "../lib/types"

type Step = "preliminary" | "pay" | "expire" | "cancel_preliminary"

/** What happens to an order at "Paygent", and how many notices it makes (the creation's 10 included). */
const PLANS: Array<{ weight: number; steps: Step[] }> = [
  { weight: 5, steps: ["preliminary", "pay"] }, // 10, 43, 40
  { weight: 2, steps: ["expire"] }, // 10, 12
  { weight: 1, steps: ["pay"] }, // 10, 40
  { weight: 1, steps: ["preliminary", "cancel_preliminary"] }, // 10, 43, 61
  { weight: 1, steps: [] }, // 10 (still unpaid)
]
const NOTICES_PER_ORDER = PLANS.reduce((sum, p) => sum + p.weight * (p.steps.length + 1), 0) / PLANS.reduce((sum, p) => sum + p.weight, 0)

function pickPlan(rand: () => number): Step[] {
  const total = PLANS.reduce((sum, p) => sum + p.weight, 0)
  let r = rand() * total
  for (const plan of PLANS) {
    r -= plan.weight
    if (r < 0) return [...plan.steps]
  }
  return []
}

/** Runs the sync on every instance at once (one takes the lock, the others are skipped) until it is caught up. */
async function syncUntilCaughtUp(ctx: CampaignContext, tally: Tally, runs: { total: number; skipped: number; purged: number }): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const results = await Promise.all(ctx.urls().map((_, instance) => runSync(ctx, instance)))
    let pulledFull = false
    for (const run of results) {
      runs.total++
      if (run.skipped) {
        runs.skipped++
        continue
      }
      if (run.purged) runs.purged++
      tally.check(run.status === "succeeded", `sync run ${run.run_id}: ${run.status} ${JSON.stringify(run.errors).slice(0, 300)}`)
      pulledFull ||= run.fetched >= 500
    }
    if (!pulledFull && results.some((r) => !r.skipped)) return
  }
}

export async function pushChaos(ctx: CampaignContext, notices: number, label: string): Promise<ScenarioResult> {
  const tally = new Tally()
  const started = Date.now()
  const rand = random(campaignSeed())
  const firstNotice = Math.max(0, ...ctx.sim.control.listNotices().map((n) => n.payment_notice_id))
  const proxy = new ChaosProxy({ loss: 0.2, duplicate: 0.2, targets: () => ctx.urls(), rand })
  await proxy.start()
  ctx.sim.control.setPush({ url: proxy.url, enabled: true, paused: false })
  const runs = { total: 0, skipped: 0, purged: 0 }
  let orders: PlacedOrder[] = []
  try {
    const count = Math.ceil(notices / NOTICES_PER_ORDER)
    orders = await mapLimit(Array.from({ length: count }), 6, (_, i) =>
      placeOrder(ctx, "konbini", { data: { ...BUYER, cvs_company_id: "00C001" }, instance: i })
    )
    const facts = await orderFacts(ctx.db, orders.map((o) => o.orderId))
    const paymentIds = orders.map((o) => facts.get(o.orderId)!.sessions[0].state.payment_id as string)
    // Interleave the orders' steps at random (each order's own steps stay in their order).
    const queues = paymentIds.map((id) => ({ id, steps: pickPlan(rand) }))
    const events: Array<{ id: string; step: Step }> = []
    let open = queues.filter((q) => q.steps.length)
    while (open.length) {
      const q = open[Math.floor(rand() * open.length)]
      events.push({ id: q.id, step: q.steps.shift()! })
      open = open.filter((x) => x.steps.length)
    }
    const purgeAt = Math.floor(events.length / 2)
    const syncEvery = Math.max(20, Math.floor(events.length / 4))
    let purged = 0
    for (let i = 0; i < events.length; i++) {
      const { id, step } = events[i]
      if (step === "preliminary") ctx.sim.control.pay(id, { preliminary: true })
      else if (step === "pay") ctx.sim.control.pay(id)
      else if (step === "expire") ctx.sim.control.expire(id)
      else ctx.sim.control.cancelPreliminary(id)
      if (i === purgeAt) {
        await ctx.sim.control.waitForPushes(60_000)
        purged = ctx.sim.control.purgeNotices({ older_than_days: 0 }).purged
      }
      if (i > 0 && i % syncEvery === 0) {
        // The scheduled job, while notices keep coming.
        await Promise.all(
          ctx.urls().map((_, instance) =>
            runSync(ctx, instance).then((run) => {
              runs.total++
              if (run.skipped) runs.skipped++
              if (run.purged) runs.purged++
              tally.check(run.skipped || run.status === "succeeded", `sync run ${run.run_id}: ${run.status} ${JSON.stringify(run.errors).slice(0, 300)}`)
            })
          )
        )
      }
      if (i % 25 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    await ctx.sim.control.waitForPushes(120_000)
    await proxy.drain()
    // "The next sync".
    await syncUntilCaughtUp(ctx, tally, runs)

    const after = await orderFacts(ctx.db, orders.map((o) => o.orderId))
    const byStatus = new Map<string, number>()
    const ends = new Map<string, string>()
    for (let i = 0; i < orders.length; i++) {
      const paygent = ctx.sim.control.getPayment(paymentIds[i])
      ends.set(orders[i].orderId, paygent?.payment_status ?? "?")
      byStatus.set(paygent?.payment_status ?? "?", (byStatus.get(paygent?.payment_status ?? "?") ?? 0) + 1)
      const problems = asyncDisagreements(after.get(orders[i].orderId)!, paygent)
      tally.check(problems.length === 0, `${orders[i].orderId} (${paymentIds[i]}): ${problems.join("; ")}`)
    }
    // The shopper mails of those orders: each sent exactly once, whichever instance handled which event.
    tally.note(await checkShopperMails(ctx, tally, ends, label))
    const made = ctx.sim.control.listNotices().filter((n) => n.payment_notice_id > firstNotice)
    const stored = await ctx.db.query(
      `select payment_notice_id, count(*)::int as n from paygent_notice where payment_notice_id is not null group by 1 having count(*) > 1`
    )
    tally.check(stored.length === 0, `${stored.length} payment_notice_ids stored twice`)
    for (const refused of proxy.stats.refused) {
      tally.fail(`notice ${refused.noticeId} answered ${refused.status} ${refused.body}`)
    }
    const lostAndPurged = made.filter((n) => n.purged && proxy.stats.lostIds.has(String(n.payment_notice_id))).length
    tally.note(
      `${label}: ${orders.length} konbini orders, ${made.length} notices made (${[...byStatus].map(([s, n]) => `${s}×${n}`).join(", ")} at the end); ` +
        `pushed ${proxy.stats.received}: lost ${proxy.stats.lost}, duplicated ${proxy.stats.duplicated}, delivered ${proxy.stats.delivered}, out of order ${proxy.stats.reordered}; ` +
        `purged ${purged} unread, ${lostAndPurged} of them lost in push too (only 094 can find those)`
    )
    tally.note(`${label}: sync runs ${runs.total} (skipped by the lock ${runs.skipped}, saw the purge ${runs.purged}); ${((Date.now() - started) / 1000).toFixed(0)} s`)
  } finally {
    ctx.sim.control.setPush({ enabled: false })
    await proxy.stop()
  }
  return tally.result()
}

export const push: Scenario = (ctx, size) => pushChaos(ctx, SIZES[size].push.notices, "push")
