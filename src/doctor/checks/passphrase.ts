import { X509Certificate } from "node:crypto"
import * as tls from "node:tls"
import { createTlsContext } from "../../paygent/tls-context"
import { PaygentError } from "../../paygent/errors"
import { isEncryptedKey } from "../material"
import type { CheckOutcome, DoctorCheck, DoctorState } from "../types"

/**
 * Check 3: the pass-phrase opens the key (encrypted PEM) or the PFX, and the key belongs to the certificate —
 * by building the TLS context exactly as the plugin's transport does (createTlsContext).
 */

export function clientCertificateOptions(state: DoctorState) {
  const m = state.material!
  const passphrase = typeof state.options.certificatePassphrase === "string" ? state.options.certificatePassphrase : undefined
  return m.kind === "pfx" ? { pfx: m.pfx!, passphrase } : { pem: m.pem!, key: m.key, passphrase }
}

/** The certificate a secure context will present: what the TLS stack really loaded (PEM or PFX alike). */
export function loadedCertificate(context: tls.SecureContext): X509Certificate | undefined {
  const socket = new tls.TLSSocket(null as never, { secureContext: context })
  try {
    const raw = (socket.getCertificate() as tls.PeerCertificate | null)?.raw
    return raw ? new X509Certificate(raw) : undefined
  } catch {
    return undefined
  } finally {
    socket.destroy()
  }
}

export const passphraseCheck: DoctorCheck = {
  id: "passphrase",
  title: { ja: "パスフレーズ", en: "Pass-phrase" },
  run(state): CheckOutcome {
    if (!state.material) {
      return { status: "skip", ja: "証明書を読めないため確認できません（2 を参照）。", en: "not checked: the certificate could not be read (see 2)." }
    }
    const certificate = clientCertificateOptions(state)
    let context: tls.SecureContext
    try {
      context = createTlsContext({ clientCertificate: certificate })
    } catch (error) {
      state.certificateUsable = false
      if (error instanceof PaygentError) {
        // The detail names OpenSSL's reason code only (tls-context.ts never puts input into it).
        const reason = /\(([A-Z0-9_]+|bad decrypt)\)$/.exec(error.response_detail)?.[1]
        return { status: "fail", ja: error.merchantMessage.ja, en: error.merchantMessage.en, code: reason ? `${error.response_code} ${reason}` : error.response_code }
      }
      throw error
    }
    state.certificateUsable = true
    state.leaf = loadedCertificate(context)
    const hasPassphrase = typeof certificate.passphrase === "string" && certificate.passphrase !== ""
    if (state.material.kind === "pfx") {
      return { status: "pass", ja: "パスフレーズで PFX を開けました（証明書と鍵は一致）。", en: "the pass-phrase opens the PFX (certificate and key match)." }
    }
    const encrypted = isEncryptedKey(state.material.key ?? state.material.pem!)
    if (!encrypted) {
      return {
        status: "pass",
        ja: `秘密鍵は暗号化されていません（パスフレーズ不要${hasPassphrase ? "、設定値は使われません" : ""}）。鍵は証明書と一致しています。`,
        en: `the private key is not encrypted (no pass-phrase needed${hasPassphrase ? "; the configured one is unused" : ""}); it matches the certificate.`,
      }
    }
    return { status: "pass", ja: "パスフレーズで秘密鍵を開けました（鍵は証明書と一致）。", en: "the pass-phrase opens the private key (it matches the certificate)." }
  },
}
