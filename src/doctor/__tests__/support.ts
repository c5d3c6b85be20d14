import { generateKeyPairSync } from "node:crypto"
import * as fs from "node:fs"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import forge from "node-forge"
import { decodeNoticeBody } from "../../paygent/notice"
import { verifyNoticeHash } from "../../paygent/hash"
import { startSimulator, type Simulator } from "../../simulator"

export const SIM_CREDENTIALS = {
  merchantId: "123456789",
  connectId: "testconnect01",
  connectPassword: "TestPassw0rd99",
  noticeHashKey: "sim_notice_hash_key",
  tokenHashKey: "sim_token_hash_key",
  threeDsHashKey: "sim_3ds_hash_key",
}

export interface Harness {
  sim: Simulator
  dir: string
  /** Options in the file-path form (certificate, key, CA written to `dir`). */
  options(overrides?: Record<string, unknown>): Record<string, unknown>
  close(): Promise<void>
}

/** The simulator with mutual TLS, its connection kit written to a temporary directory. */
export async function startHarness(): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paygent-doctor-"))
  const sim = await startSimulator({ tls: true, certDir: dir })
  const tls = sim.tls!
  return {
    sim,
    dir,
    options: (overrides = {}) => ({
      ...SIM_CREDENTIALS,
      baseUrl: sim.url,
      clientCertificate: tls.clientCertPath,
      clientKey: tls.clientKeyPath,
      certificatePassphrase: tls.passphrase,
      caCertificate: tls.caPath,
      threeDsMerchantName: "Doctor Test Shop",
      backendUrl: "http://127.0.0.1:9000",
      ...overrides,
    }),
    close: async () => {
      await sim.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface NoticeServer {
  url: string
  /** Bodies received, and whether their hc verified. */
  received: Array<{ fields: Record<string, string>; verified: boolean }>
  close(): Promise<void>
}

/**
 * A tiny notice receiver. "result0": checks hc with `key` and answers result=0 (result=1, HTTP 400 when it does
 * not verify), like the plugin's route. "ok": answers "OK" to anything.
 */
export async function startNoticeServer(mode: "result0" | "ok", key = SIM_CREDENTIALS.noticeHashKey): Promise<NoticeServer> {
  const received: NoticeServer["received"] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const fields = decodeNoticeBody(Buffer.concat(chunks))
      const verified = verifyNoticeHash(fields, key)
      received.push({ fields, verified })
      if (mode === "ok") {
        res.writeHead(200, { "content-type": "text/plain" }).end("OK")
      } else if (verified) {
        res.writeHead(200, { "content-type": "text/plain" }).end("result=0")
      } else {
        res.writeHead(400, { "content-type": "text/plain" }).end("result=1")
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/paygent/notice`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** A self-signed client certificate valid from `from` to `to` (days relative to now), key unencrypted. */
export function makeCertificate(fromDays: number, toDays: number, cn = "doctor-test-client"): { certPem: string; keyPem: string } {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
  const keyPem = privateKey.export({ type: "pkcs1", format: "pem" }).toString()
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e)
  cert.serialNumber = "0" + Math.floor(Math.random() * 1e9).toString(16)
  const day = 24 * 60 * 60 * 1000
  cert.validity.notBefore = new Date(Date.now() + fromDays * day)
  cert.validity.notAfter = new Date(Date.now() + toDays * day)
  const subject = [{ name: "commonName", value: cn }]
  cert.setSubject(subject)
  cert.setIssuer(subject)
  cert.setExtensions([{ name: "basicConstraints", cA: false }, { name: "extKeyUsage", clientAuth: true }])
  cert.sign(key, forge.md.sha256.create())
  return { certPem: forge.pki.certificateToPem(cert), keyPem }
}

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, content)
  return file
}
