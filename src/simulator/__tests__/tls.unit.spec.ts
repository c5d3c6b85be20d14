/** Mutual TLS like Paygent's: the generated client certificate is served, no or a foreign certificate is refused. */
import * as fs from "fs"
import * as os from "os"
import * as path from "path"
import { generateCertificates } from "../certs"
import { startSimulator, type Simulator } from "../index"
import { json, sendTelegram } from "./support/telegram-client"

let sim: Simulator
let certDir: string
beforeAll(async () => {
  certDir = fs.mkdtempSync(path.join(os.tmpdir(), "paygent-sim-certs-"))
  sim = await startSimulator({ tls: true, certDir })
}, 30_000)
afterAll(async () => {
  await sim.close()
  fs.rmSync(certDir, { recursive: true, force: true })
})

const inquiry = (tls: Record<string, unknown>) => sendTelegram(sim.url, "094", { payment_id: "1" }, { tls })

it("serves HTTPS on the telegram URL and writes a connection kit", () => {
  expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:[0-9]+$/)
  expect(sim.publicUrl).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/)
  const tls = sim.tls!
  expect(tls.clientKeyPem).toContain("Proc-Type: 4,ENCRYPTED")
  expect(tls.clientKeyPem).toContain("DEK-Info: DES-EDE3-CBC,")
  expect(tls.passphrase).toBe("changeit")
  for (const file of [tls.caPath, tls.clientCertPath, tls.clientKeyPath, tls.clientPfxPath]) expect(fs.existsSync(file!)).toBe(true)
  expect(fs.readFileSync(tls.clientKeyPath!, "utf8")).toBe(tls.clientKeyPem)
  expect(fs.readFileSync(tls.clientPfxPath!).equals(tls.clientPfx)).toBe(true)
})

it("answers a client that presents the generated certificate (encrypted PEM key)", async () => {
  const tls = sim.tls!
  const answer = await inquiry({ ca: tls.caPem, cert: tls.clientCertPem, key: tls.clientKeyPem, passphrase: tls.passphrase })
  expect(answer.code).toBe("13001")
})

it("answers a client that presents the PFX (3DES, loadable by OpenSSL 3)", async () => {
  const tls = sim.tls!
  const answer = await inquiry({ ca: tls.caPem, pfx: tls.clientPfx, passphrase: tls.passphrase })
  expect(answer.code).toBe("13001")
})

it("refuses the handshake without a client certificate", async () => {
  await expect(inquiry({ ca: sim.tls!.caPem })).rejects.toThrow(/certificate required/)
})

it("refuses a client certificate from another CA", async () => {
  const foreign = generateCertificates()
  await expect(
    inquiry({ ca: sim.tls!.caPem, cert: foreign.clientCertPem, key: foreign.clientKeyPem, passphrase: foreign.passphrase }),
  ).rejects.toThrow(/socket hang up|unknown ca|ECONNRESET/)
})

it("serves /_sim and pages on the plain public listener, but no telegrams there", async () => {
  expect((await json(`${sim.publicUrl}/_sim/clock`)).status).toBe(200)
  const answer = await sendTelegram(sim.publicUrl, "094", { payment_id: "1" })
  expect(answer.status).toBe(403)
})
