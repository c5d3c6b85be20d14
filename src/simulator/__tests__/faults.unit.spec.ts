/** Injected faults, each mode at least once, over HTTP (/_sim/faults) and in-process. */
import { json, rawRequest } from "./support/telegram-client"
import { authParams, startTestSim, type TestSim } from "./support/sim"

let t: TestSim
beforeAll(async () => {
  t = await startTestSim()
})
afterAll(() => t.close())
beforeEach(() => t.sim.control.reset())

const addFault = (body: Record<string, unknown>) => json(`${t.sim.publicUrl}/_sim/faults`, "POST", body)

it("drop_before: the socket is destroyed and nothing is processed", async () => {
  expect((await addFault({ telegram_kind: "020", mode: "drop_before" })).status).toBe(200)
  await expect(t.send("020", authParams(t.token()))).rejects.toThrow()
  expect(t.sim.control.listPayments()).toHaveLength(0)
  // count defaults to 1: the next one goes through.
  expect((await t.send("020", authParams(t.token()))).result).toBe("0")
})

it("process_then_drop: the telegram is applied, the answer never comes", async () => {
  await addFault({ telegram_kind: "020", mode: "process_then_drop" })
  await expect(t.send("020", authParams(t.token(), { trading_id: "LOST_1" }))).rejects.toThrow()
  const [payment] = t.sim.control.listPayments({ trading_id: "LOST_1" })
  expect(payment.payment_status).toBe("20")
  const inquiry = await t.send("094", { trading_id: "LOST_1" })
  expect(inquiry.get("payment_status")).toBe("20")
})

it("delay: processed, answered after delay_ms", async () => {
  t.sim.control.addFault({ telegram_kind: "094", mode: "delay", delay_ms: 200 })
  const started = Date.now()
  const answer = await t.send("094", { payment_id: "1" })
  expect(Date.now() - started).toBeGreaterThanOrEqual(190)
  expect(answer.code).toBe("13001")
})

it("http_500 and garbage (no result line) for count telegrams, then normal again", async () => {
  t.sim.control.addFault({ telegram_kind: "094", mode: "http_500" })
  t.sim.control.addFault({ telegram_kind: "094", mode: "garbage", count: 2 })
  expect((await t.send("094", { payment_id: "1" })).status).toBe(500)
  for (let i = 0; i < 2; i++) {
    const garbage = await t.send("094", { payment_id: "1" })
    expect(garbage.status).toBe(200)
    expect(garbage.result).toBeUndefined()
  }
  expect((await t.send("094", { payment_id: "1" })).code).toBe("13001")
})

it("maintenance (P017), rate_limited (E002), busy (9004) — not processed", async () => {
  t.sim.control.addFault({ telegram_kind: "020", mode: "maintenance" })
  t.sim.control.addFault({ telegram_kind: "020", mode: "rate_limited" })
  t.sim.control.addFault({ telegram_kind: "091", mode: "busy" })
  const codes = [
    (await t.send("020", authParams(t.token()))).code,
    (await t.send("020", authParams(t.token()))).code,
    (await t.send("091")).code,
  ]
  expect(codes).toEqual(["P017", "E002", "9004"])
  expect(t.sim.control.listPayments()).toHaveLength(0)
})

it("'*' affects any telegram kind; DELETE /_sim/faults clears; bad input is a 400", async () => {
  await addFault({ telegram_kind: "*", mode: "maintenance", count: 5 })
  expect((await t.send("094", { payment_id: "1" })).code).toBe("P017")
  expect((await json(`${t.sim.publicUrl}/_sim/faults`)).body[0].hits).toBe(1)
  expect((await json(`${t.sim.publicUrl}/_sim/faults`, "DELETE")).status).toBe(200)
  expect((await t.send("094", { payment_id: "1" })).code).toBe("13001")
  expect((await addFault({ telegram_kind: "020", mode: "explode" })).status).toBe(400)
})

it("logs every telegram, faults included, with secrets masked", async () => {
  t.sim.control.addFault({ telegram_kind: "020", mode: "http_500" })
  await t.send("020", authParams(t.token()))
  await t.send("020", authParams(t.token(), { trading_id: "LOGGED" }))
  const log = (await json(`${t.sim.publicUrl}/_sim/telegrams`)).body
  expect(log.map((e: any) => [e.telegram_kind, e.fault, e.result])).toEqual([
    ["020", "http_500", ""],
    ["020", null, "0"],
  ])
  expect(log[1].params.connect_password).toBe("****")
  expect(log[1].params.card_token).toBe("****")
  expect(log[1].params.trading_id).toBe("LOGGED")
  const raw = await rawRequest(`${t.sim.publicUrl}/_sim/telegrams`)
  expect(raw.body.toString()).not.toContain("TestPassw0rd99")
})
