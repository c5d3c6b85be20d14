/**
 * Applying notices (node bench/run.js bench/notices.bench.ts; size BENCH_NOTICES=10000, rounds BENCH_NOTICE_ROUNDS=20,
 * warm-up BENCH_NOTICE_WARMUP=20).
 *
 * Plugin: BENCH_NOTICES konbini orders waiting for payment (入金待ち) — one placed through the store API, the others
 * copies made with SQL (bench/lib/orders.ts), each with its own payment at the simulator (030 sent by the bench). In
 * each round BENCH_NOTICES / rounds of them are paid at the simulator at once; the simulator pushes the 40 notices to
 * `POST /paygent/notice` one at a time, in order, as Paygent does, and each is stored and applied by the plugin
 * (apply-paygent-notice: the session learns the status, Medusa authorizes it and records the capture, the order is
 * 入金済み) before it is answered. Timed from the first pay to the last notice applied.
 *
 * Baseline, same app and database: as many orders paid with Medusa's `pp_system_default` (authorized at checkout, also
 * copies of one placed through the store API) captured one after the other with Medusa's capture workflow
 * (`POST /admin/payments/:id/capture` → capturePaymentWorkflow), the same HTTP-per-payment shape as the pushes.
 *
 * Rounds alternate which side goes first. Printed: per-payment time and payments/s of each side per round, the plugin's
 * overhead (goal ≤ 15 %), notices/s, the Medusa process's resident memory (sampled every 200 ms; VmHWM), the database
 * work per payment of each side.
 */
import { call, log, startBenchApp, type BenchApp } from "./lib/app"
import { benchClient, BUYER, cloneOrders, konbiniAtSimulator, placeOrder, PROVIDERS, type ClonedOrder } from "./lib/orders"
import { envNumber, fmt, int, machine, median, size, sleep, spread, table } from "./lib/stats"

async function appliedPaid(app: BenchApp): Promise<number> {
  const { rows } = await app.db.query(
    "select count(*)::int as n from paygent_notice where payment_status = '40' and applied_at is not null"
  )
  return rows[0].n
}

/**
 * Pays `orders` at the simulator at once and waits until the simulator has delivered every push: a push is answered
 * only once its notice was stored and applied (src/api/paygent/notice), so the queue running dry means the plugin is
 * done (checked in the database afterwards; the bench sends no query of its own meanwhile).
 */
async function pluginRound(app: BenchApp, orders: ClonedOrder[], alreadyApplied: number): Promise<number> {
  const start = performance.now()
  for (const order of orders) app.sim.control.pay(order.paygentPaymentId!)
  await app.sim.control.waitForPushes(24 * 60 * 60 * 1000)
  const elapsed = performance.now() - start
  const applied = await appliedPaid(app)
  if (applied < alreadyApplied + orders.length) {
    throw new Error(`only ${applied - alreadyApplied}/${orders.length} notices applied once every push was answered; see the Medusa log`)
  }
  return elapsed
}

/** Database work per payment, from PostgreSQL's per-table counters (pg_stat_user_tables, pg_stat_database). */
interface DbWork {
  scans: number
  writes: number
  commits: number
}

async function dbCounters(app: BenchApp): Promise<DbWork> {
  // Backends report their counters at most once a second, idle ones within ~10 s.
  await sleep(11_000)
  const tables = await app.db.query(
    "select sum(seq_scan + coalesce(idx_scan, 0))::bigint as scans, sum(n_tup_ins + n_tup_upd + n_tup_del)::bigint as writes from pg_stat_user_tables"
  )
  const db = await app.db.query("select xact_commit::bigint as commits from pg_stat_database where datname = current_database()")
  return { scans: Number(tables.rows[0].scans), writes: Number(tables.rows[0].writes), commits: Number(db.rows[0].commits) }
}

const perPayment = (after: DbWork, before: DbWork, n: number): DbWork => ({
  scans: (after.scans - before.scans) / n,
  writes: (after.writes - before.writes) / n,
  commits: (after.commits - before.commits) / n,
})

/** Captures the payments one after the other with Medusa's capture workflow (admin route). */
async function baselineRound(app: BenchApp, orders: ClonedOrder[]): Promise<number> {
  const start = performance.now()
  for (const order of orders) {
    await call(app, "POST", `/admin/payments/${order.paymentId}/capture`, { headers: app.admin, body: {} })
  }
  return performance.now() - start
}

export async function main(): Promise<void> {
  const total = Math.max(1, Math.round(envNumber("BENCH_NOTICES", size(10_000, 200))))
  const rounds = Math.max(1, Math.min(total, Math.round(envNumber("BENCH_NOTICE_ROUNDS", size(20, 2)))))
  const warmup = Math.round(envNumber("BENCH_NOTICE_WARMUP", 20))
  const started = Date.now()
  console.log(`notices bench — ${machine()}`)
  console.log(`${int(total)} konbini notices vs ${int(total)} captures, ${rounds} rounds, warm-up ${warmup} each`)

  const app = await startBenchApp({ name: "notices" })
  const client = benchClient(app)
  let samples: Array<{ at: number; rss: number; phase: string }> = []
  let phaseName = "setup"
  const sampler = setInterval(() => samples.push({ at: Date.now(), rss: app.rss().now, phase: phaseName }), 200)
  try {
    const konbini = await placeOrder(app, PROVIDERS.konbini, { ...BUYER, cvs_company_id: "00C002" })
    const system = await placeOrder(app, PROVIDERS.system, {})
    await app.sim.control.waitForPushes(60_000)

    // Copies: made while push is off, so their creation notices (10) are never pushed (they stay unread for 091).
    app.sim.control.setPush({ enabled: false })
    let t = Date.now()
    const konbiniOrders = await cloneOrders(app, konbini.orderId, total + warmup, { paygent: konbiniAtSimulator(client, 3000) })
    const systemOrders = await cloneOrders(app, system.orderId, total + warmup)
    log(`${int(2 * (total + warmup))} orders copied in ${((Date.now() - t) / 1000).toFixed(0)} s`)
    app.sim.control.setPush({ enabled: true })

    let applied = await appliedPaid(app)
    phaseName = "warmup"
    let work: { plugin: DbWork; baseline: DbWork } | undefined
    if (warmup > 0) {
      // The warm-up also counts the database work of each side (table scans, rows written, transactions).
      const c0 = await dbCounters(app)
      await pluginRound(app, konbiniOrders.slice(0, warmup), applied)
      applied += warmup
      const c1 = await dbCounters(app)
      await baselineRound(app, systemOrders.slice(0, warmup))
      const c2 = await dbCounters(app)
      work = { plugin: perPayment(c1, c0, warmup), baseline: perPayment(c2, c1, warmup) }
    }
    await sleep(1000)
    const rssBefore = app.rss().now

    const chunk = Math.ceil(total / rounds)
    const perRound: Array<{ n: number; plugin: number; baseline: number; rss: number }> = []
    for (let r = 0; r < rounds; r++) {
      const from = warmup + r * chunk
      const to = Math.min(warmup + total, from + chunk)
      const k = konbiniOrders.slice(from, to)
      const s = systemOrders.slice(from, to)
      let pluginMs = 0
      let baselineMs = 0
      let rssAfter = 0
      const runPlugin = async () => {
        phaseName = "plugin"
        pluginMs = await pluginRound(app, k, applied)
        rssAfter = app.rss().now
        applied += k.length
      }
      const runBaseline = async () => {
        phaseName = "baseline"
        baselineMs = await baselineRound(app, s)
      }
      if (r % 2) {
        await runBaseline()
        await runPlugin()
      } else {
        await runPlugin()
        await runBaseline()
      }
      phaseName = "between"
      perRound.push({ n: k.length, plugin: pluginMs, baseline: baselineMs, rss: rssAfter })
      log(`round ${r + 1}/${rounds}: ${k.length} notices in ${fmt(pluginMs / 1000)} s (${fmt(pluginMs / k.length)} ms each), ${s.length} captures in ${fmt(baselineMs / 1000)} s (${fmt(baselineMs / s.length)} ms each)`)
    }
    clearInterval(sampler)

    // Every order is paid: the konbini ones through the notices, the baseline ones through the capture workflow.
    const check = await app.db.query(
      `select p.provider_id, pc.status, count(*)::int as n from payment_collection pc join payment_session p on p.payment_collection_id = pc.id group by 1, 2 order by 1, 2`
    )
    const failed = await app.db.query("select count(*)::int as n from paygent_notice where last_error is not null")
    const hwm = app.rss().peak

    const rows = perRound.map((r, i) => [
      i + 1,
      r.n,
      fmt(r.plugin / r.n),
      fmt((r.n / r.plugin) * 1000),
      fmt(r.baseline / r.n),
      fmt((r.n / r.baseline) * 1000),
      (r.plugin / r.baseline).toFixed(2),
      fmt(r.rss, 0),
    ])
    const ratios = perRound.map((r) => r.plugin / r.baseline)
    const pluginTotal = perRound.reduce((a, r) => a + r.plugin, 0)
    const baselineTotal = perRound.reduce((a, r) => a + r.baseline, 0)
    const peakPlugin = Math.max(...samples.filter((s) => s.phase === "plugin").map((s) => s.rss))
    const peakAll = Math.max(...samples.map((s) => s.rss))

    console.log("\nper round (ms per payment, payments/s):")
    console.log(table(["round", "n", "plugin ms", "notices/s", "baseline ms", "captures/s", "ratio", "RSS MiB"], rows))
    console.log(`\norders by provider and payment collection status after the run:`)
    console.log(table(["provider", "status", "orders"], check.rows.map((r) => [r.provider_id, r.status, r.n])))
    console.log(`notices with an apply error: ${failed.rows[0].n}`)
    if (work) {
      console.log(`\ndatabase work per payment (warm-up, ${warmup} each, pg_stat_user_tables / pg_stat_database deltas):`)
      console.log(
        table(
          ["side", "table scans", "rows written", "commits"],
          (["plugin", "baseline"] as const).map((side) => [side, fmt(work![side].scans), fmt(work![side].writes), fmt(work![side].commits)])
        )
      )
    }
    console.log(
      `memory of the Medusa process: ${fmt(rssBefore, 0)} MiB before the rounds, peak ${fmt(peakPlugin, 0)} MiB while applying notices, ` +
        `peak ${fmt(peakAll, 0)} MiB over the whole bench (VmHWM ${fmt(hwm, 0)} MiB)`
    )
    console.log("")
    console.log(`notices/s applied through the plugin (push, one at a time): ${fmt((total / pluginTotal) * 1000)}`)
    console.log(`captures/s through Medusa's capture workflow (admin route, one at a time): ${fmt((total / baselineTotal) * 1000)}`)
    console.log(`ratio plugin/baseline time per payment (goal ≤ 1.15, i.e. overhead ≤ 15 %): ${median(ratios).toFixed(2)} (rounds ${spread(ratios)})`)
    console.log(`peak RSS of the app while applying ${int(total)} notices (MiB): ${fmt(peakPlugin, 0)}`)
  } finally {
    clearInterval(sampler)
    samples = []
    await client.close()
    await app.stop()
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`)
}
