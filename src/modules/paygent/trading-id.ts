import { base62ToUlid, ulidToBase62 } from "../../paygent/ulid-base62"

/**
 * Paygent's trading_id (マーチャント取引ID) is at most 25 characters of [A-Za-z0-9_] and is not checked for
 * uniqueness by Paygent (docs/protocol.md §12), so we derive it from the Medusa payment session: the session's ULID
 * (128 bits, 26 characters in Crockford base32) re-encoded in base62 (22 characters), then "_" and the attempt
 * number. It is reversible, so a notice or an inquiry that only carries a trading_id leads back to the session,
 * its cart and its order; and a new attempt for the same session never reuses an earlier attempt's id.
 */
const ULID_LENGTH = 26
const SESSION_PREFIX = "payses_"
const MAX_ATTEMPT = 99

/** trading_id for attempt `attempt` (1, 2, …) of the payment session `sessionId` (`payses_<ULID>`). */
export function tradingIdFor(sessionId: string, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > MAX_ATTEMPT) {
    throw new Error(`attempt must be 1..${MAX_ATTEMPT}`)
  }
  const ulid = sessionId.startsWith(SESSION_PREFIX) ? sessionId.slice(SESSION_PREFIX.length) : ""
  if (ulid.length !== ULID_LENGTH) {
    throw new Error("payment session id is not a Medusa ULID id")
  }
  return `${ulidToBase62(ulid)}_${attempt}`
}

/** The payment session id and attempt a trading_id was made from, or undefined for a foreign trading_id. */
export function sessionOfTradingId(tradingId: string): { sessionId: string; attempt: number } | undefined {
  const match = /^([0-9A-Za-z]{22})_(\d{1,2})$/.exec(tradingId)
  if (!match) {
    return undefined
  }
  const ulid = base62ToUlid(match[1])
  return ulid ? { sessionId: SESSION_PREFIX + ulid, attempt: Number(match[2]) } : undefined
}
