/** The /_sim control API over HTTP: shapes of every endpoint and the in-process twin. */
import { createHash } from "crypto"
import { json, rawRequest } from "./support/telegram-client"
import { authParams, startTestSim, type TestSim } from "./support/sim"

let t: TestSim
let base: string
beforeAll(async () => {
  t = await startTestSim({ tokenHashKey: "token_hash" })
  base = `${t.sim.publicUrl}/_sim`
})
afterAll(() => t.close())
beforeEach(() => t.sim.control.reset())

it("POST /_sim/tokens → 201 {token, masked_card_number, valid_until, fingerprint, hc, card_token, token_hc}; 400 with the token JS code", async () => {
  const created = await json(`${base}/tokens`, "POST", { card_number: "4111111111111111", expire_month: "12", expire_year: "29", cvc: "123", name: "TARO" })
  expect(created.status).toBe(201)
  const { token, masked_card_number, valid_until, fingerprint, hc } = created.body
  // The names a card payment session expects, so the answer can be passed to the session as it is.
  expect([created.body.card_token, created.body.token_hc]).toEqual([token, hc])
  expect(token).toMatch(/^tok_[A-Za-z0-9]{24}$/)
  expect(valid_until).toBe("20250610103000")
  expect(hc).toBe(createHash("sha256").update(token + masked_card_number + valid_until + fingerprint + "token_hash").digest("hex"))
  const again = await json(`${base}/tokens`, "POST", { card_number: "4111111111111111", expire_month: "01", expire_year: "30", cvc: "123" })
  expect(again.body.fingerprint).toBe(fingerprint)
  const bad = await json(`${base}/tokens`, "POST", { card_number: "41", expire_month: "12", expire_year: "29", cvc: "123" })
  expect([bad.status, bad.body.result]).toEqual([400, "1301"])
})

it("GET /_sim/payments/:id and ?trading_id= ; 404 for an unknown id", async () => {
  const answer = await t.send("020", authParams(t.token(), { trading_id: "ORDER_X", payment_amount: "2500" }))
  const paymentId = answer.get("payment_id")
  const one = await json(`${base}/payments/${paymentId}`)
  expect(one.body).toMatchObject({ payment_id: paymentId, trading_id: "ORDER_X", payment_type: "02", payment_status: "20", payment_amount: 2500 })
  expect(one.body.card.masked_card_number).toBe("************1111")
  expect(one.body.history.map((h: any) => h.status)).toEqual(["20"])
  expect((await json(`${base}/payments?trading_id=ORDER_X`)).body).toHaveLength(1)
  expect((await json(`${base}/payments?trading_id=NONE`)).body).toHaveLength(0)
  expect((await json(`${base}/payments/123`)).status).toBe(404)
  expect((await json(`${base}/payments/${paymentId}/pay`, "POST", {})).status).toBe(400)
})

it("GET /_sim/clock and POST /_sim/clock/advance {days, hours, minutes} → {now}", async () => {
  expect((await json(`${base}/clock`)).body).toEqual({ now: "2025-06-10T01:00:00.000Z", now_jst: "20250610100000" })
  const advanced = await json(`${base}/clock/advance`, "POST", { days: 1, hours: 2, minutes: 3 })
  expect(advanced.body.now).toBe("2025-06-11T03:03:00.000Z")
  expect((await json(`${base}/clock/advance`, "POST", { days: -1 })).status).toBe(400)
})

it("GET /_sim/notices, POST /_sim/notices/purge, POST /_sim/latency, POST /_sim/push, POST /_sim/reset", async () => {
  await t.send("020", authParams(t.token()))
  const notices = await json(`${base}/notices`)
  expect(notices.body).toHaveLength(1)
  expect(notices.body[0]).toMatchObject({ read: false, purged: false, push: { state: "disabled" } })
  expect(notices.body[0].payment_notice_id).toBeGreaterThanOrEqual(1)
  expect((await json(`${base}/notices/purge`, "POST", { older_than_days: 0 })).body).toEqual({ purged: 1 })
  expect((await t.send("091")).get("success_code")).toBe("1")
  expect((await json(`${base}/latency`, "POST", { ms: 5 })).body).toEqual({ latency_ms: 5 })
  expect((await json(`${base}/push`, "POST", { paused: true })).body).toMatchObject({ paused: true, enabled: true })
  expect((await json(`${base}/reset`, "POST")).body).toEqual({ reset: true })
  expect((await json(`${base}/notices`)).body).toHaveLength(0)
  expect((await json(`${base}/push`)).body.paused).toBe(false)
})

it("answers 404 for unknown endpoints, 405 for a wrong method and 400 for bad JSON", async () => {
  expect((await json(`${base}/nothing`)).status).toBe(404)
  expect((await json(`${base}/clock`, "DELETE")).status).toBe(405)
  expect((await rawRequest(`${base}/faults`, { body: "{not json", headers: { "Content-Type": "application/json" } })).status).toBe(400)
})
