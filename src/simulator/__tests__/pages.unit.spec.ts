/** The token JS (PaygentToken.js) with Paygent's API, run in a sandbox with a real XMLHttpRequest stand-in. */
import { createHash } from "crypto"
import * as vm from "vm"
import { rawRequest } from "./support/telegram-client"
import { authParams, startTestSim, type TestSim } from "./support/sim"

const TOKEN_KEY = "live_test_key_123"
const TOKEN_HASH_KEY = "ch_eeeeffffgggghhhhiiii"
let t: TestSim
beforeAll(async () => {
  t = await startTestSim({ tokenKey: TOKEN_KEY, tokenHashKey: TOKEN_HASH_KEY })
})
afterAll(() => t.close())

/** Just enough of XMLHttpRequest for the script, backed by real HTTP requests. */
class FakeXhr {
  private method = "GET"
  private url = ""
  private headers: Record<string, string> = {}
  responseText = ""
  status = 0
  timeout = 0
  onload?: () => void
  onerror?: () => void
  ontimeout?: () => void
  static origin = "https://shop.example.jp"
  static lastResponseHeaders: Record<string, unknown> = {}
  open(method: string, url: string) {
    this.method = method
    this.url = url
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }
  send(body: string) {
    rawRequest(this.url, { method: this.method, body, headers: { ...this.headers, Origin: FakeXhr.origin } }).then(
      (response) => {
        FakeXhr.lastResponseHeaders = response.headers
        this.status = response.status
        this.responseText = response.body.toString("utf8")
        this.onload?.()
      },
      () => this.onerror?.(),
    )
  }
}

async function loadPaygentToken(): Promise<any> {
  const script = await rawRequest(`${t.sim.publicUrl}/js/PaygentToken.js`)
  expect(script.status).toBe(200)
  expect(String(script.headers["content-type"])).toContain("javascript")
  const window: Record<string, unknown> = { XMLHttpRequest: FakeXhr }
  vm.runInNewContext(script.body.toString("utf8"), { window, XMLHttpRequest: FakeXhr })
  return window.PaygentToken
}

const call = (fn: (callback: (response: any) => void) => void) => new Promise<any>((resolve) => fn(resolve))

it("serves PaygentToken.js with createToken/createCvcToken; a token comes back with a correct hc and works in 020", async () => {
  const PaygentToken = await loadPaygentToken()
  const api = new PaygentToken()
  expect(typeof api.createToken).toBe("function")
  expect(typeof api.createCvcToken).toBe("function")
  const response = await call((cb) =>
    api.createToken("123456789", TOKEN_KEY, { card_number: "4111111111111111", expire_year: "29", expire_month: "12", cvc: "123", name: "TARO YAMADA" }, cb),
  )
  expect(response.result).toBe("0000")
  expect(FakeXhr.lastResponseHeaders["access-control-allow-origin"]).toBe("*")
  const card = response.tokenizedCardObject
  expect(Object.keys(card).sort()).toEqual(["fingerprint", "masked_card_number", "token", "valid_until"])
  expect(card.masked_card_number).toBe("************1111")
  expect(card.valid_until).toBe("20250610103000")
  expect(response.hc).toBe(
    createHash("sha256").update(card.token + card.masked_card_number + card.valid_until + card.fingerprint + TOKEN_HASH_KEY).digest("hex"),
  )
  expect((await t.send("020", authParams(card.token))).result).toBe("0")

  const cvc = await call((cb) => api.createCvcToken("123456789", TOKEN_KEY, { cvc: "1234" }, cb))
  expect(cvc.result).toBe("0000")
  expect(cvc.tokenizedCardObject.masked_card_number).toBe("")
})

it.each([
  ["missing merchant id", "", TOKEN_KEY, {}, "1100"],
  ["missing key", "123456789", "", {}, "1200"],
  ["wrong key", "123456789", "live_wrong", {}, "1201"],
  ["no card number", "123456789", TOKEN_KEY, { card_number: "" }, "1300"],
  ["bad card number", "123456789", TOKEN_KEY, { card_number: "4111" }, "1301"],
  ["bad year", "123456789", TOKEN_KEY, { expire_year: "2029" }, "1401"],
  ["bad month", "123456789", TOKEN_KEY, { expire_month: "13" }, "1501"],
  ["expired", "123456789", TOKEN_KEY, { expire_year: "25", expire_month: "05" }, "1502"],
  ["no cvc", "123456789", TOKEN_KEY, { cvc: "" }, "1600"],
  ["bad cvc", "123456789", TOKEN_KEY, { cvc: "12" }, "1601"],
  ["non-ASCII name", "123456789", TOKEN_KEY, { name: "山田" }, "1700"],
])("answers %s with %s", async (_label, merchantId, key, override, result) => {
  const api = new (await loadPaygentToken())()
  const card = { card_number: "4111111111111111", expire_year: "29", expire_month: "12", cvc: "123", name: "TARO", ...override }
  const response = await call((cb) => api.createToken(merchantId, key, card, cb))
  expect(response.result).toBe(result)
  expect(response.tokenizedCardObject).toBeUndefined()
})

it("answers 8000 during an injected maintenance and the CORS preflight", async () => {
  t.sim.control.addFault({ telegram_kind: "token", mode: "maintenance" })
  const api = new (await loadPaygentToken())()
  const response = await call((cb) => api.createToken("123456789", TOKEN_KEY, { card_number: "4111111111111111", expire_year: "29", expire_month: "12", cvc: "123" }, cb))
  expect(response.result).toBe("8000")
  const preflight = await rawRequest(`${t.sim.publicUrl}/token/create`, { method: "OPTIONS", headers: { Origin: "https://shop.example.jp" } })
  expect(preflight.status).toBe(204)
  expect(preflight.headers["access-control-allow-origin"]).toBe("*")
})
