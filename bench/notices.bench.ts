/**
 * Applying notices, and the app's memory meanwhile (node bench/run.js bench/notices.bench.ts; size BENCH_NOTICES=2000,
 * rounds BENCH_NOTICE_ROUNDS=20, warm-up BENCH_NOTICE_WARMUP=20; BENCH_QUICK=1: 200 in 2 rounds).
 *
 * Both sides start from the same kind of order: a konbini order waiting for payment (入金待ち), one placed through the
 * store API and the others copies made with SQL (bench/lib/orders.ts). Both end with the order paid: Medusa has
 * authorized the session (the provider answers `captured`), created the payment and recorded its capture.
 *
 * Plugin: each copy has its own payment at the simulator (030 sent by the bench). In each round BENCH_NOTICES / rounds
 * of them are paid at the simulator at once; the simulator pushes their notices to `POST /paygent/notice` one at a
 * time, in order, as Paygent does, and each is decoded, checked, stored and applied by the plugin (apply-paygent-notice)
 * before it is answered. Timed from the first pay to the last notice applied.
 *
 * Baseline (issue #19): Medusa's own path for an asynchronous provider's payment — what its payment webhook
 * subscriber runs for Stripe's `payment_intent.succeeded`: `processPaymentWorkflow` with the action `captured` for the
 * session, through the workflow engine. Fed directly (`POST /bench/process-payment`, a bench-only route:
 * bench/lib/baseline-plugin), without a telegram or a notice body: the copies' session data already says paid
 * (payment_status 40, as a notice leaves it), so the provider's authorization answers `captured` without asking
 * Paygent. One request per payment, one after the other, like the pushes.
 *
 * Rounds alternate which side goes first. Printed: per-payment time of each side per round, the ratio (goal ≤ 1.15),
 * the database work per payment of each side (pg_stat_database / pg_stat_user_tables deltas over the warm-up), and the
 * Medusa process's resident memory sampled every 200 ms: peak while applying notices against peak while the baseline
 * captures (issue #19 item 4), and the RSS after each round of each side, to see whether growth settles.
 */
import { call, log, startBenchApp, type BenchApp } from "./lib/app"
import { benchClient, BUYER, cloneOrders, settleMails, fakePaygentIds, konbiniAtSimulator, placeOrder, PROVIDERS, type ClonedOrder } from "./lib/orders"
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

/** processPaymentWorkflow with `captured` for each session, one after the other (bench/lib/baseline-plugin). */
async function baselineRound(app: BenchApp, orders: ClonedOrder[], amount: number): Promise<number> {
  const start = performance.now()
  for (const order of orders) {
    await call(app, "POST", "/bench/process-payment", { body: { session_id: order.sessionId, amount } })
  }
  return performance.now() - start
}

/** Database work, from PostgreSQL's counters (pg_stat_user_tables, pg_stat_database). */
interface DbWork {
  commits: number
  written: number
  inserted: number
  updated: number
  scans: number
  /** rows written per table */
  tables: Record<string, number>
}

/**
 * The counters after `settleMs`: backends report their counters at most once a second, idle ones within ~10 s, and
 * the shopper-mail job (every minute) sends the mails a payment queued (payment.captured) a minute later at most.
 */
async function dbCounters(app: BenchApp, settleMs = SETTLE_MS): Promise<DbWork> {
  await sleep(settleMs)
  const tables = await app.db.query(
    `select relname, n_tup_ins::bigint as ins, n_tup_upd::bigint as upd, n_tup_del::bigint as del,
            (seq_scan + coalesce(idx_scan, 0))::bigint as scans from pg_stat_user_tables`
  )
  const db = await app.db.query("select xact_commit::bigint as commits from pg_stat_database where datname = current_database()")
  const work: DbWork = { commits: Number(db.rows[0].commits), written: 0, inserted: 0, updated: 0, scans: 0, tables: {} }
  for (const t of tables.rows) {
    const written = Number(t.ins) + Number(t.upd) + Number(t.del)
    work.inserted += Number(t.ins)
    work.updated += Number(t.upd)
    work.written += written
    work.scans += Number(t.scans)
    work.tables[t.relname] = written
  }
  return work
}

const SETTLE_MS = 65_000

/** (after − before − background) / n; `background` is the change over an idle interval of the same length. */
function perPayment(after: DbWork, before: DbWork, n: number, background?: DbWork): DbWork {
  const d = (k: Exclude<keyof DbWork, "tables">) => (after[k] - before[k] - (background?.[k] ?? 0)) / n
  const tables: Record<string, number> = {}
  for (const [name, w] of Object.entries(after.tables)) {
    const v = (w - (before.tables[name] ?? 0) - (background?.tables[name] ?? 0)) / n
    if (v > 0) tables[name] = v
  }
  return { commits: d("commits"), written: d("written"), inserted: d("inserted"), updated: d("updated"), scans: d("scans"), tables }
}

const topTables = (work: DbWork, k = 8) =>
  Object.entries(work.tables)
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, w]) => `${name} ${fmt(w)}`)
    .join(", ")

/**
 * Baseline copies: the session's data says paid (payment_status 40 and paid_at, as a notice leaves it), so that
 * Medusa's authorization gets `captured` from the provider without a telegram.
 */
async function markPaid(app: BenchApp, orders: ClonedOrder[]): Promise<void> {
  await app.db.query(
    `update payment_session set data = jsonb_set(jsonb_set(data, '{paygent,payment_status}', '"40"'), '{paygent,paid_at}', to_jsonb(now()::text))
     where id = any($1::text[])`,
    [orders.map((o) => o.sessionId)]
  )
}

/** Least-squares slope of y over x. */
function slope(ys: number[]): number {
  const n = ys.length
  if (n < 2) return NaN
  const mx = (n - 1) / 2
  const my = ys.reduce((a, b) => a + b, 0) / n
  let num = 0
  let den = 0
  ys.forEach((y, x) => {
    num += (x - mx) * (y - my)
    den += (x - mx) ** 2
  })
  return num / den
}

export async function main(): Promise<void> {
  const total = Math.max(1, Math.round(envNumber("BENCH_NOTICES", size(2_000, 200))))
  const rounds = Math.max(1, Math.min(total, Math.round(envNumber("BENCH_NOTICE_ROUNDS", size(20, 2)))))
  const warmup = Math.round(envNumber("BENCH_NOTICE_WARMUP", 20))
  const started = Date.now()
  console.log(`notices bench — ${machine()}`)
  console.log(`${int(total)} konbini notices vs ${int(total)} processPaymentWorkflow captures, ${rounds} rounds, warm-up ${warmup} each`)

  const app = await startBenchApp({ name: "notices", baselineRoute: true })
  const client = benchClient(app)
  let samples: Array<{ at: number; rss: number; phase: string }> = []
  let phaseName = "setup"
  const sampler = setInterval(() => samples.push({ at: Date.now(), rss: app.rss().now, phase: phaseName }), 200)
  try {
    const konbini = await placeOrder(app, PROVIDERS.konbini, { ...BUYER, cvs_company_id: "00C002" })
    await app.sim.control.waitForPushes(60_000)
    await settleMails(app, konbini.orderId)
    const { rows: amountRows } = await app.db.query(
      `select ps.amount::int as amount from payment_session ps join order_payment_collection opc on opc.payment_collection_id = ps.payment_collection_id where opc.order_id = $1`,
      [konbini.orderId]
    )
    const amount = amountRows[0].amount as number

    // Copies: made while push is off, so their creation notices (10) are never pushed (they stay unread for 091).
    app.sim.control.setPush({ enabled: false })
    let t = Date.now()
    const pluginOrders = await cloneOrders(app, konbini.orderId, total + warmup, { paygent: konbiniAtSimulator(client, amount) })
    const baselineOrders = await cloneOrders(app, konbini.orderId, total + warmup, { paygent: fakePaygentIds(9_000_000) })
    await markPaid(app, baselineOrders)
    log(`${int(2 * (total + warmup))} konbini orders copied in ${((Date.now() - t) / 1000).toFixed(0)} s`)
    app.sim.control.setPush({ enabled: true })

    let applied = await appliedPaid(app)
    phaseName = "warmup"
    let work: { plugin: DbWork; baseline: DbWork } | undefined
    if (warmup > 0) {
      // The warm-up also counts the database work of each side (transactions, rows written, table scans).
      // An idle interval first, as long as a side's settling: what the app commits on its own (jobs, the workflow
      // engine's bookkeeping) is taken off. Each side is counted until its mails are sent (both sides' payments queue
      // the same 入金確認 mail through the plugin's subscriber on payment.captured: it is the same app).
      const idle0 = await dbCounters(app, 11_000)
      const c0 = await dbCounters(app)
      const background = perPayment(c0, idle0, 1)
      await pluginRound(app, pluginOrders.slice(0, warmup), applied)
      applied += warmup
      const c1 = await dbCounters(app)
      await baselineRound(app, baselineOrders.slice(0, warmup), amount)
      const c2 = await dbCounters(app)
      work = { plugin: perPayment(c1, c0, warmup, background), baseline: perPayment(c2, c1, warmup, background) }
      log(`database: ${fmt(background.commits)} commits and ${fmt(background.written)} rows written in an idle interval, taken off each side`)
    }
    await sleep(1000)
    const rssBefore = app.rss().now

    const chunk = Math.ceil(total / rounds)
    const perRound: Array<{ n: number; plugin: number; baseline: number; pluginRss: number; baselineRss: number }> = []
    for (let r = 0; r < rounds; r++) {
      const from = warmup + r * chunk
      const to = Math.min(warmup + total, from + chunk)
      const k = pluginOrders.slice(from, to)
      const b = baselineOrders.slice(from, to)
      const row = { n: k.length, plugin: 0, baseline: 0, pluginRss: 0, baselineRss: 0 }
      const runPlugin = async () => {
        phaseName = "plugin"
        row.plugin = await pluginRound(app, k, applied)
        row.pluginRss = app.rss().now
        applied += k.length
      }
      const runBaseline = async () => {
        phaseName = "baseline"
        row.baseline = await baselineRound(app, b, amount)
        row.baselineRss = app.rss().now
      }
      if (r % 2) {
        await runBaseline()
        await runPlugin()
      } else {
        await runPlugin()
        await runBaseline()
      }
      phaseName = "between"
      perRound.push(row)
      log(
        `round ${r + 1}/${rounds}: ${k.length} notices in ${fmt(row.plugin / 1000)} s (${fmt(row.plugin / k.length)} ms each), ` +
          `${b.length} captures in ${fmt(row.baseline / 1000)} s (${fmt(row.baseline / b.length)} ms each)`
      )
    }
    clearInterval(sampler)

    // Every order is paid: the plugin's through the notices, the baseline's through processPaymentWorkflow.
    const check = await app.db.query(
      `select case when ps.id = any($1::text[]) then 'baseline' else 'plugin' end as side, pc.status, count(*)::int as n
       from payment_collection pc join payment_session ps on ps.payment_collection_id = pc.id
       where ps.provider_id = $2 group by 1, 2 order by 1, 2`,
      [baselineOrders.map((o) => o.sessionId), PROVIDERS.konbini]
    )
    const failed = await app.db.query("select count(*)::int as n from paygent_notice where last_error is not null")

    const rows = perRound.map((r, i) => [
      i + 1,
      r.n,
      fmt(r.plugin / r.n),
      fmt(r.baseline / r.n),
      (r.plugin / r.baseline).toFixed(2),
      fmt(r.pluginRss, 0),
      fmt(r.baselineRss, 0),
    ])
    const ratios = perRound.map((r) => r.plugin / r.baseline)
    const pluginMedian = median(perRound.map((r) => r.plugin / r.n))
    const baselineMedian = median(perRound.map((r) => r.baseline / r.n))
    const pluginTotal = perRound.reduce((a, r) => a + r.plugin, 0)
    const baselineTotal = perRound.reduce((a, r) => a + r.baseline, 0)
    const peakOf = (phase: string) => Math.max(...samples.filter((s) => s.phase === phase).map((s) => s.rss))
    const peakPlugin = peakOf("plugin")
    const peakBaseline = peakOf("baseline")

    console.log("\nper round (ms per payment; RSS of the Medusa process at the end of each side's part, MiB):")
    console.log(table(["round", "n", "plugin ms", "baseline ms", "ratio", "RSS plugin", "RSS baseline"], rows))
    console.log(`\nkonbini orders by side and payment collection status after the run (the template order counts as plugin):`)
    console.log(table(["side", "status", "orders"], check.rows.map((r) => [r.side, r.status, r.n])))
    console.log(`notices with an apply error: ${failed.rows[0].n}`)
    if (work) {
      console.log(`\ndatabase work per payment (warm-up, ${warmup} each, each side counted until its mails were sent; an idle interval taken off; pg_stat_database xact_commit, pg_stat_user_tables deltas):`)
      console.log(
        table(
          ["side", "commits", "rows written", "inserted", "updated", "table scans"],
          (["plugin", "baseline"] as const).map((side) => [
            side,
            fmt(work![side].commits),
            fmt(work![side].written),
            fmt(work![side].inserted),
            fmt(work![side].updated),
            fmt(work![side].scans),
          ])
        )
      )
      for (const side of ["plugin", "baseline"] as const) console.log(`  rows written per payment by table, ${side}: ${topTables(work[side])}`)
    }
    // Growth: slope of the RSS after each round over the second half of the rounds (the first ones warm the heap).
    const half = Math.floor(perRound.length / 2)
    const growPlugin = slope(perRound.slice(half).map((r) => r.pluginRss))
    const growBaseline = slope(perRound.slice(half).map((r) => r.baselineRss))
    console.log(
      `\nmemory of the Medusa process (RSS, MiB): ${fmt(rssBefore, 0)} before the rounds; peak ${fmt(peakPlugin, 0)} while applying notices, ` +
        `${fmt(peakBaseline, 0)} while the baseline captures; growth over the second half of the rounds ${fmt(growPlugin)} MiB/round ` +
        `(plugin's part) and ${fmt(growBaseline)} MiB/round (baseline's), VmHWM ${fmt(app.rss().peak, 0)}`
    )
    console.log("")
    console.log(`baseline: ${fmt(baselineMedian)} ms per payment, ${fmt((total / baselineTotal) * 1000)} payments/s (processPaymentWorkflow, captured)`)
    console.log(`plugin: ${fmt(pluginMedian)} ms per payment, ${fmt((total / pluginTotal) * 1000)} notices/s (push, one at a time)`)
    if (work) {
      console.log(
        `database work per payment, plugin vs baseline: ${fmt(work.plugin.commits)} vs ${fmt(work.baseline.commits)} commits, ` +
          `${fmt(work.plugin.written)} vs ${fmt(work.baseline.written)} rows written`
      )
    }
    console.log(`ratio notices plugin/baseline time per payment at ${int(total)} (goal ≤ 1.15): ${median(ratios).toFixed(2)} (rounds ${spread(ratios)})`)
    console.log(
      `ratio memory peak RSS notices/baseline at ${int(total)}: ${(peakPlugin / peakBaseline).toFixed(2)} (${fmt(peakPlugin, 0)} / ${fmt(peakBaseline, 0)} MiB; ` +
        `growth ${fmt(growPlugin)} / ${fmt(growBaseline)} MiB per round over the second half)`
    )
  } finally {
    clearInterval(sampler)
    samples = []
    await client.close()
    await app.stop()
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`)
}
