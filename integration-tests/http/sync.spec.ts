import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { getOrderDetailWorkflow } from "@medusajs/medusa/core-flows"
import paygentSyncJob from "../../src/jobs/paygent-sync"
import { PAYGENT_MODULE } from "../../src/modules/paygent"
import type PaygentModuleService from "../../src/modules/paygent/service"
import { encodeRequestBody } from "../../src/paygent/codec"
import { noticeHash } from "../../src/paygent/hash"
import { statusFromPaygent } from "../../src/providers/paygent/core/status-map"
import { storeNotice } from "../../src/notices/store"
import { createAdminUser } from "../helpers/admin-auth"
import { explainAxiosErrors } from "../helpers/api-errors"
import { TEST_KEYS, withPaygentSimulator } from "../helpers/paygent-app"
import { PAYGENT_PROVIDER_IDS, seedJapaneseStore, SeededStore } from "../helpers/seed-store"
import { Shopper } from "../helpers/shopper"
import { waitFor } from "../helpers/wait-for"
import { BUYER, cardTokenData } from "../helpers/card-token"

jest.setTimeout(240 * 1000)

// Card payments without 3-D Secure keep the card cases short; the sync job's schedule is off under tests
// (medusa-config.ts), so every run below is a direct call of the job.
const { sim } = withPaygentSimulator({ PAYGENT_3DS_MODE: "disabled" })


/** Wall-clock lags from the simulator's status change to the order being 入金済み in Medusa (printed at the end). */
const lags: Array<{ path: string; ms: number }> = []

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let shopper: Shopper
    let noticeUrl: string
    let admin: { headers: { authorization: string } }

    const container = (): MedusaContainer => getContainer()
    const paygent = () => container().resolve<PaygentModuleService>(PAYGENT_MODULE)
    const payments = () => container().resolve<IPaymentModuleService>(Modules.PAYMENT)
    /** One direct run of the sync job (a direct call always runs, whatever syncEnabled says). */
    const job = async (context?: { now?: Date }) => (await paygentSyncJob(container(), context))!

    beforeAll(async () => {
      explainAxiosErrors(api)
      store = await seedJapaneseStore(container())
      noticeUrl = `${api.defaults.baseURL}/paygent/notice`
      admin = (await createAdminUser(api, container())).headers
    })

    afterAll(() => {
      if (lags.length) {
        // eslint-disable-next-line no-console
        console.log(`Paygent notice → 入金済み lag (ms): ${lags.map((l) => `${l.path} ${l.ms}`).join(", ")}`)
      }
    })

    beforeEach(() => {
      shopper = new Shopper(api, store)
      sim().control.reset()
      sim().control.setPush({ url: noticeUrl, enabled: true, paused: false })
    })

    afterEach(async () => {
      // A push is answered once its notice is applied: let the last ones finish before the database is reset.
      await sim().control.waitForPushes(15_000)
    })

    // ---- helpers ----

    async function placeOrder(providerId: string, data: Record<string, unknown> = BUYER) {
      const cart = await shopper.cart()
      await shopper.pay(cart.id, providerId, data)
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const { session } = await orderOf(completed.order.id)
      return { orderId: completed.order.id as string, session }
    }

    async function orderOf(orderId: string) {
      const { result } = await getOrderDetailWorkflow(container()).run({
        input: {
          order_id: orderId,
          fields: [
            "id",
            "status",
            "payment_collections.status",
            "payment_collections.payment_sessions.*",
            "payment_collections.payments.*",
            "payment_collections.payments.captures.*",
          ],
        },
      })
      const order = result as any
      const collection = order.payment_collections[0]
      return {
        status: order.status as string,
        payment_status: order.payment_status as string,
        collection,
        session: collection.payment_sessions[0],
        payments: collection.payments as any[],
      }
    }

    const cardData = () => cardTokenData(sim())

    async function inventoryLevel() {
      const query = container().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "inventory_level",
        fields: ["stocked_quantity", "reserved_quantity", "available_quantity"],
        filters: { inventory_item_id: store.inventoryItemId, location_id: store.stockLocationId },
      })
      const level = data[0] as any
      return { stocked: Number(level.stocked_quantity), reserved: Number(level.reserved_quantity), available: Number(level.available_quantity) }
    }

    const paid = (orderId: string) => async () => {
      const order = await orderOf(orderId)
      return order.payment_status === "captured" ? order : undefined
    }

    // The workflow cancels the order, then records the notice on the session: wait for both.
    const canceled = (orderId: string) => async () => {
      const order = await orderOf(orderId)
      return order.status === "canceled" && order.session?.status === "canceled" ? order : undefined
    }

    /** The simulator's notice record for a payment and status, as Paygent would push it. */
    function recordOf(paymentId: string, status: string): Record<string, string> {
      const notice = sim()
        .control.listNotices()
        .find((n) => n.payment_id === paymentId && n.items.payment_status === status)
      if (!notice) {
        throw new Error(`no notice ${status} for ${paymentId}`)
      }
      return notice.items
    }

    function body(items: Record<string, string>, hc = noticeHash(items, TEST_KEYS.noticeHashKey)): Buffer {
      return encodeRequestBody([...Object.entries(items), ["hc", hc]], "Windows-31J")
    }

    async function post(raw: Buffer | string) {
      const response = await fetch(noticeUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded; charset=Windows-31J" },
        body: typeof raw === "string" ? raw : new Uint8Array(raw),
      })
      return { status: response.status, text: await response.text() }
    }

    async function noticesOf(paymentId: string) {
      return (await paygent().listPaygentNotices({ paygent_payment_id: paymentId }, { order: { received_at: "ASC" } })) as any[]
    }

    async function alerts(kind: string) {
      return (await paygent().listPaygentAlerts({ kind })) as any[]
    }

    /** Net bank: the shopper opens the bank screen and clicks a bank; the new payment's id. */
    async function clickBank(aspUrl: string, bankCode = "0001"): Promise<string> {
      const screen = await (await fetch(aspUrl)).text()
      const href = new RegExp(`data-bank-code="${bankCode}" href="([^"]+)"`).exec(screen)?.[1]
      expect(href).toBeDefined()
      const page = await (await fetch(new URL(href!.replace(/&amp;/g, "&"), aspUrl))).text()
      const paymentId = /id="payment-id">(\d+)</.exec(page)?.[1]
      expect(paymentId).toBeDefined()
      return paymentId!
    }

    // ---- push ----

    it("applies a pushed konbini payment (40): the order becomes 入金済み, captured through Medusa", async () => {
      const { orderId, session } = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      const paymentId = session.data.paygent.payment_id
      // The creation notice (10) is pushed too and changes nothing.
      await sim().control.waitForPushes()
      expect((await orderOf(orderId)).payment_status).toBe("awaiting")

      const eventBus = container().resolve(Modules.EVENT_BUS)
      const emitted = jest.spyOn(eventBus, "emit")
      const started = Date.now()
      sim().control.pay(paymentId)
      const order = await waitFor("the konbini order to be paid", paid(orderId))
      lags.push({ path: "konbini push", ms: Date.now() - started })

      expect(order.collection.status).toBe("completed")
      expect(order.session.status).toBe("authorized")
      expect(order.payments).toHaveLength(1)
      expect(order.payments[0].captured_at).toBeTruthy()
      expect(order.payments[0].captures).toHaveLength(1)
      const state = order.payments[0].data.paygent
      expect(state).toMatchObject({ payment_status: "40", payment_id: paymentId, last_notice: { payment_status: "40" } })
      expect(state.paid_at).toMatch(/^\d{4}-\d{2}-\d{2}T/)
      // The provider now answers "captured" for this payment (its state learnt the status).
      expect(statusFromPaygent("konbini", state)).toBe("captured")

      await sim().control.waitForPushes()
      const notices = await noticesOf(paymentId)
      expect(notices.map((n) => [n.payment_status, n.received_via, n.result])).toEqual([
        ["10", "push", "ignored_same_status"],
        ["40", "push", "paid"],
      ])
      expect(notices.every((n) => n.applied_at)).toBe(true)
      expect(sim().control.listPushes().every((a) => a.ok)).toBe(true)
      // Once the notice is applied (its push answered): the order's transactions hold the capture once, and
      // Medusa's payment.captured went out once for it.
      const transactions = await container()
        .resolve(ContainerRegistrationKeys.PG_CONNECTION)("order_transaction")
        .where({ order_id: orderId })
        .whereNull("deleted_at")
        .select("reference", "reference_id", "amount")
      expect(transactions.map((t: any) => [t.reference, t.reference_id, Number(t.amount)])).toEqual([
        ["capture", order.payments[0].captures[0].id, Number(order.payments[0].amount)],
      ])
      const capturedEvents = emitted.mock.calls
        .flatMap(([messages]) => (Array.isArray(messages) ? messages : [messages]))
        .filter((m: any) => m?.name === "payment.captured")
      emitted.mockRestore()
      expect(capturedEvents.map((m: any) => m.data)).toEqual([{ id: order.payments[0].id }])
    })

    it("refuses forged and malformed notices, applies a duplicate once, and never goes backwards", async () => {
      sim().control.setPush({ enabled: false })
      const { orderId, session } = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      const paymentId = session.data.paygent.payment_id
      sim().control.pay(paymentId)
      const items = recordOf(paymentId, "40")

      const forged = await post(body(items, "0".repeat(64)))
      expect(forged).toEqual({ status: 400, text: "result=1" })
      const tampered = await post(body({ ...items, payment_amount: "1" }, noticeHash(items, TEST_KEYS.noticeHashKey)))
      expect(tampered.text).toBe("result=1")
      const malformed = await post("payment_notice_id=%ZZ&hc=1")
      expect(malformed).toEqual({ status: 400, text: "result=1" })
      const anomalies = (await paygent().listPaygentNoticeAnomalies({})) as any[]
      expect(anomalies.map((a) => a.code).sort()).toEqual(["bad_hash", "bad_hash", "malformed"])
      expect(JSON.stringify(anomalies)).not.toContain(noticeHash(items, TEST_KEYS.noticeHashKey))
      expect(await noticesOf(paymentId)).toHaveLength(0)
      expect((await orderOf(orderId)).payment_status).toBe("awaiting")

      // The genuine notice twice at once (two instances behind a load balancer), then Paygent sending it again (a lost
      // answer): result=0 every time, stored once (unique payment_notice_id), applied once (lock + applied_at).
      const both = await Promise.all([post(body(items)), post(body(items))])
      expect(both).toEqual([
        { status: 200, text: "result=0" },
        { status: 200, text: "result=0" },
      ])
      expect(await post(body(items))).toEqual({ status: 200, text: "result=0" })
      const order = await orderOf(orderId)
      expect(order.payment_status).toBe("captured")
      expect(order.payments).toHaveLength(1)
      expect(order.payments[0].captures).toHaveLength(1)
      const [stored] = await noticesOf(paymentId)
      expect(stored).toMatchObject({ payment_status: "40", result: "paid" })
      expect(stored.received_count).toBeGreaterThanOrEqual(2)
      expect(stored.fields.hc).toBeUndefined()

      // Out of order: Seven-Eleven's 40 arrives before its 速報 43; the 43 must not move the payment back.
      const seven = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C001" })
      const sevenId = seven.session.data.paygent.payment_id
      sim().control.pay(sevenId, { preliminary: true })
      sim().control.pay(sevenId)
      expect((await post(body(recordOf(sevenId, "40")))).text).toBe("result=0")
      expect((await post(body(recordOf(sevenId, "43")))).text).toBe("result=0")
      const sevenOrder = await orderOf(seven.orderId)
      expect(sevenOrder.payment_status).toBe("captured")
      expect(sevenOrder.payments[0].data.paygent.payment_status).toBe("40")
      expect((await noticesOf(sevenId)).map((n) => [n.payment_status, n.result])).toEqual([
        ["40", "paid"],
        ["43", "ignored_backwards"],
      ])
    })

    it("accepts notices only from the allowed source addresses when an allow-list is configured", async () => {
      const service = paygent()
      const original = service.syncOptions.bind(service)
      service.syncOptions = () => ({ ...original(), noticeAllowedIps: ["202.232.189.65"] })
      try {
        const refused = await post("payment_notice_id=1")
        expect(refused).toEqual({ status: 403, text: "result=1" })
        expect(((await service.listPaygentNoticeAnomalies({})) as any[])[0]).toMatchObject({ code: "ip_not_allowed" })
        service.syncOptions = () => ({ ...original(), noticeAllowedIps: ["127.0.0.1", "::1"] })
        expect((await post("payment_notice_id=1")).status).toBe(400)
      } finally {
        service.syncOptions = original
      }
    })

    it("pays ATM (Pay-easy) and net-bank orders from their notices", async () => {
      const atm = await placeOrder(PAYGENT_PROVIDER_IDS.payeasy)
      let started = Date.now()
      sim().control.pay(atm.session.data.paygent.payment_id)
      await waitFor("the ATM order to be paid", paid(atm.orderId))
      lags.push({ path: "ATM push", ms: Date.now() - started })

      const bank = await placeOrder(PAYGENT_PROVIDER_IDS.banknet)
      expect(bank.session.data.paygent.payment_id).toBeUndefined()
      const bankPaymentId = await clickBank(bank.session.data.paygent.instructions.asp_url)
      started = Date.now()
      sim().control.pay(bankPaymentId)
      const order = await waitFor("the net-bank order to be paid", paid(bank.orderId))
      lags.push({ path: "net bank push", ms: Date.now() - started })
      // The payment learnt its payment_id from the notice (there was none before the bank was chosen).
      expect(order.payments[0].data.paygent).toMatchObject({ payment_id: bankPaymentId, payment_status: "40" })
    })

    // ---- expiry, abandonment, late payment ----

    it("cancels konbini and ATM orders that expire (12) on the simulator's clock, releasing their stock", async () => {
      const before = await inventoryLevel()
      const konbini = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      const atm = await placeOrder(PAYGENT_PROVIDER_IDS.payeasy)
      const reserved = await inventoryLevel()
      expect(reserved.reserved).toBe(before.reserved + 2)
      expect(reserved.available).toBe(before.available - 2)

      await sim().control.advanceClock({ days: 8 })
      await sim().control.waitForPushes()
      for (const order of [konbini, atm]) {
        const done = await waitFor("the expired order to be cancelled", canceled(order.orderId))
        expect(done.collection.status).toBe("canceled")
        expect(done.session.status).toBe("canceled")
        expect(done.session.data.paygent.payment_status).toBe("12")
        expect(done.payments).toHaveLength(0)
      }
      expect(await inventoryLevel()).toEqual(before)
      const konbiniNotices = await noticesOf(konbini.session.data.paygent.payment_id)
      expect(konbiniNotices.map((n) => [n.payment_status, n.result])).toContainEqual(["12", "expired_order_canceled"])
    })

    it("cancels an abandoned net-bank order (15) and treats money arriving afterwards as a refund owed", async () => {
      const before = await inventoryLevel()
      const bank = await placeOrder(PAYGENT_PROVIDER_IDS.banknet)
      const bankPaymentId = await clickBank(bank.session.data.paygent.instructions.asp_url)
      // 10 → 15 at 01:00 on the second business day after the click.
      await sim().control.advanceClock({ days: 6 })
      expect(sim().control.getPayment(bankPaymentId)!.payment_status).toBe("15")
      const done = await waitFor("the abandoned order to be cancelled", canceled(bank.orderId))
      expect(done.session.data.paygent).toMatchObject({ payment_status: "15", payment_id: bankPaymentId })
      expect(await inventoryLevel()).toEqual(before)

      // The shopper pays anyway (15 → 40): the order stays cancelled; alert and manual refund.
      sim().control.pay(bankPaymentId)
      await sim().control.waitForPushes()
      const [late] = await waitFor("the late-payment alert", async () => {
        const found = await alerts("paid_after_cancel")
        return found.length ? found : undefined
      })
      expect(late).toMatchObject({ severity: "critical", order_id: bank.orderId, paygent_payment_id: bankPaymentId })
      expect(late.message_ja).toMatch(/キャンセル済みの注文に入金/)
      const refunds = (await paygent().listPaygentManualRefunds({ order_id: bank.orderId })) as any[]
      expect(refunds).toHaveLength(1)
      expect(refunds[0]).toMatchObject({ amount: 3000, reason: "paid_after_cancel", status: "owed", method: "banknet" })
      const after = await orderOf(bank.orderId)
      expect(after.status).toBe("canceled")
      expect(after.payments).toHaveLength(0)

      // The same notice again (a re-sent push) owes nothing more.
      expect((await post(body(recordOf(bankPaymentId, "40")))).text).toBe("result=0")
      expect(await paygent().listPaygentManualRefunds({ order_id: bank.orderId })).toHaveLength(1)
      expect(await alerts("paid_after_cancel")).toHaveLength(1)

      // The merchant sees the alert in the admin and marks it dealt with.
      const { data: open } = await api.get(`/admin/paygent/alerts?resolved=false&order_id=${bank.orderId}`, admin)
      expect(open.alerts.map((a: any) => a.kind)).toContain("paid_after_cancel")
      const { data: resolved } = await api.post(`/admin/paygent/alerts/${late.id}/resolve`, {}, admin)
      expect(resolved.alert.resolved_at).toBeTruthy()
      const { data: still } = await api.get(`/admin/paygent/alerts?resolved=false&order_id=${bank.orderId}`, admin)
      expect(still.alerts.map((a: any) => a.id)).not.toContain(late.id)
    })

    it("cancels a net-bank order whose payment deadline passed without a bank being chosen (094 sweep)", async () => {
      const before = await inventoryLevel()
      const bank = await placeOrder(PAYGENT_PROVIDER_IDS.banknet)
      const deadline = new Date(bank.session.data.paygent.instructions.asp_payment_limit_date)
      expect(Number.isNaN(deadline.getTime())).toBe(false)

      const early = await job()
      expect(early).toMatchObject({ status: "succeeded", expired_checked: 0 })
      expect((await orderOf(bank.orderId)).status).not.toBe("canceled")

      const run = await job({ now: new Date(deadline.getTime() + 7 * 60 * 60 * 1000) })
      expect(run).toMatchObject({ status: "succeeded", expired_checked: 1, reconciled: 1 })
      const done = await orderOf(bank.orderId)
      expect(done.status).toBe("canceled")
      expect(done.session.data.paygent.payment_status).toBe("15")
      expect(await inventoryLevel()).toEqual(before)
    })

    // ---- pull (091) ----

    it("pulls notices whose push was lost, and repairs a gap left by a lost 091 answer", async () => {
      sim().control.setPush({ enabled: false })
      const a = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      const b = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      const first = await job()
      expect(first).toMatchObject({ status: "succeeded", fetched: 2, new_notices: 2, gaps: [] })

      // Notice ids keep counting across the simulator's resets: the third and fourth notice of this test.
      const base = sim().control.listNotices()[0].payment_notice_id - 1
      const id = (n: number) => String(base + n)
      sim().control.pay(a.session.data.paygent.payment_id) // notice 3
      sim().control.pay(b.session.data.paygent.payment_id) // notice 4
      // Paygent marks notice 3 read, then the answer is lost on the way.
      sim().control.addFault({ telegram_kind: "091", mode: "process_then_drop" })
      const started = Date.now()
      const failed = await job()
      expect(failed.status).toBe("failed")
      expect(failed.errors[0].stage).toBe("091")

      const repaired = await job()
      expect(repaired).toMatchObject({ status: "succeeded", gaps: [id(3)], gaps_repaired: 1, lost: [] })
      await waitFor("both orders to be paid", async () => (await paid(a.orderId)()) && (await paid(b.orderId)()))
      lags.push({ path: "konbini pull (after a lost answer)", ms: Date.now() - started })
      const runs = (await paygent().listPaygentSyncRuns({}, { order: { started_at: "ASC" } })) as any[]
      expect(runs.map((r) => r.status)).toEqual(["succeeded", "failed", "succeeded"])
      expect(runs[2]).toMatchObject({ gaps: [id(3)], gaps_repaired: 1, contiguous_through: id(4).padStart(18, "0") })
      expect(runs[2].max_lag_ms).toBeGreaterThanOrEqual(0)
      expect((await noticesOf(a.session.data.paygent.payment_id)).map((n) => n.received_via)).toEqual(["pull", "pull"])
    })

    it("reconciles open payments with 094 after Paygent purged unread notices (success_code 2), with an alert", async () => {
      sim().control.setPush({ enabled: false })
      const a = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      expect((await job()).fetched).toBe(1)
      const second = String(sim().control.listNotices()[0].payment_notice_id + 1)
      sim().control.pay(a.session.data.paygent.payment_id) // notice 2, never read
      expect(sim().control.purgeNotices({ older_than_days: 0 }).purged).toBe(1)
      const b = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" }) // notice 3

      const run = await job()
      expect(run).toMatchObject({ status: "succeeded", purged: true, lost: [second], reconciled: 1 })
      expect((await orderOf(a.orderId)).payment_status).toBe("captured")
      expect((await orderOf(b.orderId)).payment_status).toBe("awaiting")
      const [alert] = await alerts("notices_purged")
      expect(alert).toMatchObject({ severity: "warning" })
      const [reconciled] = (await noticesOf(a.session.data.paygent.payment_id)).filter((n) => n.received_via === "inquiry")
      expect(reconciled).toMatchObject({ payment_notice_id: null, payment_status: "40", result: "paid" })
    })

    it("backs off on 9004 and lets only one run at a time hold the sync lock", async () => {
      sim().control.setPush({ enabled: false })
      await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })

      // Another 091 is in flight at Paygent (another system, or an instance without a shared lock).
      sim().control.setLatency(1500)
      const other = paygent().client("admin").noticeInquiry()
      await new Promise((resolve) => setTimeout(resolve, 200))
      const busy = await job()
      expect(busy.status).toBe("backed_off")
      expect(busy.errors[0]).toMatchObject({ stage: "091_busy", code: "9004" })
      expect(busy.fetched).toBe(0)
      await other
      sim().control.setLatency(0)

      sim().control.addFault({ telegram_kind: "091", mode: "busy" })
      expect((await job()).status).toBe("backed_off")

      // Two runs at once (two instances, or a run outlasting its minute): one runs, the other is skipped.
      const place2 = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      sim().control.pay(place2.session.data.paygent.payment_id)
      // Latency makes the first run outlast the second one's 1 s wait for the lock.
      sim().control.setLatency(600)
      const results = await Promise.all([job(), job()])
      sim().control.setLatency(0)
      expect(results.filter((r) => r?.skipped)).toHaveLength(1)
      expect(results.find((r) => !r?.skipped)).toMatchObject({ status: "succeeded" })
      expect((await orderOf(place2.orderId)).payments[0].captures).toHaveLength(1)
      const stored = (await paygent().listPaygentNotices({})) as any[]
      expect(new Set(stored.map((n) => n.payment_notice_id)).size).toBe(stored.length)
    })

    it("loses nothing when a notice was stored but not applied (a crash), and applies re-deliveries once", async () => {
      sim().control.setPush({ enabled: false })
      const { orderId, session } = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      const paymentId = session.data.paygent.payment_id
      sim().control.pay(paymentId)
      // The receiver stored the notice and the process died before applying it, in the middle of a sync run.
      const { notice } = await storeNotice(paygent(), recordOf(paymentId, "40") as any, "push")
      expect(notice.applied_at).toBeNull()
      expect((await orderOf(orderId)).payment_status).toBe("awaiting")
      const [cut] = await paygent().createPaygentSyncRuns([{ started_at: new Date(), status: "running", trigger: "schedule", instance: "gone:1" }])

      // The next run applies it; the same record then also comes through 091 and the push, once.
      const [run] = await Promise.all([job(), post(body(recordOf(paymentId, "40")))])
      expect(run!.status).toBe("succeeded")
      // The run the crash cut short is closed as interrupted, not left running for ever.
      const closed = await paygent().retrievePaygentSyncRun(cut.id)
      expect(closed).toMatchObject({ status: "interrupted", finished_at: null })
      expect((closed.errors as unknown as any[])[0].message).toContain(`run ${run!.run_id} took over`)
      expect(await paygent().listPaygentSyncRuns({ status: "running" })).toEqual([])
      await post(body(recordOf(paymentId, "40")))
      const order = await orderOf(orderId)
      expect(order.payment_status).toBe("captured")
      expect(order.payments).toHaveLength(1)
      expect(order.payments[0].captures).toHaveLength(1)
      const stored = (await noticesOf(paymentId)).filter((n) => n.payment_status === "40")
      expect(stored).toHaveLength(1)
      expect(stored[0].received_count).toBeGreaterThanOrEqual(3)
      expect(stored[0].result).toBe("paid")
    })

    it("finishes what a crash cut short: the order transaction after Medusa's authorization, a cancel left half-done", async () => {
      sim().control.setPush({ enabled: false })
      const knex = container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const captureTransactions = (orderId: string) =>
        knex("order_transaction").where({ order_id: orderId, reference: "capture" }).whereNull("deleted_at").select("reference_id", "amount")

      // Paid and applied; then the state a kill -9 leaves between Medusa's authorization (payment and capture
      // recorded) and the order transaction of the same workflow: no transaction, the notice not marked applied.
      const paidOrder = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      sim().control.pay(paidOrder.session.data.paygent.payment_id)
      expect((await job()).status).toBe("succeeded")
      const [capture] = (await orderOf(paidOrder.orderId)).payments[0].captures
      expect(await captureTransactions(paidOrder.orderId)).toHaveLength(1)
      await knex("order_transaction").where({ order_id: paidOrder.orderId }).delete()
      const [paidNotice] = (await noticesOf(paidOrder.session.data.paygent.payment_id)).filter((n) => n.payment_status === "40")
      await paygent().updatePaygentNotices({ id: paidNotice.id, applied_at: null, result: null })

      // A cancel cut short after Medusa's cancel workflow opened its credit-line order change, written as Medusa writes
      // it: without created_by (checked below on the change the finished cancel confirms).
      const expiring = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      const orders = container().resolve(Modules.ORDER)
      const left = await orders.createOrderChange({ order_id: expiring.orderId, change_type: "credit_line" } as any)
      sim().control.expire(expiring.session.data.paygent.payment_id)

      expect((await job()).status).toBe("succeeded")
      expect((await captureTransactions(paidOrder.orderId)).map((t: any) => [t.reference_id, Number(t.amount)])).toEqual([[capture.id, 3000]])
      expect((await paygent().retrievePaygentNotice(paidNotice.id)) as any).toMatchObject({ result: "capture_recorded" })
      expect((await orderOf(paidOrder.orderId)).payments[0].captures).toHaveLength(1)

      expect((await orderOf(expiring.orderId)).status).toBe("canceled")
      expect((await orders.retrieveOrderChange(left.id)).status).toBe("canceled")
      const confirmed = (await orders.listOrderChanges({ order_id: expiring.orderId, change_type: "credit_line" } as any)).filter(
        (change: any) => change.id !== left.id
      )
      expect(confirmed.map((change: any) => [change.status, change.created_by ?? null])).toEqual([["confirmed", null]])

      // Nothing more on the next run.
      expect((await job()).status).toBe("succeeded")
      expect(await captureTransactions(paidOrder.orderId)).toHaveLength(1)
    })

    // ---- card and konbini changes ----

    it("records card changes made outside Medusa and flags the capture deadline; 33 raises an alert", async () => {
      const { orderId } = await placeOrder(PAYGENT_PROVIDER_IDS.card, await cardData())
      const [payment] = (await orderOf(orderId)).payments
      expect(payment.data.paygent.payment_status).toBe("20")
      const authorizedAt = new Date(payment.data.paygent.authorized_at)

      expect((await job({ now: new Date(authorizedAt.getTime() + 20 * 86_400_000) })).status).toBe("succeeded")
      expect(await alerts("capture_deadline_near")).toHaveLength(0)
      await job({ now: new Date(authorizedAt.getTime() + 55 * 86_400_000) })
      await job({ now: new Date(authorizedAt.getTime() + 56 * 86_400_000) })
      const near = await alerts("capture_deadline_near")
      expect(near).toHaveLength(1)
      expect(near[0]).toMatchObject({ medusa_payment_id: payment.id })

      // Paygent's batch expires the authorization (20 → 33) 60 days later.
      await sim().control.advanceClock({ days: 61 })
      await sim().control.waitForPushes()
      const expired = await waitFor("the authorization expiry alert", async () => {
        const found = await alerts("authorization_expired")
        return found.length ? found : undefined
      })
      expect(expired[0]).toMatchObject({ severity: "warning", medusa_payment_id: payment.id })
      const after = (await orderOf(orderId)).payments[0]
      expect(after.data.paygent).toMatchObject({ payment_status: "33", last_notice: { payment_status: "33" } })
    })

    it("marks the checkout's own card authorization notice (20) applied without the apply workflow; a console change (32) goes through it", async () => {
      // The workflow's plan step reads the stored notice; the decision made before the workflow does not.
      const readByWorkflow = jest.spyOn(paygent(), "retrievePaygentNotice")
      try {
        const { orderId, session } = await placeOrder(PAYGENT_PROVIDER_IDS.card, await cardData())
        const paymentId = session.data.paygent.payment_id as string
        await sim().control.waitForPushes()
        const [authorized] = await noticesOf(paymentId)
        expect(authorized).toMatchObject({ payment_type: "02", payment_status: "20", received_via: "push", apply_attempts: 1 })
        expect(authorized.applied_at).toBeTruthy()
        // Which of the two depends on whether the notice or the completion's authorization came first.
        expect(["ignored_same_status", "ignored_no_medusa_payment"]).toContain(authorized.result)
        expect(readByWorkflow.mock.calls.map(([id]) => id)).not.toContain(authorized.id)
        expect((await orderOf(orderId)).payments[0].data.paygent.payment_status).toBe("20")

        // The same payment cancelled in Paygent's console (32): the workflow records it on the payment.
        const cancelled = { ...recordOf(paymentId, "20"), payment_status: "32", payment_notice_id: String(Date.now()).slice(-9) }
        expect((await post(body(cancelled))).status).toBe(200)
        const notices = await noticesOf(paymentId)
        expect(notices.map((n) => [n.payment_status, n.result])).toEqual([
          ["20", authorized.result],
          ["32", "recorded"],
        ])
        expect(readByWorkflow.mock.calls.map(([id]) => id)).toContain(notices[1].id)
        expect((await orderOf(orderId)).payments[0].data.paygent).toMatchObject({ payment_status: "32", last_notice: { payment_status: "32" } })
      } finally {
        readByWorkflow.mockRestore()
      }
    })

    it("alerts when a konbini 速報 payment is withdrawn (61) after the order was marked paid", async () => {
      const { orderId, session } = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C001" })
      const paymentId = session.data.paygent.payment_id
      sim().control.pay(paymentId, { preliminary: true })
      await waitFor("the preliminary payment to count as paid", paid(orderId))
      sim().control.cancelPreliminary(paymentId)
      const [alert] = await waitFor("the 速報取消 alert", async () => {
        const found = await alerts("preliminary_cancelled")
        return found.length ? found : undefined
      })
      expect(alert).toMatchObject({ severity: "critical", order_id: orderId, paygent_payment_id: paymentId })
      const order = await orderOf(orderId)
      expect(order.payments[0].data.paygent.payment_status).toBe("61")
    })

    it("lists payment sessions stuck in 決済処理中 with their reason", async () => {
      const cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await cardData())
      const konbiniCart = await shopper.cart()
      await shopper.pay(konbiniCart.id, PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })

      expect((await job()).stale).toEqual([])
      const later = await job({ now: new Date(Date.now() + 2 * 60 * 60 * 1000) })
      const reasons = Object.fromEntries(later!.stale.map((s) => [s.cart_id, s.reason]))
      expect(reasons).toEqual({ [cart.id]: "card_entry_abandoned", [konbiniCart.id]: "checkout_abandoned" })
      const [run] = (await paygent().listPaygentSyncRuns({}, { order: { started_at: "DESC" }, take: 1 })) as any[]
      expect(run.stale_sessions).toHaveLength(2)
      // The scheduler's call does nothing while syncEnabled is off (as in this repository's tests).
      expect(await paygentSyncJob(container(), { scheduledFor: new Date() })).toBeUndefined()
      // The admin's view: the runs, and a run started by hand.
      const { data: manual } = await api.post("/admin/paygent/sync", {}, admin)
      expect(manual.run).toMatchObject({ status: "succeeded" })
      const { data: view } = await api.get("/admin/paygent/sync", admin)
      expect(view.runs[0]).toMatchObject({ trigger: "manual", status: "succeeded" })
      expect(view.runs.length).toBe(3)
      expect((await api.get("/admin/paygent/sync", { validateStatus: () => true })).status).toBe(401)
      // Listing does not cancel (cancelStaleSessions is off by default).
      expect((await shopper.session(cart.id, PAYGENT_PROVIDER_IDS.card)).status).toBe("pending")
      expect((await payments().listPaymentSessions({ id: later!.stale.map((s) => s.session_id) })).length).toBe(2)
    })

    it("cancels stale sessions when configured: the unused net-bank order (stock released) and the carts' sessions", async () => {
      const before = await inventoryLevel()
      const bank = await placeOrder(PAYGENT_PROVIDER_IDS.banknet)
      const cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await cardData())
      const service = paygent()
      const original = service.syncOptions.bind(service)
      service.syncOptions = () => ({ ...original(), cancelStaleSessions: true })
      try {
        const run = await job({ now: new Date(Date.now() + 2 * 60 * 60 * 1000) })
        expect(run.stale.map((s) => s.reason).sort()).toEqual(["bank_screen_not_used", "card_entry_abandoned"])
      } finally {
        service.syncOptions = original
      }
      const order = await orderOf(bank.orderId)
      expect(order.status).toBe("canceled")
      expect(order.session.data.paygent.payment_status).toBe("15")
      expect(await inventoryLevel()).toEqual(before)
      expect(await shopper.session(cart.id, PAYGENT_PROVIDER_IDS.card)).toBeUndefined()
    })
  },
})
