import type { PaygentClient } from "../../paygent/client"
import { createPaygentClient } from "../../options/client"
import { PaygentError } from "../../paygent/errors"
import { P016_LIKE } from "../net"
import { clientCertificateOptions } from "./passphrase"
import type { CheckOutcome, DoctorCheck, DoctorState } from "../types"

/**
 * Check 7: a harmless telegram is accepted. 094 (決済情報照会, read-only) for a payment id that does not exist:
 * 13001 (not found) means Paygent authenticated the merchant (P001/P002/P015/P016 come first) — the credentials,
 * the source IP and the certificate all work.
 */

/** 18 digits (the longest payment_id) no real payment has. */
export const DOCTOR_PAYMENT_ID = "999999999999999999"

const EXPLAIN: Record<string, { ja: string; en: string }> = {
  P001: {
    ja: "P001: マーチャントID・接続ID・接続パスワードのいずれかが送られていません。merchantId / connectId / connectPassword を設定してください。",
    en: "P001: merchant ID, connect ID or connect password was not sent — set merchantId / connectId / connectPassword.",
  },
  P002: {
    ja: "P002: 接続IDまたは接続パスワードが違います。ペイジェントから発行された値を設定してください（試験環境と本番環境で値が異なります。environment / baseUrl との組み合わせも確認）。",
    en: "P002: wrong connect ID or connect password — set the values Paygent issued (sandbox and production differ; check them against environment / baseUrl).",
  },
  P015: {
    ja: "P015: 接続元IPアドレスがペイジェントに登録されていません。このサーバーがインターネットへ出ていく送信元IPアドレス（NAT・プロキシ経由ならその出口のIP）を、接続申請書でペイジェントに登録してください（試験・本番それぞれ）。",
    en: "P015: the source IP address is not registered — register this server's outgoing IP address (the NAT gateway's or proxy's, if it goes through one) with Paygent in the connection application, for sandbox and production separately.",
  },
  P016: {
    ja: `P016: ${P016_LIKE.ja}`,
    en: `P016: ${P016_LIKE.en}`,
  },
  P017: {
    ja: "P017: ペイジェントはメンテナンス中（サービス停止中）です。設定の誤りではありません。メンテナンス終了後にもう一度 doctor を実行してください（予定はペイジェントのお知らせを参照）。",
    en: "P017: Paygent is under maintenance — not a configuration problem; run the doctor again after the maintenance window (see Paygent's announcements).",
  },
  P003: {
    ja: "P003: 電文バージョンが拒否されました。ペイジェントに指定された電文バージョン（通常 1.0）を確認してください。",
    en: "P003: the telegram version was refused — check the interface version Paygent gave you (normally 1.0).",
  },
  P004: {
    ja: "P004: この URL では照会電文を受け付けません。baseUrl が正しい接続先（ホストのみ、パスなし）か確認してください。",
    en: "P004: this URL does not accept the inquiry telegram — check that baseUrl is the right host (host only, no path).",
  },
}

export const telegramCheck: DoctorCheck = {
  id: "telegram",
  title: { ja: "疎通電文（094 照会）", en: "Test telegram (094 inquiry)" },
  async run(state): Promise<CheckOutcome> {
    const o = state.options
    if (!state.targetUrl || !/^\d{1,9}$/.test(String(o.merchantId ?? "")) || !o.connectId || !o.connectPassword) {
      return { status: "skip", ja: "マーチャントID・接続ID・接続パスワードが正しくないため送信しません（1 を参照）。", en: "not sent: merchant ID / connect ID / connect password are not usable (see 1)." }
    }
    if (state.hostReached === "none") {
      return { status: "skip", ja: "接続先に到達できないため送信しません（6 を参照）。", en: "not sent: the host is not reachable (see 6)." }
    }
    if ((state.material && !state.certificateUsable) || state.caUsable === false) {
      return { status: "skip", ja: "証明書または CA を使えないため送信しません（3・5 を参照）。", en: "not sent: the certificate or the CA file is not usable (see 3 and 5)." }
    }
    let client: PaygentClient | undefined
    try {
      client = createPaygentClient({
        merchantId: String(o.merchantId),
        connectId: String(o.connectId),
        connectPassword: String(o.connectPassword),
        environment: o.environment,
        baseUrl: o.baseUrl,
        certificate: state.material ? clientCertificateOptions(state) : undefined,
        ca: state.ca,
        tlsMinVersion: o.tlsMinVersion,
        tlsMaxVersion: o.tlsMaxVersion,
        verifyHostname: o.verifyHostname,
        timeoutMs: state.timeoutMs,
        proxyUrl: o.proxyUrl,
        keepAlive: false,
      })
      const answer = await client.paymentInquiry({ payment_id: DOCTOR_PAYMENT_ID })
      // Someone's payment really has this id: authentication evidently worked all the same.
      return {
        status: "pass",
        ja: `電文が受け付けられました（照会結果あり: 決済種別 ${answer.payment_type}）。接続ID・パスワード・IP・証明書は有効です。`,
        en: `the telegram was accepted (a payment was found, type ${answer.payment_type}): connect ID, password, IP and certificate work.`,
        data: { response_code: "" },
      }
    } catch (error) {
      if (!(error instanceof PaygentError)) throw error
      const code = error.response_code
      if (code === "13001") {
        return {
          status: "pass",
          code,
          ja: "電文が受け付けられました（13001 = 該当する決済なし、想定どおり）。接続ID・パスワード・送信元IP・証明書は有効です。",
          en: "the telegram was accepted (13001 = no such payment, as expected): connect ID, password, source IP and certificate work.",
          data: { response_code: code },
        }
      }
      if (code === "P007" || code === "P018") {
        return {
          status: "warn",
          code,
          ja: `認証は通りましたが、照会電文（094）が利用できません（${code}）。接続ID・パスワードは有効です。照会機能の契約をペイジェントに確認してください（未照会の結果確認に必要です）。`,
          en: `authentication passed, but the inquiry telegram (094) is not available (${code}) — connect ID and password work; ask Paygent about the inquiry function (needed to resolve unknown outcomes).`,
          data: { response_code: code },
        }
      }
      const known = EXPLAIN[code]
      if (known) return { status: "fail", code, ja: known.ja, en: known.en, data: { response_code: code } }
      if (error.class === "not_sent" || error.class === "unknown_outcome") {
        // A TLS refusal at this stage is a refused client certificate more often than anything else.
        const tls = /TLS handshake/.test(error.response_detail)
        return {
          status: "fail",
          code: tls ? "tls_refused" : error.response_code,
          ja: tls ? P016_LIKE.ja : error.merchantMessage.ja,
          en: tls ? P016_LIKE.en : error.merchantMessage.en,
          data: { class: error.class, http_status: error.http_status ?? null },
        }
      }
      return {
        status: "fail",
        code,
        ja: `電文が拒否されました（${code}）: ${error.merchantMessage.ja}`,
        en: `the telegram was refused (${code}): ${error.merchantMessage.en}`,
        data: { response_code: code, class: error.class },
      }
    } finally {
      await client?.close().catch(() => undefined)
    }
  },
}
