import type { PaygentProviderOptions } from "../options/types"
import { REDACTED } from "../paygent/redact"

/**
 * Defence in depth for the doctor's output: verdicts are built from templates and never carry option values,
 * but the rendered text still goes through this before it is printed.
 */

const SECRET_OPTIONS = [
  "connectPassword",
  "certificatePassphrase",
  "tokenHashKey",
  "threeDsHashKey",
  "noticeHashKey",
  "sessionSecret",
] as const

const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g
// Shorter values are not searched for: replacing "1" or "ab" everywhere would garble the report without protecting
// anything real (Paygent's connect passwords and keys are longer).
const MIN_SECRET_LENGTH = 4

export function secretsOf(options: unknown): string[] {
  const o = (options && typeof options === "object" ? options : {}) as PaygentProviderOptions & Record<string, unknown>
  const secrets: string[] = []
  for (const name of SECRET_OPTIONS) {
    const value = o[name]
    if (typeof value === "string" && value.length >= MIN_SECRET_LENGTH) secrets.push(value)
  }
  // Inline certificate / key / PFX content: the whole value, and each base64 line of it.
  for (const name of ["clientCertificate", "clientKey", "clientPfx", "caCertificate"] as const) {
    const value = o[name]
    if (typeof value === "string" && (value.includes("-----BEGIN") || value.length > 512)) {
      secrets.push(value)
      for (const line of value.split(/\r?\n/)) if (line.length >= 16 && !line.startsWith("-----")) secrets.push(line)
    }
  }
  // Longest first, so a secret containing another is replaced whole.
  return [...new Set(secrets)].sort((a, b) => b.length - a.length)
}

export function redactOutput(text: string, secrets: readonly string[]): string {
  let out = text.replace(PEM_BLOCK, REDACTED)
  for (const secret of secrets) out = out.split(secret).join(REDACTED)
  // A secret JSON-escaped in --json output (quotes, backslashes) is caught in its escaped form too.
  for (const secret of secrets) {
    const escaped = JSON.stringify(secret).slice(1, -1)
    if (escaped !== secret) out = out.split(escaped).join(REDACTED)
  }
  return out
}
