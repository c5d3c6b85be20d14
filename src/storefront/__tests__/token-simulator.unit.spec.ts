/**
 * createCardToken against the simulator's real PaygentToken.js: the script is fetched and run in a sandbox with a
 * fetch-backed XMLHttpRequest (no browser), as a storefront page would run it.
 */
import * as vm from "vm"
import { tokenHash } from "../../paygent"
import { startSimulator, type Simulator } from "../../simulator"
import { createCardToken, loadPaygentToken, simulatorTokenScriptUrl, type ScriptLoader } from "../token"

const MERCHANT_ID = "123456789"
const TOKEN_KEY = "test_storefront_token_key"
const TOKEN_HASH_KEY = "storefront_hash_key"

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ merchantId: MERCHANT_ID, tokenKey: TOKEN_KEY, tokenHashKey: TOKEN_HASH_KEY, now: "2025-06-10T01:00:00Z" })
})
afterAll(() => sim.close())

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
  ontimeout?: () => void
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

/** A page: a window object and a loader that runs the fetched script in it. */
function page() {
  const window: Record<string, unknown> = { XMLHttpRequest: FetchXhr }
  const loadScript: ScriptLoader = async (src) => {
    const response = await fetch(src)
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    vm.runInNewContext(await response.text(), { window, XMLHttpRequest: FetchXhr })
  }
  return { window, loadScript }
}

const CARD = { number: "4111 1111 1111 1111", expireMonth: "12", expireYear: "2029", cvc: "123", name: "TARO YAMADA" }

it("serves a PaygentToken.js with Paygent's createToken and createCvcToken", async () => {
  const response = await fetch(simulatorTokenScriptUrl(sim.publicUrl))
  expect(response.status).toBe(200)
  const script = await response.text()
  expect(script).toMatch(/PaygentToken\.prototype\.createToken\s*=/)
  expect(script).toMatch(/PaygentToken\.prototype\.createCvcToken\s*=/)

  const { window, loadScript } = page()
  const PaygentToken = await loadPaygentToken(simulatorTokenScriptUrl(sim.publicUrl), { window, loadScript })
  const api = new PaygentToken()
  expect(typeof api.createToken).toBe("function")
  expect(typeof api.createCvcToken).toBe("function")
})

it("creates a token whose session data passes the provider's token_hc check", async () => {
  const { window, loadScript } = page()
  const data = await createCardToken({
    merchantId: MERCHANT_ID,
    tokenKey: TOKEN_KEY,
    card: CARD,
    scriptUrl: `${sim.publicUrl}/js/PaygentToken.js?page=1`,
    window,
    loadScript,
  })
  expect(Object.keys(data).sort()).toEqual(
    ["card_token", "cardholder_name", "fingerprint", "masked_card_number", "token_hc", "valid_until"].sort()
  )
  expect(data.masked_card_number).toBe("************1111")
  expect(data.valid_until).toMatch(/^\d{14}$/)
  // What PaygentCardService.checkTokenIntegrity computes with the provider's tokenHashKey.
  const { card_token: token, masked_card_number, valid_until, fingerprint } = data
  expect(data.token_hc).toBe(tokenHash({ token, masked_card_number, valid_until, fingerprint }, TOKEN_HASH_KEY))
  expect(data.cardholder_name).toBe("TARO YAMADA")
})

it.each([
  ["a wrong token key", "1201", "configuration", { tokenKey: "live_wrong" }, {}],
  ["a short card number", "1301", "input", {}, { number: "4111" }],
  ["an expired card", "1502", "input", {}, { expireYear: "2024", expireMonth: "01" }],
  ["a two-digit security code", "1601", "input", {}, { cvc: "12" }],
  ["a kanji cardholder name", "1700", "input", {}, { name: "山田太郎" }],
])("explains %s from the simulator (%s, %s)", async (_label, code, kind, options, card) => {
  const { window, loadScript } = page()
  const error = await createCardToken({
    merchantId: MERCHANT_ID,
    tokenKey: TOKEN_KEY,
    ...options,
    card: { ...CARD, ...card },
    scriptUrl: `${sim.publicUrl}/js/PaygentToken.js?case=${code}`,
    window,
    loadScript,
  }).catch((e) => e)
  expect(error).toMatchObject({ name: "PaygentTokenError", code, kind })
})

it("explains Paygent's maintenance (8000)", async () => {
  sim.control.addFault({ telegram_kind: "token", mode: "maintenance" })
  const { window, loadScript } = page()
  const error = await createCardToken({
    merchantId: MERCHANT_ID,
    tokenKey: TOKEN_KEY,
    card: CARD,
    scriptUrl: `${sim.publicUrl}/js/PaygentToken.js?case=8000`,
    window,
    loadScript,
  }).catch((e) => e)
  expect(error).toMatchObject({ code: "8000", kind: "temporary" })
  expect(error.userMessage.ja).toMatch(/メンテナンス/)
})
