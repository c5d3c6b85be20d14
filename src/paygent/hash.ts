import { createHash, timingSafeEqual } from "node:crypto"

/**
 * Paygent's tamper-check hashes: lower-case hex SHA-256 over a concatenation of fields and a
 * merchant-specific key. All inputs are ASCII in practice (IDs, codes, amounts, dates); they are hashed as
 * UTF-8, which is byte-identical to Shift_JIS for ASCII.
 */

// PHP trim()'s character set (Welcart trims each notice value before hashing), not JavaScript's wider one.
function phpTrim(value: string | undefined | null): string {
  return String(value ?? "").replace(/^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g, "")
}

function sha256Hex(input: string): string {
  return createHash("sha256").update(input, "utf8").digest("hex")
}

/** Constant-time comparison of a received hash with the expected one; case-insensitive hex. */
export function hashesEqual(received: string | undefined | null, expected: string): boolean {
  const r = String(received ?? "").trim().toLowerCase()
  if (!/^[0-9a-f]{64}$/.test(r)) return false
  return timingSafeEqual(Buffer.from(r, "ascii"), Buffer.from(expected, "ascii"))
}

export interface NoticeHashFields {
  payment_notice_id?: string
  payment_id?: string
  trading_id?: string
  payment_type?: string
  payment_amount?: string
}

/** Push-notice hc (§7.2): sha256(payment_notice_id + payment_id + trading_id + payment_type + payment_amount + key). */
export function noticeHash(fields: NoticeHashFields, key: string): string {
  return sha256Hex(
    phpTrim(fields.payment_notice_id) +
      phpTrim(fields.payment_id) +
      phpTrim(fields.trading_id) +
      phpTrim(fields.payment_type) +
      phpTrim(fields.payment_amount) +
      key
  )
}

export function verifyNoticeHash(fields: NoticeHashFields & { hc?: string }, key: string): boolean {
  return hashesEqual(fields.hc, noticeHash(fields, key))
}

export interface ThreeDsResultHashFields {
  result?: string
  "3ds_auth_id"?: string
  attempt_kbn?: string
}

/** EMV 3-D Secure result redirect hc (§11.3): sha256(result + 3ds_auth_id + attempt_kbn + key). */
export function threeDsResultHash(fields: ThreeDsResultHashFields, key: string): string {
  return sha256Hex(phpTrim(fields.result) + phpTrim(fields["3ds_auth_id"]) + phpTrim(fields.attempt_kbn) + key)
}

export function verifyThreeDsResultHash(fields: ThreeDsResultHashFields & { hc?: string }, key: string): boolean {
  return hashesEqual(fields.hc, threeDsResultHash(fields, key))
}

export interface ThreeDs1ResultHashFields {
  result?: string
  payment_id?: string
  attempt_kbn?: string
}

/** Legacy 3-D Secure 1 return hc (§11.2): sha256(result + payment_id + attempt_kbn + key). */
export function threeDs1ResultHash(fields: ThreeDs1ResultHashFields, key: string): string {
  return sha256Hex(phpTrim(fields.result) + phpTrim(fields.payment_id) + phpTrim(fields.attempt_kbn) + key)
}

export function verifyThreeDs1ResultHash(fields: ThreeDs1ResultHashFields & { hc?: string }, key: string): boolean {
  return hashesEqual(fields.hc, threeDs1ResultHash(fields, key))
}

export interface TokenHashFields {
  token?: string
  masked_card_number?: string
  valid_until?: string
  fingerprint?: string
}

/** Token JS callback hc (§11.1): sha256(token + masked_card_number + valid_until + fingerprint + key). */
export function tokenHash(fields: TokenHashFields, key: string): string {
  return sha256Hex(
    phpTrim(fields.token) + phpTrim(fields.masked_card_number) + phpTrim(fields.valid_until) + phpTrim(fields.fingerprint) + key
  )
}

export function verifyTokenHash(fields: TokenHashFields & { hc?: string }, key: string): boolean {
  return hashesEqual(fields.hc, tokenHash(fields, key))
}

export interface FileNoticeHashFields {
  file_receipt_id?: string
  event_id?: string
  receipt_date?: string
  occur_date?: string
}

/** File-payment notice hc (§7.3): sha256(file_receipt_id + event_id + receipt_date + occur_date + key). */
export function fileNoticeHash(fields: FileNoticeHashFields, key: string): string {
  return sha256Hex(
    phpTrim(fields.file_receipt_id) + phpTrim(fields.event_id) + phpTrim(fields.receipt_date) + phpTrim(fields.occur_date) + key
  )
}
