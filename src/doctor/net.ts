import { lookup } from "node:dns/promises"
import * as http from "node:http"
import * as net from "node:net"
import * as tls from "node:tls"
import type { Bilingual } from "./types"

/**
 * The network probe of check 6: DNS, TCP (directly or through the HTTP proxy's CONNECT), the TLS handshake with
 * the client certificate, then one harmless `GET <telegram path>` so that a server which asks for the client
 * certificate only after seeing the request (TLS renegotiation, §1.3) or — in TLS 1.3 — checks it a round trip
 * after the handshake, has given its verdict. Nothing is POSTed: no telegram is sent here.
 */

export type ProbePhase = "dns" | "proxy" | "tcp" | "tls" | "http"

export interface ProbeOptions {
  url: URL
  secureContext?: tls.SecureContext
  verifyHostname?: boolean
  proxyUrl?: string
  timeoutMs: number
}

export interface ProbeSuccess {
  ok: true
  address?: string
  protocol?: string
  httpStatus?: number
  /** Plain HTTP target: TCP only. */
  plain: boolean
}

export interface ProbeFailure {
  ok: false
  phase: ProbePhase
  code: string
  address?: string
  protocol?: string
}

export type ProbeResult = ProbeSuccess | ProbeFailure

class ProbeError extends Error {
  constructor(
    readonly phase: ProbePhase,
    readonly code: string
  ) {
    super(`${phase}: ${code}`)
  }
}

function codeOf(error: unknown): string {
  const e = error as { code?: unknown }
  return typeof e?.code === "string" && e.code ? e.code : "ERROR"
}

export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "")
}

export function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80
}

function withTimeout<T>(phase: ProbePhase, ms: number, work: (fail: (e: unknown) => void) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false
    const timer = setTimeout(() => {
      done = true
      reject(new ProbeError(phase, "ETIMEDOUT"))
    }, ms)
    const fail = (e: unknown) => {
      if (done) return
      done = true
      clearTimeout(timer)
      reject(e instanceof ProbeError ? e : new ProbeError(phase, codeOf(e)))
    }
    work(fail).then(
      (value) => {
        if (done) return
        done = true
        clearTimeout(timer)
        resolve(value)
      },
      fail
    )
  })
}

function tcpConnect(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  let socket: net.Socket | undefined
  return withTimeout("tcp", timeoutMs, (fail) => {
    return new Promise<net.Socket>((resolve) => {
      socket = net.connect({ host, port })
      socket.on("error", () => undefined)
      socket.once("connect", () => resolve(socket!))
      socket.once("error", fail)
    })
  }).catch((e) => {
    socket?.destroy()
    throw e
  })
}

function proxyConnect(proxyUrl: string, host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  const proxy = new URL(proxyUrl)
  const headers: Record<string, string> = { host: `${host}:${port}` }
  if (proxy.username) {
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`
    headers["proxy-authorization"] = `Basic ${Buffer.from(credentials).toString("base64")}`
  }
  let request: http.ClientRequest | undefined
  return withTimeout("proxy", timeoutMs, (fail) => {
    return new Promise<net.Socket>((resolve) => {
      request = http.request({
        host: hostOf(proxy),
        port: portOf(proxy),
        method: "CONNECT",
        path: `${host.includes(":") ? `[${host}]` : host}:${port}`,
        headers,
      })
      request.once("connect", (response, socket) => {
        socket.on("error", () => undefined)
        if (response.statusCode === 200) resolve(socket)
        else {
          socket.destroy()
          fail(new ProbeError("proxy", `HTTP_${response.statusCode}`))
        }
      })
      request.once("error", fail)
      request.end()
    })
  }).catch((e) => {
    request?.destroy()
    throw e
  })
}

function tlsHandshake(socket: net.Socket, host: string, options: ProbeOptions): Promise<tls.TLSSocket> {
  let secure: tls.TLSSocket | undefined
  return withTimeout("tls", options.timeoutMs, (fail) => {
    return new Promise<tls.TLSSocket>((resolve) => {
      secure = tls.connect({
        socket,
        host,
        servername: net.isIP(host) ? undefined : host,
        secureContext: options.secureContext,
        rejectUnauthorized: true,
        minVersion: "TLSv1.2",
        ...(options.verifyHostname === false ? { checkServerIdentity: () => undefined } : {}),
      })
      // A second error after the first (or after the handshake) must not become an unhandled 'error' event.
      secure.on("error", () => undefined)
      secure.once("secureConnect", () => resolve(secure!))
      secure.once("error", fail)
      secure.once("close", () => fail(new ProbeError("tls", "ECONNRESET")))
    })
  }).catch((e) => {
    secure?.destroy()
    throw e
  })
}

function httpStatus(secure: tls.TLSSocket, url: URL, timeoutMs: number): Promise<number> {
  return withTimeout("http", timeoutMs, (fail) => {
    return new Promise<number>((resolve) => {
      let head = ""
      secure.setEncoding("latin1")
      secure.on("data", (chunk: string) => {
        head += chunk
        const match = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(head)
        if (match) resolve(Number(match[1]))
        else if (head.length > 64 || head.includes("\n")) fail(new ProbeError("http", "BAD_RESPONSE"))
      })
      secure.once("error", fail)
      secure.once("end", () => fail(new ProbeError("http", "ECONNRESET")))
      secure.once("close", () => fail(new ProbeError("http", "ECONNRESET")))
      secure.write(`GET ${url.pathname} HTTP/1.0\r\nHost: ${url.host}\r\nUser-Agent: medusa-paygent-doctor\r\nConnection: close\r\n\r\n`)
    })
  })
}

export async function probe(options: ProbeOptions): Promise<ProbeResult> {
  const { url } = options
  const host = hostOf(url)
  const port = portOf(url)
  let address: string | undefined
  let protocol: string | undefined
  let socket: net.Socket | undefined
  let secure: tls.TLSSocket | undefined
  try {
    if (options.proxyUrl) {
      socket = await proxyConnect(options.proxyUrl, host, port, options.timeoutMs)
    } else {
      address = net.isIP(host)
        ? host
        : await withTimeout("dns", options.timeoutMs, async () => (await lookup(host)).address)
      socket = await tcpConnect(address, port, options.timeoutMs)
    }
    if (url.protocol !== "https:") {
      return { ok: true, address, plain: true }
    }
    secure = await tlsHandshake(socket, host, options)
    protocol = secure.getProtocol() ?? undefined
    const status = await httpStatus(secure, url, options.timeoutMs)
    return { ok: true, address, protocol, httpStatus: status, plain: false }
  } catch (error) {
    const e = error instanceof ProbeError ? error : new ProbeError("tcp", codeOf(error))
    return { ok: false, phase: e.phase, code: e.code, address, protocol }
  } finally {
    secure?.destroy()
    socket?.destroy()
  }
}

// ---- explanations ----

// Alerts the server sends about our certificate (OpenSSL's names as Node reports them).
const CLIENT_CERT_ALERTS = [
  "BAD_CERTIFICATE",
  "UNKNOWN_CA",
  "CERTIFICATE_REQUIRED",
  "CERTIFICATE_EXPIRED",
  "CERTIFICATE_REVOKED",
  "CERTIFICATE_UNKNOWN",
  "UNSUPPORTED_CERTIFICATE",
  "DECRYPT_ERROR",
  "ACCESS_DENIED",
  "HANDSHAKE_FAILURE",
]

const SERVER_CERT_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
])

export function isClientCertificateRefusal(failure: ProbeFailure): boolean {
  if (failure.phase !== "tls" && failure.phase !== "http") return false
  if (CLIENT_CERT_ALERTS.some((alert) => failure.code.includes(alert))) return true
  // Closed or reset right after (or during) the handshake: what a server does with a certificate it refuses.
  return failure.code === "ECONNRESET" || failure.code === "EPIPE"
}

export const P016_LIKE: Bilingual = {
  ja: "クライアント証明書が受け入れられませんでした（P016 相当）。この環境（試験/本番）用にペイジェントから発行された証明書と鍵を設定してください。試験環境の証明書は本番では使えません。",
  en: "the client certificate was refused (like P016) — configure the certificate and key Paygent issued for this environment (a sandbox certificate does not work in production).",
}

/** What a failed probe means and how to fix it. */
export function explainProbeFailure(failure: ProbeFailure, target: string): Bilingual {
  const { phase, code } = failure
  if (phase === "dns") {
    return {
      ja: `${target} のホスト名を解決できません（${code}）。DNS 設定とホスト名を確認してください。`,
      en: `cannot resolve ${target} (${code}) — check DNS and the host name.`,
    }
  }
  if (phase === "proxy") {
    return {
      ja: `プロキシ経由で ${target} に接続できません（${code}）。proxyUrl とプロキシの CONNECT 許可を確認してください。`,
      en: `cannot reach ${target} through the proxy (${code}) — check proxyUrl and that the proxy allows CONNECT to it.`,
    }
  }
  if (phase === "tcp") {
    const timeout = code === "ETIMEDOUT"
    return {
      ja: `${target} に TCP 接続できません（${code}）。${timeout ? "ファイアウォールで送信（443番）が止められていないか、プロキシが必要でないか" : "ホスト・ポートとネットワーク経路"}を確認してください。`,
      en: `cannot open a TCP connection to ${target} (${code}) — ${timeout ? "check that outgoing port 443 is not blocked by a firewall and whether a proxy is needed" : "check host, port and the network route"}.`,
    }
  }
  if (code === "CERT_HAS_EXPIRED" || code === "CERT_NOT_YET_VALID") {
    return {
      ja: `接続先のサーバー証明書が有効期間外です（${code}）。サーバーの時刻と接続先を確認してください。`,
      en: `the server's certificate is outside its validity period (${code}) — check this machine's clock and the target.`,
    }
  }
  if (SERVER_CERT_CODES.has(code)) {
    return {
      ja: `接続先のサーバー証明書を検証できません（${code}）。caCertificate にペイジェントの接続キット付属の CA ファイル（curl-ca-bundle.crt）を設定してください。プロキシが TLS を中継・復号していないかも確認してください。`,
      en: `the server certificate could not be verified (${code}) — set caCertificate to the CA file of Paygent's connection kit (curl-ca-bundle.crt); also check that no proxy intercepts TLS.`,
    }
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return {
      ja: `サーバー証明書のホスト名が接続先と一致しません（${code}）。baseUrl を確認してください（ペイジェント公式モジュールはホスト名を検証しないため、意図した接続先なら verifyHostname: false も可）。`,
      en: `the server certificate does not name this host (${code}) — check baseUrl (Paygent's own module skips the host-name check, so verifyHostname: false is possible if the target is right).`,
    }
  }
  if (code.includes("PROTOCOL_VERSION") || code.includes("WRONG_VERSION_NUMBER")) {
    return {
      ja: `TLS のバージョンが合いません（${code}）。接続先が HTTPS（TLS 1.2 以上）か確認してください。`,
      en: `TLS version mismatch (${code}) — check that the target speaks HTTPS with TLS 1.2 or later.`,
    }
  }
  if (isClientCertificateRefusal(failure)) {
    return { ja: `${P016_LIKE.ja}（${code}）`, en: `${P016_LIKE.en} (${code})` }
  }
  if (code === "ETIMEDOUT") {
    return {
      ja: `${target} で TLS/HTTP の応答が時間内にありません（${phase}）。ネットワークとプロキシを確認してください。`,
      en: `no TLS/HTTP answer from ${target} in time (${phase}) — check the network and proxy.`,
    }
  }
  return {
    ja: `${target} との TLS 接続に失敗しました（${code}）。証明書・CA・プロキシの設定を確認してください。`,
    en: `the TLS connection to ${target} failed (${code}) — check certificate, CA and proxy settings.`,
  }
}

// ---- public or not ----

function ipv4Private(ip: string): boolean {
  const [a, b] = ip.split(".").map(Number)
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)
}

/** Loopback, private, link-local or unique-local: an address Paygent cannot reach from the internet. */
export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) return ipv4Private(ip)
  const lower = ip.toLowerCase()
  if (lower.startsWith("::ffff:")) return ipv4Private(lower.slice(7))
  return lower === "::1" || lower === "::" || lower.startsWith("fc") || lower.startsWith("fd") || lower.startsWith("fe80")
}

/** Whether the host of a URL is private (resolving a name once); undefined when the name does not resolve. */
export async function hostIsPrivate(url: URL): Promise<boolean | undefined> {
  const host = hostOf(url)
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal")) return true
  if (net.isIP(host)) return isPrivateAddress(host)
  try {
    const addresses = await lookup(host, { all: true })
    return addresses.length > 0 && addresses.every((a) => isPrivateAddress(a.address))
  } catch {
    return undefined
  }
}
