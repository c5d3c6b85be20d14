/**
 * kill -9 of the app at random moments of a sync run, then a restart. Push is off, so the sync job (091 pull, gap
 * repair, apply workflow) is the only way konbini payments and expiries reach Medusa. Each round pays or expires a
 * few orders at Paygent, starts a sync run through the admin API, kills the instance with SIGKILL after a random
 * delay (the simulator adds latency to every telegram so that a run lasts long enough to be cut anywhere: between
 * 091 calls, inside the apply workflow, while a notice is stored but not applied…), and starts it again.
 *
 * After the last round and a normal sync: every order agrees with Paygent (nothing lost, nothing applied twice:
 * one payment, one capture, order transactions matching), every notice Paygent made is stored once and applied.
 */
import { asyncDisagreements, orderFacts } from "../lib/facts"
import { admin, BUYER, placeOrder, runSync } from "../lib/shop"
import { campaignSeed, SIZES } from "../lib/sizes"
import { mapLimit, random, sleep, Tally } from "../lib/tally"
import type { Scenario } from "../lib/types"

const LATENCY_MS = 60
const PER_ROUND = 3
/** The ttl of the locks the notice apply workflow takes (src/notices/apply-paygent-notice.ts), seconds. */
const LOCK_TTL_S = 120

export const killSync: Scenario = async (ctx, size) => {
  const tally = new Tally()
  const deployment = ctx.deployment
  if (!deployment) {
    tally.fail("needs process control (npm run campaign), not available here")
    return tally.result()
  }
  const kills = SIZES[size].kill.kills
  const rand = random(campaignSeed() + 7)
  const started = Date.now()
  ctx.sim.control.setPush({ enabled: false })
  const firstNotice = Math.max(0, ...ctx.sim.control.listNotices().map((n) => n.payment_notice_id))
  // Whatever earlier scenarios left unread is pulled first, so that the kills cut runs of this scenario's notices.
  await runSync(ctx)
  const orders = await mapLimit(Array.from({ length: kills * PER_ROUND + 5 }), 6, () =>
    placeOrder(ctx, "konbini", { data: { ...BUYER, cvs_company_id: "00C002" } })
  )
  const facts = await orderFacts(ctx.db, orders.map((o) => o.orderId))
  const paymentIds = orders.map((o) => facts.get(o.orderId)!.sessions[0].state.payment_id as string)
  let untouched = paymentIds.map((_, i) => i)
  // The orders' creation notices are pulled first; then a first run (not killed) of one round's work says how long
  // a run lasts, and each kill falls at a random moment of it.
  await runSync(ctx)
  ctx.sim.control.setLatency(LATENCY_MS)
  let runMs = 0
  const delays: number[] = []
  let finishedFirst = 0
  let drainRuns = 0
  /** This scenario's stored notices not applied yet, with why (for the failure message). */
  const unappliedOfScenario = async () =>
    ctx.db.query(
      `select payment_notice_id, payment_status, apply_attempts, last_error from paygent_notice
        where applied_at is null and payment_notice_id > $1`,
      [String(firstNotice).padStart(18, "0")]
    )
  try {
    for (let round = 0; round <= kills; round++) {
      for (let k = 0; k < PER_ROUND && untouched.length; k++) {
        const pick = untouched.splice(Math.floor(rand() * untouched.length), 1)[0]
        if (rand() < 0.8) ctx.sim.control.pay(paymentIds[pick])
        else ctx.sim.control.expire(paymentIds[pick])
      }
      if (round === 0) {
        const at = Date.now()
        await runSync(ctx)
        runMs = Date.now() - at
        continue
      }
      const delay = Math.floor(rand() * runMs)
      delays.push(delay)
      const running = admin(ctx, "POST", "/admin/paygent/sync")
      await sleep(delay)
      await deployment.kill(0)
      const reply = await running
      if (reply.status === 200) {
        finishedFirst++
      }
      await deployment.restart(0)
    }
    ctx.sim.control.setLatency(0)
    // After the last restart, the job runs as usual until it has nothing left: nothing new to fetch or apply, and
    // none of this scenario's notices stored but unapplied. A kill inside a notice's apply workflow leaves that
    // payment's locks held in Redis until their ttl (LOCK_TTL_S); the runs in between fail to apply the notice
    // (counted as an attempt) and the first run after the ttl applies it, as the scheduled job would.
    const drainUntil = Date.now() + (LOCK_TTL_S + 60) * 1000
    for (;;) {
      const run = await runSync(ctx)
      drainRuns++
      tally.check(run.status === "succeeded", `sync after the kills: ${run.status} ${JSON.stringify(run.errors).slice(0, 300)}`)
      const waiting = await unappliedOfScenario()
      if ((run.fetched === 0 && run.applied === 0 && waiting.length === 0) || Date.now() > drainUntil) break
      if (waiting.length) await sleep(5000)
    }
  } finally {
    ctx.sim.control.setLatency(0)
  }

  const after = await orderFacts(ctx.db, orders.map((o) => o.orderId))
  for (let i = 0; i < orders.length; i++) {
    const problems = asyncDisagreements(after.get(orders[i].orderId)!, ctx.sim.control.getPayment(paymentIds[i]))
    tally.check(problems.length === 0, `${orders[i].orderId} (${paymentIds[i]}): ${problems.join("; ")}`)
  }
  const made = ctx.sim.control.listNotices().filter((n) => n.payment_notice_id > firstNotice)
  const stored = await ctx.db.query(
    `select payment_notice_id, applied_at from paygent_notice where payment_notice_id = any($1)`,
    [made.map((n) => String(n.payment_notice_id).padStart(18, "0"))]
  )
  const storedIds = new Set(stored.map((r) => Number(r.payment_notice_id)))
  for (const notice of made) {
    tally.check(storedIds.has(notice.payment_notice_id), `notice ${notice.payment_notice_id} (${notice.payment_id} → ${notice.items.payment_status}) was never stored`)
  }
  const unapplied = stored.filter((r) => !r.applied_at)
  const why = unapplied.length ? await unappliedOfScenario() : []
  tally.check(
    unapplied.length === 0,
    `${unapplied.length} notices stored but never applied: ` +
      why.map((r) => `${r.payment_notice_id} status ${r.payment_status}, ${r.apply_attempts} attempts, ${String(r.last_error ?? "").slice(0, 200)}`).join("; ")
  )
  const [runs] = await ctx.db.query(
    `select count(*) filter (where status = 'running')::int as running, count(*) filter (where status = 'interrupted')::int as cut from paygent_sync_run`
  )
  // A run a kill cut short is closed as interrupted by the next run (it holds the lock the dead one no longer renews).
  tally.check(runs.running === 0, `${runs.running} sync runs still marked running after the kills`)
  tally.note(
    `${kills} × kill -9 at ${delays.map((d) => `${d}`).join(", ")} ms into a run of ~${runMs} ms (${kills - finishedFirst} cut a run short, ` +
      `${finishedFirst} came just after it ended); ${made.length} notices; ` +
      `runs closed as interrupted: ${runs.cut}; ${drainRuns} runs after the last restart; ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s`
  )
  return tally.result()
}
