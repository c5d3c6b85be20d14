import type { X509Certificate } from "node:crypto"
import type { PaygentProviderOptions } from "../options/types"
import type { LocalizedMessage as Bilingual } from "../paygent/messages"

// One declaration of the bilingual message (src/paygent/messages.ts), under the name this layer uses.
export type { Bilingual }

/** pass ✓, warn ! (works, but look at it), fail ✗, skip ! (could not be checked, see an earlier check). */
export type CheckStatus = "pass" | "warn" | "fail" | "skip"

export type CheckId =
  | "options"
  | "certificate_file"
  | "passphrase"
  | "certificate_expiry"
  | "ca_file"
  | "host"
  | "telegram"
  | "notice_url"
  | "hash_keys"

/** One verdict. Built from templates only: never contains a secret or certificate content. */
export interface CheckResult {
  id: CheckId
  title: Bilingual
  status: CheckStatus
  ja: string
  en: string
  /** Paygent / OpenSSL / network code behind a failure (P002, E02004, ECONNREFUSED, …). */
  code?: string
  /** Non-secret facts for --json (days left, TLS protocol, HTTP status, …). */
  data?: Record<string, string | number | boolean | null>
}

export type CheckOutcome = Omit<CheckResult, "id" | "title">

/** Where the options came from. */
export interface OptionsSource {
  kind: "config" | "env"
  /** The --config file. */
  path?: string
  /** With env: options that fell back to medusa-config.ts's development defaults (their PAYGENT_* var was unset). */
  defaulted?: string[]
}

export interface DoctorInput {
  /** The plugin options, exactly as the plugin receives them (unvalidated). */
  options: unknown
  source: OptionsSource
  /** The notice URL registered with Paygent (差分通知URL); none = check 8 is skipped. */
  noticeUrl?: string
  /** Per network step (connect, handshake, answer). Default 15 000 ms. */
  timeoutMs?: number
  /** Clock for the expiry check (tests). */
  now?: Date
}

/** The client certificate as the plugin would load it (check 2), and what later checks learnt about it. */
export interface CertificateMaterial {
  kind: "pem" | "pfx"
  pem?: string
  key?: string
  pfx?: Buffer
  /** Where each part came from, for messages: a file path or "inline". */
  origin: string
}

/** Shared, mutable state the checks pass along (in check order). */
export interface DoctorState {
  input: DoctorInput
  options: PaygentProviderOptions & Record<string, unknown>
  optionsValid: boolean
  /** The URL of the 094 telegram on the chosen host (baseUrl, or Paygent's sandbox / production host). */
  targetUrl?: URL
  /** baseUrl is set: a simulator or another non-Paygent host. */
  customHost: boolean
  timeoutMs: number
  now: Date
  material?: CertificateMaterial
  /** undefined: no client certificate configured. */
  certificateUsable?: boolean
  /** The certificate the TLS stack will present (from the secure context), or the PEM's leaf if it did not load. */
  leaf?: X509Certificate
  ca?: string
  caUsable?: boolean
  /** How far check 6 got. */
  hostReached?: "none" | "tcp" | "tls"
}

export interface DoctorCheck {
  id: CheckId
  title: Bilingual
  run(state: DoctorState): Promise<CheckOutcome> | CheckOutcome
}

export interface DoctorReport {
  ok: boolean
  source: OptionsSource
  /** Base URL checked (no credentials), e.g. https://sandbox.paygent.co.jp. */
  target: string | null
  summary: { pass: number; warn: number; fail: number; skip: number }
  checks: CheckResult[]
}
