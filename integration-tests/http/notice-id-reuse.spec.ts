import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { getOrderDetailWorkflow } from "@medusajs/medusa/core-flows"
import { PAYGENT_MODULE } from "../../src/modules/paygent"
import type PaygentModuleService from "../../src/modules/paygent/service"
import { encodeRequestBody } from "../../src/paygent/codec"
import { noticeHash } from "../../src/paygent/hash"
import { BUYER } from "../helpers/card-token"
import { explainAxiosErrors } from "../helpers/api-errors"
import { TEST_KEYS, withPaygentSimulator } from "../helpers/paygent-app"
import { PAYGENT_PROVIDER_IDS, seedJapaneseStore, SeededStore } from "../helpers/seed-store"
import { Shopper } from "../helpers/shopper"
import { waitFor } from "../helpers/wait-for"

jest.setTimeout(240 * 1000)

/**
 * The simulator restarted without its state (as a merchant trying the plugin does): its notice ids start at 1 again
 * while the app already stored notices 1 and 2. The app must not take the new notices for duplicates: they are
 * alerted, confirmed with Paygent (094) and applied — and a replayed id with a status Paygent does not confirm
 * changes nothing. The restarted simulator keeps its certificates, so the app's TLS handshake goes on working.
 */
const { sim, restart } = withPaygentSimulator({ PAYGENT_3DS_MODE: "disabled" })

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let noticeUrl: string
    const container = (): MedusaContainer => getContainer()
    const paygent = () => container().resolve<PaygentModuleService>(PAYGENT_MODULE)

    beforeAll(async () => {
      explainAxiosErrors(api)
      store = await seedJapaneseStore(container())
      noticeUrl = `${api.defaults.baseURL}/paygent/notice`
    })

    async function konbiniOrder() {
      const shopper = new Shopper(api, store)
      const cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C005" })
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const order = await orderOf(completed.order.id)
      return { orderId: completed.order.id as string, paymentId: order.session.data.paygent.payment_id as string }
    }

    async function orderOf(orderId: string) {
      const { result } = await getOrderDetailWorkflow(container()).run({
        input: { order_id: orderId, fields: ["id", "status", "payment_collections.payment_sessions.*", "payment_collections.payments.*"] },
      })
      const order = result as any
      return { payment_status: order.payment_status as string, session: order.payment_collections[0].payment_sessions[0] }
    }

    const paid = (orderId: string) => async () => (await orderOf(orderId)).payment_status === "captured"

    async function post(items: Record<string, string>) {
      const body = encodeRequestBody([...Object.entries(items), ["hc", noticeHash(items, TEST_KEYS.noticeHashKey)]], "Windows-31J")
      const response = await fetch(noticeUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded; charset=Windows-31J" },
        body: new Uint8Array(body),
      })
      return { status: response.status, text: await response.text() }
    }

    const stored = async (filters: Record<string, unknown>) =>
      (await paygent().listPaygentNotices(filters as never, { order: { received_at: "ASC" } })) as any[]
    const reuseAlerts = async () => (await paygent().listPaygentAlerts({ kind: "notice_id_reused" }, { order: { created_at: "ASC" } })) as any[]

    it("applies, after Paygent confirms them, new notices that reuse ids of a restarted simulator, and alerts each one", async () => {
      sim().control.setPush({ url: noticeUrl, enabled: true, paused: false })
      const first = await konbiniOrder()
      sim().control.pay(first.paymentId)
      await waitFor("the first order to be paid", paid(first.orderId))
      await sim().control.waitForPushes(15_000)
      const before = await stored({ paygent_payment_id: first.paymentId })
      expect(before.map((n) => [Number(n.payment_notice_id), n.payment_status])).toEqual([
        [1, "10"],
        [2, "40"],
      ])

      // Restarted without --state-file: notices are numbered from 1 again; the certificates are the same.
      await restart()
      sim().control.setPush({ url: noticeUrl, enabled: true, paused: false })
      const second = await konbiniOrder()
      sim().control.pay(second.paymentId)
      await waitFor("the second order to be paid", paid(second.orderId))
      await sim().control.waitForPushes(15_000)
      expect(sim().control.listNotices().map((n) => [n.payment_notice_id, n.push.state])).toEqual([
        [1, "delivered"],
        [2, "delivered"],
      ])

      // Applied through statuses confirmed by 094; the first order's notices are left as they were.
      expect((await stored({ paygent_payment_id: second.paymentId })).map((n) => [n.payment_notice_id, n.received_via, n.payment_status])).toEqual([
        [null, "inquiry", "10"],
        [null, "inquiry", "40"],
      ])
      expect((await stored({ paygent_payment_id: first.paymentId })).map((n) => [n.id, n.payment_status])).toEqual(before.map((n) => [n.id, n.payment_status]))
      const alerts = await reuseAlerts()
      expect(alerts.map((a) => [a.severity, a.trading_id, a.paygent_payment_id, a.data.verification])).toEqual([
        ["critical", expect.any(String), second.paymentId, "confirmed"],
        ["critical", expect.any(String), second.paymentId, "confirmed"],
      ])
      expect(alerts[1].message_ja).toContain("差分通知ID 2 が以前と異なる内容で届きました")
      expect(alerts[1].message_en).toContain("The payment inquiry (094) confirmed the new content, and it was applied.")
      const anomalies = (await paygent().listPaygentNoticeAnomalies({ code: "reused_notice_id" })) as any[]
      expect(anomalies.map((a) => [a.payment_notice_id, a.head, a.fields])).toEqual([
        ["000000000000000001", expect.stringContaining(`payment_id=${second.paymentId}`), null],
        ["000000000000000002", expect.stringContaining(`payment_id=${second.paymentId}`), null],
      ])

      // Paygent re-sending the same notice: answered, nothing new (no second alert, anomaly or application).
      const again = sim().control.listNotices()[1].items
      expect(await post(again)).toEqual({ status: 200, text: "result=0" })
      expect(await reuseAlerts()).toHaveLength(2)
      expect((await paygent().listPaygentNoticeAnomalies({ code: "reused_notice_id" })) as any[]).toHaveLength(2)
      expect(await stored({ paygent_payment_id: second.paymentId })).toHaveLength(2)

      // A replay of id 2 with another status (hc does not cover the status): alerted, Paygent says 40, nothing applied.
      const third = await konbiniOrder()
      const replay = { ...again, payment_id: third.paymentId, trading_id: sim().control.getPayment(third.paymentId)!.trading_id, payment_status: "40" }
      expect(await post(replay)).toEqual({ status: 200, text: "result=0" })
      const last = (await reuseAlerts())[2]
      expect(last.data.verification).toBe("not_confirmed")
      expect(last.message_en).toContain("reports status 10, so the new content was not applied")
      expect((await orderOf(third.orderId)).payment_status).not.toBe("captured")
      expect(sim().control.getPayment(third.paymentId)!.payment_status).toBe("10")
    })
  },
})
