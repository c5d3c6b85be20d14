/**
 * A Medusa id's ULID (26 characters of Crockford base32: 130 bits, of which a ULID uses 128) re-encoded in 22 base62
 * characters, and back. How the plugin fits Medusa ids into Paygent's id fields of at most 25 characters of
 * [A-Za-z0-9_] reversibly: the trading_id of a payment session (src/modules/paygent/trading-id.ts) and the
 * customer_id of a Medusa customer (src/providers/paygent/core/stored-cards-data.ts).
 */
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
const ULID_LENGTH = 26
/** Base62 characters of a ULID's 130 bits. */
export const ULID_BASE62_LENGTH = 22

/** `value` in base62, left-padded with "0" to `length` characters. */
export function toBase62(value: bigint, length: number): string {
  let out = ""
  while (value > 0n) {
    out = BASE62[Number(value % 62n)] + out
    value /= 62n
  }
  return out.padStart(length, "0")
}

function fromBase62(text: string): bigint {
  let value = 0n
  for (const char of text) {
    const digit = BASE62.indexOf(char)
    if (digit < 0) {
      throw new Error(`not a base62 character: ${char}`)
    }
    value = value * 62n + BigInt(digit)
  }
  return value
}

/** The 22 base62 characters of a ULID (either case); throws on a character that is not Crockford base32. */
export function ulidToBase62(ulid: string): string {
  let value = 0n
  for (const char of ulid.toUpperCase()) {
    const digit = CROCKFORD.indexOf(char)
    if (digit < 0) {
      throw new Error(`not a ULID character: ${char}`)
    }
    value = value * 32n + BigInt(digit)
  }
  return toBase62(value, ULID_BASE62_LENGTH)
}

/** The ULID 22 base62 characters were made from, or undefined when they hold more than a ULID's 130 bits. */
export function base62ToUlid(text: string): string | undefined {
  let value = fromBase62(text)
  if (value >= 1n << 130n) {
    return undefined
  }
  let ulid = ""
  for (let i = 0; i < ULID_LENGTH; i++) {
    ulid = CROCKFORD[Number(value % 32n)] + ulid
    value /= 32n
  }
  return ulid
}
