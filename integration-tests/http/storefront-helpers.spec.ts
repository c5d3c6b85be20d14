/**
 * The storefront helpers (src/storefront, "medusa-payment-paygent/storefront") through Medusa's store API with
 * @medusajs/js-sdk, as docs/storefront.md shows them: token from the simulator's PaygentToken.js, 3-D Secure,
 * a retried input error, konbini and net bank instructions.
 */
import Medusa from "@medusajs/js-sdk"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import * as vm from "vm"
import {
  cardPaymentData,
  createCardToken,
  findPaygentSession,
  formatInstructions,
  konbiniPaymentData,
  buyerFromAddress,
  nextPaygentAction,
  paygentProviderId,
  readThreeDsReturn,
  simulatorTokenScriptUrl,
  splitBilingualMessage,
  startThreeDs,
  type ScriptLoader,
} from "../../src/storefront"
import { authenticate } from "../helpers/acs-browser"
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
  },
})
