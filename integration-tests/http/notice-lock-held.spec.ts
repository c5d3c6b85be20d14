import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { getOrderDetailWorkflow } from "@medusajs/medusa/core-flows"
import paygentSyncJob from "../../src/jobs/paygent-sync"
import { PAYGENT_MODULE } from "../../src/modules/paygent"
import type PaygentModuleService from "../../src/modules/paygent/service"
import { explainAxiosErrors } from "../helpers/api-errors"
import { withPaygentSimulator } from "../helpers/paygent-app"
import { PAYGENT_PROVIDER_IDS, seedJapaneseStore, SeededStore } from "../helpers/seed-store"
import { Shopper } from "../helpers/shopper"
import { BUYER } from "../helpers/card-token"

jest.setTimeout(240 * 1000)

/**
 * An instance killed in the middle of applying a notice leaves the payment's lock behind until the lock's ttl. The
 * notice is stored; a sync run meanwhile must not apply it without the lock (another instance may still be working
 * on that payment), must record the failed attempt, and must leave the notice for the next run, which applies it
 * once the lock is free. (The fault campaign's kill scenario meets this after a kill -9; here the dead owner's lock
 * is taken by hand.)
 */
const { sim } = withPaygentSimulator({ PAYGENT_3DS_MODE: "disabled" })

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    const container = (): MedusaContainer => getContainer()
    const paygent = () => container().resolve<PaygentModuleService>(PAYGENT_MODULE)

    beforeAll(async () => {
      explainAxiosErrors(api)
      store = await seedJapaneseStore(container())
    })

    async function orderOf(orderId: string) {
      const { result } = await getOrderDetailWorkflow(container()).run({
        input: { order_id: orderId, fields: ["id", "payment_collections.payment_sessions.*"] },
      })
      const order = result as any
      return { payment_status: order.payment_status as string, session: order.payment_collections[0].payment_sessions[0] }
    }

    it("leaves a paid notice stored and counted while a dead instance's lock is held, and applies it on the first run after", async () => {
      sim().control.setPush({ enabled: false })
      const shopper = new Shopper(api, store)
      const cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const orderId = completed.order.id as string
      const { session } = await orderOf(orderId)
      const paymentId = session.data.paygent.payment_id as string
      // The creation notice (10) is pulled first, so the lock below is what stops the paid one.
      await paygentSyncJob(container())

      const locking = container().resolve(Modules.LOCKING)
      const key = `paygent:notice-subject:${session.id}`
      await locking.acquire(key, { ownerId: "instance-killed-mid-apply", expire: 600 })
      sim().control.pay(paymentId)

      const blocked = (await paygentSyncJob(container()))!
      expect(blocked.status).toBe("succeeded")
      const [paidNotice] = await paygent().listPaygentNotices({ paygent_payment_id: paymentId, payment_status: "40" })
      expect(paidNotice).toBeDefined()
      expect(paidNotice.applied_at).toBeNull()
      expect(paidNotice.apply_attempts).toBe(1)
      expect(paidNotice.last_error).toBeTruthy()
      expect((await orderOf(orderId)).payment_status).not.toBe("captured")

      // The ttl runs out (released here): the next run applies the stored notice, once.
      await locking.release(key, { ownerId: "instance-killed-mid-apply" })
      const after = (await paygentSyncJob(container()))!
      expect(after.status).toBe("succeeded")
      const [applied] = await paygent().listPaygentNotices({ id: paidNotice.id })
      expect(applied.applied_at).not.toBeNull()
      expect(applied.apply_attempts).toBe(2)
      expect((await orderOf(orderId)).payment_status).toBe("captured")
      expect(await paygent().listPaygentNotices({ paygent_payment_id: paymentId, payment_status: "40" })).toHaveLength(1)
    })
  },
})
