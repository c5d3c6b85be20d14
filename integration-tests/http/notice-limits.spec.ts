import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import paygentSyncJob from "../../src/jobs/paygent-sync"
import { PAYGENT_MODULE } from "../../src/modules/paygent"
import type PaygentModuleService from "../../src/modules/paygent/service"
import { encodeRequestBody } from "../../src/paygent/codec"
import { noticeHash } from "../../src/paygent/hash"
import { createAdminUser } from "../helpers/admin-auth"
import { explainAxiosErrors } from "../helpers/api-errors"
import { TEST_KEYS, withPaygentSimulator } from "../helpers/paygent-app"
import { PAYGENT_PROVIDER_IDS, seedJapaneseStore, SeededStore } from "../helpers/seed-store"
import { Shopper } from "../helpers/shopper"
import { BUYER } from "../helpers/card-token"

jest.setTimeout(240 * 1000)

// Issue #15, findings 3 and 4: the notice URL is open to the internet, so what a refused notice stores must stay
// bounded, and one signed notice with an absurd payment_notice_id must not make the gap repair run forever.
const { sim } = withPaygentSimulator({ PAYGENT_3DS_MODE: "disabled" })

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: { authorization: string } }
    let noticeUrl: string
    const container = (): MedusaContainer => getContainer()
    const paygent = () => container().resolve<PaygentModuleService>(PAYGENT_MODULE)
    const job = async () => (await paygentSyncJob(container()))!

    beforeAll(async () => {
      explainAxiosErrors(api)
      store = await seedJapaneseStore(container())
      admin = (await createAdminUser(api, container())).headers
      noticeUrl = `${api.defaults.baseURL}/paygent/notice`
    })

    beforeEach(() => {
      sim().control.reset()
      sim().control.setPush({ enabled: false })
    })

    async function sql(text: string, params: unknown[] = []): Promise<any[]> {
      const pg = container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      return (await pg.raw(text, params as any)).rows
    }

    /** Bytes the refused notices take: their rows and the counts, with indexes and TOAST. */
    async function anomalyBytes(): Promise<number> {
      const [row] = await sql(
        "select pg_total_relation_size('paygent_notice_anomaly') + pg_total_relation_size('paygent_notice_anomaly_count') as bytes"
      )
      return Number(row.bytes)
    }

    async function post(raw: Buffer | string) {
      const response = await fetch(noticeUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded; charset=Windows-31J" },
        body: typeof raw === "string" ? raw : new Uint8Array(raw),
      })
      return { status: response.status, text: await response.text() }
    }

    function signed(items: Record<string, string>): Buffer {
      return encodeRequestBody([...Object.entries(items), ["hc", noticeHash(items, TEST_KEYS.noticeHashKey)]], "Windows-31J")
    }

    async function konbiniOrder() {
      const shopper = new Shopper(api, store)
      const cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const [session] = await sql(
        `select ps.data from payment_session ps join order_payment_collection opc on opc.payment_collection_id = ps.payment_collection_id
          where opc.order_id = ?`,
        [completed.order.id]
      )
      return session.data.paygent.payment_id as string
    }

    /** The simulator's notice record for a payment and status, as Paygent would push it. */
    function recordOf(paymentId: string, status: string): Record<string, string> {
      const notice = sim()
        .control.listNotices()
        .find((n) => n.payment_id === paymentId && n.items.payment_status === status)
      if (!notice) throw new Error(`no notice ${status} for ${paymentId}`)
      return notice.items
    }

    function byIdInquiries(fromSeq: number) {
      return sim()
        .control.listTelegrams()
        .filter((t: any) => t.seq > fromSeq && t.telegram_kind === "091" && t.params.payment_notice_id)
    }

    function lastSeq(): number {
      const log = sim().control.listTelegrams()
      return log.length ? log[log.length - 1].seq : 0
    }

    it("a flood of 300 refused 63 KB notices stays bounded (digest, first bytes, a count per source), and a genuine notice still gets through", async () => {
      const paymentId = await konbiniOrder()
      sim().control.pay(paymentId)
      const genuine = recordOf(paymentId, "40")
      const before = await anomalyBytes()

      const filler = "A".repeat(63 * 1024)
      const large = Buffer.from(`payment_notice_id=1&payment_id=1&trading_id=x&payment_type=03&payment_amount=1&hc=${"0".repeat(64)}&x=${filler}`)
      // The genuine hc over another amount: a bad hash.
      const genuineHc = noticeHash(genuine, TEST_KEYS.noticeHashKey)
      const small = encodeRequestBody([...Object.entries({ ...genuine, payment_amount: "1" }), ["hc", genuineHc]], "Windows-31J")
      const statuses = new Map<number, number>()
      const started = Date.now()
      for (let i = 0; i < 300; i++) {
        const reply = await post(i % 2 ? large : Buffer.concat([small, Buffer.from(`&pad=${i}`)]))
        expect(reply.text).toBe("result=1")
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1)
        if (i === 150) {
          // In the middle of the flood, from the same address: Paygent's own notice is accepted and applied.
          expect(await post(signed(genuine))).toEqual({ status: 200, text: "result=0" })
        }
      }
      // A body too large is refused without reading it (413); a bad hash 400; past the source's limit 429. Never a 5xx.
      expect([...statuses.keys()].every((status) => [400, 413, 429].includes(status))).toBe(true)
      expect(statuses.get(429)).toBeGreaterThan(200)

      const windows = Math.ceil((Date.now() - started) / 60_000)
      await job() // adds what was answered 429 without a write to the counts
      const after = await anomalyBytes()
      // eslint-disable-next-line no-console
      console.log(`notice flood: 300 refused notices (150 × 63 KB, 150 small), anomaly tables ${before} → ${after} bytes (+${after - before})`)
      expect(after - before).toBeLessThan(256 * 1024)
      const rows = await sql("select code, digest, head, fields, body_bytes, source_ip from paygent_notice_anomaly")
      // A few rows per source and minute (5), however many refusals.
      expect(rows.length).toBeGreaterThan(0)
      expect(rows.length).toBeLessThanOrEqual(5 * windows)
      for (const row of rows) {
        expect(row.fields).toBeNull()
        if (row.code === "too_large") {
          // Refused on its declared length, before a byte of it was read.
          expect(row).toMatchObject({ digest: null, head: null })
          expect(row.body_bytes).toBeGreaterThan(63 * 1024)
        } else {
          expect(row.digest).toMatch(/^[0-9a-f]{64}$/)
          expect(row.head.length).toBeLessThanOrEqual(220)
          expect(row.head).not.toContain(genuineHc)
        }
      }
      expect(new Set(rows.map((row) => row.code))).toEqual(new Set(["too_large", "bad_hash"]))
      const counts = await sql("select source, code, count, rows from paygent_notice_anomaly_count")
      expect(counts.reduce((sum, c) => sum + Number(c.count), 0)).toBe(300)
      expect(new Set(counts.map((c) => c.source))).toEqual(new Set(["127.0.0.1"]))
      expect(counts.reduce((sum, c) => sum + Number(c.rows), 0)).toBe(rows.length)
      // The refusals are visible to the merchant per source and reason.
      const { data } = await api.get("/admin/paygent/sync", admin)
      expect(data.notice_refusals.map((c: any) => c.source)).toContain("127.0.0.1")

      const [order] = await sql("select count(*)::int as n from paygent_notice where paygent_payment_id = ? and payment_status = '40' and applied_at is not null", [
        paymentId,
      ])
      expect(order.n).toBe(1)
    })

    it("one signed notice with an absurd id raises one alert and sends no 091 for the ids below it", async () => {
      const paymentId = await konbiniOrder()
      expect((await job()).status).toBe("succeeded") // notice 1 (the application) pulled: the sequence starts
      const current = BigInt(recordOf(paymentId, "10").payment_notice_id)
      const absurd = (current + 1_000_000n).toString()
      const forged = { ...recordOf(paymentId, "10"), payment_notice_id: absurd }
      expect(await post(signed(forged))).toEqual({ status: 200, text: "result=0" })

      const from = lastSeq()
      const first = await job()
      const second = await job()
      expect(byIdInquiries(from)).toHaveLength(0)
      expect(sim().control.listTelegrams().filter((t: any) => t.seq > from && t.telegram_kind === "094")).toHaveLength(0)
      for (const run of [first, second]) {
        expect(run).toMatchObject({ status: "succeeded", implausible_ids: [absurd], repair_telegrams: 0, gaps: [], lost: [] })
      }
      const alerts = await sql("select * from paygent_alert where kind = 'notice_id_implausible'")
      expect(alerts).toHaveLength(1)
      expect(alerts[0]).toMatchObject({ severity: "critical", paygent_payment_id: paymentId })
      expect(alerts[0].message_en).toMatch(/cannot have issued it/)
      const { data } = await api.get("/admin/paygent/sync", admin)
      expect(data.runs[0]).toMatchObject({ implausible_ids: [absurd], repair_telegrams: 0, repair_capped: false })
    })

    it("caps the gap repair's 091 per run, shows it in the sync panel, and finishes over the next runs", async () => {
      const service = paygent()
      const original = service.syncOptions.bind(service)
      service.syncOptions = () => ({ ...original(), maxGapFetchesPerRun: 10 })
      try {
        const paymentId = await konbiniOrder()
        expect((await job()).status).toBe("succeeded")
        const current = BigInt(recordOf(paymentId, "10").payment_notice_id)
        // A plausible jump (25 ids Paygent may have made): each missing id is asked for, at most 10 per run.
        const ahead = { ...recordOf(paymentId, "10"), payment_notice_id: (current + 26n).toString() }
        expect((await post(signed(ahead))).text).toBe("result=0")

        const runs = []
        for (let i = 0; i < 3; i++) {
          const from = lastSeq()
          const run = await job()
          expect(byIdInquiries(from).length).toBeLessThanOrEqual(10)
          runs.push(run)
        }
        expect(runs.map((r) => [r.repair_telegrams, r.repair_capped, r.gaps_remaining])).toEqual([
          [10, true, 15],
          [10, true, 5],
          [5, false, 0],
        ])
        const { data } = await api.get("/admin/paygent/sync", admin)
        expect(data.limits.gap_fetches_per_run).toBe(10)
        expect(data.runs[1]).toMatchObject({ repair_telegrams: 10, repair_capped: true, gaps_remaining: 5 })
      } finally {
        service.syncOptions = original
      }
    })
  },
})
