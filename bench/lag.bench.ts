/**
 * Notice lag (node bench/run.js bench/lag.bench.ts [--push 40] [--pull 24] [--window 240]): the time from a konbini
 * payment being paid at the simulator (`control.pay`, Paygent's status 40) to the order being 入金済み in Medusa (its
 * payment collection `completed`, polled in the database every 10 ms for push, 100 ms for pull), p50 / p95.
 *
 * Push: the simulator pushes each notice to POST /paygent/notice at once; payments are paid one after the other,
 *   each once the previous one is paid, so every sample is a single notice on a quiet app.
 * Pull only: push off, Medusa restarted with the sync job on at its default schedule (every minute, BENCH_LAG_SCHEDULE
 *   to change it); `--pull` payments are paid at random moments spread over `--window` seconds and the job's 091
 *   pull finds them. The lag is then mostly the wait for the next run (uniform over the schedule's interval).
 * Reference (baseline) on the same app: Medusa's own capture of an authorized pp_system_default payment
 *   (POST /admin/payments/:id/capture), from request to answer — the least any "mark it paid" takes in this app.
 */
import { call, log, startBenchApp, type BenchApp } from "./lib/app"
import { benchClient, BUYER, cloneOrders, konbiniAtSimulator, placeOrder, PROVIDERS, type ClonedOrder } from "./lib/orders"
import { fmt, machine, option, quantile, size, sleep, table } from "./lib/stats"

async function completed(app: BenchApp, collectionIds: string[]): Promise<Set<string>> {
  const { rows } = await app.db.query("select id from payment_collection where id = any($1) and status = 'completed'", [collectionIds])
  return new Set(rows.map((r) => r.id))
}

async function pushLags(app: BenchApp, orders: ClonedOrder[]): Promise<number[]> {
  const lags: number[] = []
  for (const order of orders) {
    const start = performance.now()
    app.sim.control.pay(order.paygentPaymentId!)
    for (;;) {
      if ((await completed(app, [order.collectionId])).size) break
      if (performance.now() - start > 60_000) throw new Error(`order ${order.orderId} not paid within 60 s of its push`)
      await sleep(10)
    }
    lags.push(performance.now() - start)
    await sleep(100)
  }
  return lags
}

async function pullLags(app: BenchApp, orders: ClonedOrder[], windowMs: number): Promise<number[]> {
  const offsets = orders.map(() => Math.random() * windowMs).sort((a, b) => a - b)
  const paidAt = new Map<string, number>()
  const lags = new Map<string, number>()
  const start = performance.now()
  let next = 0
  const deadline = windowMs + 10 * 60_000
  while (lags.size < orders.length) {
    const now = performance.now() - start
    while (next < orders.length && offsets[next] <= now) {
      app.sim.control.pay(orders[next].paygentPaymentId!)
      paidAt.set(orders[next].collectionId, performance.now())
      next++
    }
    const open = [...paidAt.keys()].filter((id) => !lags.has(id))
    if (open.length) {
      const done = await completed(app, open)
      const at = performance.now()
      for (const id of done) lags.set(id, at - paidAt.get(id)!)
    }
    if (now > deadline) throw new Error(`only ${lags.size}/${orders.length} orders paid through the pull`)
    await sleep(100)
  }
  return [...lags.values()]
}

export async function main(args: string[] = []): Promise<void> {
  const pushN = option(args, "push", size(40, 10))
  const pullN = option(args, "pull", size(24, 6))
  const windowMs = option(args, "window", size(240, 60)) * 1000
  const schedule = process.env.BENCH_LAG_SCHEDULE || "* * * * *"
  const started = Date.now()
  console.log(`lag bench — ${machine()}`)

  const app = await startBenchApp({ name: "lag" })
  const client = benchClient(app)
  const results: Array<{ path: string; lags: number[] }> = []
  try {
    const konbini = await placeOrder(app, PROVIDERS.konbini, { ...BUYER, cvs_company_id: "00C002" })
    const system = await placeOrder(app, PROVIDERS.system, {})
    await app.sim.control.waitForPushes(60_000)
    app.sim.control.setPush({ enabled: false })
    const orders = await cloneOrders(app, konbini.orderId, pushN + pullN + 5, { paygent: konbiniAtSimulator(client, 3000) })
    const systemOrders = await cloneOrders(app, system.orderId, pushN + 5)

    // Push (the sync job off).
    app.sim.control.setPush({ enabled: true })
    await pushLags(app, orders.slice(0, 5)) // warm-up
    results.push({ path: "push", lags: await pushLags(app, orders.slice(5, 5 + pushN)) })

    // Baseline: Medusa's own capture, request to answer.
    const captures: number[] = []
    for (const [i, order] of systemOrders.entries()) {
      const t = performance.now()
      await call(app, "POST", `/admin/payments/${order.paymentId}/capture`, { headers: app.admin, body: {} })
      if (i >= 5) captures.push(performance.now() - t)
      await sleep(100)
    }
    results.push({ path: "baseline: Medusa capture (admin API)", lags: captures })

    // Pull only: push off, the sync job on its schedule.
    app.sim.control.setPush({ enabled: false })
    await app.restart({ PAYGENT_SYNC_DISABLED: "false", PAYGENT_SYNC_SCHEDULE: schedule })
    // A first run reads what is unread at the simulator (the copies' creation notices, the pushed 40s).
    await call(app, "POST", "/admin/paygent/sync", { headers: app.admin, body: {} })
    log(`pull: ${pullN} payments paid at random over ${windowMs / 1000} s, sync schedule "${schedule}"`)
    results.push({ path: `pull only (schedule "${schedule}")`, lags: await pullLags(app, orders.slice(5 + pushN), windowMs) })
  } finally {
    await client.close()
    await app.stop()
  }

  console.log("\nkonbini paid at the simulator → order 入金済み (ms):")
  console.log(
    table(
      ["path", "n", "p50", "p95", "max"],
      results.map((r) => [r.path, r.lags.length, fmt(quantile(r.lags, 0.5)), fmt(quantile(r.lags, 0.95)), fmt(Math.max(...r.lags))])
    )
  )
  const [push, baseline, pull] = results
  console.log("")
  console.log(`lag push p50 / p95 (ms): ${fmt(quantile(push.lags, 0.5))} / ${fmt(quantile(push.lags, 0.95))}`)
  console.log(`lag pull only p50 / p95 (ms): ${fmt(quantile(pull.lags, 0.5))} / ${fmt(quantile(pull.lags, 0.95))}`)
  console.log(`ratio push lag / Medusa capture (p50): ${(quantile(push.lags, 0.5) / quantile(baseline.lags, 0.5)).toFixed(2)}`)
  console.log(`ratio pull-only lag / push lag (p50): ${(quantile(pull.lags, 0.5) / quantile(push.lags, 0.5)).toFixed(1)}`)
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`)
}
