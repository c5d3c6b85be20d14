/** EMV 3-D Secure: 450 (UTF-8), the ACS stand-in's frictionless and challenge redirects with hc, 020 with type 2. */
import { createHash } from "crypto"
import { rawRequest } from "./support/telegram-client"
import { startReceiver, type Receiver } from "./support/receiver"
import { authParams, CARDS, startTestSim, type TestSim } from "./support/sim"

const HASH_KEY = "test_1234567890123456789"
let t: TestSim
let receiver: Receiver
beforeAll(async () => {
  t = await startTestSim({ threeDsHashKey: HASH_KEY })
  receiver = await startReceiver()
})
afterAll(async () => {
  await t.close()
  await receiver.close()
})
beforeEach(() => {
  t.sim.control.reset()
  receiver.received.length = 0
  receiver.reply = () => ({ status: 200, body: "ok" })
})

const TERM_URL = "https://shop.example.jp/3ds/return?done_3ds_auth=ORDER_1"

async function authenticate(token: string, extra: Record<string, string> = {}) {
  return t.send("450", {
    trading_id: "ORDER_1",
    payment_id: "",
    term_url: TERM_URL,
    merchant_name: "Paygent Test Shop",
    authentication_type: "01",
    card_set_method: "token",
    card_token: token,
    payment_amount: "36000",
    cardholder_name: "TARO YAMADA",
    ...extra,
  })
}

/** Plays the browser: submits out_acs_html's form; returns the redirect target (or the challenge page). */
async function submitAcs(outAcsHtml: string) {
  const action = /action="([^"]+)"/.exec(outAcsHtml)![1]
  const authId = /name="3ds_auth_id" value="([^"]+)"/.exec(outAcsHtml)![1]
  const response = await rawRequest(action, { body: new URLSearchParams({ "3ds_auth_id": authId }).toString() })
  return { response, authId }
}

const redirectParams = (location: string) => new URL(location).searchParams
const hc = (result: string, authId: string, attempt: string) =>
  createHash("sha256").update(result + authId + attempt + HASH_KEY).digest("hex")

describe("450", () => {
  it("answers in UTF-8 with the card data, a 3ds_auth_id and out_acs_html last; it does not use up the token", async () => {
    const token = t.token()
    const answer = await authenticate(token)
    expect(answer.contentType).toBe("text/plain; charset=UTF-8")
    expect(answer.result).toBe("0")
    expect(answer.get("3ds_auth_id")).toMatch(/^[0-9a-f-]{36}$/)
    expect([answer.get("card_brand"), answer.get("masked_card_number")]).toEqual(["VISA", "************1111"])
    const last = answer.items[answer.items.length - 1]
    expect(last[0]).toBe("out_acs_html")
    expect(last[1]).toContain(`action="${t.sim.publicUrl}/3ds/acs"`)
    expect(last[1]).toContain("\r\n")
    expect(t.sim.control.getThreeDsAuth(answer.get("3ds_auth_id")!)?.state).toBe("pending")
    expect((await authenticate(token)).result).toBe("0")
  })

  it("token problems: unknown 31004, missing for card_set_method token 31002", async () => {
    expect((await authenticate("tok_unknown")).code).toBe("31004")
    expect((await authenticate("", { card_token: "" })).code).toBe("31002")
  })

  it("P063 without the 3DS2 contract", async () => {
    const other = await startTestSim({ contract: { threeDs2: false } })
    try {
      const answer = await other.send("450", {
        term_url: TERM_URL,
        merchant_name: "Shop",
        authentication_type: "01",
        card_set_method: "token",
        card_token: other.token(),
        payment_amount: "1000",
      })
      expect(answer.code).toBe("P063")
      expect((await other.send("020", authParams(other.token(), { "3dsecure_use_type": "2", "3ds_auth_id": "x" }))).code).toBe("P063")
    } finally {
      await other.close()
    }
  })
})

describe("frictionless", () => {
  it("redirects straight to term_url (query appended) with result 0 and a correct hc; 020 type 2 then authorizes once", async () => {
    const token = t.token()
    const answer = await authenticate(token)
    const { response, authId } = await submitAcs(answer.get("out_acs_html")!)
    expect(response.status).toBe(302)
    const location = response.headers.location!
    expect(location.startsWith(`${TERM_URL}&`)).toBe(true)
    const params = redirectParams(location)
    expect(params.get("done_3ds_auth")).toBe("ORDER_1")
    expect([params.get("result"), params.get("3ds_auth_id"), params.get("attempt_kbn"), params.get("card_brand")]).toEqual([
      "0",
      authId,
      "",
      "VISA",
    ])
    expect(params.get("hc")).toBe(hc("0", authId, ""))

    const auth = await t.send("020", {
      ...authParams(token, { "3dsecure_use_type": "2", "3ds_auth_id": authId }),
      "3dsecure_ryaku": "",
    })
    expect([auth.result, auth.get("attempt_kbn")]).toEqual(["0", ""])
    expect((await t.send("094", { payment_id: auth.get("payment_id")! })).get("3dsecure_message_version")).toBe("2.2.0")
    const reuse = await t.send("020", authParams(t.token(), { "3dsecure_use_type": "2", "3ds_auth_id": authId }))
    expect(reuse.code).toBe("31010")
  })

  it.each([
    ["amount 314020", { payment_amount: "314020" }, "0", "0", undefined],
    ["amount 314040", { payment_amount: "314040" }, "1", null, "31007"],
    ["name BAVUA", { cardholder_name: "BAVUA" }, "0", "1", undefined],
    ["amount 313560 (JCB control value, rejected)", { payment_amount: "313560" }, "1", null, "31007"],
  ])("control value %s", async (_label, extra, result, attempt, code) => {
    const answer = await authenticate(t.token(), extra as Record<string, string>)
    const { response, authId } = await submitAcs(answer.get("out_acs_html")!)
    const params = redirectParams(response.headers.location!)
    expect(params.get("result")).toBe(result)
    expect(params.get("attempt_kbn")).toBe(attempt)
    expect(params.get("response_code") ?? undefined).toBe(code)
    expect(params.get("hc")).toBe(hc(result, authId, attempt ?? ""))
    if (result === "1") {
      const auth = await t.send("020", authParams(t.token(), { "3dsecure_use_type": "2", "3ds_auth_id": authId }))
      expect(auth.code).toBe("31010")
    }
  })
})

describe("challenge", () => {
  it.each([
    ["14012", "0", ""],
    ["14052", "0", "1"],
    ["14042", "1", null],
  ])("password %s → result %s", async (password, result, attempt) => {
    const answer = await authenticate(t.token(), { payment_amount: "200000" })
    const { response, authId } = await submitAcs(answer.get("out_acs_html")!)
    expect(response.status).toBe(200)
    const page = response.body.toString("utf8")
    expect(page).toContain('id="password"')
    expect(page).toContain('id="submit"')
    expect(page).toContain('id="test-passwords"')
    expect(page).toContain("14012")
    const done = await rawRequest(`${t.sim.publicUrl}/3ds/challenge`, {
      body: new URLSearchParams({ "3ds_auth_id": authId, password }).toString(),
    })
    expect(done.status).toBe(302)
    const params = redirectParams(done.headers.location!)
    expect([params.get("result"), params.get("attempt_kbn")]).toEqual([result, attempt])
    if (result === "1") expect(params.get("response_code")).toBe("31007")
    expect(params.get("hc")).toBe(hc(result, authId, attempt ?? ""))
  })

  it("is also chosen by the cardholder name (BAJCA) and the JCB password", async () => {
    const answer = await authenticate(t.token(CARDS.okJcb), { cardholder_name: "BAJCA" })
    const { response, authId } = await submitAcs(answer.get("out_acs_html")!)
    expect(response.body.toString("utf8")).toContain("13512")
    const done = await rawRequest(`${t.sim.publicUrl}/3ds/challenge`, {
      body: new URLSearchParams({ "3ds_auth_id": authId, password: "13512" }).toString(),
    })
    expect(redirectParams(done.headers.location!).get("result")).toBe("0")
  })
})

describe("020 with 3DS2", () => {
  it("31009 without 3ds_auth_id, 31008 with it but type ≠ 2, 31011 unknown, 31010 not finished", async () => {
    expect((await t.send("020", authParams(t.token(), { "3dsecure_use_type": "2" }))).code).toBe("31009")
    expect((await t.send("020", authParams(t.token(), { "3ds_auth_id": "abc" }))).code).toBe("31008")
    expect((await t.send("020", authParams(t.token(), { "3dsecure_use_type": "2", "3ds_auth_id": "nope" }))).code).toBe("31011")
    const pending = (await authenticate(t.token())).get("3ds_auth_id")!
    expect((await t.send("020", authParams(t.token(), { "3dsecure_use_type": "2", "3ds_auth_id": pending }))).code).toBe("31010")
  })
})

describe("timeout", () => {
  it("GETs term_url with result=1 / 31013 thirty minutes after 450 and re-sends hourly on failure", async () => {
    receiver.reply = () => ({ status: 500 })
    const answer = await authenticate(t.token(), { term_url: `${receiver.url}/3ds/return?order=ORDER_1` })
    const authId = answer.get("3ds_auth_id")!
    await t.sim.control.advanceClock({ minutes: 29 })
    expect(receiver.received).toHaveLength(0)
    await t.sim.control.advanceClock({ minutes: 1 })
    expect(receiver.received).toHaveLength(1)
    const params = new URL(receiver.received[0].url, receiver.url).searchParams
    expect([params.get("order"), params.get("result"), params.get("response_code"), params.get("response_detail")]).toEqual([
      "ORDER_1",
      "1",
      "31013",
      "認証タイムアウト",
    ])
    expect([params.get("fingerprint"), params.get("masked_card_number")]).toEqual(["XXXX", "XXXX"])
    expect(params.get("hc")).toBe(hc("1", authId, ""))
    receiver.reply = () => ({ status: 200 })
    await t.sim.control.advanceClock({ hours: 5 })
    expect(receiver.received).toHaveLength(2)
    expect(t.sim.control.getThreeDsAuth(authId)?.state).toBe("timed_out")
    const { response } = await submitAcs(answer.get("out_acs_html")!)
    expect(response.status).toBe(410)
  })
})
