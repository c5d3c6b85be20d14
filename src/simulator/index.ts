/**
 * paygent-simulator: a stateful stand-in for Paygent's module-type server, for tests, benchmarks and demos.
 *
 *   const sim = await startSimulator({ tls: true, notifyUrl: "http://127.0.0.1:9000/paygent/notice" })
 *   // telegrams → sim.url + "/n/card/request" …, browser pages and /_sim → sim.publicUrl
 *   await sim.close()
 *
 * Written from the protocol (docs/protocol.md) independently of the client in src/paygent/ (no code shared), so the
 * two check each other.
 */
import * as http from "http"
import * as https from "https"
import type { AddressInfo } from "net"
import { advanceClockTo } from "./batches"
import { loadOrGenerateCertificates } from "./certs"
import { SimulatorControl } from "./control"
import { SimulatorCore } from "./core"
import { resolveOptions, type SimulatorOptions } from "./options"
import { StateFile } from "./persistence"
import { createRequestHandler } from "./server"

export type { ClockMode } from "./clock"
export type { SimulatorOptions, ContractFlags, AmountLimits, PushRetryOptions, KonbiniConnectionType } from "./options"
export { SimulatorControl, SimControlError } from "./control"
export type { ClockView, PayOptions } from "./control"
export type { FaultInput, FaultMode, Fault } from "./faults"
export { FAULT_MODES } from "./faults"
export type { PaymentView, NoticeView } from "./views"
export type { TokenView, CardTokenInput } from "./tokens"
export type { ThreeDsAnswer, ThreeDsAnswerInput } from "./threeds-answer"
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
  /** Whether the certificates were found in certDir (a restart) rather than made at this start. */
  reused: boolean
}

export interface Simulator {
  /** Base URL of the telegram listener, no trailing slash (https:// with tls). */
  url: string
  /** Base URL of the browser pages and /_sim (equals url without tls; a plain-HTTP listener with tls). */
  publicUrl: string
  tls?: SimulatorTls
  /** The state file in use (stateFile option), and whether this start continued from it. */
  state?: { file: string; restored: boolean }
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
  const stateFile = resolved.stateFile ? new StateFile(resolved.stateFile, core) : undefined
  const restored = stateFile?.load() ?? false
  const changed = () => stateFile?.changed()

  let tls: SimulatorTls | undefined
  let main: http.Server
  if (resolved.tls) {
    const { certs, paths, reused } = loadOrGenerateCertificates(resolved.certDir, [resolved.host], resolved.log)
    tls = {
      caPem: certs.caPem,
      clientCertPem: certs.clientCertPem,
      clientKeyPem: certs.clientKeyPem,
      clientPfx: certs.clientPfx,
      passphrase: certs.passphrase,
      reused,
      ...(paths
        ? {
            certDir: paths.certDir,
            caPath: paths.caPath,
            clientCertPath: paths.clientCertPath,
            clientKeyPath: paths.clientKeyPath,
            clientPfxPath: paths.clientPfxPath,
            clientKitPath: paths.clientKitPath,
          }
        : {}),
    }
    main = https.createServer(
      {
        key: certs.serverKeyPem,
        cert: certs.serverCertPem,
        ca: certs.caPem,
        // Mutual TLS as at Paygent: no certificate from our CA, no handshake.
        requestCert: true,
        rejectUnauthorized: true,
        // Paygent's PHP module (curl forced to HTTP/1.0) offers ALPN "http/1.0"; other clients offer "http/1.1" or no
        // ALPN at all. Node's default list is only "http/1.1", which aborts the first kind of handshake.
        ALPNProtocols: ["http/1.1", "http/1.0"],
      },
      createRequestHandler(core, control, { telegrams: true }, changed),
    )
  } else {
    main = http.createServer(createRequestHandler(core, control, { telegrams: true }, changed))
  }
  servers.push(main)

  try {
    const port = await listen(main, resolved.port, resolved.host)
    core.baseUrl = `${resolved.tls ? "https" : "http"}://${urlHost(resolved.host)}:${port}`
    if (resolved.tls) {
      const pages = http.createServer(createRequestHandler(core, control, { telegrams: false }, changed))
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
  // Changes that come without a request (batches of a running clock, push deliveries, in-process control calls) are
  // written by a slower check; the write is skipped when nothing changed.
  const saver = stateFile ? setInterval(changed, 1000) : undefined
  saver?.unref()

  let closed: Promise<void> | undefined
  return {
    url: core.baseUrl,
    publicUrl: core.publicUrl,
    tls,
    ...(stateFile ? { state: { file: stateFile.file, restored } } : {}),
    control,
    close: () => {
      closed ??= (async () => {
        if (ticker) clearInterval(ticker)
        if (saver) clearInterval(saver)
        core.push.close()
        await Promise.all(servers.map(closeServer))
        stateFile?.save()
      })()
      return closed
    },
  }
}
