import type { Logger } from "@medusajs/framework/types"

/** One named row of `paygent_secret`: read it, or write it (the name is unique). */
export interface SecretRow {
  read(): Promise<string | undefined>
  create(value: string): Promise<void>
}

/**
 * The stored secret, written first by whichever instance asks first. Two instances starting together may both find
 * nothing and both write: the unique name lets one row in, and both then use the row that is in the table, never
 * the value they made themselves (sealed data written by one instance must open on every other).
 */
export async function loadOrCreateSecret(row: SecretRow, make: () => string, logger: Pick<Logger, "info">): Promise<string> {
  const existing = await row.read()
  if (existing) {
    return existing
  }
  try {
    await row.create(make())
  } catch (error) {
    logger.info(`Paygent: the session secret was written by another instance first (${String((error as Error)?.message ?? error).split("\n")[0]})`)
  }
  const stored = await row.read()
  if (!stored) {
    throw new Error("Paygent: the session secret could not be stored in paygent_secret (has `medusa db:migrate` run?)")
  }
  return stored
}
