import { PaygentError } from "./errors"
import { msg, type LocalizedMessage } from "./messages"

/**
 * How low-level connection failures map onto the two transport classes: "not_sent" when the request can
 * not have been processed (nothing written, or refused by the TLS layer), "unknown_outcome" otherwise.
 */

// Errors that can only happen before a byte of the request reached the server.
export const CONNECT_PHASE_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_FAIL",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EHOSTDOWN",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
])

// Server certificate verification failures (reported by OpenSSL / Node during the handshake).
const SERVER_CERT_CODES = new Set([
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
  "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY",
  // E.g. a CA bundle holding a different CA of the same name as the server certificate's issuer.
  "CERT_SIGNATURE_FAILURE",
  "CERT_CHAIN_TOO_LONG",
  "INVALID_CA",
  "PATH_LENGTH_EXCEEDED",
  "INVALID_PURPOSE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
])

export function errorCode(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown } }
  return String(e?.code ?? e?.cause?.code ?? "")
}

/**
 * TLS-layer refusals: the server's TLS stack rejected the handshake (e.g. TLS 1.3 "certificate required" or
 * "bad certificate" arriving after the client already queued its request). The HTTP layer never saw the
 * request, so it was not processed even if undici had started writing it.
 */
export function isTlsRefusal(code: string): boolean {
  return (
    SERVER_CERT_CODES.has(code) ||
    code === "EPROTO" ||
    code.startsWith("ERR_SSL_") ||
    code === "ERR_TLS_HANDSHAKE_TIMEOUT" ||
    code === "ERR_TLS_CLIENT_AUTH_REFUSED"
  )
}

export const NOT_SENT_MESSAGE = msg(
  "ペイジェントに接続できず、電文は送信されていません。ネットワーク・DNS・プロキシ・証明書の設定を確認してください。再送しても二重処理にはなりません。",
  "Could not connect to Paygent; the telegram was not sent — check network, DNS, proxy and certificates. Sending it again is safe."
)
export const TLS_MESSAGE = msg(
  "TLS接続が確立できず、電文は送信されていません。サーバー証明書の検証（CA証明書・ホスト名）またはクライアント証明書（P016）を確認してください。",
  "The TLS handshake failed and nothing was sent — check server certificate verification (CA bundle, host name) or the client certificate (cf. P016)."
)
export const UNKNOWN_MESSAGE = msg(
  "電文送信後にペイジェントからの応答を受け取れませんでした。処理された可能性があるため、決済情報照会（094）で確認してから再実行してください。",
  "The telegram was sent but no usable answer came back; it may have been processed — check with a payment inquiry (094) before retrying."
)

export function transportError(
  cls: "not_sent" | "unknown_outcome",
  kind: string,
  detail: string,
  merchant: LocalizedMessage,
  cause?: unknown,
  http_status?: number
): PaygentError {
  return new PaygentError({
    class: cls,
    telegram_kind: kind,
    response_code: "E02005",
    response_detail: detail,
    merchantMessage: merchant,
    retryable: cls === "not_sent",
    cause,
    http_status,
  })
}
