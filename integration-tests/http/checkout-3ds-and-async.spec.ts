import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { authenticate } from "../helpers/acs-browser"
import { explainAxiosErrors } from "../helpers/api-errors"
import { withPaygentSimulator } from "../helpers/paygent-app"
import { PAYGENT_PROVIDER_IDS, seedJapaneseStore, SeededStore } from "../helpers/seed-store"
import { JP_ADDRESS, Shopper } from "../helpers/shopper"
import { BUYER, cardTokenData, TEST_CARDS } from "../helpers/card-token"

jest.setTimeout(120 * 1000)

// 3-D Secure on (the default), plus the three pay-later methods.
const { sim } = withPaygentSimulator({ PAYGENT_3DS_MODE: "required" })


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

    const cardData = (cardholder?: string) => cardTokenData(sim(), TEST_CARDS.ok, cardholder)

    /** The shopper's browser follows the ACS HTML; term_url is then requested on the app. */
    async function passThreeDs(session: any, password?: string) {
      expect(session.status).toBe("requires_more")
      const term = await authenticate(session.data.paygent.threeds.acs_html, {
        password,
        appBaseUrl: api.defaults.baseURL!,
      })
      const answer = await api.get(term.pathname + term.search, { maxRedirects: 0, validateStatus: () => true })
      expect([200, 303]).toContain(answer.status)
      return term
    }

    async function paymentOf(orderId: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: ["id", "payment_collections.status", "payment_collections.payment_sessions.*", "payment_collections.payments.*"],
        filters: { id: orderId },
      })
      return data[0].payment_collections[0]
    }

    function telegramsOfKind(kind: string) {
      return sim()
        .control.listTelegrams()
        .filter((t: any) => t.telegram_kind === kind)
    }

    it("authorizes after a frictionless 3-D Secure authentication (450 → term_url → 020 type 2)", async () => {
      const cart = await shopper.cart()
      const session = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await cardData())
      await passThreeDs(session)
      const authenticated = await shopper.session(cart.id, PAYGENT_PROVIDER_IDS.card)
      expect(authenticated.data.paygent.threeds.state).toBe("authenticated")

      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const collection = await paymentOf(completed.order.id)
      expect(collection.status).toBe("authorized")
      const paygent = collection.payments[0].data.paygent
      const atPaygent = sim().control.getPayment(paygent.payment_id)!
      expect(atPaygent.payment_status).toBe("20")
      expect(atPaygent.card!["3ds_auth_id"]).toBe(authenticated.data.paygent.threeds.auth_id)
      expect(collection.payments[0].data.paygent.threeds.acs_html ?? null).toBeNull()
    })

    it("authorizes after a 3-D Secure challenge answered with the right password", async () => {
      const cart = await shopper.cart()
      const session = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await cardData("BAVCA"))
      await passThreeDs(session, "14012")
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
    })

    it("stops at a failed 3-D Secure authentication (31007) without sending an authorization", async () => {
      const cart = await shopper.cart()
      const session = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await cardData("BAVNA"))
      const authorizationsBefore = telegramsOfKind("020").length
      await passThreeDs(session)
      const failed = await shopper.session(cart.id, PAYGENT_PROVIDER_IDS.card)
      expect(failed.data.paygent.threeds.state).toBe("failed")

      const refused = await shopper.complete(cart.id)
      expect(refused.type).toBe("cart")
      expect(refused.error.message).toMatch(/本人認証/)
      expect(refused.error.message).toMatch(/3-D Secure/)
      expect(telegramsOfKind("020").length).toBe(authorizationsBefore)
    })

    it("accepts a 3-D Secure server error (attempt_kbn=1) as configured by default", async () => {
      const cart = await shopper.cart()
      const session = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await cardData("BAVUA"))
      await passThreeDs(session)
      expect((await shopper.complete(cart.id)).type).toBe("order")
    })

    it("continues after an attempt (attempt_kbn=0: issuer not enrolled, issuer bears the risk)", async () => {
      const cart = await shopper.cart()
      const session = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await cardData("BAVAA"))
      await passThreeDs(session)
      expect((await shopper.session(cart.id, PAYGENT_PROVIDER_IDS.card)).data.paygent.threeds).toMatchObject({
        state: "authenticated",
        attempt_kbn: "0",
      })
      expect((await shopper.complete(cart.id)).type).toBe("order")
    })

    it("stops at Paygent's 30-minute timeout call (31013) with a message to try again", async () => {
      const cart = await shopper.cart()
      const session = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await cardData())
      // Paygent calls term_url itself, without the shopper's browser; unsigned here (the documentation does not say
      // whether the timeout call carries hc), so it counts only with this session's own 3ds_auth_id.
      const authId = /name="3ds_auth_id" value="([^"]+)"/.exec(session.data.paygent.threeds.acs_html)![1]
      const timeout = `/paygent/3ds/term?session_id=${session.id}&result=1&response_code=31013&3ds_auth_id=${authId}&fingerprint=XXXX&masked_card_number=XXXX`
      expect((await api.get(timeout, { maxRedirects: 0, validateStatus: () => true })).status).toBe(200)
      const refused = await shopper.complete(cart.id)
      expect(refused.type).toBe("cart")
      expect(refused.error.message).toMatch(/時間切れ/)
      expect(refused.error.message).toMatch(/timed out/)
    })

    it("refuses a card whose brand has no 3-D Secure at the acquirer (31012) unless the merchant allows it", async () => {
      const cart = await shopper.cart()
      const discover = await cardTokenData(sim(), "6440000000001111")
      const authorizationsBefore = telegramsOfKind("020").length
      const error = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, discover).catch((e: any) => e.response)
      expect(error.status).toBeGreaterThanOrEqual(400)
      expect(error.status).toBeLessThan(500)
      expect(error.data.message).toMatch(/3Dセキュア/)
      expect(error.data.message).toMatch(/another card/)
      expect(telegramsOfKind("020").length).toBe(authorizationsBefore)
    })

    it("ignores a 3-D Secure result whose hash is wrong", async () => {
      const cart = await shopper.cart()
      const session = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await cardData())
      const forged = `/paygent/3ds/term?session_id=${session.id}&result=0&3ds_auth_id=forged&attempt_kbn=&hc=${"0".repeat(64)}`
      await api.get(forged, { maxRedirects: 0, validateStatus: () => true })
      const after = await shopper.session(cart.id, PAYGENT_PROVIDER_IDS.card)
      expect(after.data.paygent.threeds.state).toBe("challenge")
      const unfinished = await shopper.complete(cart.id).catch((e: any) => e.response)
      expect(unfinished.status).toBe(400)
    })

    it("sends the shopper back to the storefront page given as return_url", async () => {
      const cart = await shopper.cart()
      const session = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, {
        ...(await cardData()),
        return_url: "http://localhost:8000/checkout/3ds",
      })
      const term = await authenticate(session.data.paygent.threeds.acs_html, { appBaseUrl: api.defaults.baseURL! })
      const answer = await api.get(term.pathname + term.search, { maxRedirects: 0, validateStatus: () => true })
      expect(answer.status).toBe(303)
      const back = new URL(answer.headers.location)
      expect(back.origin + back.pathname).toBe("http://localhost:8000/checkout/3ds")
      expect(back.searchParams.get("paygent_3ds")).toBe("ok")
      expect(back.searchParams.get("session_id")).toBe(session.id)
    })

    it.each([
      ["Seven-Eleven", "00C001"],
      ["Lawson", "00C002"],
      ["FamilyMart", "00C005"],
    ])("creates a konbini order at %s as 入金待ち with the numbers the shopper needs", async (_name, chain) => {
      const cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: chain })
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")

      const collection = await paymentOf(completed.order.id)
      expect(collection.status).toBe("awaiting")
      expect(collection.payments).toHaveLength(0)
      const session = collection.payment_sessions[0]
      expect(session.status).toBe("pending_authorization")
      const { instructions, payment_id } = session.data.paygent
      expect(instructions).toMatchObject({ kind: "konbini", cvs_company_id: chain })
      expect(instructions.receipt_number).toMatch(/\S/)
      expect(instructions.usable_cvs_company_ids).toContain(chain)
      expect(instructions.payment_limit_date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      const atPaygent = sim().control.getPayment(payment_id)!
      expect(atPaygent).toMatchObject({ payment_type: "03", payment_status: "10", payment_amount: 3000 })
      // Kana went out half-width, the phone as digits only.
      expect(atPaygent.konbini).toMatchObject({ customer_family_name_kana: "ﾔﾏﾀﾞ", customer_tel: "09012345678" })
    })

    it("creates a Pay-easy ATM order with 収納機関番号, お客様番号 and 確認番号", async () => {
      const cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.payeasy, BUYER)
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const session = (await paymentOf(completed.order.id)).payment_sessions[0]
      expect(session.status).toBe("pending_authorization")
      expect(session.data.paygent.instructions).toMatchObject({
        kind: "payeasy",
        pay_center_number: expect.stringMatching(/^\d+$/),
        customer_number: expect.stringMatching(/^\d+$/),
        conf_number: expect.stringMatching(/^\d+$/),
      })
      expect(sim().control.getPayment(session.data.paygent.payment_id)).toMatchObject({ payment_type: "01", payment_status: "10" })
    })

    it("creates a net-bank order and returns the bank selection screen (asp_url)", async () => {
      const cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.banknet, BUYER)
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const session = (await paymentOf(completed.order.id)).payment_sessions[0]
      expect(session.status).toBe("pending_authorization")
      const aspUrl = new URL(session.data.paygent.instructions.asp_url)
      expect(aspUrl.origin).toBe(new URL(sim().publicUrl).origin)
      const screen = await fetch(aspUrl)
      expect(screen.status).toBe(200)
      expect(await screen.text()).toMatch(/data-bank-code/)
    })

    it("refuses a name Shift_JIS cannot encode, naming the field, before anything is sent", async () => {
      const cart = await shopper.cart()
      const before = sim().control.listTelegrams().length
      const error = await shopper
        .pay(cart.id, PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, customer_family_name: "𠮷田", cvs_company_id: "00C002" })
        .catch((e: any) => e.response)
      expect(error.status).toBe(400)
      // Japanese first, naming the field as the checkout form shows it.
      expect(error.data.message).toMatch(/^姓に使用できない文字が含まれています: 「𠮷」.* \/ Family name contains a character that cannot be used/)
      expect(sim().control.listTelegrams().length).toBe(before)
    })

    it("sends names as a Mac or a romaji typist writes them, and answers one too long for its method with a 400", async () => {
      const cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, customer_family_name: "髙橋", customer_name: "TARO", cvs_company_id: "00C002" })
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const tradingId = (await paymentOf(completed.order.id)).payment_sessions[0].data.paygent.trading_id
      const sent = sim().control.listTelegrams().find((t) => t.telegram_kind === "030" && t.params.trading_id === tradingId)!
      expect([sent.params.customer_family_name, sent.params.customer_name, sent.result]).toEqual(["高橋", "ＴＡＲＯ", "0"])

      // Pay-easy takes 12 bytes: six full-width letters. Before, the session started and the telegram failed later
      // ("temporarily unavailable").
      const other = await shopper.cart()
      const before = sim().control.listTelegrams().length
      const error = await shopper
        .pay(other.id, PAYGENT_PROVIDER_IDS.payeasy, { ...BUYER, customer_family_name: "YAMAMOTO" })
        .catch((e: any) => e.response)
      expect(error.status).toBe(400)
      expect(error.data.message).toBe("姓が長すぎます（全角6文字まで）。 / Family name is too long (at most 6 full-width characters).")
      expect(sim().control.listTelegrams().length).toBe(before)
    })

    it("refuses more than ¥300,000 at Seven-Eleven before anything is sent", async () => {
      const cart = await shopper.cart({ variantId: store.expensiveVariantId })
      const error = await shopper
        .pay(cart.id, PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C001" })
        .catch((e: any) => e.response)
      expect(error.status).toBe(400)
      expect(error.data.message).toMatch(/300,000/)
    })

    it("uses the shopper's Medusa customer name and phone when the storefront sends none", async () => {
      const cart = await shopper.cart()
      expect(JP_ADDRESS.last_name).toBe("山田")
      const error = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.konbini, { cvs_company_id: "00C002" }).catch((e: any) => e.response)
      // A guest cart has no customer: the names are required and the error says so.
      expect(error.status).toBe(400)
      expect(error.data.message).toBe("お名前（姓・名）を入力してください。 / Please enter your name (family name and given name).")
    })
  },
})
