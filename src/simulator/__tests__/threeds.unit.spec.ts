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
    // Read as Paygent's module reads it (the HTML from the line after the key), nothing is lost.
    expect(last[1].startsWith("<!DOCTYPE html>")).toBe(true)
    expect(answer.text).toContain("\r\nout_acs_html=\r\n<!DOCTYPE html>\r\n")
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

describe("without a browser: POST /_sim/threeds/answer", () => {
  const answer = (body: Record<string, unknown>) =>
    rawRequest(`${t.sim.publicUrl}/_sim/threeds/answer`, { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } })

  it("answers a challenge by trading_id with the brand's success password, gives the term_url, and 020 then authorizes", async () => {
    const token = t.token()
    const started = await authenticate(token, { payment_amount: "200000" })
    const authId = started.get("3ds_auth_id")!
    const reply = await answer({ trading_id: "ORDER_1" })
    expect(reply.status).toBe(200)
    const body = JSON.parse(reply.body.toString("utf8"))
    expect(body).toMatchObject({ "3ds_auth_id": authId, flow: "challenge", result: "0", attempt_kbn: "", response_code: null })
    const params = redirectParams(body.term_url)
    expect(new URL(body.term_url).origin + new URL(body.term_url).pathname).toBe("https://shop.example.jp/3ds/return")
    expect([params.get("done_3ds_auth"), params.get("result"), params.get("hc")]).toEqual(["ORDER_1", "0", hc("0", authId, "")])
    const auth = await t.send("020", authParams(token, { "3dsecure_use_type": "2", "3ds_auth_id": authId }))
    expect(auth.result).toBe("0")
    // Finished: a second answer is a conflict.
    expect((await answer({ "3ds_auth_id": authId })).status).toBe(409)
  })

  it("answers with a failing password (31007) and, with deliver, requests the term_url itself", async () => {
    const started = await authenticate(t.token(), { payment_amount: "200000", term_url: `${receiver.url}/paygent/3ds/term?session_id=ps_1` })
    const reply = JSON.parse((await answer({ "3ds_auth_id": started.get("3ds_auth_id"), password: "14042", deliver: true })).body.toString("utf8"))
    expect([reply.result, reply.response_code, reply.delivered]).toEqual(["1", "31007", { status: 200 }])
    expect(receiver.received).toHaveLength(1)
    const delivered = new URL(receiver.received[0].url, receiver.url)
    expect([delivered.pathname, delivered.searchParams.get("session_id"), delivered.searchParams.get("result")]).toEqual([
      "/paygent/3ds/term",
      "ps_1",
      "1",
    ])
  })

  it("finishes a frictionless authentication as planned by the control values; 404 for unknown ids", async () => {
    await authenticate(t.token(), { payment_amount: "314020" })
    const reply = JSON.parse((await answer({ trading_id: "ORDER_1" })).body.toString("utf8"))
    expect([reply.flow, reply.result, reply.attempt_kbn]).toEqual(["frictionless", "0", "0"])
    expect((await answer({ "3ds_auth_id": "nope" })).status).toBe(404)
    expect((await answer({ trading_id: "NO_SUCH" })).status).toBe(404)
    expect((await answer({})).status).toBe(400)
  })
})
