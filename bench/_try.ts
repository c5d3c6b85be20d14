import { startBenchApp, call } from "./lib/app"
import { placeOrder, cloneOrders, benchClient, konbiniAtSimulator, PROVIDERS, BUYER } from "./lib/orders"
import { waitUntil } from "./lib/stats"
export async function main() {
  const N = Number(process.env.N ?? 200)
  const app = await startBenchApp({ name: "try", env: { PAYGENT_3DS_MODE: "disabled" } })
  const client = benchClient(app)
  try {
    const k = await placeOrder(app, PROVIDERS.konbini, { ...BUYER, cvs_company_id: "00C002" })
    const s = await placeOrder(app, PROVIDERS.system, {})
    console.log("template", k, s)
    app.sim.control.setPush({ enabled: false })
    let t = Date.now()
    const kc = await cloneOrders(app, k.orderId, N, { konbini: konbiniAtSimulator(client, 3000) })
    const sc = await cloneOrders(app, s.orderId, N)
    console.log("cloned in", Date.now() - t)
    app.sim.control.setPush({ enabled: true })
    // baseline
    t = Date.now()
    for (const o of sc) await call(app, "POST", `/admin/payments/${o.paymentId}/capture`, { headers: app.admin, body: {} })
    const base = Date.now() - t
    console.log("baseline", base, base / N)
    t = Date.now()
    for (const o of kc) app.sim.control.pay(o.paygentPaymentId!)
    await waitUntil("applied", async () => {
      const { rows } = await app.db.query("select count(*)::int n from paygent_notice where payment_status='40' and applied_at is not null")
      return rows[0].n >= N
    }, 600_000, 100)
    const plug = Date.now() - t
    console.log("plugin", plug, plug / N, "rss", app.rss())
    const { rows } = await app.db.query("select pc.status, count(*) from payment_collection pc group by 1")
    console.log(rows)
    const r2 = await app.db.query("select result, count(*) from paygent_notice group by 1")
    console.log(r2.rows)
    const o = await call(app, "GET", `/admin/orders/${kc[0].orderId}?fields=payment_status,status`, { headers: app.admin })
    console.log(o.order.payment_status, o.order.status)
    const o2 = await call(app, "GET", `/admin/orders/${sc[0].orderId}?fields=payment_status,status`, { headers: app.admin })
    console.log(o2.order.payment_status, o2.order.status)
  } finally {
    await client.close()
    await app.stop()
  }
}
