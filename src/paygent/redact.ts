/**
 * Keeps secrets out of anything that is logged, stored or put into an error: connection password, card
 * data, tokens, hashes and pass-phrases are replaced, and any digit run that looks like a card number is
 * masked to its last four digits.
 */

export const REDACTED = "[REDACTED]"

const SECRET_KEYS = new Set([
  "connect_password",
  "card_number",
  "card_conf_number",
  "card_token",
  "security_code",
  "security_code_token",
  "cvc",
  "cvv",
  "hc",
  "pares",
  "google_payment_method_token",
])

const SECRET_KEY_PARTS = /password|passphrase|passwd|secret|hash|token/i

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase()) || SECRET_KEY_PARTS.test(key)
}

// Paygent-assigned and merchant-assigned identifiers are long digit strings by design; masking them would
// destroy the data a ledger keeps for reconciliation, and they are never card numbers.
const ID_KEYS = new Set([
  "payment_id",
  "base_payment_id",
  "related_payment_id",
  "payment_notice_id",
  "customer_card_id",
  "customer_id",
  "trading_id",
  "ref_trading_id",
  "receipt_number",
  "customer_number",
  "pay_center_number",
  "conf_number",
  "bar_code",
  "running_id",
  "career_payment_id",
])

function isIdKey(key: string): boolean {
  return ID_KEYS.has(key) || key.endsWith("_date") || key.endsWith("_amount")
}

function luhnValid(digits: string): boolean {
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let n = digits.charCodeAt(i) - 48
    if (double) {
      n *= 2
      if (n > 9) n -= 9
    }
    sum += n
    double = !double
  }
  return sum % 10 === 0
}

// 13–19 digits, optionally grouped with single spaces or hyphens, not part of a longer digit run.
const PAN_CANDIDATE = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g

/** Masks every Luhn-valid 13–19 digit run starting like a card number (2–6) to "*…*1234". */
export function maskPans(text: string): string {
  if (!/\d{4}/.test(text)) return text
  return text.replace(PAN_CANDIDATE, (match) => {
    const digits = match.replace(/[ -]/g, "")
    if (digits.length < 13 || digits.length > 19) return match
    if (!/^[2-6]/.test(digits) || !luhnValid(digits)) return match
    return "*".repeat(digits.length - 4) + digits.slice(-4)
  })
}

export function redactValue(key: string, value: string): string {
  if (isSecretKey(key)) return value === "" ? "" : REDACTED
  return isIdKey(key) ? value : maskPans(value)
}

/**
 * Returns a copy of the parameters (or response fields) that is safe to log or store. Empty values stay
 * empty so a reader can still tell "not sent" from "sent".
 */
export function redactParams(
  params: Readonly<Record<string, string>> | ReadonlyArray<readonly [string, string]>
): Record<string, string> {
  const out: Record<string, string> = {}
  const entries = Array.isArray(params) ? params : Object.entries(params)
  for (const [key, value] of entries as ReadonlyArray<readonly [string, string]>) {
    setOwn(out, key, redactValue(key, String(value ?? "")))
  }
  return out
}

/** Assigns without letting a key such as "__proto__" reach the prototype. */
export function setOwn(target: Record<string, string>, key: string, value: string): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  } else {
    target[key] = value
  }
}
