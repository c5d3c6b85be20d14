import * as http from "node:http"
import * as https from "node:https"
import { NOTICE_ACK_BODY } from "../../paygent/notice"
import { hostIsPrivate } from "../net"
import { buildTestNotice, encodeForm } from "../test-notice"
import type { CheckOutcome, DoctorCheck, DoctorState } from "../types"

/**
 * Check 8: the notice URL registered with Paygent (差分通知URL) answers exactly `result=0` to a correctly signed
 * test notice (§7.2). Only checkable from here: Paygent must reach it from the internet.
 */

const FROM_HERE = {
  ja: "※この確認はこのマシンからのものです。ペイジェントから到達できる公開URL（HTTPS 推奨・TLS 1.2 以上、ペイジェントの送信元IPを許可）である必要があります。",
  en: "Checked from this machine only: the URL must be public and reachable from Paygent (HTTPS recommended, TLS 1.2+, Paygent's source IPs allowed).",
}

interface Answer {
  status: number
  body: string
  protocol?: string
}

function post(url: URL, body: string, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === "https:"
    const options: https.RequestOptions = {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded; charset=Windows-31J",
        "content-length": Buffer.byteLength(body),
        "user-agent": "medusa-paygent-doctor",
      },
      timeout: timeoutMs,
      ...(secure ? { minVersion: "TLSv1.2" as const, rejectUnauthorized: true } : {}),
    }
    const request = (secure ? https : http).request(url, options, (response) => {
      const chunks: Buffer[] = []
      let size = 0
      const protocol = secure ? ((response.socket as import("node:tls").TLSSocket).getProtocol?.() ?? undefined) : undefined
      response.on("data", (chunk: Buffer) => {
        size += chunk.length
        if (size <= 4096) chunks.push(chunk)
      })
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("latin1"), protocol }))
      response.on("error", reject)
    })
    request.on("timeout", () => request.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })))
    request.on("error", reject)
    request.end(body)
  })
}

/** The first characters of a wrong answer, quoted, printable only. */
function excerpt(body: string): string {
  const text = body.length > 40 ? `${body.slice(0, 40)}…` : body
  return JSON.stringify(text.replace(/[^\x20-\x7e]/g, (c) => (c === "\r" ? "\\r" : c === "\n" ? "\\n" : "?")))
}

function fail(ja: string, en: string, code: string, data?: CheckOutcome["data"]): CheckOutcome {
  return { status: "fail", ja: `${ja} ${FROM_HERE.ja}`, en: `${en} ${FROM_HERE.en}`, code, data }
}

export function noticeUrlOf(state: DoctorState): string | undefined {
  const fromOptions = state.options.noticeUrl
  return state.input.noticeUrl ?? (typeof fromOptions === "string" && fromOptions ? fromOptions : undefined)
}

export const noticeUrlCheck: DoctorCheck = {
  id: "notice_url",
  title: { ja: "差分通知URL", en: "Notice URL" },
  async run(state): Promise<CheckOutcome> {
    const raw = noticeUrlOf(state)
    if (!raw) {
      const backend = typeof state.options.backendUrl === "string" ? state.options.backendUrl.replace(/\/+$/, "") : ""
      const hint = backend ? `${backend}/paygent/notice` : "https://<your-medusa>/paygent/notice"
      return {
        status: "skip",
        ja: `通知URLが指定されていないため確認しません。ペイジェントに登録した URL（通常 ${hint}）を --notice-url で指定してください。`,
        en: `not checked: no notice URL given — pass the URL registered with Paygent (usually ${hint}) with --notice-url.`,
      }
    }
    let url: URL
    try {
      url = new URL(raw)
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error()
    } catch {
      return fail("通知URLが http(s) の URL ではありません。", "the notice URL is not an http(s) URL.", "invalid_url")
    }
    // Never print query strings (they may carry tokens).
    const shown = `${url.origin}${url.pathname}`
    const key = state.options.noticeHashKey
    if (typeof key !== "string" || key === "") {
      return fail(
        "差分通知ハッシュ鍵（noticeHashKey）が未設定のため、署名付きのテスト通知を作れません（9 を参照）。",
        "no notice hash key (noticeHashKey): a signed test notice cannot be built (see 9).",
        "no_notice_hash_key"
      )
    }
    let answer: Answer
    try {
      answer = await post(url, encodeForm(buildTestNotice(key, state.now)), state.timeoutMs)
    } catch (error) {
      const code = String((error as { code?: string }).code ?? "ERROR")
      const tls = /CERT|SSL|TLS/.test(code)
      return fail(
        tls
          ? `${shown} との TLS 接続に失敗しました（${code}）。ペイジェントは公的な認証局の有効なサーバー証明書と TLS 1.2 以上を必要とします。`
          : `${shown} に接続できません（${code}）。アプリが起動しているか、URL とポートを確認してください。`,
        tls
          ? `the TLS connection to ${shown} failed (${code}) — Paygent needs a valid certificate from a public CA and TLS 1.2 or later.`
          : `cannot connect to ${shown} (${code}) — check that the app is running and the URL and port are right.`,
        code
      )
    }
    const data = { http_status: answer.status, tls: answer.protocol ?? null }
    const acked = answer.body.replace(/\r?\n$/, "") === NOTICE_ACK_BODY
    if (answer.status === 403) {
      return fail(
        `${shown} がテスト通知を拒否しました（HTTP 403）。通知の送信元IP制限（noticeAllowedIps）にこのマシンが含まれていない可能性があります。ペイジェントのIPだけを許可している場合は想定どおりです（許可されたマシンから再実行してください）。`,
        `${shown} refused the test notice (HTTP 403) — probably the source-IP allow-list (noticeAllowedIps) does not include this machine; expected if only Paygent's addresses are allowed (run the doctor from an allowed host).`,
        "http_403",
        data
      )
    }
    if (answer.status === 400 && /^result=1/.test(answer.body)) {
      return fail(
        `${shown} が署名付きテスト通知を拒否しました（HTTP 400, result=1）。アプリの差分通知ハッシュ鍵がここで使った noticeHashKey と異なる可能性があります。ペイジェントから発行された鍵を両方に設定してください。`,
        `${shown} refused the signed test notice (HTTP 400, result=1) — the app's notice hash key probably differs from the noticeHashKey used here; set the key Paygent issued in both.`,
        "refused",
        data
      )
    }
    if (answer.status < 200 || answer.status > 299) {
      return fail(
        `${shown} が HTTP ${answer.status} を返しました。パス（プラグインでは /paygent/notice）とアプリの状態を確認してください。ペイジェントは result=0 以外を失敗として再送し、5回連続で失敗すると15分間通知を停止します。`,
        `${shown} answered HTTP ${answer.status} — check the path (the plugin's is /paygent/notice) and the app. Paygent re-sends on anything but result=0 and pauses notices for 15 minutes after 5 failures.`,
        `http_${answer.status}`,
        data
      )
    }
    if (!acked) {
      return fail(
        `${shown} の応答が result=0 ではありません（${excerpt(answer.body)}）。本文は正確に result=0 だけである必要があります。ペイジェントはそれ以外を失敗として再送し、5回連続で失敗すると15分間通知を停止します。`,
        `${shown} did not answer exactly result=0 (got ${excerpt(answer.body)}) — the body must be result=0 and nothing else; Paygent re-sends otherwise and pauses notices for 15 minutes after 5 failures.`,
        "not_result_0",
        data
      )
    }
    // Answered right. Now: can Paygent get there at all?
    const isPrivate = await hostIsPrivate(url)
    if (isPrivate && !state.customHost) {
      return {
        status: "warn",
        code: "private_address",
        ja: `${shown} は result=0 を返しましたが、プライベート/ローカルなアドレスです。ペイジェントからは到達できません。公開URLを登録してください。${FROM_HERE.ja}`,
        en: `${shown} answered result=0, but it is a private/local address Paygent cannot reach — register a public URL. ${FROM_HERE.en}`,
        data,
      }
    }
    if (url.protocol === "http:" && !state.customHost) {
      return {
        status: "warn",
        code: "plain_http",
        ja: `${shown} は result=0 を返しましたが HTTP です。ペイジェントは HTTPS（TLS 1.2 以上）を推奨しています。${FROM_HERE.ja}`,
        en: `${shown} answered result=0, but over plain HTTP — Paygent recommends HTTPS (TLS 1.2+). ${FROM_HERE.en}`,
        data,
      }
    }
    return {
      status: "pass",
      ja: `${shown} は署名付きテスト通知に result=0 を返しました${answer.protocol ? `（${answer.protocol}）` : ""}。${FROM_HERE.ja}`,
      en: `${shown} answered result=0 to a signed test notice${answer.protocol ? ` (${answer.protocol})` : ""}. ${FROM_HERE.en}`,
      data,
    }
  },
}
