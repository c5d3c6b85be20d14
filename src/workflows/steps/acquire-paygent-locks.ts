import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { setTimeout as sleep } from "node:timers/promises"

export interface AcquirePaygentLocksInput {
  key: string | string[]
  ownerId: string
  /** Seconds to wait for all the keys together. */
  timeout: number
  /** Seconds a taken key stays locked if its owner dies. */
  ttl: number
}

const RETRY_MS = 300

/**
 * Takes several lock keys one at a time, always in the same (sorted) order, within one overall wait, and hands back
 * whatever it took when it cannot take them all.
 *
 * Medusa's `acquireLockStep` asks the locking provider for all keys at once; the providers (in-memory and Redis) take
 * them independently and, when one key is busy, keep the ones they already took until their ttl. Two workflows that
 * need the same two keys — two notices of one payment, a notice and a cancel — could then each take one, wait for the
 * other until both time out, and leave their key locked for the whole ttl, so the retry failed too (seen in the fault
 * campaign's two-instance run on a loaded machine: a paid notice left unapplied). One global order makes that wait
 * impossible, and the release on failure means a timeout costs only the timeout.
 */
export const acquirePaygentLocksStep = createStep(
  "paygent-acquire-locks",
  async (input: AcquirePaygentLocksInput, { container }) => {
    const locking = container.resolve(Modules.LOCKING)
    const keys = [...new Set(Array.isArray(input.key) ? input.key : [input.key])].filter(Boolean).sort()
    const deadline = Date.now() + input.timeout * 1000
    const taken: string[] = []
    for (const key of keys) {
      for (;;) {
        try {
          await locking.acquire(key, { ownerId: input.ownerId, expire: input.ttl })
          taken.push(key)
          break
        } catch (error) {
          if (Date.now() >= deadline) {
            if (taken.length) {
              await locking.release(taken, { ownerId: input.ownerId }).catch(() => undefined)
            }
            throw error
          }
          await sleep(RETRY_MS)
        }
      }
    }
    return new StepResponse(undefined, { keys: taken, ownerId: input.ownerId })
  },
  async (held, { container }) => {
    if (held?.keys.length) {
      await container.resolve(Modules.LOCKING).release(held.keys, { ownerId: held.ownerId })
    }
  }
)
