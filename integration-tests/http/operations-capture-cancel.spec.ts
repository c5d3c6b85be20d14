import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createAdminUser } from "../helpers/admin-auth"
import { explainAxiosErrors } from "../helpers/api-errors"
import { TEST_KEYS, withPaygentSimulator } from "../helpers/paygent-app"
import { PAYGENT_PROVIDER_IDS, seedJapaneseStore, SeededStore } from "../helpers/seed-store"
import { Shopper } from "../helpers/shopper"
import { BUYER, cardTokenData } from "../helpers/card-token"

jest.setTimeout(180 * 1000)

// Merchant operations on Paygent payments: capture (売上), cancel (取消), refund (返金), manual refunds (手動返金) and
// deadlines (期限). 3-D Secure off keeps each order short; Visa / Mastercard authorizations last 25 days here.
const { sim } = withPaygentSimulator({ PAYGENT_3DS_MODE: "disabled", PAYGENT_AUTH_VALIDITY_DAYS_VISA_MASTER: "25" })

const CARDS = {
  visa: "4923000000001111",
  jcb: "3530111333300000",
}


const DAY_MS = 86_400_000

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: { authorization: string } }

    beforeAll(async () => {
      explainAxiosErrors(api)
      store = await seedJapaneseStore(getContainer())
      admin = (await createAdminUser(api, getContainer())).headers
    })

    const tokenFor = (cardNumber: string) => cardTokenData(sim(), cardNumber)

    /** A placed card order (オーソリOK, ¥3,000 per item). */
    async function cardOrder(options: { card?: string; quantity?: number } = {}) {
      const shopper = new Shopper(api, store)
      const cart = await shopper.cart({ quantity: options.quantity })
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await tokenFor(options.card ?? CARDS.visa))
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const payment = await paymentOf(completed.order.id)
      return { order: completed.order, payment, paygentId: payment.data.paygent.payment_id as string }
    }

    async function paymentOf(orderId: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: [
          "id",
          "status",
          "payment_collections.payments.*",
          "payment_collections.payments.captures.*",
          "payment_collections.payments.refunds.*",
          "payment_collections.payment_sessions.*",
        ],
        filters: { id: orderId },
      })
      const collection = data[0].payment_collections[0]
      return { ...collection.payments[0], order_status: data[0].status, sessions: collection.payment_sessions }
    }

    function sent(kind: string, paymentId?: string) {
      return sim()
        .control.listTelegrams()
        .filter((t: any) => t.telegram_kind === kind && (!paymentId || t.params.payment_id === paymentId))
    }

    async function ledger(where = "true", params: unknown[] = []) {
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await pg.raw(`select * from paygent_telegram where ${where} order by started_at`, params as any)
      return rows as any[]
    }

    async function manualRefunds() {
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await pg.raw("select * from paygent_manual_refund order by created_at")
      return rows as any[]
    }

    async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
      const until = Date.now() + timeoutMs
      for (;;) {
        const value = await read()
        if (done(value) || Date.now() > until) {
          return value
        }
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }

    it("stores the authorization date, the capture deadline and the card brand on the payment", async () => {
      const visa = await cardOrder()
      const state = visa.payment.data.paygent
      expect(state.authorized_amount).toBe(3000)
      const authorizedAt = new Date(state.authorized_at).getTime()
      // Visa through NICOS: the brand is not known without 3-D Secure, so the contract's shorter validity applies.
      expect(new Date(state.capture_deadline).getTime() - authorizedAt).toBe(25 * DAY_MS)
      expect(new Date(state.refund_deadline).getTime() - authorizedAt).toBe(60 * DAY_MS)

      const jcb = await cardOrder({ card: CARDS.jcb })
      const jcbState = jcb.payment.data.paygent
      expect(jcbState.card.card_brand).toBe("JCB")
      expect(new Date(jcbState.capture_deadline).getTime() - new Date(jcbState.authorized_at).getTime()).toBe(60 * DAY_MS)
    })

    it("captures once (one 022) under 20 concurrent captures from Medusa's button and the plugin's route", async () => {
      const { order, payment, paygentId } = await cardOrder()
      const attempts = Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? api.post(`/admin/payments/${payment.id}/capture`, {}, admin)
          : api.post(`/admin/paygent/orders/${order.id}/capture`, {}, admin)
      )
      const outcomes = await Promise.allSettled(attempts)
      expect(outcomes.some((o) => o.status === "fulfilled")).toBe(true)
      for (const o of outcomes) {
        if (o.status === "rejected") {
          // Losers on Medusa's button are refused by its amount guard (the plugin's answer "already captured"):
          // never a second 022.
          expect([400]).toContain((o.reason as any).response?.status)
        }
      }

      expect(sent("022", paygentId)).toHaveLength(1)
      expect(sim().control.getPayment(paygentId)!.payment_status).toBe("40")
      // One more click on the plugin's capture: answered "already captured", nothing sent.
      const again = await api.post(`/admin/paygent/orders/${order.id}/capture`, {}, admin)
      expect(again.data).toMatchObject({ already_captured: true, results: [] })
      expect(sent("022", paygentId)).toHaveLength(1)
      const after = await paymentOf(order.id)
      expect(after.captured_at).toBeTruthy()
      expect(after.captures.reduce((sum: number, c: any) => sum + Number(c.amount), 0)).toBe(3000)
      expect(after.data.paygent).toMatchObject({ payment_status: "40", captured_amount: 3000 })
      const rows = await ledger("telegram_kind = '022' and paygent_payment_id = ?", [paygentId])
      expect(rows.map((r) => r.outcome)).toEqual(["success"])
    })

    it("reconciles a capture whose answer was lost (process_then_drop) through 094, captured once", async () => {
      const { order, payment, paygentId } = await cardOrder()
      sim().control.addFault({ telegram_kind: "022", mode: "process_then_drop" })

      const preview = await api.post(`/admin/paygent/orders/${order.id}/capture?preview=true`, {}, admin)
      expect(preview.data.plan.operations[0]).toMatchObject({ action: "capture", telegram: "022", amount: 3000 })
      expect(sent("022", paygentId)).toHaveLength(0)

      const { data } = await api.post(`/admin/paygent/orders/${order.id}/capture`, {}, admin)
      expect(data.results).toEqual([expect.objectContaining({ medusa_payment_id: payment.id, ok: true })])

      expect(sent("022", paygentId)).toHaveLength(1)
      const inquiries = sent("094", paygentId)
      expect(inquiries.length).toBeGreaterThanOrEqual(1)
      expect(sim().control.getPayment(paygentId)!.payment_status).toBe("40")
      const after = await paymentOf(order.id)
      expect(after.captured_at).toBeTruthy()
      expect(after.data.paygent.payment_status).toBe("40")

      const rows = await ledger("paygent_payment_id = ? and telegram_kind in ('022', '094')", [paygentId])
      expect(rows.map((r) => [r.telegram_kind, r.outcome])).toEqual([
        ["022", "unknown_outcome"],
        ["094", "success"],
      ])
      // The rows know which Medusa payment (and, through the plugin's route, which order) they were for.
      expect(rows[0]).toMatchObject({ medusa_payment_id: payment.id, order_id: order.id, source: "medusa" })
    })

    it("sends again after transient refusals (E002) with a short back-off, and explains a permanent one", async () => {
      const { order, paygentId } = await cardOrder()
      sim().control.addFault({ telegram_kind: "022", mode: "rate_limited", count: 2 })
      await api.post(`/admin/paygent/orders/${order.id}/capture`, {}, admin)
      expect(sent("022", paygentId).map((t: any) => t.response_code)).toEqual(["E002", "E002", ""])
      expect(sim().control.getPayment(paygentId)!.payment_status).toBe("40")

      const other = await cardOrder()
      sim().control.addFault({ telegram_kind: "022", mode: "maintenance", count: 5 })
      const error = await api.post(`/admin/payments/${other.payment.id}/capture`, {}, admin).catch((e: any) => e)
      sim().control.clearFaults()
      expect(sent("022", other.paygentId)).toHaveLength(3)
      expect(error.response.data.message).toMatch(/売上（022）に失敗しました/)
      expect(error.response.data.message).toMatch(/capture \(022\) failed \[P017\]/)
      const after = await paymentOf(other.order.id)
      expect(after.captures).toHaveLength(0)
    })

    it("cancels before capture with 021 (a lost answer is resent after 094), after capture with 023", async () => {
      const before = await cardOrder()
      const preview = await api.post(`/admin/paygent/orders/${before.order.id}/cancel?preview=true`, {}, admin)
      expect(preview.data.plan).toMatchObject({ allowed: true })
      expect(preview.data.plan.operations[0]).toMatchObject({ action: "void", telegram: "021", amount: 3000 })

      sim().control.addFault({ telegram_kind: "021", mode: "drop_before" })
      const { data } = await api.post(`/admin/paygent/orders/${before.order.id}/cancel`, {}, admin)
      expect(data.order.status).toBe("canceled")
      expect(sim().control.getPayment(before.paygentId)!.payment_status).toBe("32")
      expect(sent("021", before.paygentId).map((t: any) => t.fault ?? null)).toEqual([expect.anything(), null])
      expect(data.payments[0]).toMatchObject({ status: { code: "32", label: { ja: expect.any(String) } } })

      // Medusa's own order cancel after a capture refunds the captured payment: 023.
      const after = await cardOrder()
      await api.post(`/admin/payments/${after.payment.id}/capture`, {}, admin)
      await api.post(`/admin/orders/${after.order.id}/cancel`, {}, admin)
      const canceled = await paymentOf(after.order.id)
      expect(canceled.order_status).toBe("canceled")
      expect(sent("023", after.paygentId)).toHaveLength(1)
      expect(sim().control.getPayment(after.paygentId)!.payment_status).toBe("60")
      expect(canceled.refunds.reduce((sum: number, r: any) => sum + Number(r.amount), 0)).toBe(3000)
      expect(canceled.data.paygent).toMatchObject({ payment_status: "60", refunded_amount: 3000 })
    })

    it("captures part of an order with 029 (new payment_id) and refuses a second capture", async () => {
      const { order, payment, paygentId } = await cardOrder()
      const preview = await api.post(`/admin/paygent/orders/${order.id}/capture?preview=true`, { amount: 1000 }, admin)
      expect(preview.data.plan.operations[0]).toMatchObject({ action: "capture_partial", telegram: "029", amount: 1000 })

      await api.post(`/admin/paygent/orders/${order.id}/capture`, { amount: 1000 }, admin)
      const after = await paymentOf(order.id)
      const state = after.data.paygent
      expect(state.payment_id).not.toBe(paygentId)
      expect(state.previous_payment_ids).toEqual([paygentId])
      expect(state).toMatchObject({ payment_status: "40", amount: 1000, captured_amount: 1000 })
      expect(sim().control.getPayment(state.payment_id)).toMatchObject({ payment_status: "40", payment_amount: 1000 })
      expect(sim().control.getPayment(paygentId)!.payment_status).toBe("32")
      expect(sent("022", paygentId)).toHaveLength(0)
      expect(after.captures.map((c: any) => Number(c.amount))).toEqual([1000])

      const second = await api.post(`/admin/payments/${payment.id}/capture`, { amount: 2000 }, admin).catch((e: any) => e)
      expect(second.response.status).toBe(400)
      expect(second.response.data.message).toMatch(/売上は1回だけ/)
      expect(second.response.data.message).toMatch(/captures a payment only once/)
      expect((await paymentOf(order.id)).captures).toHaveLength(1)

      const { data: view } = await api.get(`/admin/paygent/orders/${order.id}`, admin)
      expect(view.order).toMatchObject({ id: order.id, total: 3000 })
      expect(view.payments[0]).toMatchObject({
        method: "card",
        payment_id: state.payment_id,
        previous_payment_ids: [paygentId],
        status: { code: "40", label: { ja: expect.any(String), en: expect.any(String) }, name: { ja: "消込済", en: "Cleared" } },
        amount_at_paygent: 1000,
        expected_at_paygent: 1000,
        order_total: 3000,
        mismatch: false,
        differs_from_order_total: true,
        card: expect.objectContaining({ masked_card_number: expect.stringMatching(/1111$/) }),
      })
      expect(view.payments[0].capture_deadline).toBe(state.capture_deadline)
      const kinds = view.telegrams.map((t: any) => t.telegram_kind)
      expect(kinds).toEqual(expect.arrayContaining(["020", "029"]))
      const times = view.telegrams.map((t: any) => new Date(t.started_at).getTime())
      expect([...times].sort((a, b) => b - a)).toEqual(times)
    })

    it("refunds in part (029 on the newest payment_id each time), then the rest (023)", async () => {
      const { order, payment, paygentId } = await cardOrder()
      await api.post(`/admin/payments/${payment.id}/capture`, {}, admin)

      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 1000 }, admin)
      const first = (await paymentOf(order.id)).data.paygent
      expect(first).toMatchObject({ amount: 2000, refunded_amount: 1000, previous_payment_ids: [paygentId] })
      expect(sim().control.getPayment(first.payment_id)).toMatchObject({ payment_status: "40", payment_amount: 2000 })
      expect(sim().control.getPayment(paygentId)!.payment_status).toBe("60")

      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 500 }, admin)
      const second = (await paymentOf(order.id)).data.paygent
      expect(sent("029", first.payment_id)).toHaveLength(1)
      expect(second).toMatchObject({ amount: 1500, refunded_amount: 1500, previous_payment_ids: [paygentId, first.payment_id] })
      expect(sim().control.getPayment(second.payment_id)).toMatchObject({ payment_status: "40", payment_amount: 1500 })

      const tooMuch = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 2000 }, admin).catch((e: any) => e)
      expect(tooMuch.response.status).toBe(400)

      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 1500 }, admin)
      const last = await paymentOf(order.id)
      expect(sent("023", second.payment_id)).toHaveLength(1)
      expect(sim().control.getPayment(second.payment_id)!.payment_status).toBe("60")
      expect(last.data.paygent).toMatchObject({ payment_status: "60", refunded_amount: 3000 })
      expect(last.refunds.map((r: any) => Number(r.amount)).sort()).toEqual([1000, 1500, 500].sort())
    })

    it("captures and cancels in bulk with a per-order summary", async () => {
      const a = await cardOrder()
      const b = await cardOrder()
      const preview = await api.post(
        "/admin/paygent/bulk/capture?preview=true",
        { order_ids: [a.order.id, b.order.id, "order_missing"] },
        admin
      )
      expect(preview.data.summary).toEqual({ orders: 3, succeeded: 2, failed: 1 })
      expect(sent("022", a.paygentId)).toHaveLength(0)

      const { data } = await api.post("/admin/paygent/bulk/capture", { order_ids: [a.order.id, b.order.id, "order_missing"] }, admin)
      expect(data.summary).toEqual({ orders: 3, succeeded: 2, failed: 1 })
      expect(data.results[2]).toMatchObject({ order_id: "order_missing", ok: false, error: expect.stringMatching(/not found/) })
      expect(sent("022", a.paygentId)).toHaveLength(1)
      expect(sent("022", b.paygentId)).toHaveLength(1)

      const bad = await api.post("/admin/paygent/bulk/cancel", { order_ids: [] }, admin).catch((e: any) => e)
      expect(bad.response.status).toBe(400)
      expect(bad.response.data.message).toMatch(/order_ids/)

      const cancel = await api.post("/admin/paygent/bulk/cancel", { order_ids: [a.order.id, b.order.id] }, admin)
      expect(cancel.data.summary).toEqual({ orders: 2, succeeded: 2, failed: 0 })
      expect(sim().control.getPayment(a.paygentId)!.payment_status).toBe("60")
      expect(sim().control.getPayment(b.paygentId)!.payment_status).toBe("60")
    })

    it("past the sales-cancel deadline (2007 / 41) cancels the order and records a manual refund owed", async () => {
      const captured = await cardOrder()
      await api.post(`/admin/payments/${captured.payment.id}/capture`, {}, admin)
      const authorized = await cardOrder()
      await sim().control.advanceClock({ days: 61 })
      expect(sim().control.getPayment(captured.paygentId)!.payment_status).toBe("41")
      expect(sim().control.getPayment(authorized.paygentId)!.payment_status).toBe("33")

      // Refresh (094) tells Medusa what Paygent knows; the preview then says a manual refund will be owed.
      const refreshed = await api.post(`/admin/paygent/orders/${captured.order.id}/refresh`, {}, admin)
      expect(refreshed.data.refreshed[0]).toMatchObject({ status_before: "40", status_after: "41", changed: true })
      const preview = await api.post(`/admin/paygent/orders/${captured.order.id}/cancel?preview=true`, {}, admin)
      expect(preview.data.plan.operations[0]).toMatchObject({ action: "manual_refund", deadline_passed: true, amount: 3000 })

      // Medusa's own cancel button: the refund completes in Medusa, the money is owed by hand.
      await api.post(`/admin/orders/${captured.order.id}/cancel`, {}, admin)
      const after = await paymentOf(captured.order.id)
      expect(after.order_status).toBe("canceled")
      expect(after.refunds.map((r: any) => Number(r.amount))).toEqual([3000])
      expect(after.data.paygent.manual_refunds).toEqual([expect.objectContaining({ amount: 3000, reason: "sales_cancel_deadline_passed" })])
      const rows = await eventually(manualRefunds, (rs) => rs.length > 0 && !!rs[0].order_id)
      expect(rows).toEqual([
        expect.objectContaining({
          order_id: captured.order.id,
          medusa_payment_id: captured.payment.id,
          paygent_payment_id: captured.paygentId,
          method: "card",
          amount: 3000,
          reason: "sales_cancel_deadline_passed",
          status: "owed",
          customer_email: "taro@example.jp",
        }),
      ])

      // The other order's authorization has expired (33): its capture is refused with the reason, in both languages.
      const refused = await api.post(`/admin/payments/${authorized.payment.id}/capture`, {}, admin).catch((e: any) => e)
      expect(refused.response.status).toBe(400)
      expect(refused.response.data.message).toMatch(/オーソリの有効期限/)
      expect(refused.response.data.message).toMatch(/authorization has expired/)
    })

    it("cancels a paid konbini order with a manual refund owed (Paygent cannot refund konbini)", async () => {
      const shopper = new Shopper(api, store)
      const cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const waiting = await paymentOf(completed.order.id)
      const session = waiting.sessions[0]
      expect(session.status).toBe("pending_authorization")
      const paygentId = session.data.paygent.payment_id
      sim().control.pay(paygentId)

      // The merchant's Authorize button (Medusa 2.18+) asks the provider again: 094 says paid, the order is paid.
      const { data: authorized } = await api.post(
        `/admin/orders/${completed.order.id}/payment-sessions/authorize`,
        { payment_session_id: session.id },
        admin
      )
      expect(authorized.is_authorized).toBe(true)
      const paid = await paymentOf(completed.order.id)
      expect(paid.captures.map((c: any) => Number(c.amount))).toEqual([3000])

      const preview = await api.post(`/admin/paygent/orders/${completed.order.id}/cancel?preview=true`, {}, admin)
      expect(preview.data.plan.operations[0]).toMatchObject({ method: "konbini", action: "manual_refund", amount: 3000 })

      const before = sim().control.listTelegrams().length
      const { data } = await api.post(`/admin/paygent/orders/${completed.order.id}/cancel`, {}, admin)
      expect(data.order.status).toBe("canceled")
      // Nothing that moves money was sent (konbini has no refund telegram); 094 only reads.
      expect(sim().control.listTelegrams().slice(before).every((t: any) => t.telegram_kind === "094")).toBe(true)
      expect(data.manual_refunds).toEqual([
        expect.objectContaining({
          order_id: completed.order.id,
          method: "konbini",
          amount: 3000,
          reason: "no_api_refund",
          status: "owed",
          customer_email: "taro@example.jp",
          customer_name: "山田 太郎",
        }),
      ])
      expect(data.payments[0].manual_refunds).toHaveLength(1)
      expect(data.payments[0]).toMatchObject({ mismatch: false, manual_refunds_owed: 3000 })
    })

    it("never writes the connect password, hash keys or a card token to the ledger", async () => {
      const token = await tokenFor(CARDS.visa)
      const shopper = new Shopper(api, store)
      const cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, token)
      const completed = await shopper.complete(cart.id)
      const payment = await paymentOf(completed.order.id)
      await api.post(`/admin/paygent/orders/${completed.order.id}/capture`, { amount: 2000 }, admin)
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 500 }, admin)
      await api.post(`/admin/paygent/orders/${completed.order.id}/refresh`, {}, admin)
      await api.post(`/admin/paygent/orders/${completed.order.id}/cancel`, {}, admin)

      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await pg.raw(
        "select (select coalesce(string_agg(t::text, ' '), '') from paygent_telegram t) || (select coalesce(string_agg(m::text, ' '), '') from paygent_manual_refund m) as everything"
      )
      const everything: string = rows[0].everything
      expect(everything).toContain("029")
      for (const secret of [
        TEST_KEYS.connectPassword,
        TEST_KEYS.tokenHashKey,
        TEST_KEYS.threeDsHashKey,
        TEST_KEYS.noticeHashKey,
        token.card_token,
        CARDS.visa,
      ]) {
        expect(everything).not.toContain(secret)
      }
    })
  },
})
