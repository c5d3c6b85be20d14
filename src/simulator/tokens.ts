/**
 * Card tokens (docs/protocol.md §11.1): created by the token JS (or /_sim/tokens), single-use after one successful telegram,
 * valid until `valid_until` on the simulated clock.
 */
import { createHash, randomBytes } from "crypto"
import { maskCardNumber } from "./card-brands"
import type { SimulatorCore } from "./core"
import { tokenHash } from "./hashes"
import { formatJstDateTime, jstYearMonth, MINUTE_MS } from "./jst"
import type { CardData, TokenRecord } from "./model"

export interface CardTokenInput {
  card_number?: string
  expire_month?: string
  expire_year?: string
  cvc?: string
  name?: string
}

/**
 * A token as PaygentToken.js hands it over (`token`, `hc` and the card summary), plus the same two values under the
 * names a card payment session expects (`card_token`, `token_hc`), so that the JSON of /_sim/tokens can be passed to
 * the session as it is.
 */
export interface TokenView {
  token: string
  masked_card_number: string
  valid_until: string
  fingerprint: string
  hc: string
  card_token: string
  token_hc: string
}

/** A token-JS result code (1100 … 9000) explaining why no token was made. */
export class TokenError extends Error {
  constructor(
    readonly result: string,
    message: string,
  ) {
    super(message)
  }
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

function randomAlnum(length: number): string {
  const bytes = randomBytes(length)
  return Array.from(bytes, (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join("")
}

/** Stable per card and merchant, as Paygent's fingerprint is (≤64 alnum). */
export function cardFingerprint(merchantId: string, cardNumber: string): string {
  return createHash("sha256").update(`${merchantId}:${cardNumber}`).digest("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, 32)
}

function text(value: unknown): string {
  return value === undefined || value === null ? "" : String(value).trim()
}

function checkCvc(core: SimulatorCore, cvc: string): void {
  if (cvc === "") {
    if (core.options.contract.tokenRequiresCvc) throw new TokenError("1600", "cvc is required")
  } else if (!/^[0-9]{3,4}$/.test(cvc)) {
    throw new TokenError("1601", "cvc must be 3 or 4 digits")
  }
}

/** Above this many tokens, used and expired ones are forgotten (benchmarks create tokens by the thousand). */
const TOKEN_SWEEP_THRESHOLD = 20_000

function sweep(core: SimulatorCore, now: number): void {
  if (core.store.tokens.size < TOKEN_SWEEP_THRESHOLD) return
  for (const [token, record] of core.store.tokens) {
    if (record.usedAt !== undefined || record.validUntil < now) core.store.tokens.delete(token)
  }
}

function store(core: SimulatorCore, kind: TokenRecord["kind"], card: CardData, fingerprint: string): TokenRecord {
  const now = core.now()
  sweep(core, now)
  const record: TokenRecord = {
    token: `tok_${randomAlnum(24)}`,
    kind,
    card,
    maskedNumber: card.number ? maskCardNumber(card.number) : "",
    fingerprint,
    validUntil: now + core.options.tokenTtlMinutes * MINUTE_MS,
    createdAt: now,
  }
  core.store.tokens.set(record.token, record)
  return record
}

export function createCardToken(core: SimulatorCore, input: CardTokenInput): TokenRecord {
  const cardNumber = text(input.card_number).replace(/[\s-]/g, "")
  const year = text(input.expire_year)
  const month = text(input.expire_month)
  const cvc = text(input.cvc)
  const name = text(input.name)
  if (cardNumber === "") throw new TokenError("1300", "card_number is required")
  if (!/^[0-9]{14,16}$/.test(cardNumber)) throw new TokenError("1301", "card_number must be 14–16 digits")
  if (year === "") throw new TokenError("1400", "expire_year is required")
  if (!/^[0-9]{2}$/.test(year)) throw new TokenError("1401", "expire_year must be YY")
  if (month === "") throw new TokenError("1500", "expire_month is required")
  if (!/^(0[1-9]|1[0-2])$/.test(month)) throw new TokenError("1501", "expire_month must be MM (01–12)")
  const now = jstYearMonth(core.now())
  const expiry = (2000 + Number(year)) * 12 + Number(month)
  const current = now.year * 12 + now.month
  if (expiry < current || expiry >= current + 20 * 12) {
    throw new TokenError("1502", "expiry is in the past or 20 or more years ahead")
  }
  checkCvc(core, cvc)
  if (!/^[\x20-\x7e]{0,45}$/.test(name)) throw new TokenError("1700", "name must be at most 45 ASCII characters")
  const card: CardData = { number: cardNumber, validTerm: `${month}${year}`, cvc, holderName: name }
  return store(core, "card", card, cardFingerprint(core.options.merchantId, cardNumber))
}

/** A CVV-only token (createCvcToken), used with a stored card (security_code_token=1) or in 116. */
export function createCvcToken(core: SimulatorCore, input: { cvc?: string }): TokenRecord {
  const cvc = text(input.cvc)
  if (cvc === "") throw new TokenError("1600", "cvc is required")
  checkCvc(core, cvc)
  return store(core, "cvc", { number: "", validTerm: "", cvc, holderName: "" }, "")
}

export function tokenView(core: SimulatorCore, record: TokenRecord): TokenView {
  const view = {
    token: record.token,
    masked_card_number: record.maskedNumber,
    valid_until: formatJstDateTime(record.validUntil),
    fingerprint: record.fingerprint,
  }
  const hc = tokenHash(view, core.options.tokenHashKey)
  return { ...view, hc, card_token: record.token, token_hc: hc }
}

export type TokenProblem = "unknown" | "used" | "expired"

/** Looks a token up for a telegram; the caller maps the problem to its telegram's code (2020–2022 or 31003–31005). */
export function findUsableToken(core: SimulatorCore, token: string): TokenRecord | TokenProblem {
  const record = core.store.tokens.get(token)
  if (!record) return "unknown"
  if (record.usedAt !== undefined) return "used"
  if (record.validUntil < core.now()) return "expired"
  return record
}
