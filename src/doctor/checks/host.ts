import type * as tls from "node:tls"
import { createTlsContext } from "../../paygent/tls-context"
import { explainProbeFailure, probe } from "../net"
import { clientCertificateOptions } from "./passphrase"
import type { CheckOutcome, DoctorCheck, DoctorState } from "../types"

/**
 * Check 6: the chosen Paygent host (baseUrl, else Paygent's sandbox / production host) answers: DNS, TCP, the TLS
 * handshake with the client certificate and the CA, and an HTTP answer on the telegram path (GET, no telegram).
 */

function describeTarget(state: DoctorState): string {
  return state.targetUrl!.origin
}

export const hostCheck: DoctorCheck = {
  id: "host",
  title: { ja: "接続先ホスト", en: "Paygent host" },
  async run(state): Promise<CheckOutcome> {
    if (!state.targetUrl) {
      return { status: "skip", ja: "接続先 URL が決まらないため確認できません（1 を参照）。", en: "not checked: no usable target URL (see 1)." }
    }
    const url = state.targetUrl
    const target = describeTarget(state)
    const https = url.protocol === "https:"
    let secureContext: tls.SecureContext | undefined
    let limited: { ja: string; en: string } | undefined
    if (https) {
      const certificate = state.certificateUsable ? clientCertificateOptions(state) : undefined
      const ca = state.caUsable === false ? undefined : state.ca
      if (state.material && !state.certificateUsable) {
        limited = { ja: "クライアント証明書を使えないため TCP 接続のみ確認しました（3 を参照）", en: "only TCP was checked: the client certificate is not usable (see 3)" }
      } else if (state.caUsable === false) {
        limited = { ja: "CA ファイルを使えないため TCP 接続のみ確認しました（5 を参照）", en: "only TCP was checked: the CA file is not usable (see 5)" }
      } else {
        secureContext = createTlsContext({ clientCertificate: certificate, ca })
      }
    }
    const proxyUrl = typeof state.options.proxyUrl === "string" ? state.options.proxyUrl : undefined
    const result = await probe({
      // With a context that cannot be built only the TCP part runs: an http: URL stops after connecting.
      url: limited ? new URL(url.href.replace(/^https:/, "http:")) : url,
      secureContext,
      verifyHostname: state.options.verifyHostname !== false,
      proxyUrl,
      timeoutMs: state.timeoutMs,
    })
    if (!result.ok) {
      state.hostReached = result.phase === "tls" || result.phase === "http" ? "tcp" : "none"
      const why = explainProbeFailure(result, target)
      return { status: "fail", code: result.code, ja: why.ja, en: why.en, data: { phase: result.phase, address: result.address ?? null, tls: result.protocol ?? null } }
    }
    const via = proxyUrl ? "（プロキシ経由）" : ""
    const viaEn = proxyUrl ? " (through the proxy)" : ""
    if (limited) {
      state.hostReached = "tcp"
      return { status: "skip", ja: `${target} に TCP 接続できました${via}。${limited.ja}。`, en: `${target} accepts TCP connections${viaEn}; ${limited.en}.`, data: { address: result.address ?? null } }
    }
    if (result.plain) {
      state.hostReached = "tcp"
      return {
        status: state.customHost ? "pass" : "warn",
        ja: `${target} に接続できました（HTTP、TLS なし: ローカルのシミュレーター向け）${via}。`,
        en: `${target} accepts connections (plain HTTP, no TLS: for a local simulator)${viaEn}.`,
        data: { address: result.address ?? null },
      }
    }
    state.hostReached = "tls"
    const cert = state.certificateUsable ? "クライアント証明書を提示し、" : "クライアント証明書なしで、"
    const certEn = state.certificateUsable ? "client certificate presented, " : "no client certificate, "
    return {
      status: "pass",
      ja: `${target} に接続できました（${result.protocol ?? "TLS"}、${cert}サーバー証明書を検証済み、HTTP ${result.httpStatus} 応答）${via}。`,
      en: `${target} is reachable (${result.protocol ?? "TLS"}, ${certEn}server certificate verified, HTTP ${result.httpStatus} answer)${viaEn}.`,
      data: { address: result.address ?? null, tls: result.protocol ?? null, http_status: result.httpStatus ?? null },
    }
  },
}
