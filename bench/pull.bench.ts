/**
 * 091 pull (node bench/run.js bench/pull.bench.ts [--n 100] [--k 20] [--latency 20,100,300] [--rounds 3]).
 *
 * Before each run, N konbini orders are made as in bench/lib/orders.ts with push off, so exactly their N creation
 * notices (status 10) wait unread at the simulator. The simulator's latency is set to r ms per telegram; one sync run
 * (POST /admin/paygent/sync, which answers when the run is over) pulls them with 091 one at a time — 091 allows one
 * call in flight per merchant — storing and applying each (here: ignored_same_status, the order is already 入金待ち).
 * Compared with the floor N·r (091 is sequential, so N records cannot take less) and, as a second baseline, a bare
 * PaygentClient reading the same N records again by payment_notice_id, one after the other, with a new TLS connection
 * per telegram as the plugin does (what the transport alone costs).
 *
 * a, the time to apply one pushed notice, is measured in the same run, before each pull: K (--k, default 20) more such
 * orders are made with push on at 0 ms latency, the simulator pushes their creation notices to `POST /paygent/notice`
 * (answered once the notice is stored and applied, the same apply as a pulled record's), and a is the median push
 * round trip (the simulator's attempt start to delivered). Below Paygent's latency a run is bound by applying, not by
 * Paygent: the second floor is max(N·r, N·a) (issue #19).
 *
 * Rounds alternate the latency order; medians. Goals: plugin / N·r ≤ 1.1 at r = 300 ms; plugin / max(N·r, N·a) ≤ 1.1
 * below it.
 */
import { call, startBenchApp } from "./lib/app"
import { benchClient, BUYER, cloneOrders, settleMails, konbiniAtSimulator, placeOrder, PROVIDERS } from "./lib/orders"
import { fmt, machine, median, option, size, spread, table } from "./lib/stats"

export async function main(args: string[] = []): Promise<void> {
  const n = option(args, "n", size(100, 30))
  const k = option(args, "k", size(20, 10))
  const rounds = option(args, "rounds", size(3, 1))
  const i = args.indexOf("--latency")
  const latencies = (i === -1 ? "20,100,300" : args[i + 1]).split(",").map(Number)
  const started = Date.now()
  console.log(`pull bench — ${machine()}`)

  const app = await startBenchApp({ name: "pull" })
  const setupClient = benchClient(app)
  // The plugin's client default: a new connection per telegram.
  const bare = benchClient(app, { keepAlive: false })
  const runs: Array<{ latency: number; plugin: number; bare: number; fetched: number; apply: number }> = []
  try {
    const konbini = await placeOrder(app, PROVIDERS.konbini, { ...BUYER, cvs_company_id: "00C002" })
    await app.sim.control.waitForPushes(60_000)
    await settleMails(app, konbini.orderId)
    app.sim.control.setPush({ enabled: false })
    // A first run reads the template order's notice, so every later run starts from a known cursor.
    await call(app, "POST", "/admin/paygent/sync", { headers: app.admin, body: {} })
    const copy = (count: number) => cloneOrders(app, konbini.orderId, count, { paygent: konbiniAtSimulator(setupClient, 3000) })
    await copy(20)
    const warm = await call(app, "POST", "/admin/paygent/sync", { headers: app.admin, body: {} }) // 20 records: warm-up
    if (warm.run.status !== "succeeded") throw new Error(`warm-up sync run ${JSON.stringify(warm.run).slice(0, 300)}`)

    /**
     * a: K orders made with push on; their creation notices are pushed one at a time and each answered once applied.
     * Median of the push round trips. A sync run afterwards (not timed) reads whatever of them is still unread, so the
     * pull that follows starts with exactly its own N records.
     */
    const pushedApplyMs = async (count: number): Promise<number> => {
      const before = new Set(app.sim.control.listNotices().map((notice) => notice.payment_notice_id))
      app.sim.control.setPush({ enabled: true })
      try {
        await copy(count)
        await app.sim.control.waitForPushes(10 * 60_000)
      } finally {
        app.sim.control.setPush({ enabled: false })
      }
      const mine = app.sim.control.listNotices().filter((notice) => !before.has(notice.payment_notice_id))
      const lastAttempt = new Map<number, string>()
      for (const attempt of app.sim.control.listPushes()) lastAttempt.set(attempt.paymentNoticeId, attempt.at)
      const trips = mine
        .filter((notice) => notice.push.deliveredAt && lastAttempt.has(notice.payment_notice_id))
        .map((notice) => Date.parse(notice.push.deliveredAt!) - Date.parse(lastAttempt.get(notice.payment_notice_id)!))
      if (trips.length !== count) throw new Error(`expected ${count} pushed notices, ${trips.length} delivered`)
      const drain = await call(app, "POST", "/admin/paygent/sync", { headers: app.admin, body: {} })
      if (drain.run.status !== "succeeded") throw new Error(`sync run after the pushes ${JSON.stringify(drain.run).slice(0, 300)}`)
      return median(trips)
    }

    for (let r = 0; r < rounds; r++) {
      for (const latency of r % 2 ? [...latencies].reverse() : latencies) {
        app.sim.control.setLatency(0)
        const apply = await pushedApplyMs(k)
        // n new orders: exactly their n creation notices are unread at the simulator.
        await copy(n)
        const unread = app.sim.control
          .listNotices()
          .filter((notice) => !notice.read)
          .map((notice) => notice.payment_notice_id)
        if (unread.length !== n) throw new Error(`expected ${n} unread notices, found ${unread.length}`)
        app.sim.control.setLatency(latency)
        // Bare client: the same records by id (re-reading by id leaves them unread).
        const t0 = performance.now()
        for (const id of unread) await bare.noticeInquiry({ payment_notice_id: String(id) })
        const bareMs = performance.now() - t0
        const t1 = performance.now()
        const { run } = await call(app, "POST", "/admin/paygent/sync", { headers: app.admin, body: {} })
        const pluginMs = performance.now() - t1
        if (run.status !== "succeeded" || run.fetched !== n) {
          throw new Error(`sync run ${run.status}, fetched ${run.fetched}/${n}: ${JSON.stringify(run.errors)}`)
        }
        runs.push({ latency, plugin: pluginMs, bare: bareMs, fetched: run.fetched, apply })
        process.stderr.write(
          `[bench] round ${r + 1} r=${latency} ms: plugin ${fmt(pluginMs)} ms for ${run.fetched} records, bare client ${fmt(bareMs)} ms, ` +
            `floor ${n * latency} ms, a = ${fmt(apply)} ms\n`
        )
      }
    }
  } finally {
    app.sim.control.setLatency(0)
    await setupClient.close()
    await bare.close()
    await app.stop()
  }

  const rows = latencies.map((latency) => {
    const mine = runs.filter((run) => run.latency === latency)
    const floor = n * latency
    const plugin = median(mine.map((run) => run.plugin))
    const bareMs = median(mine.map((run) => run.bare))
    const apply = median(mine.map((run) => run.apply))
    // Each run against its own round's a.
    const bound = mine.map((run) => run.plugin / (n * Math.max(latency, run.apply)))
    return { latency, floor, plugin, bare: bareMs, apply, ratios: mine.map((run) => run.plugin / floor), bound }
  })
  console.log(`\n091 pull of N = ${n} records, ${rounds} rounds, medians (ms); a = apply time of one pushed notice (median of ${k} per round):`)
  console.log(
    table(
      ["r (ms)", "floor N·r", "bare client", "plugin run", "per record", "a", "N·max(r,a)", "plugin/N·r", "plugin/N·max(r,a)", "rounds"],
      rows.map((row) => [
        row.latency,
        row.floor,
        fmt(row.bare),
        fmt(row.plugin),
        fmt(row.plugin / n),
        fmt(row.apply),
        fmt(n * Math.max(row.latency, row.apply), 0),
        (row.plugin / row.floor).toFixed(2),
        median(row.bound).toFixed(2),
        spread(row.bound),
      ])
    )
  )
  console.log("")
  for (const row of rows) {
    console.log(`ratio bare 091 loop / floor N·r at r=${row.latency} ms: ${(row.bare / row.floor).toFixed(2)}`)
  }
  const top = Math.max(...latencies)
  for (const row of rows) {
    if (row.latency === top) {
      console.log(`ratio pull plugin/N·r at r=${row.latency} ms, N=${n} (goal ≤ 1.1): ${(row.plugin / row.floor).toFixed(2)} (run ${fmt(row.plugin, 0)} ms, N·r ${row.floor} ms; rounds ${spread(row.ratios)})`)
    }
  }
  for (const row of rows) {
    if (row.latency !== top) {
      console.log(
        `ratio pull plugin/max(N·r, N·a) at r=${row.latency} ms, a=${fmt(row.apply)} ms, N=${n} (goal ≤ 1.1): ${median(row.bound).toFixed(2)} ` +
          `(run ${fmt(row.plugin, 0)} ms, bound ${fmt(n * Math.max(row.latency, row.apply), 0)} ms; rounds ${spread(row.bound)})`
      )
    }
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`)
}
