/**
 * The SHA-256 tamper checks (`hc`) Paygent attaches to what it sends merchants. All are lower-case hex of the
 * plain concatenation, key last (docs/protocol.md §7.2, §11.1, §11.3).
 */
import { createHash } from "crypto"

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex")
}

/** Push notice: payment_notice_id + payment_id + trading_id + payment_type + payment_amount + key. */
export function noticeHash(
  items: { payment_notice_id: string; payment_id: string; trading_id: string; payment_type: string; payment_amount: string },
  key: string,
): string {
  return sha256Hex(
    items.payment_notice_id + items.payment_id + items.trading_id + items.payment_type + items.payment_amount + key,
  )
}

/** Token: token + masked_card_number + valid_until + fingerprint + token receipt hash key. */
export function tokenHash(
  token: { token: string; masked_card_number: string; valid_until: string; fingerprint: string },
  key: string,
): string {
  return sha256Hex(token.token + token.masked_card_number + token.valid_until + token.fingerprint + key)
}

/** 3DS2 result redirect: result + 3ds_auth_id + attempt_kbn + 3DS result hash key. */
export function threeDsResultHash(result: string, authId: string, attemptKbn: string, key: string): string {
  return sha256Hex(result + authId + attemptKbn + key)
}
