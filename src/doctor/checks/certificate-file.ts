import { FileProblem, KEY_BLOCK, parseCertificates, readPemOption, readPfxOption } from "../material"
import type { Bilingual, CheckOutcome, DoctorCheck, DoctorState } from "../types"

/**
 * Check 2: the client certificate (clientCertificate + clientKey, or clientPfx) can be read and looks like what
 * Paygent's kit holds: PEM with a certificate and a private key, or a PKCS#12 (DER) file.
 */

export function fileProblemText(problem: FileProblem, option: string): Bilingual {
  const where = `${option}: ${problem.path}`
  switch (problem.code) {
    case "ENOENT":
      return { ja: `ファイルが見つかりません（${where}）。パスを確認してください（相対パスはアプリの起動ディレクトリ基準）。`, en: `file not found (${where}) — check the path (relative paths are from the directory the app starts in).` }
    case "EACCES":
    case "EPERM":
      return { ja: `ファイルを読む権限がありません（${where}）。アプリを実行するユーザーに読み取り権限を与えてください。`, en: `no permission to read the file (${where}) — give the user the app runs as read access.` }
    case "EISDIR":
      return { ja: `ファイルではなくディレクトリです（${where}）。`, en: `this is a directory, not a file (${where}).` }
    default:
      return { ja: `ファイルを読めません（${where}、${problem.code}）。`, en: `cannot read the file (${where}, ${problem.code}).` }
  }
}

function fail(ja: string, en: string, code: string): CheckOutcome {
  return { status: "fail", ja, en, code }
}

function readPfx(state: DoctorState, value: string): CheckOutcome {
  const { data, origin } = readPfxOption(value)
  // PKCS#12 is DER: a SEQUENCE (0x30) with a long-form length.
  if (data.length < 64 || data[0] !== 0x30) {
    return fail(
      `clientPfx が PKCS#12（.pfx）ファイルではありません（${origin}）。ペイジェントの接続キットの .pfx を指定するか、PEM 版を clientCertificate に設定してください。`,
      `clientPfx is not a PKCS#12 (.pfx) file (${origin}) — point it at the kit's .pfx, or use the PEM files with clientCertificate.`,
      "not_pkcs12"
    )
  }
  state.material = { kind: "pfx", pfx: data, origin }
  return { status: "pass", ja: `読み取れました（PKCS#12、${origin}）。`, en: `readable (PKCS#12, ${origin}).`, data: { format: "pfx" } }
}

function readPem(state: DoctorState, certValue: string, keyValue: string | undefined): CheckOutcome {
  let cert
  try {
    cert = readPemOption(certValue)
  } catch (error) {
    if (error instanceof FileProblem) {
      const t = fileProblemText(error, "clientCertificate")
      return fail(t.ja, t.en, error.code)
    }
    throw error
  }
  const { certs, broken } = parseCertificates(cert.text)
  if (certs.length === 0) {
    return fail(
      `clientCertificate に PEM 形式の証明書（-----BEGIN CERTIFICATE-----）がありません（${cert.origin}）${broken ? "。証明書ブロックが壊れています" : ""}。DER 形式なら openssl x509 -inform der で PEM に変換してください。`,
      `clientCertificate holds no PEM certificate (-----BEGIN CERTIFICATE-----) (${cert.origin})${broken ? "; a certificate block is damaged" : ""} — convert DER with openssl x509 -inform der.`,
      "no_certificate"
    )
  }
  let key = cert
  if (keyValue !== undefined) {
    try {
      key = readPemOption(keyValue)
    } catch (error) {
      if (error instanceof FileProblem) {
        const t = fileProblemText(error, "clientKey")
        return fail(t.ja, t.en, error.code)
      }
      throw error
    }
  }
  if (!KEY_BLOCK.test(key.text)) {
    const where = keyValue !== undefined ? `clientKey（${key.origin}）` : `clientCertificate（${cert.origin}）`
    const whereEn = keyValue !== undefined ? `clientKey (${key.origin})` : `clientCertificate (${cert.origin})`
    return fail(
      `秘密鍵（-----BEGIN … PRIVATE KEY-----）が ${where} にありません。鍵が別ファイルなら clientKey に設定してください。`,
      `no private key (-----BEGIN … PRIVATE KEY-----) in ${whereEn} — if the key is a separate file, set clientKey.`,
      "no_private_key"
    )
  }
  state.material = { kind: "pem", pem: cert.text, key: keyValue !== undefined ? key.text : undefined, origin: cert.origin }
  const origin = keyValue !== undefined ? `${cert.origin} + ${key.origin}` : cert.origin
  return {
    status: "pass",
    ja: `読み取れました（PEM、証明書 ${certs.length} 件と秘密鍵、${origin}）。`,
    en: `readable (PEM, ${certs.length} certificate(s) and a private key, ${origin}).`,
    data: { format: "pem", certificates: certs.length },
  }
}

export const certificateFileCheck: DoctorCheck = {
  id: "certificate_file",
  title: { ja: "クライアント証明書ファイル", en: "Client certificate file" },
  run(state): CheckOutcome {
    const o = state.options
    const pfx = typeof o.clientPfx === "string" && o.clientPfx ? o.clientPfx : undefined
    const pem = typeof o.clientCertificate === "string" && o.clientCertificate ? o.clientCertificate : undefined
    const key = typeof o.clientKey === "string" && o.clientKey ? o.clientKey : undefined
    if (!pfx && !pem) {
      if (key) return fail("clientKey だけが設定されています。clientCertificate も設定してください。", "only clientKey is set — set clientCertificate too.", "key_without_certificate")
      if (state.targetUrl?.protocol === "http:") {
        return { status: "skip", ja: "未設定（接続先が HTTP のため不要: ローカルのシミュレーター等）。", en: "not set (not needed: the target is plain HTTP, e.g. a local simulator)." }
      }
      return fail(
        "クライアント証明書が設定されていません。ペイジェントとの通信には接続キットのクライアント証明書が必要です（clientCertificate と certificatePassphrase、または clientPfx）。",
        "no client certificate configured — Paygent requires the kit's client certificate (clientCertificate + certificatePassphrase, or clientPfx).",
        "not_configured"
      )
    }
    try {
      // As the plugin: a PFX wins over PEM (validation already refuses both at once).
      return pfx ? readPfx(state, pfx) : readPem(state, pem!, key)
    } catch (error) {
      if (error instanceof FileProblem) {
        const t = fileProblemText(error, pfx ? "clientPfx" : "clientCertificate")
        return fail(t.ja, t.en, error.code)
      }
      throw error
    }
  },
}
