import { randomBytes } from "node:crypto"
import type { PaygentProviderOptions } from "./types"

/**
 * Checks of the `sessionSecret` option and the random secret kept when it is not given (the provider's
 * core/session-secret.ts says what the secret protects; docs/architecture.md "The session secret").
 */

export const SESSION_SECRET_MIN_LENGTH = 32
const SESSION_SECRET_MIN_DISTINCT = 10

/** Why a given `sessionSecret` is too weak, or undefined when it looks random enough. */
export function weakSessionSecret(
  value: string,
  options: Pick<PaygentProviderOptions, "connectPassword">
): string | undefined {
  const hint = "(use at least 32 random characters, e.g. `openssl rand -base64 32`)"
  if (value.length < SESSION_SECRET_MIN_LENGTH) {
    return `is too short ${hint}`
  }
  if (new Set(value).size < SESSION_SECRET_MIN_DISTINCT || /^(.{1,16})\1+$/s.test(value)) {
    return `is too repetitive to be random ${hint}`
  }
  const password = options.connectPassword
  if (typeof password === "string" && password.length >= 4 && value.includes(password)) {
    return `must not contain the connect password ${hint}`
  }
  return undefined
}

/** The option's problem at boot (required in production, strong whenever given), or undefined. */
export function sessionSecretProblem(
  options: Pick<PaygentProviderOptions, "sessionSecret" | "environment" | "connectPassword">
): string | undefined {
  const value = options.sessionSecret
  if (value === undefined || value === "") {
    return options.environment === "production"
      ? "is required in production (at least 32 random characters, e.g. `openssl rand -base64 32`)"
      : undefined
  }
  if (typeof value !== "string") {
    return "must be a string"
  }
  return weakSessionSecret(value, options)
}

/** A new random secret (256 bits), as the plugin's table keeps it. */
export function newSessionSecret(): string {
  return randomBytes(32).toString("base64url")
}
