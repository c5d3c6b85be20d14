/**
 * A simulator restarted with the same --state-file and --cert-dir continues where it stopped: the same CA and client
 * certificate (an application configured with the files keeps its TLS handshake), the same payments, notice records
 * read or unread, notice ids that go on counting (never a second notice 2), and pushes still owed are delivered.
 */
import * as fs from "fs"
import * as os from "os"
import * as path from "path"
import { startSimulator, type Simulator, type SimulatorOptions } from "../index"
import { decodeSjisForm, startReceiver, type Receiver } from "./support/receiver"
import { sendTelegram } from "./support/telegram-client"

const START = "2025-06-10T01:00:00Z"

let dir: string
let certDir: string
let stateFile: string
const running: Simulator[] = []

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "paygent-sim-restart-"))
  certDir = path.join(dir, "certs")
  stateFile = path.join(dir, "state", "simulator.json")
})
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()))
  fs.rmSync(dir, { recursive: true, force: true })
})

async function start(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ tls: true, certDir, stateFile, now: START, ...options })
  running.push(sim)
  return sim
}

async function stop(sim: Simulator): Promise<void> {
  running.splice(running.indexOf(sim), 1)
  await sim.close()
}

/** What an application keeps in its configuration: the files of the kit, read once. */
function kitFromFiles() {
  return {
    ca: fs.readFileSync(path.join(certDir, "ca.pem"), "utf8"),
    cert: fs.readFileSync(path.join(certDir, "client-cert.pem"), "utf8"),
    key: fs.readFileSync(path.join(certDir, "client-key.pem"), "utf8"),
    passphrase: "changeit",
  }
}

const konbini = (tradingId: string) => ({
  trading_id: tradingId,
  payment_amount: "1000",
  customer_family_name: "山田",
  customer_name: "太郎",
  customer_tel: "09012345678",
  cvs_company_id: "00C005",
})

it("keeps certificates, payments, notices and the notice numbering across a restart", async () => {
  const first = await start()
  expect(first.tls!.reused).toBe(false)
  expect(first.state).toEqual({ file: stateFile, restored: false })
  const kit = kitFromFiles()
  const paymentId = (await sendTelegram(first.url, "030", konbini("CVS_BEFORE"), { tls: kit })).get("payment_id")!
  first.control.pay(paymentId)
  expect((await sendTelegram(first.url, "091", {}, { tls: kit })).get("payment_notice_id")).toBe("1")
  await stop(first)
  expect((fs.statSync(stateFile).mode & 0o777).toString(8)).toBe("600")

  const second = await start()
  expect(second.tls!.reused).toBe(true)
  expect(second.tls!.caPem).toBe(kit.ca)
  expect(second.state).toEqual({ file: stateFile, restored: true })
  // The application's old certificate files still make a handshake, and Paygent still knows the payment.
  const inquiry = await sendTelegram(second.url, "094", { payment_id: paymentId }, { tls: kit })
  expect([inquiry.result, inquiry.get("payment_status"), inquiry.get("trading_id")]).toEqual(["0", "40", "CVS_BEFORE"])
  // Notice 1 was read before the restart, notice 2 (paid) was not.
  const unread = await sendTelegram(second.url, "091", {}, { tls: kit })
  expect([unread.get("payment_notice_id"), unread.get("payment_status")]).toEqual(["2", "40"])
  // New records continue the numbering; new payment_ids never repeat one handed out before.
  const after = await sendTelegram(second.url, "030", konbini("CVS_AFTER"), { tls: kit })
  expect(BigInt(after.get("payment_id")!) > BigInt(paymentId)).toBe(true)
  expect(second.control.listNotices().map((n) => n.payment_notice_id)).toEqual([1, 2, 3])
  expect(second.control.getClock().now).toBe("2025-06-10T01:00:00.000Z")

  // A reset forgets the merchant's records but not the numbering, and the file follows.
  second.control.reset()
  await sendTelegram(second.url, "030", konbini("CVS_RESET"), { tls: kit })
  expect(second.control.listNotices().map((n) => n.payment_notice_id)).toEqual([4])
  await stop(second)
  const third = await start()
  expect(third.control.listNotices().map((n) => n.payment_notice_id)).toEqual([4])
  expect(third.control.getPayment(paymentId)).toBeUndefined()
})

it("delivers after a restart the pushes it still owed, and not the ones already delivered", async () => {
  const receiver: Receiver = await startReceiver()
  try {
    const notifyUrl = `${receiver.url}/paygent/notice`
    const first = await start({ notifyUrl, pushRetry: { retryIntervalMs: 10, pauseMs: 60_000 } })
    const kit = kitFromFiles()
    await sendTelegram(first.url, "030", konbini("CVS_DELIVERED"), { tls: kit })
    await first.control.waitForPushes()
    receiver.reply = () => ({ status: 503, body: "busy" })
    await sendTelegram(first.url, "030", konbini("CVS_OWED"), { tls: kit })
    await first.control.waitForPushes()
    expect(first.control.listNotices().map((n) => n.push.state)).toEqual(["delivered", "pending"])
    await stop(first)

    receiver.received.length = 0
    receiver.reply = () => ({ status: 200, body: "result=0" })
    const second = await start({ notifyUrl })
    await second.control.waitForPushes()
    const ids = receiver.received.map((r) => decodeSjisForm(r.body).find(([k]) => k === "payment_notice_id")![1])
    expect(ids).toEqual(["2"])
    expect(second.control.listNotices().map((n) => n.push.state)).toEqual(["delivered", "delivered"])
  } finally {
    await receiver.close()
  }
})

it("makes a new set of certificates when the folder's set is incomplete", async () => {
  const first = await start()
  const oldCa = first.tls!.caPem
  await stop(first)
  fs.rmSync(path.join(certDir, "server-key.pem"))
  const second = await start()
  expect(second.tls!.reused).toBe(false)
  expect(second.tls!.caPem).not.toBe(oldCa)
  expect(fs.readFileSync(path.join(certDir, "ca.pem"), "utf8")).toBe(second.tls!.caPem)
})

it("refuses a state file of another merchant or one that is not a state file, instead of starting empty", async () => {
  await stop(await start())
  await expect(startSimulator({ stateFile, merchantId: "987654321" })).rejects.toThrow(/merchant 123456789, not 987654321/)
  fs.writeFileSync(stateFile, "{ not json")
  await expect(startSimulator({ stateFile })).rejects.toThrow(/not a simulator state file/)
})
