import { existsSync, readFileSync } from "node:fs"
import { MedusaError } from "@medusajs/framework/utils"
import type { AmountLimits, PaygentProviderOptions } from "./types"
import { sessionSecretProblem } from "./session-secret"

export const DEFAULT_LIMITS: AmountLimits = {
  // Card amounts are 7 digits (docs/protocol.md §11.8); the others are the usual contract limits (§8.4, §9).
  card: 9_999_999,
  konbini: 500_000,
  konbiniSevenEleven: 300_000,
  atm: 500_000,
  bankNet: 500_000,
}

/** Options after defaults are applied and file paths are read: what the services work with. */
export interface ResolvedPaygentOptions extends PaygentProviderOptions {
  environment: "sandbox" | "production"
  threeDsMode: "required" | "disabled"
  captureMode: "authorize" | "capture"
  konbiniDeadlineDays: number
  konbiniConnectionType: "A" | "B" | "D" | "F"
  atmDeadlineDays: number
  bankNetScreenValidity: string
  threeDsFallbackOn31012: boolean
  threeDsAcceptAttemptError: boolean
  savedCardValidityCheck: boolean
  requireSecurityCodeForSavedCards: boolean
  limits: AmountLimits
  certificate: { pem?: string; key?: string; pfx?: Buffer; passphrase?: string }
  ca?: string
}

function invalid(option: string, why: string): never {
  // Never include the option's value: several options are secrets.
  throw new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `Paygent provider option "${option}" ${why} / Paygent の設定 "${option}" が正しくありません`
  )
}

function requireText(options: PaygentProviderOptions, name: keyof PaygentProviderOptions, pattern?: RegExp, why?: string) {
  const value = options[name]
  if (typeof value !== "string" || value.length === 0) {
    invalid(String(name), "is required")
  }
  if (pattern && !pattern.test(value)) {
    invalid(String(name), why ?? "has an invalid format")
  }
}

function checkDays(options: PaygentProviderOptions, name: "konbiniDeadlineDays" | "atmDeadlineDays") {
  const value = options[name]
  if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= 60)) {
    invalid(name, "must be a whole number of days from 0 to 60")
  }
}

function checkUrl(options: PaygentProviderOptions, name: keyof PaygentProviderOptions) {
  const value = options[name]
  if (value === undefined) {
    return
  }
  try {
    const url = new URL(String(value))
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new Error()
    }
  } catch {
    invalid(String(name), "must be an http(s) URL")
  }
}

/** Throws a clear MedusaError naming the first wrong option. Called by Medusa once per service at boot. */
export function validatePaygentOptions(options: PaygentProviderOptions | undefined): void {
  if (!options || typeof options !== "object") {
    invalid("options", "are missing")
  }
  requireText(options, "merchantId", /^\d{1,9}$/, "must be Paygent's merchant ID (up to 9 digits)")
  requireText(options, "connectId", /^[A-Za-z0-9]{1,32}$/, "must be alphanumeric, up to 32 characters")
  requireText(options, "connectPassword", /^[A-Za-z0-9]{1,32}$/, "must be alphanumeric, up to 32 characters")
  if (options.environment !== undefined && !["sandbox", "production"].includes(options.environment)) {
    invalid("environment", 'must be "sandbox" or "production"')
  }
  checkUrl(options, "baseUrl")
  checkUrl(options, "backendUrl")
  checkUrl(options, "threeDsReturnUrl")
  checkUrl(options, "bankNetReturnUrl")
  checkUrl(options, "bankNetStopReturnUrl")
  if (options.proxyUrl !== undefined) {
    checkUrl(options, "proxyUrl")
  }
  for (const name of ["tlsMinVersion", "tlsMaxVersion"] as const) {
    if (options[name] !== undefined && !["TLSv1.2", "TLSv1.3"].includes(options[name]!)) {
      invalid(name, 'must be "TLSv1.2" or "TLSv1.3"')
    }
  }
  if (options.tlsMinVersion === "TLSv1.3" && options.tlsMaxVersion === "TLSv1.2") {
    invalid("tlsMinVersion", "cannot be above tlsMaxVersion")
  }
  if (options.siteId !== undefined && !/^[A-Za-z0-9]{1,4}$/.test(options.siteId)) {
    invalid("siteId", "must be up to 4 alphanumeric characters")
  }
  if (options.threeDsMode !== undefined && !["required", "disabled"].includes(options.threeDsMode)) {
    invalid("threeDsMode", 'must be "required" or "disabled"')
  }
  if ((options.threeDsMode ?? "required") === "required") {
    requireText(options, "threeDsHashKey")
    requireText(options, "backendUrl")
    requireText(options, "threeDsMerchantName", /^[\x20-\x7e]{1,40}$/, "must be printable ASCII, up to 40 characters")
  }
  if (options.captureMode !== undefined && !["authorize", "capture"].includes(options.captureMode)) {
    invalid("captureMode", 'must be "authorize" or "capture"')
  }
  checkDays(options, "konbiniDeadlineDays")
  const visaMaster = options.authValidityDaysVisaMaster
  if (visaMaster !== undefined && !(Number.isInteger(visaMaster) && visaMaster >= 1 && visaMaster <= 60)) {
    invalid("authValidityDaysVisaMaster", "must be a whole number of days from 1 to 60")
  }
  if (options.konbiniConnectionType !== undefined && !["A", "B", "D", "F"].includes(options.konbiniConnectionType)) {
    invalid("konbiniConnectionType", 'must be "A", "B", "D" or "F" (see your Paygent contract)')
  }
  checkDays(options, "atmDeadlineDays")
  for (const name of ["savedCardValidityCheck", "requireSecurityCodeForSavedCards"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "boolean") {
      invalid(name, "must be true or false")
    }
  }
  if (options.bankNetScreenValidity !== undefined && !/^[01]\d{6}$/.test(options.bankNetScreenValidity)) {
    invalid("bankNetScreenValidity", 'must be Paygent\'s asp_payment_term format, e.g. "0050000"')
  }
  if (options.timeoutMs !== undefined && !(Number.isInteger(options.timeoutMs) && options.timeoutMs > 0)) {
    invalid("timeoutMs", "must be a positive whole number of milliseconds")
  }
  for (const [name, value] of Object.entries(options.limits ?? {})) {
    if (!(name in DEFAULT_LIMITS)) {
      invalid(`limits.${name}`, "is not a known limit")
    }
    if (!(Number.isInteger(value) && (value as number) > 0)) {
      invalid(`limits.${name}`, "must be a positive whole number of yen")
    }
  }
  const secretProblem = sessionSecretProblem(options)
  if (secretProblem) {
    invalid("sessionSecret", secretProblem)
  }
  if (options.clientPfx && (options.clientCertificate || options.clientKey)) {
    invalid("clientPfx", "cannot be combined with clientCertificate/clientKey")
  }
  for (const name of ["clientCertificate", "clientKey", "clientPfx", "caCertificate"] as const) {
    const value = options[name]
    if (value !== undefined && (typeof value !== "string" || value.length === 0)) {
      invalid(name, "must be a file path or the certificate's content")
    }
    if (typeof value === "string" && !looksLikeContent(value) && !existsSync(value)) {
      invalid(name, "names a file that does not exist")
    }
  }
}

function looksLikeContent(value: string): boolean {
  return value.includes("-----BEGIN") || value.length > 512
}

/** A PEM value given either inline or as a file path. */
function readPem(value: string | undefined): string | undefined {
  if (!value) {
    return undefined
  }
  return value.includes("-----BEGIN") ? value : readFileSync(value, "utf8")
}

/** A PFX value given either as base64 content or as a file path. */
function readPfx(value: string | undefined): Buffer | undefined {
  if (!value) {
    return undefined
  }
  return existsSync(value) ? readFileSync(value) : Buffer.from(value, "base64")
}

export function resolvePaygentOptions(options: PaygentProviderOptions): ResolvedPaygentOptions {
  return {
    ...options,
    environment: options.environment ?? "sandbox",
    threeDsMode: options.threeDsMode ?? "required",
    captureMode: options.captureMode ?? "authorize",
    konbiniDeadlineDays: options.konbiniDeadlineDays ?? 7,
    konbiniConnectionType: options.konbiniConnectionType ?? "D",
    atmDeadlineDays: options.atmDeadlineDays ?? 7,
    bankNetScreenValidity: options.bankNetScreenValidity ?? "0050000",
    threeDsFallbackOn31012: options.threeDsFallbackOn31012 ?? false,
    threeDsAcceptAttemptError: options.threeDsAcceptAttemptError ?? true,
    savedCardValidityCheck: options.savedCardValidityCheck ?? false,
    requireSecurityCodeForSavedCards: options.requireSecurityCodeForSavedCards ?? false,
    limits: { ...DEFAULT_LIMITS, ...(options.limits ?? {}) },
    certificate: {
      pem: readPem(options.clientCertificate),
      key: readPem(options.clientKey),
      pfx: readPfx(options.clientPfx),
      passphrase: options.certificatePassphrase,
    },
    ca: readPem(options.caCertificate),
  }
}
