import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createRegionsWorkflow, getOrderDetailWorkflow } from "@medusajs/medusa/core-flows"
import { explainAxiosErrors } from "../helpers/api-errors"
import { withPaygentSimulator } from "../helpers/paygent-app"
import { PAYGENT_PROVIDER_IDS, seedJapaneseStore, SeededStore } from "../helpers/seed-store"
import { Shopper } from "../helpers/shopper"
import { cardTokenData, TEST_CARDS as CARDS } from "../helpers/card-token"

jest.setTimeout(120 * 1000)

// Card checkout with 3-D Secure turned off (merchants without the 3DS requirement, and the plain 020 path).
const { sim } = withPaygentSimulator({ PAYGENT_3DS_MODE: "disabled" })


medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let shopper: Shopper

    beforeAll(async () => {
      explainAxiosErrors(api)
      store = await seedJapaneseStore(getContainer())
    })

    beforeEach(() => {
      shopper = new Shopper(api, store)
    })

    const tokenFor = (cardNumber: string) => cardTokenData(sim(), cardNumber)

    async function storedPaymentData(orderId: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: ["id", "total", "payment_collections.status", "payment_collections.payments.*"],
        filters: { id: orderId },
      })
      return data[0]
    }

    it("authorizes a card order (オーソリOK) without a card number or token reaching the database", async () => {
      const cart = await shopper.cart()
      const card = await tokenFor(CARDS.ok)
      const session = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, { ...card, payment_class: "10" })
      expect(session.data.card_token).toBeNull()

      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")

      const order = await storedPaymentData(completed.order.id)
      expect(order.payment_collections[0].status).toBe("authorized")
      const payment = order.payment_collections[0].payments[0]
      expect(payment.data.paygent).toMatchObject({ method: "card", payment_status: "20", amount: 3000 })
      const atPaygent = await sim().control.getPayment(payment.data.paygent.payment_id)
      expect(atPaygent).toMatchObject({ payment_status: "20", payment_amount: 3000, trading_id: payment.data.paygent.trading_id })
      expect(payment.data.paygent.trading_id).toMatch(/^[A-Za-z0-9_]{1,25}$/)

      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const rows = await pg.raw(
        "select count(*)::int as n from payment_session where data::text like ? or data::text like ?",
        [`%${card.card_token}%`, "%4923000000001111%"]
      )
      expect(rows.rows[0].n).toBe(0)
      // Even sealed, the token does not outlive the authorization on the session (Medusa merges session data).
      const sealed = await pg.raw("select count(*)::int as n from payment_session where data->>'card_token_sealed' is not null")
      expect(sealed.rows[0].n).toBe(0)
    })

    it("writes every telegram to the ledger, before sending and completed after, with secrets redacted", async () => {
      const cart = await shopper.cart()
      const card = await tokenFor(CARDS.declined1G12)
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, card)
      await shopper.complete(cart.id)
      const good = await tokenFor(CARDS.ok)
      const session = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, good)
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")

      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await pg.raw(
        "select telegram_kind, operation, source, outcome, response_detail, payment_session_id, amount, finished_at, request::text as request, response::text as response from paygent_telegram order by started_at"
      )
      const authorizations = rows.filter((r: any) => r.telegram_kind === "020")
      expect(authorizations.map((r: any) => r.outcome)).toEqual(["declined", "success"])
      expect(authorizations[0].response_detail).toBe("1G12")
      expect(authorizations[1]).toMatchObject({ operation: "authorize", source: "checkout", amount: 3000, payment_session_id: session.id })
      expect(rows.every((r: any) => r.finished_at)).toBe(true)
      const everything = JSON.stringify(rows)
      for (const secret of ["TestPassw0rd99", card.card_token, good.card_token, "test_token_hash_key", "test_3ds_hash_key"]) {
        expect(everything).not.toContain(secret)
      }
    })

    it("explains a declined card (1G12) and lets the shopper pay with another card", async () => {
      const cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await tokenFor(CARDS.declined1G12))
      const refused = await shopper.complete(cart.id)
      expect(refused.type).toBe("cart")
      expect(refused.error.message).toMatch(/別のカード/)
      expect(refused.error.message).toMatch(/another card/)

      const failed = await shopper.session(cart.id, PAYGENT_PROVIDER_IDS.card)
      expect(failed.status).toBe("error")
      expect(failed.data.paygent.last_error.message.ja).toMatch(/カード/)
      expect(failed.data.paygent.last_error.message.en).toMatch(/card/i)
      expect(failed.data.paygent.last_error.code).toContain("1G12")
      // The NG attempt stays visible: Paygent has it as オーソリNG under the session's trading_id.
      const [ng] = await sim().control.listPayments({ trading_id: failed.data.paygent.trading_id })
      expect(ng.payment_status).toBe("11")

      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await tokenFor(CARDS.ok))
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
    })

    it("retries an input error (2003) on the same payment_id", async () => {
      const cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await tokenFor(CARDS.wrongCvc1G44))
      expect((await shopper.complete(cart.id)).type).toBe("cart")
      const first = await shopper.session(cart.id, PAYGENT_PROVIDER_IDS.card)
      const retryPaymentId = first.data.paygent.payment_id
      expect(first.data.paygent.input_error.retry_ref).toBeTruthy()
      expect((await sim().control.getPayment(retryPaymentId))!.payment_status).toBe("10")

      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, {
        ...(await tokenFor(CARDS.ok)),
        retry_ref: first.data.paygent.input_error.retry_ref,
      })
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const order = await storedPaymentData(completed.order.id)
      expect(order.payment_collections[0].payments[0].data.paygent.payment_id).toBe(retryPaymentId)
      expect((await sim().control.getPayment(retryPaymentId))!.payment_status).toBe("20")
    })

    it("refuses a forged retry reference", async () => {
      const cart = await shopper.cart()
      const session = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, {
        ...(await tokenFor(CARDS.ok)),
        retry_ref: "123456789:someone_else.forged",
        card_retry: "123456789:someone_else",
      })
      expect(session.data.card_retry).toBeNull()
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const order = await storedPaymentData(completed.order.id)
      expect(order.payment_collections[0].payments[0].data.paygent.payment_id).not.toBe("123456789")
    })

    it("refuses a tampered token (token_hc) before anything is sent", async () => {
      const cart = await shopper.cart()
      const card = await tokenFor(CARDS.ok)
      const before = (await sim().control.listTelegrams()).length
      const error = await shopper
        .pay(cart.id, PAYGENT_PROVIDER_IDS.card, { ...card, masked_card_number: "************9999" })
        .catch((e: any) => e)
      expect(error.response.status).toBe(400)
      expect(error.response.data.message).toMatch(/token_hc/)
      expect((await sim().control.listTelegrams()).length).toBe(before)
    })

    it("refuses a currency other than JPY with a clear error and sends nothing", async () => {
      const container = getContainer()
      const {
        result: [usd],
      } = await createRegionsWorkflow(container).run({
        input: { regions: [{ name: "USA", currency_code: "usd", countries: ["us"], payment_providers: [PAYGENT_PROVIDER_IDS.card] }] },
      })
      const cart = await shopper.cart({ regionId: usd.id })
      expect(cart.currency_code).toBe("usd")
      const before = (await sim().control.listTelegrams()).length
      const error = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await tokenFor(CARDS.ok)).catch((e: any) => e)
      expect(error.response.status).toBe(400)
      expect(error.response.data.message).toMatch(/JPY only/)
      expect((await sim().control.listTelegrams()).length).toBe(before)
    })

    it("refuses a card amount over 7 digits before sending", async () => {
      const cart = await shopper.cart({ variantId: store.expensiveVariantId, quantity: 2 })
      expect(cart.total).toBe(10_000_000)
      const before = (await sim().control.listTelegrams()).length
      const error = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await tokenFor(CARDS.ok)).catch((e: any) => e)
      expect(error.response.status).toBe(400)
      expect(error.response.data.message).toMatch(/9,999,999/)
      expect((await sim().control.listTelegrams()).length).toBe(before)
    })

    it("completes a zero-total order as paid without a telegram", async () => {
      const cart = await shopper.cart({ variantId: store.freeVariantId })
      expect(cart.total).toBe(0)
      const before = (await sim().control.listTelegrams()).length
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, {})
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      // Medusa itself skips payment for a zero total (validateCartPaymentsStep), so the provider is not even
      // asked; the order counts as paid because its payment collection is for ¥0.
      const { result: order } = await getOrderDetailWorkflow(getContainer()).run({
        input: { order_id: completed.order.id, fields: ["id", "payment_status", "total"] },
      })
      expect(order.payment_status).toBe("captured")
      expect((await sim().control.listTelegrams()).length).toBe(before)
    })

    it("authorizes the cart's new total after the amount changed before authorization", async () => {
      let cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await tokenFor(CARDS.ok))
      cart = await shopper.setQuantity(cart.id, cart.items[0].id, 2)
      expect(cart.total).toBe(6000)
      // The cart change dropped the old session (docs/medusa-notes.md §1); the storefront starts a new one.
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await tokenFor(CARDS.ok))
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const order = await storedPaymentData(completed.order.id)
      const paymentId = order.payment_collections[0].payments[0].data.paygent.payment_id
      expect((await sim().control.getPayment(paymentId))!.payment_amount).toBe(6000)
    })
  },
})
