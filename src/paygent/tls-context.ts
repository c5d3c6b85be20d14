import { createPrivateKey } from "node:crypto"
import tls from "node:tls"
import { PaygentError } from "./errors"
import { msg, type LocalizedMessage } from "./messages"

/**
 * The client certificate Paygent issues (docs/protocol.md §1.3): a PEM file holding the certificate chain and an RSA key —
 * for the PHP kit the key is encrypted (Proc-Type: 4,ENCRYPTED, DES-EDE3-CBC) — or a PKCS#12 (.pfx) file;
 * both come with a pass-phrase. Contents are passed, not paths.
 */
export interface ClientCertificateOptions {
  /** PEM content: the certificate (chain), and the private key too unless `key` is given. */
  pem?: string | Buffer
  /** PEM private key, possibly encrypted. */
  key?: string | Buffer
  /** PKCS#12 content. Must use an algorithm OpenSSL 3 supports (AES or 3DES, not RC2-40). */
  pfx?: Buffer
  passphrase?: string
}

/** TLS protocol versions a merchant can pin the connection to. */
export type PaygentTlsVersion = "TLSv1.2" | "TLSv1.3"

export interface TlsContextOptions {
  clientCertificate?: ClientCertificateOptions
  /** PEM CA bundle (the kit's curl-ca-bundle.crt); when absent, Node's built-in roots are used. */
  ca?: string | Buffer
  /** Lowest TLS version offered (default Node's, TLSv1.2). */
  tlsMinVersion?: PaygentTlsVersion
  /**
   * Highest TLS version offered (default Node's, TLSv1.3). "TLSv1.2" keeps the connection at TLS 1.2, where a server
   * may ask for the client certificate by renegotiating (TLS 1.3 has no renegotiation): see docs/protocol.md §1.3.
   */
  tlsMaxVersion?: PaygentTlsVersion
}

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g
const KEY_BLOCK = /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]*?-----END \1-----/

function configError(detail: string, merchant: LocalizedMessage): PaygentError {
  return new PaygentError({
    class: "configuration",
    telegram_kind: "",
    response_code: "E02004",
    response_detail: detail,
    merchantMessage: merchant,
    retryable: false,
  })
}

const WRONG_PASSPHRASE = msg(
  "クライアント証明書のパスフレーズが正しくありません。ペイジェントから提供されたパスフレーズを設定してください。",
  "The client certificate pass-phrase is wrong — set the pass-phrase delivered with the Paygent connection kit."
)

function describeOpenSslFailure(err: unknown, what: string): PaygentError {
  const e = err as { code?: string; message?: string; reason?: string }
  const code = String(e?.code ?? "")
  const text = `${code} ${e?.reason ?? ""} ${e?.message ?? ""}`.toLowerCase()
  // Only the OpenSSL error code goes into the error: messages are not trusted to be free of input data.
  if (text.includes("bad decrypt") || text.includes("mac verify failure") || text.includes("bad password")) {
    return configError(`${what}: wrong pass-phrase (${code || "bad decrypt"})`, WRONG_PASSPHRASE)
  }
  if (text.includes("unsupported")) {
    return configError(
      `${what}: algorithm not supported by OpenSSL 3 (${code})`,
      msg(
        "証明書ファイルの暗号方式（RC2-40 等）は現在のOpenSSLで扱えません。AES または 3DES で再エクスポートしてください（例: openssl pkcs12 -legacy で展開し、-keypbe AES-256-CBC -certpbe AES-256-CBC で再作成）。",
        "The certificate file uses an algorithm OpenSSL 3 no longer supports (e.g. RC2-40) — re-export it with AES or 3DES (openssl pkcs12 -legacy to read, then -keypbe AES-256-CBC -certpbe AES-256-CBC)."
      )
    )
  }
  if (text.includes("key values mismatch")) {
    return configError(
      `${what}: key does not match certificate (${code})`,
      msg("秘密鍵とクライアント証明書が一致しません。", "The private key does not belong to the client certificate.")
    )
  }
  return configError(
    `${what}: could not be loaded (${code || "unknown error"})`,
    msg(
      "証明書を読み込めません。PEM/PFXの内容とパスフレーズを確認してください。",
      "The certificate could not be loaded — check the PEM/PFX content and the pass-phrase."
    )
  )
}

function text(value: string | Buffer): string {
  return typeof value === "string" ? value : value.toString("latin1")
}

/** Splits a PEM bundle into certificates and key, checking what is needed is there. */
function pemParts(opts: ClientCertificateOptions): { cert: string; key: string; encrypted: boolean; traditional: boolean } {
  const pem = text(opts.pem!)
  const certs = pem.match(CERT_BLOCK)
  if (!certs) {
    throw configError(
      "client certificate PEM has no CERTIFICATE block",
      msg("クライアント証明書（PEM）に証明書が含まれていません。", "The client certificate PEM contains no certificate.")
    )
  }
  const keySource = opts.key !== undefined ? text(opts.key) : pem
  const key = KEY_BLOCK.exec(keySource)
  if (!key) {
    throw configError(
      "client certificate has no PRIVATE KEY block",
      msg("クライアント証明書の秘密鍵が見つかりません。", "No private key was found for the client certificate.")
    )
  }
  const traditional = /Proc-Type:\s*4,ENCRYPTED/.test(key[0])
  const encrypted = traditional || key[1] === "ENCRYPTED PRIVATE KEY"
  return { cert: certs.join("\n"), key: key[0], encrypted, traditional }
}

/** Whether the encrypted PEM key decodes with the pass-phrase. */
function keyOpens(key: string, passphrase: string): boolean {
  try {
    createPrivateKey({ key, format: "pem", passphrase })
    return true
  } catch {
    return false
  }
}

/**
 * Builds the TLS context once, so a wrong pass-phrase or a broken file is reported at start-up as a
 * configuration error (E02004) instead of as a connection failure on the first payment.
 */
export function createTlsContext(options: TlsContextOptions): tls.SecureContext {
  const cc = options.clientCertificate
  const ctx: tls.SecureContextOptions = {}
  if (options.tlsMinVersion) ctx.minVersion = options.tlsMinVersion
  if (options.tlsMaxVersion) ctx.maxVersion = options.tlsMaxVersion
  if (options.ca !== undefined) {
    ctx.ca = text(options.ca)
    if (!/-----BEGIN CERTIFICATE-----/.test(ctx.ca)) {
      throw configError("CA bundle has no CERTIFICATE block", msg("CA証明書（PEM）に証明書が含まれていません。", "The CA bundle (PEM) contains no certificate."))
    }
    try {
      tls.createSecureContext({ ca: ctx.ca })
    } catch (err) {
      throw describeOpenSslFailure(err, "CA bundle")
    }
  }
  if (cc?.pfx !== undefined) {
    ctx.pfx = cc.pfx
    if (cc.passphrase !== undefined) ctx.passphrase = cc.passphrase
  } else if (cc?.pem !== undefined) {
    const parts = pemParts(cc)
    if (parts.encrypted && !cc.passphrase) {
      throw configError(
        "client key is encrypted but no pass-phrase is configured",
        msg(
          "クライアント証明書の秘密鍵が暗号化されています。パスフレーズを設定してください。",
          "The client key is encrypted — configure its pass-phrase."
        )
      )
    }
    if (parts.traditional && !keyOpens(parts.key, cc.passphrase!)) {
      // Traditional PEM encryption has no integrity check, only padding: about one wrong pass-phrase in 256 decrypts
      // to garbage with valid padding, and OpenSSL then reports an ASN.1 or "unsupported" error instead of
      // "bad decrypt". A key that cannot be opened with the pass-phrase is a wrong pass-phrase (or a damaged key).
      throw configError("client certificate PEM: wrong pass-phrase or damaged key (key does not decode)", WRONG_PASSPHRASE)
    }
    ctx.cert = parts.cert
    ctx.key = parts.key
    if (cc.passphrase !== undefined) ctx.passphrase = cc.passphrase
  } else if (cc?.key !== undefined) {
    throw configError(
      "client key given without certificate",
      msg("クライアント証明書（pem）を設定してください。", "Configure the client certificate (pem) for the key.")
    )
  }
  try {
    return tls.createSecureContext(ctx)
  } catch (err) {
    throw describeOpenSslFailure(err, cc?.pfx !== undefined ? "client certificate PFX" : "client certificate PEM")
  }
}
