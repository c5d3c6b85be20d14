import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import { PAYGENT_MODULE } from "../../src/modules/paygent"
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
      const { rows } = await knex.raw(
        `select indexname from pg_indexes where indexname in ('IDX_paygent_payment_session_status_updated', 'IDX_paygent_payment_open_created') order by 1`
      )
      expect(rows.map((r: { indexname: string }) => r.indexname)).toEqual(["IDX_paygent_payment_open_created", "IDX_paygent_payment_session_status_updated"])
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
