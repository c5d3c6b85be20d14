import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createAdminUser } from "../helpers/admin-auth"
import { explainAxiosErrors } from "../helpers/api-errors"
import { BUYER, cardTokenData } from "../helpers/card-token"
import { withPaygentSimulator } from "../helpers/paygent-app"
import { PAYGENT_PROVIDER_IDS, seedJapaneseStore, SeededStore } from "../helpers/seed-store"
import { Shopper } from "../helpers/shopper"

jest.setTimeout(180 * 1000)

// Amount changes of Paygent payments: オーソリ変更 (028), 売上変更 (029), order edits (受注編集) of card orders, and
// why konbini orders cannot change. The matcha of the seed costs ¥3,000; shipping is free.
const { sim } = withPaygentSimulator({ PAYGENT_3DS_MODE: "disabled" })

const VISA = "4923000000001111"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: { authorization: string } }

    beforeAll(async () => {
      explainAxiosErrors(api)
      store = await seedJapaneseStore(getContainer())
      admin = (await createAdminUser(api, getContainer())).headers
    })

    // Medusa's database is reset before every test; Paygent's side too, so telegram counts are per test.
    beforeEach(async () => {
      await sim().control.reset()
    })

    /** A placed order of `quantity` matcha, paid with the given provider. */
    async function placeOrder(quantity: number, provider: string = PAYGENT_PROVIDER_IDS.card): Promise<string> {
      const shopper = new Shopper(api, store)
      const cart = await shopper.cart({ quantity })
      const data =
        provider === PAYGENT_PROVIDER_IDS.card
          ? await cardTokenData(sim(), VISA)
          : provider === PAYGENT_PROVIDER_IDS.konbini
            ? { ...BUYER, cvs_company_id: "00C002" }
            : {}
      await shopper.pay(cart.id, provider, data)
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      return completed.order.id
    }

    async function orderOf(orderId: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: [
          "id",
          "total",
          "items.id",
          "items.quantity",
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

    /** The order's (first) card payment. */
    async function cardPaymentOf(orderId: string) {
      const order = await orderOf(orderId)
      const collection = order.payment_collections.find((c: any) =>
        c.payments.some((p: any) => p.provider_id === PAYGENT_PROVIDER_IDS.card)
      )
      return { order, collection, payment: collection.payments.find((p: any) => p.provider_id === PAYGENT_PROVIDER_IDS.card) }
    }

    function sent(kind: string) {
      return sim()
        .control.listTelegrams()
        .filter((t: any) => t.telegram_kind === kind)
    }

    /** An admin order edit setting the (only) line item's quantity, up to the request; returns the confirm call. */
    async function editQuantity(orderId: string, quantity: number) {
      const order = await orderOf(orderId)
      await api.post("/admin/order-edits", { order_id: orderId }, admin)
      await api.post(`/admin/order-edits/${orderId}/items/item/${order.items[0].id}`, { quantity }, admin)
      await api.post(`/admin/order-edits/${orderId}/request`, {}, admin)
      return () => api.post(`/admin/order-edits/${orderId}/confirm`, {}, admin)
    }

    it("order edit lowering an authorized card order: 028 on the same authorization, no new payment asked", async () => {
      const orderId = await placeOrder(2)
      const before = await cardPaymentOf(orderId)
      const oldId = before.payment.data.paygent.payment_id
      const tradingId = before.payment.data.paygent.trading_id
      expect(before.payment.amount).toBe(6000)

      const confirm = await editQuantity(orderId, 1)
      const { data } = await confirm()

      expect(data.order_preview.total).toBe(3000)
      expect(data.paygent).toMatchObject({ action: "change_authorization", previous_total: 6000, new_total: 3000, paygent_amount: 3000 })
      expect(data.paygent.change).toMatchObject({ status: "changed", telegram: "028", previous_paygent_payment_id: oldId })
      const newId = data.paygent.change.paygent_payment_id
      expect(newId).not.toBe(oldId)
      expect(data.paygent.message.ja).toMatch(/補正オーソリ/)
      expect(data.paygent.message.en).toMatch(/not asked to pay again/)

      // At Paygent: the old payment cancelled by the change (32), the new one authorized for the new amount (20).
      expect(await sim().control.getPayment(oldId)).toMatchObject({ payment_status: "32", payment_amount: 6000 })
      expect(await sim().control.getPayment(newId)).toMatchObject({ payment_status: "20", payment_amount: 3000, trading_id: tradingId })
      expect(sent("028")).toHaveLength(1)
      expect(sent("021")).toHaveLength(0)

      // In Medusa: the same collection and payment, authorized for the new total; nothing new for the customer.
      const after = await cardPaymentOf(orderId)
      expect(Number(after.order.total)).toBe(3000)
      expect(after.order.payment_collections).toHaveLength(1)
      expect(after.collection).toMatchObject({ id: before.collection.id, status: "authorized", amount: 3000, authorized_amount: 3000 })
      expect(after.payment).toMatchObject({ id: before.payment.id, amount: 3000, canceled_at: null })
      expect(after.payment.data.paygent).toMatchObject({
        payment_id: newId,
        payment_status: "20",
        amount: 3000,
        previous_payment_ids: [oldId],
      })
      expect(after.collection.payment_sessions[0].amount).toBe(3000)

      // The ledger has the 028 under the order and the payment.
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await pg.raw("select * from paygent_telegram where telegram_kind = '028'")
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ outcome: "success", order_id: orderId, medusa_payment_id: before.payment.id, paygent_payment_id: newId })

      // Medusa's own capture then captures the new payment for the new amount.
      await api.post(`/admin/payments/${after.payment.id}/capture`, {}, admin)
      expect(await sim().control.getPayment(newId)).toMatchObject({ payment_status: "40", payment_amount: 3000 })
      const captured = await cardPaymentOf(orderId)
      expect(captured.collection).toMatchObject({ status: "completed", captured_amount: 3000 })
    })

    it("order edit lowering a captured card order: 029 and a refund of the difference recorded in Medusa", async () => {
      const orderId = await placeOrder(2)
      const before = await cardPaymentOf(orderId)
      await api.post(`/admin/payments/${before.payment.id}/capture`, {}, admin)
      const oldId = before.payment.data.paygent.payment_id
      expect(await sim().control.getPayment(oldId)).toMatchObject({ payment_status: "40" })

      const confirm = await editQuantity(orderId, 1)
      const { data } = await confirm()
      expect(data.paygent).toMatchObject({ action: "change_sales", new_total: 3000, paygent_amount: 3000 })
      expect(data.paygent.change).toMatchObject({ status: "changed", telegram: "029" })
      const newId = data.paygent.change.paygent_payment_id

      expect(sent("029")).toHaveLength(1)
      expect(await sim().control.getPayment(oldId)).toMatchObject({ payment_status: "60" })
      expect(await sim().control.getPayment(newId)).toMatchObject({ payment_status: "40", payment_amount: 3000 })

      const after = await cardPaymentOf(orderId)
      expect(Number(after.order.total)).toBe(3000)
      expect(after.payment.refunds.map((r: any) => r.amount)).toEqual([3000])
      expect(data.paygent.change.refund_id).toBe(after.payment.refunds[0].id)
      expect(after.collection).toMatchObject({ refunded_amount: 3000, captured_amount: 6000 })
      expect(after.payment.data.paygent).toMatchObject({ payment_id: newId, payment_status: "40", amount: 3000 })
      expect(after.order.payment_collections).toHaveLength(1)
    })

    it("order edit raising a card order: keeps the authorization and asks only for the difference", async () => {
      const orderId = await placeOrder(1)
      const before = await cardPaymentOf(orderId)
      const paygentId = before.payment.data.paygent.payment_id

      const confirm = await editQuantity(orderId, 3)
      const { data } = await confirm()
      expect(data.paygent).toMatchObject({ action: "collect_difference", new_total: 9000, paygent_amount: 3000, difference: 6000 })
      expect(data.paygent.message.ja).toMatch(/差額/)
      expect(data.paygent.message.en).toMatch(/Paygent cannot raise/)

      // Paygent: the authorization is intact; nothing was sent.
      expect(await sim().control.getPayment(paygentId)).toMatchObject({ payment_status: "20", payment_amount: 3000 })
      expect([...sent("021"), ...sent("028"), ...sent("029")]).toHaveLength(0)

      const after = await orderOf(orderId)
      expect(Number(after.total)).toBe(9000)
      const original = after.payment_collections.find((c: any) => c.id === before.collection.id)
      expect(original).toMatchObject({ status: "authorized", amount: 3000 })
      expect(original.payments[0]).toMatchObject({ canceled_at: null, amount: 3000 })
      const difference = after.payment_collections.find((c: any) => c.id !== before.collection.id)
      expect(difference).toMatchObject({ id: data.paygent.difference_payment_collection_id, status: "not_paid", amount: 6000 })

      // A second edit down to 2 items (¥6,000): the unpaid difference shrinks to ¥3,000, Paygent untouched.
      const again = await editQuantity(orderId, 2)
      const { data: second } = await again()
      expect(second.paygent).toMatchObject({ action: "collect_difference", difference: 3000, difference_payment_collection_id: difference.id })
      expect((await orderOf(orderId)).payment_collections.find((c: any) => c.id === difference.id).amount).toBe(3000)
      expect(sent("028")).toHaveLength(0)

      // Back to 1 item (¥3,000): Paygent holds it all, the unpaid difference is no longer needed.
      const back = await editQuantity(orderId, 1)
      const { data: third } = await back()
      expect(third.paygent).toMatchObject({ action: "none", difference: 0, paygent_amount: 3000 })
      const final = await orderOf(orderId)
      expect(final.payment_collections.find((c: any) => c.id === difference.id).status).toBe("canceled")
      expect(final.payment_collections.find((c: any) => c.id === before.collection.id)).toMatchObject({ status: "authorized", amount: 3000 })
      expect(await sim().control.getPayment(paygentId)).toMatchObject({ payment_status: "20", payment_amount: 3000 })
    })

    it("refuses an amount change of an unpaid konbini order, with the reason", async () => {
      const orderId = await placeOrder(2, PAYGENT_PROVIDER_IDS.konbini)
      const confirm = await editQuantity(orderId, 1)
      const error = await confirm().catch((e: any) => e.response)
      expect(error.status).toBe(400)
      expect(error.data.message).toMatch(/払込番号/)
      expect(error.data.message).toMatch(/再注文/)
      expect(error.data.message).toMatch(/payment numbers for the original amount/)
      expect(error.data.message).toMatch(/Cancel the order/)
      // Nothing changed: the edit is still pending, the order keeps its total and its collection its amount.
      const order = await orderOf(orderId)
      expect(Number(order.total)).toBe(6000)
      expect(order.payment_collections[0]).toMatchObject({ status: "awaiting", amount: 6000 })

      const preview = await api.post(`/admin/paygent/orders/${orderId}/change-amount?preview=true`, { amount: 3000 }, admin)
      expect(preview.data.plan).toMatchObject({ allowed: false, code: "paygent_async_method" })
    })

    it("hands an order paid with another provider (pp_system_default) to Medusa's own confirmation", async () => {
      const orderId = await placeOrder(2, "pp_system_default")
      const before = await orderOf(orderId)
      const confirm = await editQuantity(orderId, 1)
      const { data } = await confirm()
      expect(data.paygent).toBeUndefined()
      expect(data.order_preview.total).toBe(3000)
      // Medusa's behaviour: the authorized collection is cancelled and a new one asks for the new total.
      const after = await orderOf(orderId)
      const original = after.payment_collections.find((c: any) => c.id === before.payment_collections[0].id)
      expect(original.status).toBe("canceled")
      expect(after.payment_collections.find((c: any) => c.id !== original.id)).toMatchObject({ status: "not_paid", amount: 3000 })
      expect(sim().control.listTelegrams().filter((t: any) => ["021", "028", "029"].includes(t.telegram_kind))).toHaveLength(0)
    })

    it("change-amount route: preview says what will be sent, the run sends 028 once", async () => {
      const orderId = await placeOrder(2)
      const { payment } = await cardPaymentOf(orderId)
      const oldId = payment.data.paygent.payment_id
      const telegramsBefore = sim().control.listTelegrams().length

      const { data: preview } = await api.post(`/admin/paygent/orders/${orderId}/change-amount?preview=true`, { amount: 4000 }, admin)
      expect(preview.preview).toBe(true)
      expect(preview.plan).toMatchObject({
        allowed: true,
        telegram: "028",
        action: "change_authorization",
        current_amount: 6000,
        new_amount: 4000,
        paygent_payment_id: oldId,
      })
      const codes = preview.plan.notes.map((n: any) => n.code)
      expect(codes).toEqual(expect.arrayContaining(["change_authorization", "new_payment_id", "below_order_total"]))
      const increase = await api.post(`/admin/paygent/orders/${orderId}/change-amount?preview=true`, { amount: 7000 }, admin)
      expect(increase.data.plan).toMatchObject({ allowed: false, code: "paygent_cannot_increase" })
      expect(increase.data.plan.refusal.ja).toMatch(/増やせません/)
      expect(sim().control.listTelegrams()).toHaveLength(telegramsBefore)

      const refused = await api.post(`/admin/paygent/orders/${orderId}/change-amount`, { amount: 7000 }, admin).catch((e: any) => e.response)
      expect(refused.status).toBe(400)

      const { data: run } = await api.post(`/admin/paygent/orders/${orderId}/change-amount`, { amount: 4000 }, admin)
      expect(run.result).toMatchObject({ status: "changed", telegram: "028", previous_amount: 6000, amount: 4000 })
      expect(await sim().control.getPayment(run.result.paygent_payment_id)).toMatchObject({ payment_status: "20", payment_amount: 4000 })
      expect(sent("028")).toHaveLength(1)
      expect(run.payments[0]).toMatchObject({ payment_id: run.result.paygent_payment_id })

      // Default amount: the order total (¥6,000) is above what Paygent holds now, so it is refused, nothing sent.
      const again = await api.post(`/admin/paygent/orders/${orderId}/change-amount`, {}, admin).catch((e: any) => e.response)
      expect(again.status).toBe(400)
      expect(sent("028")).toHaveLength(1)
    })

    it("after a lost answer, 094 decides: re-sent when nothing happened, never when the change went through", async () => {
      // 1. The telegram never reached Paygent's processing: 094 shows the payment unchanged → sent once more.
      const first = await placeOrder(2)
      sim().control.addFault({ telegram_kind: "028", mode: "drop_before" })
      const { data: resent } = await api.post(`/admin/paygent/orders/${first}/change-amount`, { amount: 5000 }, admin)
      expect(resent.result).toMatchObject({ status: "changed", amount: 5000 })
      expect(resent.result.notes.map((n: any) => n.code)).toContain("outcome_recovered")
      expect(await sim().control.getPayment(resent.result.paygent_payment_id)).toMatchObject({ payment_status: "20", payment_amount: 5000 })

      // 2. Paygent applied the change and the answer was lost: the old payment is cancelled, so nothing is re-sent;
      //    the new payment shares the trading id (094 answers 13002), so its id is confirmed by the merchant.
      const second = await placeOrder(2)
      const { payment } = await cardPaymentOf(second)
      const oldId = payment.data.paygent.payment_id
      const count028 = sent("028").length
      sim().control.addFault({ telegram_kind: "028", mode: "process_then_drop" })
      const { data: lost } = await api.post(`/admin/paygent/orders/${second}/change-amount`, { amount: 4000 }, admin)
      expect(lost.result).toMatchObject({ status: "pending_payment_id", paygent_payment_id: null, amount: 4000 })
      expect(sent("028")).toHaveLength(count028 + 1)
      const atPaygent = await sim().control.listPayments({ trading_id: payment.data.paygent.trading_id })
      const fresh = atPaygent.find((p: any) => p.payment_id !== oldId)!
      expect(fresh).toMatchObject({ payment_status: "20", payment_amount: 4000 })
      const pending = (await cardPaymentOf(second)).payment
      expect(pending.amount).toBe(4000)
      expect(pending.data.paygent.change_pending).toMatchObject({ telegram: "028", base_payment_id: oldId, amount: 4000 })

      // Further changes are refused until the id is confirmed; a wrong id is refused by 094.
      const blocked = await api.post(`/admin/paygent/orders/${second}/change-amount`, { amount: 3000 }, admin).catch((e: any) => e.response)
      expect(blocked.status).toBe(400)
      expect(blocked.data.message).toMatch(/paygent_payment_id/)
      const wrong = await api
        .post(`/admin/paygent/orders/${second}/change-amount`, { paygent_payment_id: oldId }, admin)
        .catch((e: any) => e.response)
      expect(wrong.status).toBe(400)
      const { data: settled } = await api.post(`/admin/paygent/orders/${second}/change-amount`, { paygent_payment_id: fresh.payment_id }, admin)
      expect(settled.result).toMatchObject({ status: "changed", paygent_payment_id: fresh.payment_id })
      const done = (await cardPaymentOf(second)).payment.data.paygent
      expect(done).toMatchObject({ payment_id: fresh.payment_id, payment_status: "20", amount: 4000, previous_payment_ids: [oldId] })
      expect(done.change_pending).toBeNull()
      expect(sent("028")).toHaveLength(count028 + 1)
    })

    it("a captured payment whose 029 answer was lost: the refund is recorded once, and 029 is never sent again", async () => {
      const orderId = await placeOrder(2)
      const { payment } = await cardPaymentOf(orderId)
      await api.post(`/admin/payments/${payment.id}/capture`, {}, admin)
      const oldId = payment.data.paygent.payment_id
      sim().control.addFault({ telegram_kind: "029", mode: "process_then_drop" })

      const { data } = await api.post(`/admin/paygent/orders/${orderId}/change-amount`, { amount: 4000 }, admin)
      expect(data.result).toMatchObject({ status: "pending_payment_id", telegram: "029", amount: 4000 })
      expect(sent("029")).toHaveLength(1)
      expect(await sim().control.getPayment(oldId)).toMatchObject({ payment_status: "60" })

      const after = await cardPaymentOf(orderId)
      expect(after.payment.refunds.map((r: any) => r.amount)).toEqual([2000])
      expect(data.result.refund_id).toBe(after.payment.refunds[0].id)
      expect(after.collection).toMatchObject({ captured_amount: 6000, refunded_amount: 2000 })
      expect(after.payment.data.paygent).toMatchObject({ amount: 4000, change_pending: { telegram: "029", base_payment_id: oldId } })

      const fresh = (await sim().control.listPayments({ trading_id: payment.data.paygent.trading_id })).find(
        (p: any) => p.payment_id !== oldId
      )!
      expect(fresh).toMatchObject({ payment_status: "40", payment_amount: 4000 })
      const { data: settled } = await api.post(`/admin/paygent/orders/${orderId}/change-amount`, { paygent_payment_id: fresh.payment_id }, admin)
      expect(settled.result).toMatchObject({ status: "changed", telegram: "029", paygent_payment_id: fresh.payment_id })
      expect((await cardPaymentOf(orderId)).payment.data.paygent).toMatchObject({ payment_id: fresh.payment_id, payment_status: "40" })
      expect(sent("029")).toHaveLength(1)
    })
  },
})
