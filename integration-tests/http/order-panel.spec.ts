import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createAdminUser } from "../helpers/admin-auth"
import { explainAxiosErrors } from "../helpers/api-errors"
import { BUYER, cardTokenData, TEST_CARDS } from "../helpers/card-token"
import { settled } from "../helpers/order-changes"
import { withPaygentSimulator } from "../helpers/paygent-app"
import { PAYGENT_PROVIDER_IDS, seedJapaneseStore, SeededStore } from "../helpers/seed-store"
import { Shopper } from "../helpers/shopper"

jest.setTimeout(240 * 1000)

// The order panel (GET /admin/paygent/orders/:id, the widget's data): every payment attempt of the order, live or
// ended, with why it ended, read from the plugin's ledger — also once Medusa has cancelled the order.
const { sim } = withPaygentSimulator({ PAYGENT_3DS_MODE: "disabled" })

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: { authorization: string } }
    let shopper: Shopper

    beforeAll(async () => {
      explainAxiosErrors(api)
      store = await seedJapaneseStore(getContainer())
      admin = (await createAdminUser(api, getContainer())).headers
    })

    beforeEach(() => {
      shopper = new Shopper(api, store)
      sim().control.reset()
      sim().control.setPush({ url: `${api.defaults.baseURL}/paygent/notice`, enabled: true, paused: false })
    })

    afterEach(async () => {
      await sim().control.waitForPushes(15_000)
    })

    async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>): Promise<T> {
      for (let i = 0; i < 300; i++) {
        const value = await probe()
        if (value) return value
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      throw new Error(`timed out waiting for ${what}`)
    }

    async function placeOrder(provider: string, data: Record<string, unknown>): Promise<string> {
      const cart = await shopper.cart()
      await shopper.pay(cart.id, provider, data)
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      return completed.order.id
    }

    const panel = async (orderId: string) => (await api.get(`/admin/paygent/orders/${orderId}`, admin)).data
    const notices = async (orderId: string) => (await api.get(`/admin/paygent/inbox/notices?order_id=${orderId}`, admin)).data.notices

    async function orderStatus(orderId: string): Promise<string> {
      const { data } = await api.get(`/admin/orders/${orderId}?fields=id,status`, admin)
      return data.order.status
    }

    it("an expired konbini order Medusa cancelled still shows its payment, the numbers the shopper had, and why it ended", async () => {
      const orderId = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C001" })
      await sim().control.waitForPushes()
      await sim().control.advanceClock({ days: 8 })
      await sim().control.waitForPushes()
      await waitFor("the expired order to be cancelled", async () => (await orderStatus(orderId)) === "canceled")

      const view = await panel(orderId)
      expect(view.order.status).toBe("canceled")
      expect(view.payments).toHaveLength(1)
      const [payment] = view.payments
      expect(payment).toMatchObject({ method: "konbini", status: { code: "12" }, ended: { code: "expired" }, mismatch: false })
      expect(payment.ended.label.ja).toBe("支払期限切れ")
      expect(payment.ended.detail.ja).toMatch(/注文はキャンセルされました/)
      // Seven-Eleven: the shopper saw a 払込票番号, and so does the merchant.
      expect(payment.instruction_numbers[0]).toMatchObject({ key: "receipt_number", label: { ja: "払込票番号" } })
      expect(payment.instruction_numbers[0].value).toBe(payment.instructions.receipt_number)
      // The ledger: the application (030) sent at checkout, before the order existed.
      expect(view.telegrams.map((t: any) => t.telegram_kind)).toContain("030")
      // The timeline's notices: the creation (10) and the expiry (12) that cancelled the order.
      const results = (await notices(orderId)).map((n: any) => [n.payment_status, n.result])
      expect(results).toContainEqual(["12", "expired_order_canceled"])
    })

    it("a cancelled card order and a refunded one show their payment, ended, with the telegram that ended it", async () => {
      const cancelled = await placeOrder(PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim()))
      await api.post(`/admin/orders/${cancelled}/cancel`, {}, admin)
      const voided = await panel(cancelled)
      expect(voided.payments).toHaveLength(1)
      expect(voided.payments[0]).toMatchObject({ status: { code: "32" }, ended: { code: "cancelled" } })
      expect(voided.telegrams.map((t: any) => t.telegram_kind)).toEqual(["021", "020"])

      const refunded = await placeOrder(PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim()))
      const paymentId = (await panel(refunded)).payments[0].medusa_payment_id
      await api.post(`/admin/payments/${paymentId}/capture`, {}, admin)
      await api.post(`/admin/payments/${paymentId}/refund`, {}, admin)
      const view = await panel(refunded)
      expect(view.payments[0]).toMatchObject({ status: { code: "60" }, ended: { code: "refunded" } })
      expect(view.payments[0].ended.detail.ja).toMatch(/売上取消/)
      expect(view.telegrams.map((t: any) => t.telegram_kind)).toEqual(["023", "022", "020"])
      // Nothing to do on an ended payment: the widget offers no capture, no cancel.
      expect(view.payments[0].amount_at_paygent).toBe(0)
    })

    it("a declined card attempt stays in the panel beside the payment that went through", async () => {
      const cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim(), TEST_CARDS.declined1G12))
      expect((await shopper.complete(cart.id)).type).toBe("cart")
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim()))
      const orderId = (await shopper.complete(cart.id)).order.id
      const view = await panel(orderId)
      expect(view.payments.map((p: any) => [p.status.code, p.ended?.code ?? null])).toEqual([
        ["20", null],
        ["11", "declined"],
      ])
      expect(view.payments[1].ended.detail.ja).toMatch(/1G12/)
      expect(view.telegrams.filter((t: any) => t.telegram_kind === "020")).toHaveLength(2)
    })

    it("Medusa's own capture button does what the panel's 売上 does: one 022 each, the same ledger and the same records", async () => {
      const viaMedusa = await placeOrder(PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim()))
      const viaPanel = await placeOrder(PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim()))
      const medusaPayment = (await panel(viaMedusa)).payments[0].medusa_payment_id
      const clicks = await settled([
        api.post(`/admin/payments/${medusaPayment}/capture`, {}, admin),
        api.post(`/admin/payments/${medusaPayment}/capture`, {}, admin),
      ])
      expect(clicks.map((c) => c.status).sort()).toEqual([200, 400])
      await api.post(`/admin/paygent/orders/${viaPanel}/capture`, {}, admin)

      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const rowsOf = async (orderId: string) =>
        (await pg.raw("select * from paygent_telegram where telegram_kind = '022' and order_id = ?", [orderId])).rows as any[]
      const [a, b] = [await rowsOf(viaMedusa), await rowsOf(viaPanel)]
      expect(a).toHaveLength(1)
      expect(b).toHaveLength(1)
      const shape = (row: any) => ({ kind: row.telegram_kind, operation: row.operation, source: row.source, outcome: row.outcome, amount: row.amount })
      expect(shape(a[0])).toEqual(shape(b[0]))
      expect(a[0].medusa_payment_id).toBe(medusaPayment)
      expect(sim().control.listTelegrams().filter((t: any) => t.telegram_kind === "022")).toHaveLength(2)

      for (const orderId of [viaMedusa, viaPanel]) {
        const view = await panel(orderId)
        expect(view.payments[0]).toMatchObject({ status: { code: "40" }, ended: null, medusa: { captured: 3000 }, mismatch: false })
        expect(view.telegrams.map((t: any) => t.telegram_kind)).toEqual(["022", "020"])
        const { data } = await api.get(`/admin/orders/${orderId}?fields=id,payment_status,summary`, admin)
        expect(data.order.payment_status).toBe("captured")
      }
    })
  },
})
