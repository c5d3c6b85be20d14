/**
 * Paygent's official PHP module forces curl to HTTP/1.0 (docs/protocol.md §1.4): curl then offers ALPN "http/1.0"
 * (others offer no ALPN at all) and sends `POST … HTTP/1.0` without keep-alive. Played here with a raw TLS socket
 * and the simulator's client certificate: the handshake must succeed, the telegram be answered, and the connection
 * be closed by the server after the answer.
 */
import * as fs from "fs"
import * as os from "os"
import * as path from "path"
import * as tls from "tls"
import { startSimulator, type Simulator } from "../index"
import { CREDENTIALS, formBody } from "./support/telegram-client"

let sim: Simulator
let certDir: string
beforeAll(async () => {
  certDir = fs.mkdtempSync(path.join(os.tmpdir(), "paygent-sim-http10-"))
  sim = await startSimulator({ tls: true, certDir, now: "2025-06-10T01:00:00Z" })
}, 30_000)
afterAll(async () => {
  await sim.close()
  fs.rmSync(certDir, { recursive: true, force: true })
})

interface Exchange {
  alpn: string | false | null
  statusLine: string
  headers: Record<string, string>
  body: string
}

/**
 * One HTTP/1.0 telegram on its own TLS connection, as PHP's curl sends it. Resolves only when the server ends the
 * connection (the client never closes it), so a server that kept it open would fail the test by its timeout.
 */
function http10Telegram(alpn: string[] | undefined, kind: string, params: Record<string, string>): Promise<Exchange> {
  const url = new URL(sim.url)
  const body = formBody({ ...CREDENTIALS, telegram_kind: kind, telegram_version: "1.0", ...params }, "Windows-31J")
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: url.hostname,
      port: Number(url.port),
      ca: sim.tls!.caPem,
      cert: sim.tls!.clientCertPem,
      key: sim.tls!.clientKeyPem,
      passphrase: sim.tls!.passphrase,
      ...(alpn ? { ALPNProtocols: alpn } : {}),
    })
    const chunks: Buffer[] = []
    socket.on("secureConnect", () => {
      socket.write(
        `POST /n/ref/paymentref HTTP/1.0\r\nHost: ${url.host}\r\nUser-Agent: curl_php\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      )
    })
    socket.on("data", (chunk: Buffer) => chunks.push(chunk))
    socket.on("error", reject)
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("latin1")
      const [head, ...rest] = text.split("\r\n\r\n")
      const [statusLine, ...headerLines] = head.split("\r\n")
      const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]))
      resolve({ alpn: socket.alpnProtocol, statusLine, headers, body: rest.join("\r\n\r\n") })
    })
  })
}

it.each([
  ["offering ALPN http/1.0 (PHP's curl with CURL_HTTP_VERSION_1_0)", ["http/1.0"], "http/1.0"],
  ["offering no ALPN at all", undefined, false],
  ["offering http/1.1 (Node, undici)", ["http/1.1"], "http/1.1"],
] as const)("serves an HTTP/1.0 client %s, then closes the connection", async (_what, alpn, negotiated) => {
  const exchange = await http10Telegram(alpn ? [...alpn] : undefined, "094", { payment_id: "1" })
  expect(exchange.alpn).toBe(negotiated)
  expect(exchange.statusLine).toMatch(/^HTTP\/1\.[01] 200 /)
  expect(exchange.headers.connection?.toLowerCase()).toBe("close")
  expect(exchange.headers["content-length"]).toBe(String(Buffer.byteLength(exchange.body, "latin1")))
  expect(exchange.body).toContain("result=1\r\nresponse_code=13001\r\n")
}, 15_000)

it("refuses the handshake of an HTTP/1.0 client without a client certificate", async () => {
  const url = new URL(sim.url)
  const error = await new Promise<Error>((resolve) => {
    const socket = tls.connect({ host: url.hostname, port: Number(url.port), ca: sim.tls!.caPem, ALPNProtocols: ["http/1.0"] })
    socket.on("secureConnect", () => socket.write("POST /n/ref/paymentref HTTP/1.0\r\nContent-Length: 0\r\n\r\n"))
    socket.on("error", resolve)
    socket.on("end", () => resolve(new Error("ended without an error")))
  })
  expect(error.message).toMatch(/certificate required|alert|ECONNRESET|socket hang up/)
})
