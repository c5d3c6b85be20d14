import * as tls from "node:tls"
import { FileProblem, parseCertificates, readPemOption } from "../material"
import { fileProblemText } from "./certificate-file"
import type { CheckOutcome, DoctorCheck } from "../types"

/** Check 5: the CA bundle (caCertificate: the kit's curl-ca-bundle.crt) can be read and parsed. */
export const caFileCheck: DoctorCheck = {
  id: "ca_file",
  title: { ja: "CA証明書ファイル", en: "CA file" },
  run(state): CheckOutcome {
    const value = state.options.caCertificate
    if (typeof value !== "string" || value === "") {
      if (state.targetUrl?.protocol === "http:") {
        return { status: "skip", ja: "未設定（接続先が HTTP のため不要）。", en: "not set (not needed: the target is plain HTTP)." }
      }
      return {
        status: "warn",
        code: "not_configured",
        ja: "未設定: Node.js 組み込みのルート証明書で接続先を検証します。ペイジェントの接続キットの CA ファイル（curl-ca-bundle.crt）を caCertificate に設定することを推奨します。",
        en: "not set: Node.js's built-in root certificates verify the server — setting caCertificate to the kit's CA file (curl-ca-bundle.crt) is recommended.",
      }
    }
    let read
    try {
      read = readPemOption(value)
    } catch (error) {
      if (error instanceof FileProblem) {
        state.caUsable = false
        const t = fileProblemText(error, "caCertificate")
        return { status: "fail", ja: t.ja, en: t.en, code: error.code }
      }
      throw error
    }
    const { certs, broken } = parseCertificates(read.text)
    if (certs.length === 0) {
      state.caUsable = false
      return {
        status: "fail",
        code: "no_certificate",
        ja: `CA ファイルに PEM 形式の証明書がありません（${read.origin}）。接続キットの curl-ca-bundle.crt を指定してください（DER なら openssl x509 -inform der で変換）。`,
        en: `the CA file holds no PEM certificate (${read.origin}) — use the kit's curl-ca-bundle.crt (convert DER with openssl x509 -inform der).`,
      }
    }
    try {
      tls.createSecureContext({ ca: read.text })
    } catch (error) {
      state.caUsable = false
      return {
        status: "fail",
        code: String((error as { code?: string }).code ?? "ca_unusable"),
        ja: `CA ファイルを TLS で使えません（${read.origin}）。ファイルが壊れていないか確認してください。`,
        en: `the CA file cannot be used for TLS (${read.origin}) — check that it is not damaged.`,
      }
    }
    state.ca = read.text
    state.caUsable = true
    const now = state.now.getTime()
    const valid = certs.filter((c) => new Date(c.validTo).getTime() > now).length
    if (broken > 0 || valid === 0) {
      return {
        status: "warn",
        code: valid === 0 ? "all_expired" : "damaged_blocks",
        ja: `読み取れましたが、証明書 ${certs.length} 件中 有効 ${valid} 件${broken ? `、壊れたブロック ${broken} 件` : ""}です（${read.origin}）。新しい CA ファイルをペイジェントから入手してください。`,
        en: `readable, but ${valid} of ${certs.length} certificate(s) are valid${broken ? ` and ${broken} block(s) are damaged` : ""} (${read.origin}) — get a current CA file from Paygent.`,
        data: { certificates: certs.length, valid, broken },
      }
    }
    return {
      status: "pass",
      ja: `読み取れました（証明書 ${certs.length} 件、${read.origin}）。`,
      en: `readable (${certs.length} certificate(s), ${read.origin}).`,
      data: { certificates: certs.length, valid },
    }
  },
}
