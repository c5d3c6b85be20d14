import http from "node:http"
import https from "node:https"
import net from "node:net"
import type tls from "node:tls"
import nodeTls from "node:tls"
import { inspect } from "node:util"
import { PaygentClient, type PaygentClientOptions } from "../client"
import { PaygentError } from "../errors"
import type { TelegramEndEvent, TelegramStartEvent } from "../events"
import { UndiciTransport } from "../transport"
import { createTestPki, type TestPki } from "./tls-fixtures"

/**
 * The undici transport against real local servers (node:https with client-certificate verification,
 * node:http, and a bare TCP socket that never answers): certificate handling, the not_sent /
 * unknown_outcome split, timeouts, HTTP errors, and one connection per telegram unless keepAlive.
 */

type Mode = "ok" | "hang" | "destroy" | "500" | "no_result"

interface Received {
  path: string
  headers: http.IncomingHttpHeaders
  body: string
  clientCN?: string
  tlsVersion?: string | null
}

const OK_BODY = "result=0\r\nresponse_code=\r\nresponse_detail=\r\npayment_id=210000101\r\ntrading_id=\r\n"

class TestServer {
  mode: Mode = "ok"
  connections = 0
  readonly received: Received[] = []
  port = 0
  private readonly server: http.Server | https.Server

  constructor(tlsOptions?: https.ServerOptions) {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      const chunks: Buffer[] = []
      req.on("data", (c: Buffer) => chunks.push(c))
      req.on("end", () => {
        const socket = req.socket as tls.TLSSocket
        const peer = typeof socket.getPeerCertificate === "function" ? socket.getPeerCertificate() : undefined
        this.received.push({
          path: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks).toString("latin1"),
          clientCN: peer?.subject?.CN as string | undefined,
          tlsVersion: typeof socket.getProtocol === "function" ? socket.getProtocol() : undefined,
        })
        switch (this.mode) {
          case "hang":
            return
          case "destroy":
            req.socket.destroy()
            return
          case "500":
            res.writeHead(500, { "content-type": "text/plain" }).end(OK_BODY)
            return
          case "no_result":
            res.writeHead(200, { "content-type": "text/html" }).end("<html>maintenance</html>")
            return
          default:
            res.writeHead(200, { "content-type": "text/plain; charset=Windows-31J" }).end(OK_BODY)
        }
      })
    }
    this.server = tlsOptions ? https.createServer(tlsOptions, handler) : http.createServer(handler)
    this.server.on("connection", () => this.connections++)
    // A client without an acceptable certificate makes the TLS handshake fail on the server; keep quiet.
    this.server.on("tlsClientError", () => undefined)
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve))
    this.port = (this.server.address() as net.AddressInfo).port
    return this
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}

let pki: TestPki
let httpsServer: TestServer
let otherHostServer: TestServer
let httpServer: TestServer
let tls12Server: TestServer
const clients: PaygentClient[] = []

beforeAll(async () => {
  pki = createTestPki()
  const mutual = { ca: [pki.caPem], requestCert: true, rejectUnauthorized: true }
  httpsServer = await new TestServer({ key: pki.serverKeyPem, cert: pki.serverCertPem, ...mutual }).listen()
  otherHostServer = await new TestServer({ key: pki.otherHostKeyPem, cert: pki.otherHostCertPem, ...mutual }).listen()
  httpServer = await new TestServer().listen()
  // TLS 1.2: the client certificate is checked inside the handshake (TLS 1.3 checks it a round trip later).
  tls12Server = await new TestServer({ key: pki.serverKeyPem, cert: pki.serverCertPem, ...mutual, maxVersion: "TLSv1.2" }).listen()
}, 60_000)

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)))
  await Promise.all([httpsServer?.close(), otherHostServer?.close(), httpServer?.close(), tls12Server?.close()])
})

beforeEach(() => {
  for (const s of [httpsServer, otherHostServer, httpServer, tls12Server]) {
    s.mode = "ok"
    s.connections = 0
    s.received.length = 0
  }
})

const PASSWORD = "Connect-Pw-0001"
const TOKEN = "tok_TRANSPORTSECRET000001"

function makeClient(server: TestServer, options: Partial<PaygentClientOptions> = {}, scheme = "https"): PaygentClient {
  const c = new PaygentClient({
    merchantId: "123456789",
    connectId: "conn01",
    connectPassword: PASSWORD,
    baseUrl: `${scheme}://127.0.0.1:${server.port}`,
    ca: pki.caPem,
    clientCertificate: { pem: pki.clientCertPem + pki.clientKeyEncryptedPem, passphrase: pki.passphrase },
    timeoutMs: 5_000,
    ...options,
  })
  clients.push(c)
  return c
}

async function failure(p: Promise<unknown>): Promise<PaygentError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(PaygentError)
    return e as PaygentError
  }
  throw new Error("expected a PaygentError")
}

function configFailure(run: () => unknown): PaygentError {
  try {
    run()
  } catch (e) {
    expect(e).toBeInstanceOf(PaygentError)
    return e as PaygentError
  }
  throw new Error("expected a configuration error")
}

const authorize = (c: PaygentClient) => c.cardAuthorize({ trading_id: "ORDER_1", payment_amount: 1000, card_token: TOKEN, "3dsecure_ryaku": "1" })

describe("client certificate", () => {
  it("accepts the right certificate given as PEM with an encrypted (DES-EDE3-CBC) key", async () => {
    expect(pki.clientKeyEncryptedPem).toContain("Proc-Type: 4,ENCRYPTED")
    expect(pki.clientKeyEncryptedPem).toContain("DEK-Info: DES-EDE3-CBC")
    const result = await authorize(makeClient(httpsServer))
    expect(result.payment_id).toBe("210000101")
    expect(httpsServer.received).toHaveLength(1)
    const r = httpsServer.received[0]
    expect(r.clientCN).toBe("test3-client")
    expect(r.path).toBe("/n/card/request")
    expect(r.headers["content-type"]).toBe("application/x-www-form-urlencoded; charset=Windows-31J")
    expect(r.headers.connection).toBe("close")
    expect(r.body).toContain("telegram_kind=020&telegram_version=1.0&trading_id=ORDER_1")
  })

  it("accepts the certificate and key given separately", async () => {
    const c = makeClient(httpsServer, { clientCertificate: { pem: pki.clientCertPem, key: pki.clientKeyEncryptedPem, passphrase: pki.passphrase } })
    await expect(authorize(c)).resolves.toMatchObject({ result: "0" })
  })

  it("accepts the right certificate given as a 3DES PKCS#12", async () => {
    const c = makeClient(httpsServer, { clientCertificate: { pfx: pki.clientPfx, passphrase: pki.passphrase } })
    await expect(authorize(c)).resolves.toMatchObject({ result: "0" })
    expect(httpsServer.received[0].clientCN).toBe("test3-client")
  })

  it("sends UTF-8 telegrams with a UTF-8 content type", async () => {
    httpsServer.mode = "ok"
    const c = makeClient(httpsServer)
    await failure(c.threeDsAuthenticate({ term_url: "https://x/", merchant_name: "Shop", card_set_method: "token", card_token: TOKEN, payment_amount: 1 }))
    expect(httpsServer.received[0].headers["content-type"]).toBe("application/x-www-form-urlencoded; charset=UTF-8")
    expect(httpsServer.received[0].path).toBe("/n/threeds/request")
  })

  it.each([
    ["no client certificate", () => ({ clientCertificate: undefined })],
    ["a certificate from another CA", () => ({ clientCertificate: { pem: pki.foreignClientCertPem + pki.foreignClientKeyPem } })],
  ])("refuses %s as not_sent", async (_what, options) => {
    const e = await failure(authorize(makeClient(httpsServer, options())))
    expect(e.class).toBe("not_sent")
    expect(e.retryable).toBe(true)
    expect(e.telegram_kind).toBe("020")
    expect(httpsServer.received).toHaveLength(0)
  })

  it("works the same over TLS 1.2: accepted with the certificate, not_sent without", async () => {
    await expect(authorize(makeClient(tls12Server))).resolves.toMatchObject({ result: "0" })
    const e = await failure(authorize(makeClient(tls12Server, { clientCertificate: undefined })))
    expect(e.class).toBe("not_sent")
    expect(tls12Server.received).toHaveLength(1)
  })

  it("offers TLS 1.3 by default and stays at TLS 1.2 with tlsMaxVersion (for renegotiating servers)", async () => {
    await authorize(makeClient(httpsServer))
    await authorize(makeClient(httpsServer, { tlsMaxVersion: "TLSv1.2" }))
    expect(httpsServer.received.map((r) => r.tlsVersion)).toEqual(["TLSv1.3", "TLSv1.2"])
  })

  it("refuses a TLS 1.2-only server as not_sent when tlsMinVersion is TLS 1.3", async () => {
    const e = await failure(authorize(makeClient(tls12Server, { tlsMinVersion: "TLSv1.3" })))
    expect(e.class).toBe("not_sent")
    expect(tls12Server.received).toHaveLength(0)
  })

  it.each([
    ["PEM", () => ({ pem: pki.clientCertPem + pki.clientKeyEncryptedPem, passphrase: "wrong-phrase-XYZ" })],
    ["PKCS#12", () => ({ pfx: pki.clientPfx, passphrase: "wrong-phrase-XYZ" })],
  ])("reports a wrong %s pass-phrase as a configuration error without echoing it", (_what, cert) => {
    const e = configFailure(() => makeClient(httpsServer, { clientCertificate: cert() }))
    expect(e.class).toBe("configuration")
    expect(e.response_code).toBe("E02004")
    expect(e.merchantMessage.en).toMatch(/pass-phrase is wrong/)
    for (const text of [e.message, inspect(e), JSON.stringify(e)]) {
      expect(text).not.toContain("wrong-phrase-XYZ")
      expect(text).not.toContain(pki.passphrase)
    }
  })

  it("reports a wrong PEM pass-phrase as such also when the decrypted garbage happens to have valid padding", () => {
    // The traditional PEM encryption has no integrity check: about one wrong pass-phrase in 256 gets past the padding
    // and OpenSSL then fails to decode the key with another error ("unsupported", an ASN.1 error). Find such a one.
    let unlucky: string | undefined
    for (let i = 0; i < 5000 && !unlucky; i++) {
      try {
        nodeTls.createSecureContext({ cert: pki.clientCertPem, key: pki.clientKeyEncryptedPem, passphrase: `wrong-${i}` })
      } catch (error) {
        if (!/bad decrypt/i.test(String((error as Error).message))) unlucky = `wrong-${i}`
      }
    }
    expect(unlucky).toBeDefined()
    const e = configFailure(() => makeClient(httpsServer, { clientCertificate: { pem: pki.clientCertPem + pki.clientKeyEncryptedPem, passphrase: unlucky } }))
    expect(e.response_code).toBe("E02004")
    expect(e.merchantMessage.en).toMatch(/pass-phrase is wrong/)
    expect(e.message).not.toContain(unlucky!)
  })

  it("asks for a pass-phrase when the key is encrypted and none is configured", () => {
    const e = configFailure(() => makeClient(httpsServer, { clientCertificate: { pem: pki.clientCertPem + pki.clientKeyEncryptedPem } }))
    expect(e.class).toBe("configuration")
    expect(e.response_detail).toMatch(/encrypted/)
  })

  it("reports a PEM without a certificate or key as configuration", () => {
    expect(configFailure(() => makeClient(httpsServer, { clientCertificate: { pem: pki.clientKeyEncryptedPem, passphrase: pki.passphrase } })).class).toBe("configuration")
    expect(configFailure(() => makeClient(httpsServer, { clientCertificate: { pem: pki.clientCertPem } })).class).toBe("configuration")
    expect(configFailure(() => makeClient(httpsServer, { ca: "not a pem" })).class).toBe("configuration")
  })
})

describe("server verification", () => {
  it("refuses a server certificate from an unknown CA as not_sent", async () => {
    const e = await failure(authorize(makeClient(httpsServer, { ca: undefined })))
    expect(e.class).toBe("not_sent")
    expect(httpsServer.received).toHaveLength(0)
  })

  it("checks the host name by default and can be told not to (like the PHP module)", async () => {
    const e = await failure(authorize(makeClient(otherHostServer)))
    expect(e.class).toBe("not_sent")
    expect(e.response_detail).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/)
    await expect(authorize(makeClient(otherHostServer, { verifyHostname: false }))).resolves.toMatchObject({ result: "0" })
  })
})

describe("outcome classes", () => {
  it("connection refused → not_sent", async () => {
    const probe = net.createServer()
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r))
    const port = (probe.address() as net.AddressInfo).port
    await new Promise<void>((r) => probe.close(() => r()))
    const c = makeClient(httpsServer, { baseUrl: `https://127.0.0.1:${port}` })
    const e = await failure(authorize(c))
    expect(e.class).toBe("not_sent")
    expect(e.response_detail).toContain("ECONNREFUSED")
  })

  it("a server that accepts TCP but never completes TLS → not_sent when the time is up", async () => {
    // Reads (and ignores) the ClientHello, so the handshake never progresses.
    const sockets: net.Socket[] = []
    const silent = net.createServer((socket) => void sockets.push(socket.resume()))
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r))
    const port = (silent.address() as net.AddressInfo).port
    try {
      const started = Date.now()
      const e = await failure(authorize(makeClient(httpsServer, { baseUrl: `https://127.0.0.1:${port}`, timeoutMs: 400 })))
      expect(e.class).toBe("not_sent")
      expect(Date.now() - started).toBeLessThan(3_000)
      expect(sockets).toHaveLength(1)
    } finally {
      sockets.forEach((socket) => socket.destroy())
      await new Promise<void>((r) => silent.close(() => r()))
    }
  })

  it("no answer after the request was read → unknown_outcome after the timeout", async () => {
    httpsServer.mode = "hang"
    const started = Date.now()
    const e = await failure(authorize(makeClient(httpsServer, { timeoutMs: 500 })))
    expect(e.class).toBe("unknown_outcome")
    expect(e.retryable).toBe(false)
    expect(httpsServer.received).toHaveLength(1)
    expect(Date.now() - started).toBeGreaterThanOrEqual(450)
    expect(Date.now() - started).toBeLessThan(3_000)
  })

  it("socket destroyed after the request was read → unknown_outcome", async () => {
    httpsServer.mode = "destroy"
    const e = await failure(authorize(makeClient(httpsServer)))
    expect(e.class).toBe("unknown_outcome")
    expect(httpsServer.received).toHaveLength(1)
  })

  it("HTTP 500 → unknown_outcome even with a result line", async () => {
    httpsServer.mode = "500"
    const e = await failure(authorize(makeClient(httpsServer)))
    expect(e.class).toBe("unknown_outcome")
    expect(e.http_status).toBe(500)
    expect(e.response_code).toBe("E02005")
  })

  it("200 without a result line → unknown_outcome", async () => {
    httpsServer.mode = "no_result"
    const e = await failure(authorize(makeClient(httpsServer)))
    expect(e.class).toBe("unknown_outcome")
  })

  it("plain HTTP base URLs work too (the simulator without TLS)", async () => {
    const c = makeClient(httpServer, { ca: undefined, clientCertificate: undefined }, "http")
    await expect(authorize(c)).resolves.toMatchObject({ payment_id: "210000101" })
    httpServer.mode = "destroy"
    expect((await failure(authorize(c))).class).toBe("unknown_outcome")
  })
})

describe("connections", () => {
  it("opens one connection per telegram when keepAlive is off (default)", async () => {
    const c = makeClient(httpsServer)
    for (let i = 0; i < 3; i++) await authorize(c)
    expect(httpsServer.received).toHaveLength(3)
    expect(httpsServer.connections).toBe(3)
  })

  it("reuses one connection when keepAlive is on", async () => {
    const c = makeClient(httpsServer, { keepAlive: true })
    for (let i = 0; i < 3; i++) await authorize(c)
    expect(httpsServer.received).toHaveLength(3)
    expect(httpsServer.received.every((r) => r.headers.connection !== "close")).toBe(true)
    expect(httpsServer.connections).toBe(1)
  })

  it("UndiciTransport can be used on its own and closed", async () => {
    const t = new UndiciTransport({ ca: pki.caPem, clientCertificate: { pfx: pki.clientPfx, passphrase: pki.passphrase } })
    const response = await t.send({ url: new URL(`https://127.0.0.1:${httpsServer.port}/n/ref/paymentref`), body: Buffer.from("a=1"), charset: "Windows-31J", telegramKind: "094" })
    expect(response.status).toBe(200)
    expect(response.body.toString()).toBe(OK_BODY)
    await t.close()
  })
})

describe("proxy", () => {
  it("tunnels through an HTTP proxy with CONNECT, client certificate included; a refusing proxy means not_sent", async () => {
    const connects: string[] = []
    let refuse = false
    const proxy = http.createServer()
    proxy.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      connects.push(req.url ?? "")
      if (refuse) {
        client.end("HTTP/1.1 403 Forbidden\r\n\r\n")
        return
      }
      const [host, port] = (req.url ?? "").split(":")
      const upstream = net.connect(Number(port), host, () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n")
        upstream.write(head)
        upstream.pipe(client)
        client.pipe(upstream)
      })
      upstream.on("error", () => client.destroy())
      client.on("error", () => upstream.destroy())
    })
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r))
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`
    try {
      await expect(authorize(makeClient(httpsServer, { proxyUrl }))).resolves.toMatchObject({ payment_id: "210000101" })
      expect(connects).toEqual([`127.0.0.1:${httpsServer.port}`])
      expect(httpsServer.received[0].clientCN).toBe("test3-client")
      refuse = true
      const e = await failure(authorize(makeClient(httpsServer, { proxyUrl })))
      expect(e.class).toBe("not_sent")
      expect(httpsServer.received).toHaveLength(1)
    } finally {
      proxy.closeAllConnections()
      await new Promise<void>((r) => proxy.close(() => r()))
    }
  })
})

describe("secrets", () => {
  it("never appear in errors or hook events, whatever the failure", async () => {
    const events: Array<TelegramStartEvent | TelegramEndEvent> = []
    const errors: unknown[] = []
    const hooks = { beforeSend: (e: TelegramStartEvent) => void events.push(e), afterReceive: (e: TelegramEndEvent) => void events.push(e) }
    for (const mode of ["ok", "destroy", "500", "no_result"] as const) {
      httpsServer.mode = mode
      await authorize(makeClient(httpsServer, { hooks })).catch((e) => errors.push(e))
    }
    await authorize(makeClient(httpsServer, { hooks, clientCertificate: undefined })).catch((e) => errors.push(e))
    expect(errors).toHaveLength(4)
    expect(events).toHaveLength(10)
    const text = [...events.map((e) => JSON.stringify(e)), ...errors.flatMap((e) => [String((e as Error).message), JSON.stringify(e), inspect(e, { depth: 5 })])].join("\n")
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain(pki.passphrase)
    // The server did receive them: the assertion above is not vacuous.
    expect(httpsServer.received.some((r) => r.body.includes(PASSWORD) && r.body.includes(TOKEN))).toBe(true)
  })
})
