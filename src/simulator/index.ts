/**
 * paygent-simulator: a stateful stand-in for Paygent's module-type server, for tests, benchmarks and demos.
 *
 *   const sim = await startSimulator({ tls: true, notifyUrl: "http://127.0.0.1:9000/hooks/paygent" })
 *   // telegrams → sim.url + "/n/card/request" …, browser pages and /_sim → sim.publicUrl
 *   await sim.close()
 *
 * Written from PROTOCOL.md independently of the client in src/paygent/ (no code shared), so the two check each other.
 */
import * as http from "http"
import * as https from "https"
import type { AddressInfo } from "net"
import { advanceClockTo } from "./batches"
import { generateCertificates, writeCertificates, type CertificatePaths } from "./certs"
import { SimulatorControl } from "./control"
import { SimulatorCore } from "./core"
import { resolveOptions, type SimulatorOptions } from "./options"
import { createRequestHandler } from "./server"

export type { ClockMode } from "./clock"
export type { SimulatorOptions, ContractFlags, AmountLimits, PushRetryOptions, KonbiniConnectionType } from "./options"
export { SimulatorControl, SimControlError } from "./control"
export type { ClockView, PayOptions } from "./control"
export type { FaultInput, FaultMode, Fault } from "./faults"
export { FAULT_MODES } from "./faults"
export type { PaymentView, NoticeView } from "./views"
export type { TokenView, CardTokenInput } from "./tokens"
export { TokenError } from "./tokens"
export type { PushState, PushSettings } from "./push"
export type { PushAttempt } from "./model"
export { noticeHash, tokenHash, threeDsResultHash } from "./hashes"

export interface SimulatorTls {
  caPem: string
  clientCertPem: string
  /** Encrypted (Proc-Type: 4,ENCRYPTED, DES-EDE3-CBC); decrypt with `passphrase`. */
  clientKeyPem: string
  clientPfx: Buffer
  passphrase: string
  certDir?: string
  caPath?: string
  clientCertPath?: string
  clientKeyPath?: string
  clientPfxPath?: string
  clientKitPath?: string
}

export interface Simulator {
  /** Base URL of the telegram listener, no trailing slash (https:// with tls). */
  url: string
  /** Base URL of the browser pages and /_sim (equals url without tls; a plain-HTTP listener with tls). */
  publicUrl: string
  tls?: SimulatorTls
  control: SimulatorControl
  close(): Promise<void>
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      server.off("error", reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1"
  if (host === "::") return "[::1]"
  return host.includes(":") ? `[${host}]` : host
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const resolved = resolveOptions(options)
  const core = new SimulatorCore(resolved)
  const control = new SimulatorControl(core)
  const servers: http.Server[] = []

  let tls: SimulatorTls | undefined
  let main: http.Server
  if (resolved.tls) {
    const certs = generateCertificates([resolved.host])
    const paths: Partial<CertificatePaths> = resolved.certDir ? writeCertificates(resolved.certDir, certs) : {}
    tls = {
      caPem: certs.caPem,
      clientCertPem: certs.clientCertPem,
      clientKeyPem: certs.clientKeyPem,
      clientPfx: certs.clientPfx,
      passphrase: certs.passphrase,
      ...paths,
    }
    main = https.createServer(
      {
        key: certs.serverKeyPem,
        cert: certs.serverCertPem,
        ca: certs.caPem,
        // Mutual TLS as at Paygent: no certificate from our CA, no handshake.
        requestCert: true,
        rejectUnauthorized: true,
      },
      createRequestHandler(core, control, { telegrams: true }),
    )
  } else {
    main = http.createServer(createRequestHandler(core, control, { telegrams: true }))
  }
  servers.push(main)

  try {
    const port = await listen(main, resolved.port, resolved.host)
    core.baseUrl = `${resolved.tls ? "https" : "http"}://${urlHost(resolved.host)}:${port}`
    if (resolved.tls) {
      const pages = http.createServer(createRequestHandler(core, control, { telegrams: false }))
      servers.push(pages)
      const publicPort = await listen(pages, resolved.publicPort, resolved.host)
      core.publicUrl = `http://${urlHost(resolved.host)}:${publicPort}`
    } else {
      core.publicUrl = core.baseUrl
    }
  } catch (error) {
    await Promise.all(servers.map((s) => (s.listening ? closeServer(s) : Promise.resolve())))
    throw error
  }

  // A running clock reaches due batches by itself: look for them once a second.
  const ticker =
    resolved.clock === "running"
      ? setInterval(() => {
          void core.serializeBatches(() => advanceClockTo(core, core.now())).catch((error: unknown) => resolved.log(`batch error: ${String(error)}`))
        }, 1000)
      : undefined
  ticker?.unref()

  let closed: Promise<void> | undefined
  return {
    url: core.baseUrl,
    publicUrl: core.publicUrl,
    tls,
    control,
    close: () => {
      closed ??= (async () => {
        if (ticker) clearInterval(ticker)
        core.push.close()
        await Promise.all(servers.map(closeServer))
      })()
      return closed
    },
  }
}
