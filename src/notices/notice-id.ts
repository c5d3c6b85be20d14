/**
 * payment_notice_id as Paygent issues it (up to 18 digits, beyond Number's exact range) and as the plugin stores it:
 * 18-digit zero-padded text, so that text order is number order.
 */

export const NOTICE_ID_DIGITS = 18

/** A payment_notice_id as stored: digits only, zero-padded to 18. Throws on anything else. */
export function padNoticeId(id: string | number | bigint): string {
  const text = String(id).trim()
  if (!/^\d{1,18}$/.test(text)) {
    throw new Error("payment_notice_id must be 1–18 digits")
  }
  return text.padStart(NOTICE_ID_DIGITS, "0")
}

/** The id without its padding ("000000000000000042" → "42"), as 091 wants it. */
export function unpadNoticeId(id: string): string {
  return BigInt(id).toString()
}
