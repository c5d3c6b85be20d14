import type { Logger } from "@medusajs/framework/types"
import { sessionSecretSource } from "../../../modules/paygent/ledger-registry"
import type { PaygentProviderOptions } from "../../../options/types"
import { newSessionSecret } from "../../../options/session-secret"

/**
 * The secret behind everything the provider seals or signs on a payment session (card tokens kept during 3-D
 * Secure, the expected 3-D Secure result, retry references, saved-card references, notices handed to the
 * provider). Shoppers see the sealed values of their own sessions, so the secret must not be guessable offline: it
 * is never derived from a password (docs/architecture.md "The session secret").
 *
 * - `sessionSecret` given: used as it is, and it must look random (at least 32 characters, not repetitive, not
 *   containing the connect password).
 * - production (`environment: "production"`): `sessionSecret` is required; Medusa does not boot without it.
 * - otherwise: one random secret generated once and kept in the plugin's table (`paygent_secret`), so that every
 *   instance and every restart opens what another sealed. Without the plugin's module in the process (a host that
 *   registered only the provider) a random secret per process, with a warning.
 */

const PROCESS_SECRET = Symbol.for("medusa-payment-paygent.process-session-secret")
type GlobalWithSecret = typeof globalThis & { [PROCESS_SECRET]?: string }

/** One random secret per process, shared by every copy of the provider in it. */
function processSecret(logger: Pick<Logger, "warn">): string {
  const g = globalThis as GlobalWithSecret
  if (!g[PROCESS_SECRET]) {
    g[PROCESS_SECRET] = newSessionSecret()
    logger.warn(
      "Paygent: no sessionSecret and no paygent module in this process; a random session secret is used until it " +
        "restarts (sessions started before a restart or on another instance need the card again). Set sessionSecret."
    )
  }
  return g[PROCESS_SECRET]!
}

/** The secret the provider seals and signs with (see the comment at the top). */
export async function resolveSessionSecret(
  options: Pick<PaygentProviderOptions, "sessionSecret" | "environment">,
  logger: Pick<Logger, "warn">
): Promise<string> {
  if (options.sessionSecret) {
    return options.sessionSecret
  }
  if (options.environment === "production") {
    // validatePaygentOptions refuses this at boot; never fall back to something weaker.
    throw new Error('Paygent provider option "sessionSecret" is required in production')
  }
  const source = sessionSecretSource()
  return source ? source.sessionSecret() : processSecret(logger)
}
