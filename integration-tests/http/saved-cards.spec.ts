import type { AxiosInstance } from "axios"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { paygentCustomerIdFor } from "../../src/providers/paygent/core/stored-cards"
import { explainAxiosErrors } from "../helpers/api-errors"
import { registerCustomer } from "../helpers/customer"
import { withPaygentSimulator } from "../helpers/paygent-app"
import { PAYGENT_PROVIDER_IDS, seedJapaneseStore, SeededStore } from "../helpers/seed-store"
import { Shopper } from "../helpers/shopper"

jest.setTimeout(180 * 1000)

// Saved cards (カード情報お預り) through the store API as a logged-in customer. 3-D Secure is off here; the saved
// card with 3-D Secure (450 card_set_method=customer) is covered at provider level in stored-cards.unit.spec.ts.
const { sim } = withPaygentSimulator({ PAYGENT_3DS_MODE: "disabled" })

const CARD = "4923000000001111"
const CARDS_ROUTE = "/store/customers/me/paygent-cards"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore

    beforeAll(async () => {
      explainAxiosErrors(api)
      store = await seedJapaneseStore(getContainer())
    })

    const publishable = () => ({ "x-publishable-api-key": store.publishableKey })

    /** A customer registered and logged in the way a storefront does it; its API carries the bearer token. */
    const customer = (name: string) => registerCustomer(api, store, name)

    function token(cardNumber = CARD) {
      const t = sim().control.createToken({ card_number: cardNumber, expire_month: "12", expire_year: "30", cvc: "123", name: "TARO YAMADA" })
      return { card_token: t.token, masked_card_number: t.masked_card_number, valid_until: t.valid_until, fingerprint: t.fingerprint, token_hc: t.hc }
    }

    async function saveCard(client: AxiosInstance, cardNumber = CARD) {
      const { data, status } = await client.post(CARDS_ROUTE, token(cardNumber))
      expect(status).toBe(201)
      return data.payment_method
    }

    async function listCards(client: AxiosInstance) {
      return (await client.get(CARDS_ROUTE)).data.payment_methods
    }

    function telegrams(kind: string) {
      return sim()
        .control.listTelegrams()
        .filter((t: any) => t.telegram_kind === kind)
    }

    /** The last telegram of a kind the simulator received (its params, result and response code). */
    function last(kind: string) {
      const found = telegrams(kind).at(-1)
      expect(found).toBeDefined()
      return found!
    }

    /** The error a request ended with: status and message. */
    async function failure(request: Promise<unknown>) {
      const error: any = await request.then(
        () => undefined,
        (e) => e
      )
      expect(error?.response).toBeDefined()
      return { status: error.response.status as number, message: String(error.response.data?.message ?? "") }
    }

    it("saves a card from the account page and lists it with masked number, brand and expiry", async () => {
      const taro = await customer("taro")
      expect((await failure(api.get(CARDS_ROUTE, { headers: publishable() }))).status).toBe(401)
      expect(await listCards(taro.api)).toEqual([])

      const saved = await saveCard(taro.api)
      expect(saved).toMatchObject({ provider_id: PAYGENT_PROVIDER_IDS.card, data: { masked_card_number: "************1111", last4: "1111", card_brand: "VISA" } })
      expect(saved.id).toMatch(/^\d{1,18}$/)

      const cards = await listCards(taro.api)
      expect(cards).toEqual([
        {
          id: saved.id,
          provider_id: PAYGENT_PROVIDER_IDS.card,
          data: expect.objectContaining({
            customer_card_id: saved.id,
            masked_card_number: "************1111",
            last4: "1111",
            card_brand: "VISA",
            card_valid_term: "1230",
            expiry_month: "12",
            expiry_year: "2030",
            expired: false,
          }),
        },
      ])
      expect(JSON.stringify(cards)).not.toContain(CARD)

      // The account holder was created on the first save, linked to the customer, with the derived customer_id.
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "customer", fields: ["id", "account_holders.*"], filters: { id: taro.id } })
      const holders = data[0].account_holders.filter((h: any) => h.provider_id === PAYGENT_PROVIDER_IDS.card)
      expect(holders).toHaveLength(1)
      expect(holders[0]).toMatchObject({ external_id: paygentCustomerIdFor(taro.id), data: { customer_id: paygentCustomerIdFor(taro.id) } })
      expect(sim().control.listStoredCards({ customer_id: paygentCustomerIdFor(taro.id) })).toHaveLength(1)
    })

    it("pays with a saved card: 020 with stock_card_mode=1 and the account holder's customer_id, never the storefront's", async () => {
      const taro = await customer("taro")
      const saved = await saveCard(taro.api)
      const cart = await taro.shopper.cart()
      const session = await taro.shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, {
        customer_card_id: saved.id,
        customer_id: "c_somebody_else",
        payment_class: "10",
      })
      expect(session.status).toBe("pending")
      expect(session.data.saved_card).toMatchObject({ customer_card_id: saved.id, masked_card_number: "************1111", card_brand: "VISA" })
      expect(session.data.customer_id).toBeNull()
      expect(session.data.paygent.card).toMatchObject({ masked_card_number: "************1111", card_brand: "VISA" })

      const completed = await taro.shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const auth = last("020")
      expect(auth.result).toBe("0")
      expect(auth.params).toMatchObject({
        stock_card_mode: "1",
        customer_id: paygentCustomerIdFor(taro.id),
        customer_card_id: saved.id,
        "3dsecure_ryaku": "1",
      })
      expect(auth.params.card_token ?? "").toBe("")

      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: ["id", "payment_collections.status", "payment_collections.payments.*"],
        filters: { id: completed.order.id },
      })
      const payment = data[0].payment_collections[0].payments[0]
      expect(data[0].payment_collections[0].status).toBe("authorized")
      expect(payment.data.paygent).toMatchObject({ payment_status: "20", card: { masked_card_number: "************1111" } })
      expect(sim().control.getPayment(payment.data.paygent.payment_id)).toMatchObject({ payment_status: "20" })
    })

    it("saves the card at checkout (save_card): 025 first, then pays with the new saved card", async () => {
      const taro = await customer("taro")
      const cart = await taro.shopper.cart()
      const session = await taro.shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, { ...token(), save_card: true })
      expect(session.data.card_token).toBeNull()
      expect(session.data.card_save_sealed).toBeNull()
      expect(session.data.saved_card).toMatchObject({ saved_now: true, masked_card_number: "************1111" })

      const completed = await taro.shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const [card] = await listCards(taro.api)
      expect(card.id).toBe(session.data.saved_card.customer_card_id)
      expect(last("020").params).toMatchObject({ stock_card_mode: "1", customer_card_id: card.id })

      // A guest cannot save a card, and gets told why.
      const guest = new Shopper(api, store)
      const guestCart = await guest.cart()
      const refused = await failure(guest.pay(guestCart.id, PAYGENT_PROVIDER_IDS.card, { ...token(), save_card: true }))
      expect(refused.status).toBe(400)
      expect(refused.message).toContain("ログインが必要です")
      expect(refused.message).toContain("Please log in")
    })

    it("refuses the 11th card with the 10-card message (P023) in Japanese and English", async () => {
      const taro = await customer("taro")
      for (let i = 0; i < 10; i++) {
        await saveCard(taro.api)
      }
      const refused = await failure(taro.api.post(CARDS_ROUTE, token()))
      expect(refused.status).toBe(400)
      expect(refused.message).toBe(
        "保存できるカードは10枚までです。不要なカードを削除してから、もう一度お試しください。 / You can save up to 10 cards. Delete a card you no longer use, then try again."
      )
      expect(last("025")).toMatchObject({ response_code: "P023" })
      expect(await listCards(taro.api)).toHaveLength(10)
    })

    it("deletes a card (026); the list is then empty (027 answers P026)", async () => {
      const taro = await customer("taro")
      const saved = await saveCard(taro.api)
      const { data } = await taro.api.delete(`${CARDS_ROUTE}/${saved.id}`)
      expect(data).toEqual({ id: saved.id, object: "payment_method", deleted: true })
      expect(await listCards(taro.api)).toEqual([])
      expect(last("027")).toMatchObject({ response_code: "P026" })

      const again = await failure(taro.api.delete(`${CARDS_ROUTE}/${saved.id}`))
      expect(again.status).toBe(404)
      expect(again.message).toContain("The card to delete was not found")
    })

    it("lets no other customer pay with, list or delete the card", async () => {
      const taro = await customer("taro")
      const hanako = await customer("hanako")
      const saved = await saveCard(taro.api)
      const sent020 = telegrams("020").length

      const cart = await hanako.shopper.cart()
      const refused = await failure(hanako.shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, { customer_card_id: saved.id }))
      expect(refused.status).toBe(400)
      expect(refused.message).toContain("The selected saved card was not found")
      // Hanako's customer_id was asked about Taro's card: nothing found, nothing authorized.
      expect(last("027").params).toMatchObject({ customer_id: paygentCustomerIdFor(hanako.id), customer_card_id: saved.id })
      expect(telegrams("020")).toHaveLength(sent020)

      // Naming Taro's customer_id in the session data changes nothing.
      const forged = await failure(
        hanako.shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, { customer_card_id: saved.id, customer_id: paygentCustomerIdFor(taro.id) })
      )
      expect(forged.status).toBe(400)
      expect(telegrams("020")).toHaveLength(sent020)

      expect(await listCards(hanako.api)).toEqual([])
      expect((await failure(hanako.api.delete(`${CARDS_ROUTE}/${saved.id}`))).status).toBe(404)
      expect(await listCards(taro.api)).toHaveLength(1)

      // A guest cannot name a saved card at all.
      const guest = new Shopper(api, store)
      const guestCart = await guest.cart()
      expect((await failure(guest.pay(guestCart.id, PAYGENT_PROVIDER_IDS.card, { customer_card_id: saved.id }))).status).toBe(400)
    })
  },
})
