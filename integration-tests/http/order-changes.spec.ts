import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import paygentSyncJob from "../../src/jobs/paygent-sync"
import { createAdminUser } from "../helpers/admin-auth"
import { explainAxiosErrors } from "../helpers/api-errors"
import { BUYER, cardTokenData } from "../helpers/card-token"
import { OrderChanges, settled } from "../helpers/order-changes"
import { withPaygentSimulator } from "../helpers/paygent-app"
import { addStockedProducts, DEMO_PRODUCTS, PAYGENT_PROVIDER_IDS, seedJapaneseStore, SeededStore } from "../helpers/seed-store"
import { JP_ADDRESS } from "../helpers/shopper"

jest.setTimeout(240 * 1000)

// Exchanges, claims and returns (交換・クレーム・返品) of Paygent orders through Medusa's own admin API. The order of
// every test: a 急須 (¥4,800) and a 手ぬぐい (¥1,200), ¥6,000, free shipping, fulfilled. Medusa's own confirmation
// would void a card authorization (021) and ask for the whole total again; the plugin settles the payment instead.
const { sim } = withPaygentSimulator({ PAYGENT_3DS_MODE: "disabled" })

const CARD = PAYGENT_PROVIDER_IDS.card
const KONBINI = PAYGENT_PROVIDER_IDS.konbini

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: { authorization: string } }
    let changes: OrderChanges
    let kyusu: string
    let tenugui: string
    let noticeUrl: string

    beforeAll(async () => {
      explainAxiosErrors(api)
      store = await seedJapaneseStore(getContainer())
      const demo = await addStockedProducts(getContainer(), store, DEMO_PRODUCTS)
      kyusu = demo.find((p) => p.handle === "kyusu-teapot")!.variantId
      tenugui = demo.find((p) => p.handle === "tenugui")!.variantId
      admin = (await createAdminUser(api, getContainer())).headers
      changes = new OrderChanges(api, admin)
      noticeUrl = `${api.defaults.baseURL}/paygent/notice`
    })

    beforeEach(() => {
      sim().control.reset()
      sim().control.setPush({ url: noticeUrl, enabled: true, paused: false })
    })

    afterEach(async () => {
      await sim().control.waitForPushes(15_000)
    })

    const storeHeaders = () => ({ headers: { "x-publishable-api-key": store.publishableKey } })

    /** A fulfilled order of a 急須 and a 手ぬぐい (¥6,000), paid with `provider`. */
    async function placeOrder(provider: string): Promise<string> {
      const { data } = await api.post(
        "/store/carts",
        {
          region_id: store.regionId,
          sales_channel_id: store.salesChannelId,
          email: "taro@example.jp",
          items: [
            { variant_id: kyusu, quantity: 1 },
            { variant_id: tenugui, quantity: 1 },
          ],
          shipping_address: JP_ADDRESS,
          billing_address: JP_ADDRESS,
        },
        storeHeaders()
      )
      const cartId = data.cart.id
      await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: store.shippingOptionId }, storeHeaders())
      const collection = (await api.post("/store/payment-collections", { cart_id: cartId }, storeHeaders())).data.payment_collection
      const sessionData = provider === CARD ? await cardTokenData(sim()) : { ...BUYER, cvs_company_id: "00C002" }
      await api.post(`/store/payment-collections/${collection.id}/payment-sessions`, { provider_id: provider, data: sessionData }, storeHeaders())
      const completed = (await api.post(`/store/carts/${cartId}/complete`, {}, storeHeaders())).data
      expect(completed.type).toBe("order")
      await changes.fulfillAll(completed.order.id, store.stockLocationId)
      return completed.order.id
    }

    async function orderOf(orderId: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: [
          "id",
          "total",
          "summary",
          "items.id",
          "items.title",
          "payment_collections.id",
          "payment_collections.status",
          "payment_collections.amount",
          "payment_collections.authorized_amount",
          "payment_collections.captured_amount",
          "payment_collections.refunded_amount",
          "payment_collections.payments.*",
          "payment_collections.payments.captures.*",
          "payment_collections.payments.refunds.*",
          "payment_collections.payment_sessions.*",
        ],
        filters: { id: orderId },
      })
      return data[0] as any
    }

    const itemOf = (order: any, title: string) => order.items.find((item: any) => item.title.startsWith(title)).id

    /** The collection holding the order's first Paygent payment, and that payment. */
    async function paygentPaymentOf(orderId: string, provider: string = CARD) {
      const order = await orderOf(orderId)
      const collection = order.payment_collections.find((c: any) => c.payments.some((p: any) => p.provider_id === provider))
      return { order, collection, payment: collection?.payments.find((p: any) => p.provider_id === provider) }
    }

    function sent(kind: string) {
      return sim()
        .control.listTelegrams()
        .filter((t: any) => t.telegram_kind === kind)
    }

    /** What money moves the simulator saw, in order (the checkout's 020 / 030 included). */
    const moneyTelegrams = () =>
      sim()
        .control.listTelegrams()
        .map((t: any) => t.telegram_kind)
        .filter((kind: string) => ["020", "021", "022", "023", "028", "029", "030"].includes(kind))

    /**
     * Paygent's state at the simulator equals Medusa's: the card payment Medusa holds is the one Paygent holds, for
     * the amount Medusa expects (authorized amount before capture, captured less refunded after).
     */
    async function expectPaygentAgrees(orderId: string) {
      const { payment } = await paygentPaymentOf(orderId)
      const state = payment.data.paygent
      const atPaygent = sim().control.getPayment(state.payment_id)!
      const sum = (rows: any[]) => rows.reduce((total, row) => total + Number(row.amount), 0)
      const captured = sum(payment.captures)
      const refunded = sum(payment.refunds)
      if (payment.canceled_at) {
        expect(atPaygent.payment_status).toBe("32")
      } else if (captured > 0 && captured === refunded) {
        expect(atPaygent.payment_status).toBe("60")
      } else if (captured > 0) {
        expect(atPaygent).toMatchObject({ payment_status: "40", payment_amount: captured - refunded })
      } else {
        expect(atPaygent).toMatchObject({ payment_status: "20", payment_amount: Number(payment.amount) })
      }
      expect(state.payment_status).toBe(atPaygent.payment_status)
      if (["20", "40"].includes(atPaygent.payment_status)) {
        expect(state.amount).toBe(atPaygent.payment_amount)
      }
      return { payment, atPaygent }
    }

    /** Two identical clicks at once: exactly one is answered 200, the other refused with a 4xx (never a 500). */
    async function doubleClick(confirm: () => Promise<any>) {
      const [first, second] = await settled([confirm(), confirm()])
      const ok = [first, second].filter((r) => r.status === 200)
      const refused = [first, second].filter((r) => r.status !== 200)
      expect(ok).toHaveLength(1)
      expect(refused).toHaveLength(1)
      expect(refused[0].status).toBeGreaterThanOrEqual(400)
      expect(refused[0].status).toBeLessThan(500)
      return ok[0].data
    }

    async function payKonbini(orderId: string) {
      const { order } = await paygentPaymentOf(orderId, KONBINI)
      const session = order.payment_collections[0].payment_sessions[0]
      sim().control.pay(session.data.paygent.payment_id)
      await sim().control.waitForPushes()
      for (let i = 0; i < 100; i++) {
        const { payment } = await paygentPaymentOf(orderId, KONBINI)
        if (payment?.captured_at) {
          return payment
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      throw new Error("the konbini order was not paid")
    }

    it("card, authorized — an exchange that lowers the total: one 028 to the new total under a double click, never a void", async () => {
      const orderId = await placeOrder(CARD)
      const before = await paygentPaymentOf(orderId)
      const oldId = before.payment.data.paygent.payment_id
      // Back: the 急須 (¥4,800); out: a 手ぬぐい (¥1,200). The customer now owes ¥2,400.
      const exchange = await changes.exchange(orderId, [{ id: itemOf(before.order, "急須"), quantity: 1 }], [{ variant_id: tenugui, quantity: 1 }])
      const body = await doubleClick(exchange.confirm)

      expect(body.exchange.id).toBe(exchange.exchangeId)
      expect(body.paygent).toMatchObject({ kind: "exchange", action: "change_authorization", previous_total: 6000, new_total: 2400, paygent_amount: 2400, difference: 0 })
      expect(body.paygent.change).toMatchObject({ status: "changed", telegram: "028", previous_paygent_payment_id: oldId })
      expect(body.paygent.message.ja).toMatch(/補正オーソリ/)
      expect(sent("028")).toHaveLength(1)
      expect(sent("021")).toHaveLength(0)
      expect(await sim().control.getPayment(oldId)).toMatchObject({ payment_status: "32" })

      const after = await paygentPaymentOf(orderId)
      expect(after.order.payment_collections).toHaveLength(1)
      expect(after.collection).toMatchObject({ id: before.collection.id, status: "authorized", amount: 2400, authorized_amount: 2400 })
      expect(after.payment).toMatchObject({ id: before.payment.id, amount: 2400, canceled_at: null })
      expect(Number(after.order.summary.pending_difference)).toBe(2400)
      await expectPaygentAgrees(orderId)
      // The panel compares Paygent with what the customer owes (the 急須 on its way back no longer counts).
      const { data: view } = await api.get(`/admin/paygent/orders/${orderId}`, admin)
      expect(view.order.total).toBe(2400)
      expect(view.payments[0]).toMatchObject({ amount_at_paygent: 2400, mismatch: false, differs_from_order_total: false, ended: null })

      // The exchange is confirmed in Medusa (its return is requested), once.
      const { data } = await api.get(`/admin/exchanges/${exchange.exchangeId}`, admin)
      expect(data.exchange.return_id).toBeTruthy()
      const { data: ret } = await api.get(`/admin/returns/${data.exchange.return_id}`, admin)
      expect(ret.return.status).toBe("requested")
    })

    it("card, authorized — an exchange that raises the total keeps the authorization and leaves a payment for the difference the storefront collects", async () => {
      const orderId = await placeOrder(CARD)
      const before = await paygentPaymentOf(orderId)
      const paygentId = before.payment.data.paygent.payment_id
      // Back: the 手ぬぐい (¥1,200); out: a 急須 (¥4,800). The customer now owes ¥9,600: ¥3,600 more.
      const exchange = await changes.exchange(orderId, [{ id: itemOf(before.order, "手ぬぐい"), quantity: 1 }], [{ variant_id: kyusu, quantity: 1 }])
      const body = await doubleClick(exchange.confirm)
      expect(body.paygent).toMatchObject({ action: "collect_difference", new_total: 9600, paygent_amount: 6000, difference: 3600 })
      expect(body.paygent.message.ja).toMatch(/差額/)
      expect(moneyTelegrams()).toEqual(["020"])

      const after = await orderOf(orderId)
      expect(after.payment_collections).toHaveLength(2)
      const original = after.payment_collections.find((c: any) => c.id === before.collection.id)
      expect(original).toMatchObject({ status: "authorized", amount: 6000 })
      const difference = after.payment_collections.find((c: any) => c.id !== before.collection.id)
      expect(difference).toMatchObject({ id: body.paygent.difference_payment_collection_id, status: "not_paid", amount: 3600 })
      await expectPaygentAgrees(orderId)

      // The storefront collects it: a card session on the new collection (Medusa's store API), then the plugin's
      // authorization of it, clicked twice at once: one 020 for ¥3,600.
      const { data: created } = await api.post(
        `/store/payment-collections/${difference.id}/payment-sessions`,
        { provider_id: CARD, data: await cardTokenData(sim()) },
        storeHeaders()
      )
      const session = created.payment_collection.payment_sessions.find((s: any) => s.provider_id === CARD)
      expect(session.amount).toBe(3600)
      const authorize = () => api.post(`/store/paygent/payment-collections/${difference.id}/authorize`, { payment_session_id: session.id }, storeHeaders())
      const results = await settled([authorize(), authorize()])
      expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1)
      expect(results.every((r) => r.status < 500)).toBe(true)
      expect(moneyTelegrams()).toEqual(["020", "020"])
      expect(sent("020")[1].params.payment_amount).toBe("3600")

      const paid = await orderOf(orderId)
      const collected = paid.payment_collections.find((c: any) => c.id === difference.id)
      expect(collected).toMatchObject({ status: "authorized", authorized_amount: 3600 })
      expect(collected.payments).toHaveLength(1)
      const newPaygentId = collected.payments[0].data.paygent.payment_id
      expect(sim().control.getPayment(newPaygentId)).toMatchObject({ payment_status: "20", payment_amount: 3600 })
      expect(sim().control.getPayment(paygentId)).toMatchObject({ payment_status: "20", payment_amount: 6000 })

      // A cart's collection is not paid this way.
      const refused = await api
        .post(`/store/paygent/payment-collections/${before.collection.id}/authorize`, { payment_session_id: session.id }, storeHeaders())
        .catch((e: any) => e.response)
      expect(refused.status).toBe(400)
    })

    it("card, authorized — a claim replacing an item with the same item sends nothing and asks for nothing", async () => {
      const orderId = await placeOrder(CARD)
      const before = await paygentPaymentOf(orderId)
      const claim = await changes.claim(orderId, "replace", [{ id: itemOf(before.order, "急須"), quantity: 1 }], [{ variant_id: kyusu, quantity: 1 }])
      const body = await doubleClick(claim.confirm)
      expect(body.claim.id).toBe(claim.claimId)
      expect(body.paygent).toMatchObject({ kind: "claim", action: "none", new_total: 6000, paygent_amount: 6000, difference: 0 })
      expect(moneyTelegrams()).toEqual(["020"])
      const after = await orderOf(orderId)
      expect(after.payment_collections).toHaveLength(1)
      expect(after.payment_collections[0]).toMatchObject({ status: "authorized", amount: 6000 })
      await expectPaygentAgrees(orderId)
    })

    it("card, authorized — a return changes nothing when requested, 028 when received (once), and 021 when everything came back", async () => {
      const orderId = await placeOrder(CARD)
      const before = await paygentPaymentOf(orderId)
      const ret = await changes.requestReturn(orderId, [{ id: itemOf(before.order, "手ぬぐい"), quantity: 1 }], store.stockLocationId)
      const requested = await doubleClick(ret.confirm)
      expect(requested.return.status).toBe("requested")
      expect(requested.paygent).toMatchObject({ kind: "return_request", action: "none", paygent_amount: 6000 })
      expect(requested.paygent.message.ja).toMatch(/受領/)
      expect(moneyTelegrams()).toEqual(["020"])
      expect((await orderOf(orderId)).payment_collections[0]).toMatchObject({ status: "authorized", amount: 6000 })

      const receive = await changes.receiveReturn(ret.returnId, [{ id: itemOf(before.order, "手ぬぐい"), quantity: 1 }])
      const received = await doubleClick(receive.confirm)
      expect(received.return.status).toBe("received")
      expect(received.paygent).toMatchObject({ kind: "return_receive", action: "change_authorization", new_total: 4800, paygent_amount: 4800 })
      expect(moneyTelegrams()).toEqual(["020", "028"])
      const after = await expectPaygentAgrees(orderId)
      expect(after.payment.amount).toBe(4800)

      // The rest comes back too: nothing is left to pay, the authorization is cancelled (021), once.
      const rest = await changes.requestReturn(orderId, [{ id: itemOf(before.order, "急須"), quantity: 1 }], store.stockLocationId)
      await rest.confirm()
      const last = await changes.receiveReturn(rest.returnId, [{ id: itemOf(before.order, "急須"), quantity: 1 }])
      const all = await doubleClick(last.confirm)
      expect(all.paygent).toMatchObject({ action: "cancel_authorization", new_total: 0, paygent_amount: 0 })
      expect(all.paygent.change).toMatchObject({ telegram: "021" })
      expect(moneyTelegrams()).toEqual(["020", "028", "021"])
      const closed = await paygentPaymentOf(orderId)
      expect(closed.payment.canceled_at).toBeTruthy()
      expect(closed.collection.status).toBe("canceled")
      await expectPaygentAgrees(orderId)
    })

    it("card, captured — a return refunds the difference with 029 once, a lower exchange with 029, a return of the rest with 023", async () => {
      const orderId = await placeOrder(CARD)
      const before = await paygentPaymentOf(orderId)
      await api.post(`/admin/payments/${before.payment.id}/capture`, {}, admin)
      expect(moneyTelegrams()).toEqual(["020", "022"])

      const ret = await changes.requestReturn(orderId, [{ id: itemOf(before.order, "手ぬぐい"), quantity: 1 }], store.stockLocationId)
      await ret.confirm()
      const receive = await changes.receiveReturn(ret.returnId, [{ id: itemOf(before.order, "手ぬぐい"), quantity: 1 }])
      const received = await doubleClick(receive.confirm)
      expect(received.paygent).toMatchObject({ action: "change_sales", new_total: 4800, paygent_amount: 4800 })
      expect(received.paygent.refund_id).toBeTruthy()
      expect(moneyTelegrams()).toEqual(["020", "022", "029"])
      let state = await expectPaygentAgrees(orderId)
      expect(state.payment.refunds.map((r: any) => Number(r.amount))).toEqual([1200])
      expect(Number((await orderOf(orderId)).summary.pending_difference)).toBe(0)

      // Exchange: the 急須 back, a 手ぬぐい out, shipped (¥1,200 is owed now, ¥4,800 held): 029 down to ¥1,200.
      const exchange = await changes.exchange(
        orderId,
        [{ id: itemOf(before.order, "急須"), quantity: 1 }],
        [{ variant_id: tenugui, quantity: 1 }],
        store.shippingOptionId
      )
      const exchanged = await doubleClick(exchange.confirm)
      expect(exchanged.paygent).toMatchObject({ action: "change_sales", new_total: 1200, paygent_amount: 1200 })
      expect(moneyTelegrams()).toEqual(["020", "022", "029", "029"])
      state = await expectPaygentAgrees(orderId)
      expect(state.payment.refunds.map((r: any) => Number(r.amount)).sort()).toEqual([1200, 3600])

      // The 急須 arrives (already settled at the exchange: nothing sent), then the new 手ぬぐい comes back too: 023.
      const exchangeReturn = (await api.get(`/admin/exchanges/${exchange.exchangeId}`, admin)).data.exchange.return_id
      const arrived = await changes.receiveReturn(exchangeReturn, [{ id: itemOf(before.order, "急須"), quantity: 1 }])
      const arrivedBody = (await arrived.confirm()).data
      expect(arrivedBody.paygent).toMatchObject({ action: "none", paygent_amount: 1200 })
      expect(moneyTelegrams()).toEqual(["020", "022", "029", "029"])
      await changes.fulfillAll(orderId, store.stockLocationId)
      const order = await orderOf(orderId)
      const newItem = order.items.find((item: any) => item.title.startsWith("手ぬぐい") && item.id !== itemOf(before.order, "手ぬぐい"))
      const last = await changes.requestReturn(orderId, [{ id: newItem.id, quantity: 1 }], store.stockLocationId)
      await last.confirm()
      const lastReceive = await changes.receiveReturn(last.returnId, [{ id: newItem.id, quantity: 1 }])
      const all = (await lastReceive.confirm()).data
      expect(all.paygent).toMatchObject({ action: "change_sales", new_total: 0, paygent_amount: 0 })
      expect(all.paygent.change.telegram).toBe("023")
      expect(moneyTelegrams()).toEqual(["020", "022", "029", "029", "023"])
      await expectPaygentAgrees(orderId)
    })

    it("card, partially captured — a return refunds from what was captured (029); an order cancelled after a partial capture gets one 023", async () => {
      const orderId = await placeOrder(CARD)
      const before = await paygentPaymentOf(orderId)
      // ¥5,000 of ¥6,000 captured (029): Paygent holds ¥5,000, the rest of the authorization is released.
      await api.post(`/admin/payments/${before.payment.id}/capture`, { amount: 5000 }, admin)
      const ret = await changes.requestReturn(orderId, [{ id: itemOf(before.order, "手ぬぐい"), quantity: 1 }], store.stockLocationId)
      await ret.confirm()
      const receive = await changes.receiveReturn(ret.returnId, [{ id: itemOf(before.order, "手ぬぐい"), quantity: 1 }])
      const received = await doubleClick(receive.confirm)
      // ¥4,800 is owed, ¥5,000 captured: ¥200 back.
      expect(received.paygent).toMatchObject({ action: "change_sales", new_total: 4800, paygent_amount: 4800 })
      expect(moneyTelegrams()).toEqual(["020", "029", "029"])
      const after = await expectPaygentAgrees(orderId)
      expect(after.payment.refunds.map((r: any) => Number(r.amount))).toEqual([200])

      // Another order, ¥5,000 captured of ¥6,000 and not shipped, cancelled with Medusa's own button: one 023 of
      // what Paygent holds, nothing voided.
      const { data } = await api.post(
        "/store/carts",
        {
          region_id: store.regionId,
          sales_channel_id: store.salesChannelId,
          email: "taro@example.jp",
          items: [{ variant_id: kyusu, quantity: 1 }, { variant_id: tenugui, quantity: 1 }],
          shipping_address: JP_ADDRESS,
          billing_address: JP_ADDRESS,
        },
        storeHeaders()
      )
      await api.post(`/store/carts/${data.cart.id}/shipping-methods`, { option_id: store.shippingOptionId }, storeHeaders())
      const collection = (await api.post("/store/payment-collections", { cart_id: data.cart.id }, storeHeaders())).data.payment_collection
      await api.post(`/store/payment-collections/${collection.id}/payment-sessions`, { provider_id: CARD, data: await cardTokenData(sim()) }, storeHeaders())
      const second = (await api.post(`/store/carts/${data.cart.id}/complete`, {}, storeHeaders())).data.order.id
      const secondPayment = (await paygentPaymentOf(second)).payment
      await api.post(`/admin/payments/${secondPayment.id}/capture`, { amount: 5000 }, admin)
      const telegramsBefore = moneyTelegrams().length
      const [a, b] = await settled([api.post(`/admin/orders/${second}/cancel`, {}, admin), api.post(`/admin/orders/${second}/cancel`, {}, admin)])
      expect([a.status, b.status]).toContain(200)
      expect(moneyTelegrams().slice(telegramsBefore)).toEqual(["023"])
      const cancelled = await paygentPaymentOf(second)
      expect(cancelled.payment.refunds.map((r: any) => Number(r.amount))).toEqual([5000])
      expect(sim().control.getPayment(cancelled.payment.data.paygent.payment_id)).toMatchObject({ payment_status: "60" })
      await expectPaygentAgrees(second)
    })

    it("a 028 whose answer was lost during an exchange: the change stands, and the sync job confirms its new payment id from the notices", async () => {
      sim().control.setPush({ enabled: false })
      const orderId = await placeOrder(CARD)
      const before = await paygentPaymentOf(orderId)
      const oldId = before.payment.data.paygent.payment_id
      sim().control.addFault({ telegram_kind: "028", mode: "process_then_drop" })
      const exchange = await changes.exchange(orderId, [{ id: itemOf(before.order, "急須"), quantity: 1 }], [{ variant_id: tenugui, quantity: 1 }])
      const body = (await exchange.confirm()).data
      expect(body.paygent.change).toMatchObject({ status: "pending_payment_id", telegram: "028", amount: 2400 })
      expect(sent("028")).toHaveLength(1)
      const pending = (await paygentPaymentOf(orderId)).payment
      expect(pending.amount).toBe(2400)
      expect(pending.data.paygent.change_pending).toMatchObject({ telegram: "028", base_payment_id: oldId, amount: 2400 })

      // The sync job pulls the notices (091): the new payment (20, ¥2,400, same trading id) resolves the change; the
      // old one's cancel (32) is what the change did.
      await paygentSyncJob(getContainer())
      const fresh = sim()
        .control.listPayments({ trading_id: pending.data.paygent.trading_id })
        .find((p: any) => p.payment_id !== oldId)!
      const resolved = (await paygentPaymentOf(orderId)).payment.data.paygent
      expect(resolved).toMatchObject({ payment_id: fresh.payment_id, payment_status: "20", amount: 2400, previous_payment_ids: [oldId] })
      expect(resolved.change_pending).toBeNull()
      expect(resolved.attention).toBeNull()
      expect(sent("028")).toHaveLength(1)
      await expectPaygentAgrees(orderId)
      // Said in the order's timeline: the notice that resolved it, and the one of the replaced payment.
      const { data } = await api.get(`/admin/paygent/inbox/notices?order_id=${orderId}`, admin)
      const results = data.notices.map((n: any) => [n.paygent_payment_id, n.payment_status, n.result])
      expect(results).toContainEqual([fresh.payment_id, "20", "pending_change_resolved"])
      expect(results).toContainEqual([oldId, "32", "ignored_changed_payment"])
      // The new payment is the one captured afterwards.
      await api.post(`/admin/payments/${before.payment.id}/capture`, {}, admin)
      expect(sim().control.getPayment(fresh.payment_id)).toMatchObject({ payment_status: "40", payment_amount: 2400 })
    })

    it("konbini, paid — a return owes a manual refund (in the inbox), an exchange that raises the total asks for the difference", async () => {
      const orderId = await placeOrder(KONBINI)
      const paid = await payKonbini(orderId)
      const before = await orderOf(orderId)
      const ret = await changes.requestReturn(orderId, [{ id: itemOf(before, "手ぬぐい"), quantity: 1 }], store.stockLocationId)
      await ret.confirm()
      const receive = await changes.receiveReturn(ret.returnId, [{ id: itemOf(before, "手ぬぐい"), quantity: 1 }])
      const received = await doubleClick(receive.confirm)
      expect(received.paygent).toMatchObject({ action: "manual_refund", new_total: 4800, paygent_amount: 4800 })
      expect(received.paygent.message.ja).toMatch(/手動返金/)
      // Nothing can be sent for a konbini payment: Medusa's refund, and the money owed by hand, once.
      expect(moneyTelegrams()).toEqual(["030"])
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await pg.raw("select * from paygent_manual_refund where deleted_at is null")
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ order_id: orderId, medusa_payment_id: paid.id, reason: "no_api_refund", status: "owed" })
      expect(Number(rows[0].amount)).toBe(1200)
      const { data: inbox } = await api.get("/admin/paygent/inbox", admin)
      expect(JSON.stringify(inbox)).toContain(rows[0].id)
      const refunded = await paygentPaymentOf(orderId, KONBINI)
      expect(refunded.payment.refunds.map((r: any) => Number(r.amount))).toEqual([1200])

      // An exchange that raises the total: a payment for the difference, nothing sent.
      const exchange = await changes.exchange(orderId, [{ id: itemOf(before, "急須"), quantity: 1 }], [{ variant_id: kyusu, quantity: 2 }])
      const exchanged = await doubleClick(exchange.confirm)
      expect(exchanged.paygent).toMatchObject({ action: "collect_difference", new_total: 9600, paygent_amount: 4800, difference: 4800 })
      const after = await orderOf(orderId)
      expect(after.payment_collections.find((c: any) => c.id === exchanged.paygent.difference_payment_collection_id)).toMatchObject({
        status: "not_paid",
        amount: 4800,
      })
      expect(moneyTelegrams()).toEqual(["030"])
    })

    it("konbini, waiting for payment — an exchange or a return that changes the amount is refused with the reason; nothing changes", async () => {
      const orderId = await placeOrder(KONBINI)
      const before = await orderOf(orderId)
      const exchange = await changes.exchange(orderId, [{ id: itemOf(before, "急須"), quantity: 1 }], [{ variant_id: tenugui, quantity: 1 }])
      const refused = await exchange.confirm().catch((e: any) => e.response)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/払込番号/)
      expect(refused.data.message).toMatch(/入金を待って/)
      expect(refused.data.message).toMatch(/Wait until it is paid/)
      const after = await orderOf(orderId)
      expect(after.payment_collections).toHaveLength(1)
      expect(after.payment_collections[0]).toMatchObject({ status: "awaiting", amount: 6000 })
      const { data } = await api.get(`/admin/exchanges/${exchange.exchangeId}?fields=id,order_change.status,canceled_at`, admin)
      expect(data.exchange.canceled_at).toBeFalsy()
      expect(moneyTelegrams()).toEqual(["030"])

      // The same exchange, same price both ways, changes nothing: Medusa's own confirmation takes it.
      await api.delete(`/admin/exchanges/${exchange.exchangeId}/request`, admin)
      const even = await changes.exchange(orderId, [{ id: itemOf(before, "急須"), quantity: 1 }], [{ variant_id: kyusu, quantity: 1 }])
      const { data: confirmed } = await even.confirm()
      expect(confirmed.paygent).toBeUndefined()
      expect((await orderOf(orderId)).payment_collections[0]).toMatchObject({ status: "awaiting", amount: 6000 })
    })

    it("hands an order paid with another provider to Medusa's own confirmation", async () => {
      const orderId = await placeOrder("pp_system_default")
      const before = await orderOf(orderId)
      const exchange = await changes.exchange(orderId, [{ id: itemOf(before, "急須"), quantity: 1 }], [{ variant_id: tenugui, quantity: 1 }])
      const { data } = await exchange.confirm()
      expect(data.paygent).toBeUndefined()
      const after = await orderOf(orderId)
      expect(after.payment_collections.find((c: any) => c.id === before.payment_collections[0].id).status).toBe("canceled")
      expect(moneyTelegrams()).toEqual([])
    })
  },
})
