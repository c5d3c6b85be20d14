import { existsSync, readFileSync } from "node:fs"
import { X509Certificate } from "node:crypto"

/**
 * Reading certificate options the way the plugin does (resolvePaygentOptions in
 * src/options/provider.ts): a PEM option is content when it contains "-----BEGIN", else a file path;
 * a PFX option is a file path when that file exists, else base64 content.
 */

export const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g
export const KEY_BLOCK = /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]*?-----END \1-----/

/** As validatePaygentOptions decides whether a value is content or a file name. */
export function looksLikeContent(value: string): boolean {
  return value.includes("-----BEGIN") || value.length > 512
}

export class FileProblem extends Error {
  constructor(
    readonly code: string,
    readonly path: string
  ) {
    super(`${code} ${path}`)
  }
}

function readFile(path: string, encoding?: "utf8"): string | Buffer {
  try {
    return encoding ? readFileSync(path, encoding) : readFileSync(path)
  } catch (error) {
    throw new FileProblem(String((error as { code?: string }).code ?? "EIO"), path)
  }
}

export interface ReadPem {
  text: string
  /** The file path, or "inline" when the option held the content. */
  origin: string
}

export function readPemOption(value: string): ReadPem {
  if (value.includes("-----BEGIN")) return { text: value, origin: "inline" }
  return { text: readFile(value, "utf8") as string, origin: value }
}

export function readPfxOption(value: string): { data: Buffer; origin: string } {
  if (existsSync(value)) return { data: readFile(value) as Buffer, origin: value }
  if (!looksLikeContent(value)) throw new FileProblem("ENOENT", value)
  return { data: Buffer.from(value, "base64"), origin: "inline" }
}

/** Every CERTIFICATE block of a PEM text, parsed; blocks that do not parse are counted. */
export function parseCertificates(pem: string): { certs: X509Certificate[]; broken: number } {
  const certs: X509Certificate[] = []
  let broken = 0
  for (const block of pem.match(CERT_BLOCK) ?? []) {
    try {
      certs.push(new X509Certificate(block))
    } catch {
      broken++
    }
  }
  return { certs, broken }
}

export function isEncryptedKey(pem: string): boolean {
  const key = KEY_BLOCK.exec(pem)
  return !!key && (/Proc-Type:\s*4,ENCRYPTED/.test(key[0]) || key[1] === "ENCRYPTED PRIVATE KEY")
}

/** The first certificate that is not a CA (the client certificate of a kit file holding the chain), else the first. */
export function leafOf(certs: X509Certificate[]): X509Certificate | undefined {
  return certs.find((c) => !c.ca) ?? certs[0]
}

/** "CN=test3-20221218" style common name of a certificate's subject, or "" (public information, not a secret). */
export function commonName(cert: X509Certificate): string {
  const match = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)
  return match ? match[1].slice(0, 80) : ""
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}
