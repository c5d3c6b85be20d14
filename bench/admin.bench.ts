/**
 * Admin lists at scale (node bench/run.js bench/admin.bench.ts; BENCH_ADMIN_ORDERS=100000, --requests 200).
 *
 * The database gets BENCH_ADMIN_ORDERS orders (SQL copies, bench/lib/orders.ts, created_at spread over 180 days):
 * 70 % card (authorized at Paygent, 020 in the ledger, its notice 20) and 30 % konbini waiting for payment (030 in
 * the ledger, its notice 10), plus 2 % of the orders with an alert (one in ten unresolved), 0.5 % with a manual refund
 * (half owed) and 0.1 % with a notice not applied. Then, on the running app, p50 / p95 of:
 *   GET /admin/paygent/inbox                          the 決済処理中 inbox (first page, then filtered by reason)
 *   GET /admin/paygent/orders/:id                     the order panel's API, random orders
 *   GET /admin/paygent/inbox/notices?order_id=        the order panel's notice timeline, random orders
 *   GET /admin/paygent/alerts?resolved=false, GET /admin/paygent/sync
 * and Medusa's own admin order detail and order list (GET /admin/orders/:id, GET /admin/orders?limit=50) as the
 * baseline on the same app and database. The detail endpoints the plugin's index migration (Migration20261128080522)
 * serves are measured first without those indexes (dropped), then everything with them. Endpoints are interleaved
 * request by request. Goal: p95 < 150 ms.
 */
import { randomInt } from "crypto"
import * as fs from "fs"
import * as path from "path"
import { cardTokenData } from "../integration-tests/helpers/card-token"
import { call, log, ROOT, startBenchApp, type BenchApp } from "./lib/app"
import { BUYER, cloneOrders, fakePaygentIds, placeOrder, PROVIDERS, ulid } from "./lib/orders"
import { envNumber, fmt, int, machine, option, quantile, size, table } from "./lib/stats"

/** The migration that adds the indexes the admin reads need at this scale (see docs/performance.md). */
const INDEX_MIGRATION = path.join(ROOT, "src", "modules", "paygent", "migrations", "Migration20261128080522.ts")

/** Its CREATE INDEX statements, so that "before" and "after" differ by exactly what the migration does. */
function newIndexes(): Array<{ name: string; create: string }> {
  const source = fs.readFileSync(INDEX_MIGRATION, "utf8")
  return [...source.matchAll(/CREATE INDEX IF NOT EXISTS "([^"]+)"[^`]*/g)].map((m) => ({ name: m[1], create: m[0].replace(/;$/, "") }))
}

interface Endpoint {
  name: string
  group: "plugin" | "medusa"
  path: () => string
  /** A detail endpoint (random order each request): `requests` samples; lists get a tenth (they are slow at scale). */
  detail?: boolean
  /** Reads that the migration's indexes serve: measured before and after them. */
  indexed?: boolean
}

async function seed(app: BenchApp, total: number): Promise<string[]> {
  const card = await placeOrder(app, PROVIDERS.card, await cardTokenData(app.sim))
  const konbini = await placeOrder(app, PROVIDERS.konbini, { ...BUYER, cvs_company_id: "00C002" })
  await app.sim.control.waitForPushes(60_000)
  const now = Date.now()
  const spreadDays = 180
  const createdAt = () => new Date(now - Math.random() * spreadDays * 86_400_000)
  const { rows } = await app.db.query("select coalesce(max(payment_notice_id), '0') as max from paygent_notice")
  let noticeFrom = Number(rows[0].max) + 1
  const cardCount = Math.round(total * 0.7)
  const t = Date.now()
  const cards = await cloneOrders(app, card.orderId, cardCount, {
    createdAt,
    paygent: fakePaygentIds(300_000_000_000),
    noticeIdsFrom: noticeFrom,
  })
  noticeFrom += cardCount * 2
  const konbinis = await cloneOrders(app, konbini.orderId, total - cardCount, {
    createdAt,
    paygent: fakePaygentIds(400_000_000_000),
    noticeIdsFrom: noticeFrom,
  })
  log(`${int(total)} orders copied in ${((Date.now() - t) / 1000).toFixed(0)} s`)
  const all = [...cards, ...konbinis]

  // Alerts, manual refunds, unapplied notices on a few of them.
  const pick = (share: number) => all.filter(() => Math.random() < share)
  const alerts = pick(0.02)
  await app.db.query(
    `insert into paygent_alert (id, kind, severity, order_id, payment_session_id, paygent_payment_id, trading_id, message_ja, message_en, created_at, updated_at, resolved_at)
     select u.id, u.kind, 'warning', u.order_id, u.session_id, u.paygent_payment_id, u.trading_id, 'ベンチ用の警告', 'bench alert', u.at, u.at,
            case when u.resolved then u.at + interval '1 hour' end
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::boolean[])
       as u(id, kind, order_id, session_id, paygent_payment_id, trading_id, at, resolved)`,
    [
      alerts.map(() => `pgal_${ulid()}`),
      alerts.map((_, i) => ["capture_deadline_near", "paid_after_cancel", "authorization_expired"][i % 3]),
      alerts.map((o) => o.orderId),
      alerts.map((o) => o.sessionId),
      alerts.map((o) => o.paygentPaymentId ?? null),
      alerts.map((o) => o.tradingId ?? null),
      alerts.map(() => createdAt()),
      alerts.map(() => Math.random() >= 0.1),
    ]
  )
  const refunds = pick(0.005)
  await app.db.query(
    `insert into paygent_manual_refund (id, order_id, medusa_payment_id, paygent_payment_id, trading_id, method, amount, reason, status, created_at, updated_at)
     select u.id, u.order_id, u.payment_id, u.paygent_payment_id, u.trading_id, 'konbini', 3000, 'no_api_refund', u.status, u.at, u.at
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
       as u(id, order_id, payment_id, paygent_payment_id, trading_id, status, at)`,
    [
      refunds.map(() => `pgmr_${ulid()}`),
      refunds.map((o) => o.orderId),
      refunds.map((o) => o.paymentId ?? null),
      refunds.map((o) => o.paygentPaymentId ?? null),
      refunds.map((o) => o.tradingId ?? null),
      refunds.map((_, i) => (i % 2 ? "owed" : "refunded")),
      refunds.map(() => createdAt()),
    ]
  )
  const unapplied = pick(0.001)
  await app.db.query(
    `update paygent_notice set applied_at = null, result = null, apply_attempts = 1, last_error = 'bench: not applied'
     where order_id = any($1) and payment_notice_id is not null`,
    [unapplied.map((o) => o.orderId)]
  )
  await app.db.query("analyze")
  log(`${alerts.length} alerts, ${refunds.length} manual refunds, ${unapplied.length} orders with a notice not applied`)
  return all.map((o) => o.orderId)
}


async function measure(app: BenchApp, endpoints: Endpoint[], requests: number): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>(endpoints.map((e) => [e.name, []]))
  // Warm-up, then the endpoints interleaved so that load from elsewhere hits them alike.
  for (const endpoint of endpoints) for (let i = 0; i < 3; i++) await call(app, "GET", endpoint.path(), { headers: app.admin })
  for (let i = 0; i < requests; i++) {
    for (const endpoint of endpoints) {
      const t = performance.now()
      await call(app, "GET", endpoint.path(), { headers: app.admin })
      times.get(endpoint.name)!.push(performance.now() - t)
    }
  }
  return times
}

export async function main(args: string[] = []): Promise<void> {
  const total = Math.round(envNumber("BENCH_ADMIN_ORDERS", size(100_000, 5_000)))
  const requests = option(args, "requests", size(200, 20))
  const listRequests = Math.max(5, Math.round(requests / 10))
  const started = Date.now()
  console.log(`admin bench — ${machine()}`)

  const app = await startBenchApp({ name: "admin", env: { PAYGENT_3DS_MODE: "disabled" } })
  const results: Array<{ label: string; times: Map<string, number[]> }> = []
  let endpoints: Endpoint[] = []
  try {
    const orderIds = await seed(app, total)
    const random = () => orderIds[randomInt(orderIds.length)]
    endpoints = [
      { name: "inbox (first page)", group: "plugin", path: () => "/admin/paygent/inbox" },
      { name: "inbox ?reason=awaiting_payment", group: "plugin", path: () => "/admin/paygent/inbox?reason=awaiting_payment" },
      { name: "orders/:id (order panel)", group: "plugin", path: () => `/admin/paygent/orders/${random()}`, detail: true, indexed: true },
      { name: "inbox/notices?order_id=", group: "plugin", path: () => `/admin/paygent/inbox/notices?order_id=${random()}`, detail: true, indexed: true },
      { name: "alerts?resolved=false", group: "plugin", path: () => "/admin/paygent/alerts?resolved=false" },
      { name: "sync (runs, alerts, stale)", group: "plugin", path: () => "/admin/paygent/sync" },
      { name: "Medusa orders/:id", group: "medusa", path: () => `/admin/orders/${random()}`, detail: true, indexed: true },
      { name: "Medusa orders?limit=50", group: "medusa", path: () => "/admin/orders?limit=50" },
    ]
    const run = async (label: string, which: Endpoint[]) => {
      const times = new Map<string, number[]>()
      for (const [name, t] of await measure(app, which.filter((e) => e.detail), requests)) times.set(name, t)
      for (const [name, t] of await measure(app, which.filter((e) => !e.detail), listRequests)) times.set(name, t)
      results.push({ label, times })
    }
    const indexes = newIndexes()
    if (indexes.length) {
      log(`before: without ${indexes.map((i) => i.name).join(", ")}`)
      for (const index of indexes) await app.db.query(`drop index if exists "${index.name}"`)
      await app.db.query("analyze")
      await run("without the new indexes", endpoints.filter((e) => e.indexed))
      for (const index of indexes) await app.db.query(index.create)
      await app.db.query("analyze")
    }
    await run("with the plugin's indexes", endpoints)
  } finally {
    await app.stop()
  }

  console.log(`\n${int(total)} orders; p50 / p95 in ms (${requests} requests per detail endpoint, ${listRequests} per list)`)
  const before = results.length === 2 ? results[0] : undefined
  const after = results[results.length - 1]
  const cell = (times: number[] | undefined, q: number) => (times ? fmt(quantile(times, q)) : "–")
  console.log(
    table(
      ["endpoint", ...(before ? ["p50 before", "p95 before"] : []), "p50", "p95"],
      endpoints.map((e) => [
        e.name,
        ...(before ? [cell(before.times.get(e.name), 0.5), cell(before.times.get(e.name), 0.95)] : []),
        cell(after.times.get(e.name), 0.5),
        cell(after.times.get(e.name), 0.95),
      ])
    )
  )
  const last = after
  console.log("")
  for (const e of endpoints.filter((e) => e.group === "plugin")) {
    console.log(`p95 ${e.name} (goal < 150 ms): ${fmt(quantile(last.times.get(e.name)!, 0.95))}`)
  }
  const p95 = (name: string) => quantile(last.times.get(name)!, 0.95)
  console.log(`ratio p95 order panel / Medusa order detail: ${(p95("orders/:id (order panel)") / p95("Medusa orders/:id")).toFixed(2)}`)
  console.log(`ratio p95 inbox / Medusa order list: ${(p95("inbox (first page)") / p95("Medusa orders?limit=50")).toFixed(2)}`)
  if (before) {
    for (const e of endpoints.filter((e) => e.indexed && e.group === "plugin")) {
      const b = quantile(before.times.get(e.name)!, 0.95)
      const a = quantile(after.times.get(e.name)!, 0.95)
      console.log(`ratio p95 with/without the new indexes, ${e.name}: ${(a / b).toFixed(2)}`)
    }
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`)
}
