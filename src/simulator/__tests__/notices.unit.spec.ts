/** 091 difference inquiry (one record per call, by id, purge, 9004) and push notices (hc, resend, pause). */
import { createHash } from "crypto"
import { decodeSjisForm, startReceiver, type Receiver } from "./support/receiver"
import { authParams, startTestSim, type TestSim } from "./support/sim"

const konbini = (tradingId: string) => ({
  trading_id: tradingId,
  payment_amount: "1000",
  customer_family_name: "山田",
  customer_name: "太郎",
  customer_tel: "09012345678",
  cvs_company_id: "00C005",
})

describe("091 difference inquiry", () => {
  let t: TestSim
  beforeAll(async () => {
    t = await startTestSim()
  })
  afterAll(() => t.close())
  beforeEach(() => t.sim.control.reset())

  it("returns one record per call in order, then success_code 1 with every item empty", async () => {
    const a = (await t.send("030", konbini("CVS_A"))).get("payment_id")
    const b = (await t.send("030", konbini("CVS_B"))).get("payment_id")
    const first = await t.send("091", { trading_id: "", payment_id: "" })
    expect([first.result, first.get("success_code"), first.get("success_detail")]).toEqual(["0", "0", ""])
    const id = Number(first.get("payment_notice_id"))
    expect([first.get("payment_id"), first.get("payment_status")]).toEqual([a, "10"])
    expect(first.get("payment_limit_date")).toBe("20250710")
    const second = await t.send("091")
    expect([second.get("payment_notice_id"), second.get("payment_id")]).toEqual([String(id + 1), b])
    const none = await t.send("091")
    expect([none.result, none.get("success_code"), none.get("success_detail"), none.get("payment_notice_id")]).toEqual(["0", "1", "1", ""])
    expect(none.items.length).toBe(first.items.length)
  })

  it("fetches a specific record again by payment_notice_id", async () => {
    await t.send("030", konbini("CVS_A"))
    const read = await t.send("091")
    const again = await t.send("091", { payment_notice_id: read.get("payment_notice_id")! })
    expect(again.items).toEqual(read.items)
    expect((await t.send("091", { payment_notice_id: "99999" })).get("success_code")).toBe("1")
  })

  it("numbers records from 1 and keeps counting across a reset, so no id is ever handed out twice", async () => {
    const fresh = await startTestSim()
    try {
      await fresh.send("030", konbini("CVS_A"))
      expect(fresh.sim.control.listNotices().map((n) => n.payment_notice_id)).toEqual([1])
      fresh.sim.control.reset()
      expect(fresh.sim.control.listNotices()).toEqual([])
      await fresh.send("030", konbini("CVS_B"))
      expect((await fresh.send("091")).get("payment_notice_id")).toBe("2")
    } finally {
      await fresh.close()
    }
  })

  it("purges unread records after 7 simulated days; the next record then comes with success_code 2", async () => {
    await t.send("030", konbini("CVS_OLD"))
    const oldId = t.sim.control.listNotices()[0].payment_notice_id
    await t.sim.control.advanceClock({ days: 7 })
    expect(t.sim.control.listNotices()[0].purged).toBe(true)
    expect((await t.send("091")).get("success_code")).toBe("1")
    const fresh = (await t.send("030", konbini("CVS_NEW"))).get("payment_id")
    const next = await t.send("091")
    expect([next.get("success_code"), next.get("success_detail"), next.get("payment_id"), next.get("payment_notice_id")]).toEqual([
      "2",
      "2",
      fresh,
      String(oldId + 1),
    ])
    expect((await t.send("030", konbini("CVS_3"))).result).toBe("0")
    expect((await t.send("091")).get("success_code")).toBe("0")
  })

  it("keeps read records and unread records younger than 7 days", async () => {
    await t.send("030", konbini("CVS_A"))
    await t.send("091")
    await t.sim.control.advanceClock({ days: 6 })
    await t.send("030", konbini("CVS_B"))
    await t.sim.control.advanceClock({ days: 6, hours: 23 })
    expect(t.sim.control.listNotices().map((n) => n.purged)).toEqual([false, false])
  })

  it("answers 9004 to a second call while one without payment_notice_id is in flight", async () => {
    await t.send("030", konbini("CVS_A"))
    t.sim.control.setLatency(150)
    try {
      const [one, two] = await Promise.all([t.send("091"), t.send("091")])
      expect([one.code, two.code].sort()).toEqual(["", "9004"])
      // A call by payment_notice_id does not take the flag.
      const id = String(t.sim.control.listNotices()[0].payment_notice_id)
      const [three, four] = await Promise.all([t.send("091", { payment_notice_id: id }), t.send("091", { payment_notice_id: id })])
      expect([three.code, four.code]).toEqual(["", ""])
    } finally {
      t.sim.control.setLatency(0)
    }
  })
})

describe("push notices", () => {
  let t: TestSim
  let receiver: Receiver
  beforeAll(async () => {
    receiver = await startReceiver()
    t = await startTestSim({
      notifyUrl: `${receiver.url}/paygent/notice`,
      noticeHashKey: "abcdefg1234567",
      pushRetry: { retryIntervalMs: 10, pauseMs: 400 },
    })
  })
  afterAll(async () => {
    await t.close()
    await receiver.close()
  })
  beforeEach(() => {
    t.sim.control.reset()
    receiver.received.length = 0
    receiver.reply = () => ({ status: 200, body: "result=0\r\n" })
  })

  it("POSTs the 091 record items plus a correct hc as a Windows-31J form, asynchronously", async () => {
    const answer = await t.send("020", authParams(t.token(), { trading_id: "TRADE12345" }))
    await t.sim.control.waitForPushes()
    expect(receiver.received).toHaveLength(1)
    const [push] = receiver.received
    expect(push.method).toBe("POST")
    expect(push.url).toBe("/paygent/notice")
    expect(push.headers["content-type"]).toContain("application/x-www-form-urlencoded")
    const form = decodeSjisForm(push.body)
    const get = (k: string) => form.find(([key]) => key === k)?.[1]
    expect(form[form.length - 1][0]).toBe("hc")
    const expected = createHash("sha256")
      .update(`${get("payment_notice_id")}${answer.get("payment_id")}TRADE12345021000abcdefg1234567`)
      .digest("hex")
    expect(get("hc")).toBe(expected)
    expect(get("acq_name")).toBe("ﾆｺｽ")
    const record = (await t.send("091")).items.slice(5)
    expect(form.slice(0, -1)).toEqual(record)
    expect(t.sim.control.listNotices()[0].push.state).toBe("delivered")
  })

  it("re-sends until the reply is exactly result=0, one notice at a time in order", async () => {
    let calls = 0
    receiver.reply = () => (++calls <= 2 ? { body: "result=1" } : { body: "result=0\n" })
    await t.send("030", konbini("CVS_A"))
    await t.send("030", konbini("CVS_B"))
    await t.sim.control.waitForPushes()
    const ids = receiver.received.map((r) => decodeSjisForm(r.body).find(([k]) => k === "payment_notice_id")![1])
    const [a, b] = t.sim.control.listNotices().map((n) => String(n.payment_notice_id))
    expect(ids).toEqual([a, a, a, b])
    expect(t.sim.control.listPushes().map((p) => p.ok)).toEqual([false, false, true, true])
  })

  it("treats non-2xx replies and other bodies as failures", async () => {
    let calls = 0
    receiver.reply = () => (++calls === 1 ? { status: 500, body: "result=0" } : calls === 2 ? { body: "OK" } : { body: "result=0" })
    await t.send("030", konbini("CVS_A"))
    await t.sim.control.waitForPushes()
    expect(t.sim.control.listPushes().map((p) => p.ok)).toEqual([false, false, true])
  })

  it("pauses after 5 consecutive failures, then resumes", async () => {
    let failing = true
    receiver.reply = () => (failing ? { status: 503 } : { body: "result=0" })
    await t.send("030", konbini("CVS_A"))
    await t.sim.control.waitForPushes()
    expect(receiver.received).toHaveLength(5)
    expect(t.sim.control.getPush().paused).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(receiver.received).toHaveLength(5)
    failing = false
    await new Promise((resolve) => setTimeout(resolve, 400))
    await t.sim.control.waitForPushes()
    expect(receiver.received).toHaveLength(6)
    expect(t.sim.control.listNotices()[0].push.state).toBe("delivered")
  })

  it("can be paused and pointed elsewhere through the control API", async () => {
    t.sim.control.setPush({ paused: true })
    await t.send("030", konbini("CVS_A"))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(receiver.received).toHaveLength(0)
    t.sim.control.setPush({ paused: false })
    await t.sim.control.waitForPushes()
    expect(receiver.received).toHaveLength(1)
  })
})
