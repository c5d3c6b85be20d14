import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import { paymentDeadline } from "../../src/api/admin/paygent/inbox/items"
import { CAPTURE_DEADLINE_KEY, isoKeyOf, jstKeyOf, NO_DEADLINE_KEY, SESSION_DEADLINE_KEY } from "../../src/api/admin/paygent/inbox/sql-keys"
import { PAYGENT_MODULE } from "../../src/modules/paygent"
import { captureDeadline } from "../../src/paygent/deadlines"
import type PaygentModuleService from "../../src/modules/paygent/service"
import { createAdminUser } from "../helpers/admin-auth"
import { explainAxiosErrors } from "../helpers/api-errors"
import { BUYER, cardTokenData } from "../helpers/card-token"
import { withPaygentSimulator } from "../helpers/paygent-app"
import { PAYGENT_PROVIDER_IDS, seedJapaneseStore, SeededStore } from "../helpers/seed-store"
import { Shopper } from "../helpers/shopper"

jest.setTimeout(240 * 1000)

const { sim } = withPaygentSimulator({ PAYGENT_3DS_MODE: "disabled" })

/**
 * GET /admin/paygent/inbox over real orders: its reads of Medusa's tables (src/api/admin/paygent/inbox/sql-reads.ts)
 * bring each item's order (number, e-mail, the total Medusa keeps in order_summary), skip cancelled orders, list the
 * oldest card authorizations for their capture deadlines, and the indexes they rely on exist after the migrations.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: { authorization: string } }
    const container = (): MedusaContainer => getContainer()

    beforeAll(async () => {
      explainAxiosErrors(api)
      store = await seedJapaneseStore(container())
      admin = (await createAdminUser(api, container())).headers
    })

    beforeEach(() => {
      sim().control.reset()
      sim().control.setPush({ enabled: false })
    })

    async function placeOrder(providerId: string, data: Record<string, unknown>) {
      const shopper = new Shopper(api, store)
      const cart = await shopper.cart()
      await shopper.pay(cart.id, providerId, data)
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      return completed.order as { id: string; display_id: number; email: string; total: number }
    }

    async function paymentOf(orderId: string) {
      const query = container().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: ["payment_collections.payments.*", "payment_collections.payment_sessions.*"],
        filters: { id: orderId },
      })
      const collection = (data[0] as any).payment_collections[0]
      return { payment: collection.payments[0], session: collection.payment_sessions[0] }
    }

    const inbox = async (query = "") => (await api.get(`/admin/paygent/inbox${query}`, admin)).data

    it("lists konbini orders waiting for payment and card authorizations near their deadline, with their orders", async () => {
      const konbini = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      const cancelled = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      await cancelOrderWorkflow(container()).run({ input: { order_id: cancelled.id } })
      const card = await placeOrder(PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim()))
      const fresh = await placeOrder(PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim()))

      // The first card authorization's capture deadline comes in two days (the warning starts earlier).
      const { payment } = await paymentOf(card.id)
      const deadline = new Date(Date.now() + 2 * 86_400_000).toISOString()
      await container()
        .resolve<IPaymentModuleService>(Modules.PAYMENT)
        .updatePayment({ id: payment.id, data: { ...payment.data, paygent: { ...payment.data.paygent, capture_deadline: deadline } } } as never)

      const all = await inbox()
      const byOrder = (id: string) => all.items.filter((item: any) => item.order?.id === id)
      const [waiting] = byOrder(konbini.id)
      const { session } = await paymentOf(konbini.id)
      expect(waiting).toMatchObject({
        reason: "awaiting_payment",
        method: "konbini",
        payment_session_id: session.id,
        paygent_payment_id: session.data.paygent.payment_id,
        amount: Number(session.amount),
        order: { id: konbini.id, display_id: konbini.display_id, email: konbini.email, status: "pending", total: Number(konbini.total) },
      })
      expect(waiting.deadline).toMatch(/^\d{4}-\d{2}-\d{2}T/)
      expect(byOrder(cancelled.id)).toEqual([])

      const [near] = byOrder(card.id)
      expect(near).toMatchObject({
        reason: "capture_deadline",
        detail: "near",
        severity: "warning",
        medusa_payment_id: payment.id,
        deadline,
        capturable: true,
        order: { id: card.id, display_id: card.display_id, total: Number(card.total) },
      })
      expect(byOrder(fresh.id)).toEqual([])
      expect(all.counts).toMatchObject({ awaiting_payment: 1, capture_deadline: 1 })
      expect(all.truncated).toBe(false)

      const filtered = await inbox("?reason=awaiting_payment&method=konbini")
      expect(filtered.items.map((item: any) => item.order.id)).toEqual([konbini.id])

      // The indexes the reads walk were created by the plugin's migration.
      const knex = container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await knex.raw(`select indexname from pg_indexes where indexname like 'IDX_paygent_payment%' order by 1`)
      expect(rows.map((r: { indexname: string }) => r.indexname)).toEqual([
        "IDX_paygent_payment_capture_deadline",
        "IDX_paygent_payment_open_created",
        "IDX_paygent_payment_session_deadline",
        "IDX_paygent_payment_session_provider_status_updated",
      ])
    })

    it("pages the orders waiting for payment nearest deadline first, with counts of the whole lists", async () => {
      const knex = container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const jstDay = (days: number) => new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)
      // ATM (Pay-easy) orders, so that the konbini orders of the other tests stay out of the filtered lists and counts.
      // Placed in this order; their deadlines in another (one of them long past, beyond the grace for Paygent's batch).
      const days = [9, 3, 6, -5]
      const placed = []
      for (const day of days) {
        const order = await placeOrder(PAYGENT_PROVIDER_IDS.payeasy, BUYER)
        const { session } = await paymentOf(order.id)
        await knex.raw(`update payment_session set data = jsonb_set(data, '{paygent,instructions,payment_limit_date}', to_jsonb(?::text)) where id = ?`, [
          jstDay(day),
          session.id,
        ])
        placed.push({ order, day })
      }
      const expected = placed.filter((p) => p.day > 0).sort((a, b) => a.day - b.day)

      const pages = []
      for (let offset = 0; offset < 4; offset++) {
        pages.push(await inbox(`?reason=awaiting_payment&method=payeasy&limit=1&offset=${offset}`))
      }
      expect(pages.map((p) => p.items.map((item: any) => item.order.id))).toEqual([...expected.map((p) => [p.order.id]), []])
      expect(pages[0].items[0].deadline).toBe(new Date(`${jstDay(3)}T23:59:59+09:00`).toISOString())
      for (const p of pages) {
        expect(p.count).toBe(3)
        expect(p.counts).toMatchObject({ awaiting_payment: 3, notice_overdue: 1 })
        expect(p.truncated).toBe(false)
      }
      const [overdue] = (await inbox("?reason=notice_overdue&method=payeasy")).items
      expect(overdue).toMatchObject({ detail: "expiry_not_reported", severity: "warning", order: { id: placed[3].order.id } })
      // Another method's filter leaves them out of the lists and of the counts.
      expect((await inbox("?method=card")).counts).toMatchObject({ awaiting_payment: 0, notice_overdue: 0 })
    })

    it("computes in PostgreSQL the same deadlines as the inbox shows, through the indexes", async () => {
      const knex = container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const states = [
        { method: "konbini", instructions: { kind: "konbini", payment_limit_date: "2026-12-05" } },
        { method: "payeasy", instructions: { kind: "payeasy", payment_limit_date: "20261231" } },
        { method: "banknet", instructions: { kind: "banknet", asp_payment_limit_date: "2026-12-01T10:30:00+09:00" } },
        { method: "banknet", instructions: { kind: "banknet", asp_payment_limit_date: "2026-12-02" } },
        { method: "konbini", instructions: { kind: "konbini", payment_limit_date: "soon" } },
        { method: "konbini", instructions: { kind: "konbini" } },
        { method: "card", capture_deadline: "2027-01-27T13:14:19.262Z", authorized_at: "2026-11-28T13:14:19.262Z" },
        { method: "card", capture_deadline: "2027-01-27" },
        { method: "card" },
      ]
      const { rows } = await knex.raw(
        `select ${SESSION_DEADLINE_KEY} as session_key, ${CAPTURE_DEADLINE_KEY} as capture_key
           from jsonb_array_elements(?::jsonb) with ordinality as t(state, n), lateral (select jsonb_build_object('paygent', t.state) as data) X
          order by n`,
        [JSON.stringify(states)]
      )
      states.forEach((state, i) => {
        const payment = paymentDeadline(state as never)
        const capture = state.method === "card" && (state as { capture_deadline?: string }).capture_deadline ? captureDeadline(state as never) : undefined
        expect([rows[i].session_key, rows[i].capture_key ?? null]).toEqual([payment ? jstKeyOf(payment) : NO_DEADLINE_KEY, capture ? isoKeyOf(capture) : null])
      })

      // Each list's order is the order of its index (the planner told not to scan the table).
      await knex.transaction(async (trx: any) => {
        await trx.raw("set local enable_seqscan = off")
        const plan = async (sql: string) => (await trx.raw(`explain ${sql}`)).rows.map((r: any) => r["QUERY PLAN"]).join("\n")
        expect(
          await plan(`select X.id from payment_session X where X.deleted_at is null and X.status = 'pending_authorization'
                       order by ${SESSION_DEADLINE_KEY}, X.updated_at, X.id limit 5`)
        ).toContain("IDX_paygent_payment_session_deadline")
        expect(
          await plan(`select X.id from payment X where X.deleted_at is null and X.canceled_at is null and X.captured_at is null
                       order by ${CAPTURE_DEADLINE_KEY}, X.data->'paygent'->>'authorized_at', X.id limit 5`)
        ).toContain("IDX_paygent_payment_capture_deadline")
      })
    })

    it("lists a payment whose amounts disagree and one marked for attention, among the recent payments", async () => {
      const payments = container().resolve<IPaymentModuleService>(Modules.PAYMENT)
      const card = await placeOrder(PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim()))
      const fine = await placeOrder(PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim()))
      // Paygent holds 100 yen more than Medusa's payment says (e.g. a change made in Paygent's console).
      const { payment } = await paymentOf(card.id)
      const paygent = payment.data.paygent
      await payments.updatePayment({ id: payment.id, data: { ...payment.data, paygent: { ...paygent, amount: paygent.amount + 100 } } } as never)

      const mismatches = (await inbox("?reason=amount_mismatch")).items
      expect(mismatches.map((item: any) => item.order?.id)).toEqual([card.id])
      expect(mismatches[0]).toMatchObject({
        detail: "paygent_vs_medusa",
        medusa_payment_id: payment.id,
        amounts: { at_paygent: paygent.amount + 100, expected_at_paygent: Number(payment.amount), order_total: Number(card.total) },
      })
      expect((await inbox()).items.filter((item: any) => item.order?.id === fine.id)).toEqual([])

      // Marked for attention: listed as an alert of its own.
      const { payment: other } = await paymentOf(fine.id)
      await payments.updatePayment({
        id: other.id,
        data: { ...other.data, paygent: { ...other.data.paygent, attention: { message: { ja: "確認してください", en: "Please check" }, at: new Date().toISOString() } } },
      } as never)
      const [attention] = (await inbox("?reason=alert")).items.filter((item: any) => item.order?.id === fine.id)
      expect(attention).toMatchObject({ detail: "attention", message: { en: "Please check" } })
    })

    it("lists a manual refund owed with its order, read by id", async () => {
      const konbini = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      const paygent = container().resolve<PaygentModuleService>(PAYGENT_MODULE)
      await paygent.recordManualRefund({
        order_id: konbini.id,
        medusa_payment_id: null,
        paygent_payment_id: "1234",
        trading_id: null,
        method: "konbini",
        amount: 1500,
        customer_email: konbini.email,
        reason: "paid_after_cancel",
        reference: null,
        note: "test",
        created_by: "test",
      })
      const all = await inbox("?reason=manual_refund")
      expect(all.items).toHaveLength(1)
      expect(all.items[0]).toMatchObject({
        reason: "manual_refund",
        severity: "critical",
        amount: 1500,
        order: { id: konbini.id, display_id: konbini.display_id, total: Number(konbini.total) },
      })
    })
  },
})
