/**
 * The storefront helpers (src/storefront, "medusa-payment-paygent/storefront") through Medusa's store API with
 * @medusajs/js-sdk, as docs/storefront.md shows them: token from the simulator's PaygentToken.js, 3-D Secure,
 * a retried input error, konbini and net bank instructions. Then the kit's server-side steps as a Next.js
 * storefront's server actions run them (docs/storefront-nextjs.md): every outcome a value, never a throw; and the
 * order's payment read through GET /store/paygent/orders/:id, scoped to the order's customer or cart.
 */
import Medusa from "@medusajs/js-sdk"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import * as vm from "vm"
import {
  buyerAsSent,
  cardPaymentData,
  checkBuyer,
  createCardToken,
  findPaygentSession,
  formatInstructions,
  konbiniPaymentData,
  buyerFromAddress,
  nextPaygentAction,
  paygentProviderId,
  placePaygentOrder,
  readPaygentOrderPayment,
  readPaygentState,
  setPaygentPayment,
  readThreeDsReturn,
  simulatorTokenScriptUrl,
  splitBilingualMessage,
  startThreeDs,
  type Bilingual,
  type ScriptLoader,
} from "../../src/storefront"
import { authenticate } from "../helpers/acs-browser"
import { registerCustomer } from "../helpers/customer"
import { explainAxiosErrors } from "../helpers/api-errors"
import { TEST_KEYS, withPaygentSimulator } from "../helpers/paygent-app"
import { seedJapaneseStore, SeededStore } from "../helpers/seed-store"
import { Shopper } from "../helpers/shopper"

jest.setTimeout(120 * 1000)

const { sim } = withPaygentSimulator({ PAYGENT_3DS_MODE: "required" })

const RETURN_URL = "http://localhost:8000/checkout/3ds"

/** Just enough XMLHttpRequest for PaygentToken.js, backed by fetch. */
class FetchXhr {
  private method = "GET"
  private url = ""
  private headers: Record<string, string> = {}
  responseText = ""
  status = 0
  timeout = 0
  onload?: () => void
  onerror?: () => void
  open(method: string, url: string) {
    this.method = method
    this.url = url
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }
  send(body: string) {
    fetch(this.url, { method: this.method, headers: this.headers, body }).then(
      async (response) => {
        this.status = response.status
        this.responseText = await response.text()
        this.onload?.()
      },
      () => this.onerror?.()
    )
  }
}

/** The shopper's page: PaygentToken.js runs in it (no browser, a VM context with a window). */
const pageWindow: Record<string, unknown> = { XMLHttpRequest: FetchXhr }
const loadScript: ScriptLoader = async (src) => {
  vm.runInNewContext(await (await fetch(src)).text(), { window: pageWindow, XMLHttpRequest: FetchXhr })
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let shopper: Shopper
    let sdk: Medusa

    beforeAll(async () => {
      explainAxiosErrors(api)
      store = await seedJapaneseStore(getContainer())
      sdk = new Medusa({ baseUrl: api.defaults.baseURL!, publishableKey: store.publishableKey })
    })

    beforeEach(() => {
      shopper = new Shopper(api, store)
    })

    function tokenFor(number: string, name = "TARO YAMADA") {
      return createCardToken({
        merchantId: TEST_KEYS.merchantId,
        tokenKey: TEST_KEYS.tokenKey,
        card: { number, expireMonth: "12", expireYear: "2030", cvc: "123", name },
        scriptUrl: simulatorTokenScriptUrl(sim().publicUrl),
        window: pageWindow,
        loadScript,
      })
    }

    /** The browser part of 3-D Secure: the written HTML is posted, the ACS answers, term_url redirects back. */
    async function browserThreeDs(html: string): Promise<string> {
      let written = ""
      startThreeDs(
        { data: { paygent: { threeds: { state: "challenge", acs_html: html } } } },
        { document: { open: () => undefined, write: (h) => (written += h), close: () => undefined } }
      )
      const term = await authenticate(written, { appBaseUrl: api.defaults.baseURL! })
      const answer = await api.get(term.pathname + term.search, { maxRedirects: 0, validateStatus: () => true })
      expect(answer.status).toBe(303)
      return answer.headers.location
    }

    async function cartWithSessions(cartId: string) {
      const { cart } = await sdk.store.cart.retrieve(cartId, { fields: "*payment_collection,*payment_collection.payment_sessions" })
      return cart
    }

    it("pays by card with 3-D Secure: token → session → three_ds → return → complete", async () => {
      const cart = await shopper.cart()
      const token = await tokenFor("4923000000001111")
      const { payment_collection } = await sdk.store.payment.initiatePaymentSession(cart, {
        provider_id: paygentProviderId("card"),
        data: { ...cardPaymentData(token, { paymentClass: "61", splitCount: 3, returnUrl: RETURN_URL }) },
      })
      const session = findPaygentSession(payment_collection)!
      expect(session.status).toBe("requires_more")
      const action = nextPaygentAction(session)
      expect(action.type).toBe("three_ds")

      const back = readThreeDsReturn(await browserThreeDs((action as { html: string }).html))
      expect(back).toEqual({ sessionId: session.id, outcome: "ok" })
      expect(nextPaygentAction(findPaygentSession(await cartWithSessions(cart.id)))).toEqual({ type: "none" })

      const completed = await sdk.store.cart.complete(cart.id)
      expect(completed.type).toBe("order")
      const payment = sim().control.listPayments({}).find((p: any) => p.payment_type === "02" && p.payment_status === "20" && p.card?.split_count === "3")
      expect(payment).toBeDefined()
    })

    it("asks for another card after a failed 3-D Secure authentication (31007)", async () => {
      const cart = await shopper.cart()
      const { payment_collection } = await sdk.store.payment.initiatePaymentSession(cart, {
        provider_id: paygentProviderId("card"),
        data: { ...cardPaymentData(await tokenFor("4923000000001111", "BAVNA"), { returnUrl: RETURN_URL }) },
      })
      const action = nextPaygentAction(findPaygentSession(payment_collection))
      expect(readThreeDsReturn(await browserThreeDs((action as { html: string }).html))?.outcome).toBe("failed")
      const session = findPaygentSession(await cartWithSessions(cart.id))!
      const retry = nextPaygentAction(session)
      expect(retry).toMatchObject({ type: "retry_card", message: { ja: expect.stringMatching(/本人認証/), en: expect.stringMatching(/3-D Secure/) } })
      expect(retry).not.toHaveProperty("retryRef")
      // The session's own status does not tell: it is still the one of the challenge.
      expect(session.status).toBe("requires_more")
    })

    it("retries an input error (2003) with a new token and retry_ref", async () => {
      const cart = await shopper.cart()
      const first = await sdk.store.payment.initiatePaymentSession(cart, {
        provider_id: paygentProviderId("card"),
        data: { ...cardPaymentData(await tokenFor("4923000000008244"), { returnUrl: RETURN_URL }) },
      })
      const action = nextPaygentAction(findPaygentSession(first.payment_collection))
      await browserThreeDs((action as { html: string }).html)
      const refused = await sdk.store.cart.complete(cart.id)
      expect(refused.type).toBe("cart")
      const shown = splitBilingualMessage((refused as { error: { message: string } }).error.message)
      expect(shown.ja).not.toBe(shown.en)

      const retry = nextPaygentAction(findPaygentSession(await cartWithSessions(cart.id)))
      expect(retry).toMatchObject({ type: "retry_card", retryRef: expect.any(String) })
      expect((retry as { message: { ja: string } }).message.ja).toBeTruthy()

      const second = await sdk.store.payment.initiatePaymentSession(await cartWithSessions(cart.id), {
        provider_id: paygentProviderId("card"),
        data: {
          ...cardPaymentData(await tokenFor("4923000000001111"), {
            returnUrl: RETURN_URL,
            retryRef: (retry as { retryRef: string }).retryRef,
          }),
        },
      })
      const again = nextPaygentAction(findPaygentSession(second.payment_collection))
      expect(again.type).toBe("three_ds")
      await browserThreeDs((again as { html: string }).html)
      expect((await sdk.store.cart.complete(cart.id)).type).toBe("order")
    })

    it("places a konbini order and shows its instructions from the completed order", async () => {
      const cart = await shopper.cart()
      await sdk.store.payment.initiatePaymentSession(cart, {
        provider_id: paygentProviderId("konbini"),
        data: { ...konbiniPaymentData("00C002", cart.billing_address, { familyNameKana: "ヤマダ", givenNameKana: "タロウ" }) },
      })
      const completed = await sdk.store.cart.complete(cart.id, { fields: "*payment_collections.payment_sessions" })
      expect(completed.type).toBe("order")
      const order = (completed as { order: any }).order
      const action = nextPaygentAction(findPaygentSession(order))
      expect(action.type).toBe("show_instructions")
      const shown = formatInstructions((action as { instructions: any }).instructions, "ja")
      expect(shown.title).toBe("ローソンでのお支払い")
      // The simulator's default connection type is D: お支払い受付番号 (6 digits) and the phone.
      expect(shown.numbers.map((n) => n.label)).toEqual(["お支払い受付番号", "電話番号（ご注文時にご入力の番号）"])
      expect(shown.numbers[0].value).toMatch(/^\d{6}$/)
      expect(shown.numbers[1].value).toBe("09012345678")
      expect(shown.deadline?.text).toMatch(/^\d{4}年\d{2}月\d{2}日 23:59まで$/)

      // The same later, from the order page.
      const { order: again } = await sdk.store.order.retrieve(order.id, { fields: "*payment_collections.payment_sessions" })
      expect(nextPaygentAction(findPaygentSession(again))).toEqual(action)
    })

    it("sends a net-bank order to the bank selection screen", async () => {
      const cart = await shopper.cart()
      await sdk.store.payment.initiatePaymentSession(cart, {
        provider_id: paygentProviderId("banknet"),
        data: { ...buyerFromAddress(cart.billing_address) },
      })
      const completed = await sdk.store.cart.complete(cart.id, { fields: "*payment_collections.payment_sessions" })
      expect(completed.type).toBe("order")
      const action = nextPaygentAction(findPaygentSession((completed as { order: any }).order))
      expect(action.type).toBe("redirect")
      const url = new URL((action as { url: string }).url)
      expect(url.origin).toBe(new URL(sim().publicUrl).origin)
      expect(formatInstructions((action as { instructions: any }).instructions, "en").links[0].url).toBe(url.toString())
    })

    describe("the kit's server-side steps: errors as values", () => {
      const CARD = paygentProviderId("card")

      async function cardData(number: string, name = "TARO YAMADA") {
        return { ...cardPaymentData(await tokenFor(number, name), { returnUrl: RETURN_URL }) }
      }

      /** Sets the card, places the order (answer: 3-D Secure), authenticates in "the browser", places it again. */
      async function payByCard(cartId: string, number: string) {
        const set = await setPaygentPayment(sdk, { cartId, providerId: CARD, data: await cardData(number) })
        expect(set).toMatchObject({ ok: true, next: { type: "three_ds" } })
        const first = await placePaygentOrder(sdk, { cartId })
        if (!first.ok || first.type !== "three_ds") throw new Error(`expected three_ds, got ${JSON.stringify(first)}`)
        expect(readThreeDsReturn(await browserThreeDs(first.html))?.outcome).toBe("ok")
        return placePaygentOrder(sdk, { cartId })
      }

      it("card: the order is placed only after 3-D Secure; placing it again (a reload) answers the same order", async () => {
        const cart = await shopper.cart()
        const placed = await payByCard(cart.id, "4923000000001111")
        expect(placed).toMatchObject({ ok: true, type: "order", order: { country_code: "jp" }, next: { type: "none" } })
        const again = await placePaygentOrder(sdk, { cartId: cart.id })
        expect(again).toMatchObject({ ok: true, type: "order", order: { id: (placed as { order: { id: string } }).order.id } })
      })

      it("a declined card is a value with a ja/en message, and the same cart takes another card", async () => {
        const cart = await shopper.cart()
        const declined = await payByCard(cart.id, "4923000000008212")
        expect(declined).toEqual({
          ok: false,
          error: { code: "card_refused", field: "card", retry: true, message: { ja: expect.any(String), en: expect.any(String) } },
        })
        const { message } = (declined as { error: { message: { ja: string; en: string } } }).error
        expect(message.ja).toMatch(/[ぁ-んァ-ン一-龯]/)
        expect(message.en).not.toMatch(/[ぁ-んァ-ン一-龯]/)
        const retried = await payByCard(cart.id, "4923000000001111")
        expect(retried).toMatchObject({ ok: true, type: "order" })
      })

      it("an input error (2003) is retried on the same Paygent payment without the storefront passing retry_ref", async () => {
        const cart = await shopper.cart()
        const refused = await payByCard(cart.id, "4923000000008244")
        expect(refused).toMatchObject({ ok: false, error: { code: "card_refused" } })
        const failedState = readPaygentState(findPaygentSession(await cartWithSessions(cart.id)))!
        expect(failedState.input_error?.retry_ref).toBeTruthy()
        const placed = await payByCard(cart.id, "4923000000001111")
        expect(placed).toMatchObject({ ok: true, type: "order" })
        const { order } = await sdk.store.order.retrieve((placed as { order: { id: string } }).order.id, {
          fields: "*payment_collections.payment_sessions",
        })
        // The retry continued the refused payment (same trading_id) instead of starting another one.
        expect(readPaygentState(findPaygentSession(order))?.trading_id).toBe(failedState.trading_id)
      })

      it("a name the provider refuses comes back as invalid_input naming the field, in the kit's own words; nothing is placed", async () => {
        const cart = await shopper.cart()
        const buyer = { customer_family_name: "草彅", customer_name: "太郎", customer_tel: "09012345678" }
        const refused = await setPaygentPayment(sdk, {
          cartId: cart.id,
          providerId: paygentProviderId("konbini"),
          data: { cvs_company_id: "00C002", ...buyer },
        })
        expect(refused).toMatchObject({ ok: false, error: { code: "invalid_input", field: "familyName", retry: true } })
        // The browser's check (checkBuyer) says the same before anything is sent.
        expect((refused as { error: { message: Bilingual } }).error.message).toEqual(checkBuyer("konbini", buyer)[0].message)
        expect(await placePaygentOrder(sdk, { cartId: cart.id })).toMatchObject({ ok: false })
        expect((await cartWithSessions(cart.id)).completed_at).toBeFalsy()
      })

      it("a name with a vendor character that has a standard form is taken and kept as it is sent (髙橋 → 高橋)", async () => {
        const cart = await shopper.cart()
        const buyer = { customer_family_name: "髙橋", customer_name: "Taro", customer_tel: "090-1234-5678" }
        expect(checkBuyer("konbini", buyer)).toEqual([])
        const set = await setPaygentPayment(sdk, { cartId: cart.id, providerId: paygentProviderId("konbini"), data: { cvs_company_id: "00C002", ...buyer } })
        expect(set).toMatchObject({ ok: true })
        const data = findPaygentSession(await cartWithSessions(cart.id))!.data as Record<string, unknown>
        expect(data).toMatchObject({ ...buyerAsSent("konbini", buyer), customer_family_name: "高橋", customer_name: "Ｔａｒｏ" })
      })

      it("a cart that does not exist is cart_not_found", async () => {
        expect(await placePaygentOrder(sdk, { cartId: "cart_01JXXXXXXXXXXXXXXXXXXXXXXX" })).toMatchObject({
          ok: false,
          error: { code: "cart_not_found" },
        })
      })

      it("konbini: names from the cart's address; the order's payment and instructions from GET /store/paygent/orders/:id", async () => {
        const cart = await shopper.cart()
        const set = await setPaygentPayment(sdk, {
          cartId: cart.id,
          providerId: paygentProviderId("konbini"),
          data: { cvs_company_id: "00C001", customer_family_name_kana: "ヤマダ" },
        })
        expect(set).toMatchObject({ ok: true, next: { type: "none" } })
        const placed = await placePaygentOrder(sdk, { cartId: cart.id })
        expect(placed).toMatchObject({ ok: true, type: "order", next: { type: "show_instructions" } })
        const read = await readPaygentOrderPayment(sdk, { orderId: (placed as { order: { id: string } }).order.id })
        expect(read).toMatchObject({
          ok: true,
          payment: {
            method: "konbini",
            provider_id: paygentProviderId("konbini"),
            status: "awaiting_payment",
            amount: 3000,
            instructions: { kind: "konbini", cvs_company_id: "00C001", receipt_number: expect.any(String) },
          },
        })
      })

      it("a registered customer's order answers only to that customer, or to its cart", async () => {
        const taro = await registerCustomer(api, store, "taro")
        const hanako = await registerCustomer(api, store, "hanako")
        const cart = await taro.shopper.cart()
        const headers = { authorization: `Bearer ${taro.token}` }
        await setPaygentPayment(sdk, { cartId: cart.id, providerId: paygentProviderId("payeasy"), headers })
        const placed = await placePaygentOrder(sdk, { cartId: cart.id, headers })
        const orderId = (placed as { order: { id: string } }).order.id

        const asTaro = await readPaygentOrderPayment(sdk, { orderId, headers })
        expect(asTaro).toMatchObject({ ok: true, payment: { method: "payeasy", status: "awaiting_payment", instructions: { kind: "payeasy" } } })
        expect(await readPaygentOrderPayment(sdk, { orderId, cartId: cart.id })).toMatchObject({ ok: true, payment: { method: "payeasy" } })
        for (const attempt of [
          readPaygentOrderPayment(sdk, { orderId }),
          readPaygentOrderPayment(sdk, { orderId, headers: { authorization: `Bearer ${hanako.token}` } }),
          readPaygentOrderPayment(sdk, { orderId, cartId: "cart_somebody_else" }),
        ]) {
          expect(await attempt).toMatchObject({ ok: false, error: { code: "not_found" } })
        }
      })

      it("net bank: placing the order answers the bank screen to send the shopper to", async () => {
        const cart = await shopper.cart()
        await setPaygentPayment(sdk, { cartId: cart.id, providerId: paygentProviderId("banknet") })
        const placed = await placePaygentOrder(sdk, { cartId: cart.id })
        expect(placed).toMatchObject({ ok: true, type: "order", next: { type: "redirect", url: expect.stringContaining(new URL(sim().publicUrl).host) } })
        const read = await readPaygentOrderPayment(sdk, { orderId: (placed as { order: { id: string } }).order.id })
        expect(read).toMatchObject({ ok: true, payment: { method: "banknet", status: "awaiting_payment", instructions: { kind: "banknet" } } })
      })
    })
  },
})
