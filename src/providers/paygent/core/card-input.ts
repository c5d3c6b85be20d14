import type { Logger, PaymentProviderContext } from "@medusajs/framework/types"
import { tokenHash } from "../../../paygent"
import { FIELD_LABELS, invalidData } from "./errors"
import type { ResolvedPaygentOptions } from "../../../options/provider"
import type { SessionCrypto } from "./session-crypto"
import { PaygentState, SessionData, stateOf } from "./session-data"
import { controlCharacterError } from "./session-input"
import {
  CardSource,
  customerIdOfAccountHolder,
  PAYGENT_CUSTOMER_CARD_ID,
  PaygentStoredCards,
  parseSavedCardReference,
  SAVED_CARD_MESSAGES,
  SavedCardData,
  savedCardReferenceText,
} from "./stored-cards"

/**
 * A card session's input as the provider takes it (PaygentToken.js token, payment class, 3-D Secure return URL,
 * saved card), checked and sealed before anything is stored: the card provider's session side, apart from its
 * telegrams (services/card.ts).
 */
export interface CardInputContext {
  options: ResolvedPaygentOptions
  crypto: SessionCrypto
  storedCards: PaygentStoredCards
  logger: Logger
}

export const PAYMENT_CLASSES = ["10", "23", "61", "80"] as const

/**
 * The name embossed on the card as the 3-D Secure risk data wants it (2–45 ASCII characters), if given. A name
 * PaygentToken.js itself would refuse (not ASCII, over 45 characters) is a 400 naming カード名義; a single letter is
 * simply not sent (it is optional risk data).
 */
export function cardholderName(value: unknown): string | null {
  const name = typeof value === "string" ? value.trim() : ""
  if (name !== "" && !/^[\x20-\x7e]{1,45}$/.test(name)) {
    throw invalidData({
      ja: `${FIELD_LABELS.cardholder_name.ja}はカードに記載のとおり半角英字（45文字まで）で入力してください。`,
      en: `${FIELD_LABELS.cardholder_name.en} must be written as on the card, in ASCII letters (at most 45 characters).`,
    })
  }
  return name.length >= 2 ? name : null
}

/** Keys the storefront may send that are secrets or internal: always rewritten by the provider. */
const SCRUBBED = {
  card_token: null,
  token_hc: null,
  retry_ref: null,
  // Saved cards: what the storefront asks for becomes `saved_card` (signed), or nothing.
  security_code_token: null,
  customer_card_id: null,
  customer_id: null,
  save_card: null,
  saved_card: null,
  card_save_sealed: null,
}

export function prepareCardSession(ctx: CardInputContext, data: SessionData, _context: PaymentProviderContext | undefined): Record<string, unknown> {
  const paymentClass = String(data.payment_class ?? "10")
  if (!(PAYMENT_CLASSES as readonly string[]).includes(paymentClass)) {
    throw invalidData({
      ja: "お支払い方法（一括・分割・ボーナス一括・リボ）の指定が正しくありません。",
      en: 'payment_class must be "10" (one-time), "23" (bonus), "61" (installments) or "80" (revolving).',
    })
  }
  const splitCount = paymentClass === "61" ? String(data.split_count ?? "") : undefined
  if (splitCount !== undefined && !/^(?:[2-9]|[1-9]\d)$/.test(splitCount)) {
    throw invalidData({ ja: "分割回数を指定してください。", en: "split_count (2–99) is required for installments." })
  }
  const email = typeof data.email === "string" ? data.email : (_context?.customer?.email ?? null)
  // The customer's e-mail goes to the 450 as risk data: a control character in it is refused like one in the data.
  const badEmail = controlCharacterError("email", email)
  if (badEmail) {
    throw badEmail
  }
  const common = {
    ...SCRUBBED,
    payment_class: paymentClass,
    split_count: splitCount ?? null,
    return_url: returnUrl(ctx, data.return_url),
    cardholder_name: cardholderName(data.cardholder_name),
    email,
  }
  const savedCard = prepareSavedCardSession(ctx, data, _context)
  if (savedCard) {
    return { ...common, ...savedCard }
  }
  if (typeof data.card_token !== "string") {
    if (typeof data.card_token_sealed === "string" && stateOf(data)) {
      // An update of a session that already holds a sealed token (server side only).
      return { ...common, card_token_sealed: data.card_token_sealed, card_retry: data.card_retry ?? null }
    }
    throw invalidData({
      ja: "カード情報（トークン）がありません。",
      en: "card_token (from PaygentToken.js) is required for a card payment.",
    })
  }
  checkTokenIntegrity(ctx, data)
  return {
    ...common,
    card_token_sealed: ctx.crypto.seal(data.card_token),
    card_retry: ctx.crypto.verify(data.retry_ref) ?? null,
    card_display: {
      masked_card_number: typeof data.masked_card_number === "string" ? data.masked_card_number : undefined,
      fingerprint: typeof data.fingerprint === "string" ? data.fingerprint : undefined,
    },
  }
}

/** Where the browser goes after 3-D Secure: the storefront's page for this checkout, else the configured one. */
export function returnUrl(ctx: CardInputContext, given: unknown): string | null {
  const url = typeof given === "string" && given !== "" ? given : ctx.options.threeDsReturnUrl
  if (!url) {
    return null
  }
  if (!/^https?:\/\//.test(url)) {
    throw invalidData({ ja: "return_url が正しくありません。", en: "return_url must be an http(s) URL." })
  }
  return url
}

/** The token hash of PaygentToken.js (§11.1) proves the token and card summary came from Paygent unchanged. */
export function checkTokenIntegrity(ctx: CardInputContext, data: SessionData): void {
  if (!/^[A-Za-z0-9_]{1,30}$/.test(String(data.card_token))) {
    throw invalidData({ ja: "カード情報（トークン）の形式が正しくありません。", en: "card_token has an invalid format." })
  }
  if (!ctx.options.tokenHashKey) {
    return
  }
  const expected = tokenHash(
    {
      token: String(data.card_token),
      masked_card_number: String(data.masked_card_number ?? ""),
      valid_until: String(data.valid_until ?? ""),
      fingerprint: String(data.fingerprint ?? ""),
    },
    ctx.options.tokenHashKey
  )
  if (expected !== data.token_hc) {
    throw invalidData({
      ja: "カード情報の確認に失敗しました。カード情報を再度入力してください。",
      en: "The card token failed its integrity check (token_hc). Please enter the card again.",
    })
  }
}

/**
 * The card session's input for a saved card: `customer_card_id` (pay with it) or `save_card: true` with a token
 * (save it, then pay with it). The customer_id comes from the account holder; what the session keeps is signed
 * for this session, so nothing a storefront writes can point a payment at another customer's card.
 */
export function prepareSavedCardSession(ctx: CardInputContext, 
  data: SessionData,
  context: PaymentProviderContext | undefined
): Record<string, unknown> | undefined {
  const cardId = data.customer_card_id
  const save = data.save_card === true || data.save_card === "true"
  if ((cardId === undefined || cardId === null || cardId === "") && !save) {
    // A server-side update of a session that already pays with a saved card keeps it.
    return stateOf(data) && savedCardReference(ctx, data)
      ? {
          saved_card: data.saved_card,
          card_token_sealed: data.card_token_sealed ?? null,
          card_save_sealed: data.card_save_sealed ?? null,
          card_retry: data.card_retry ?? null,
        }
      : undefined
  }
  const customerId = customerIdOfAccountHolder(context?.account_holder)
  if (!customerId) {
    throw invalidData(SAVED_CARD_MESSAGES.loginRequired)
  }
  const cvc = data.security_code_token
  if (cvc !== undefined && cvc !== null && !(typeof cvc === "string" && /^[A-Za-z0-9_]{1,30}$/.test(cvc))) {
    throw invalidData({ ja: "セキュリティコード（トークン）の形式が正しくありません。", en: "security_code_token has an invalid format." })
  }
  if (ctx.options.requireSecurityCodeForSavedCards && typeof cvc !== "string") {
    throw invalidData(SAVED_CARD_MESSAGES.securityCodeRequired)
  }
  const sessionId = String(data.session_id ?? "")
  const common = { card_token_sealed: typeof cvc === "string" ? ctx.crypto.seal(cvc) : null, card_display: null }
  if (cardId !== undefined && cardId !== null && cardId !== "") {
    if (!PAYGENT_CUSTOMER_CARD_ID.test(String(cardId))) {
      throw invalidData(SAVED_CARD_MESSAGES.cardIdInvalid)
    }
    return {
      ...common,
      saved_card: { customer_card_id: String(cardId), ref: ctx.crypto.sign(savedCardReferenceText(sessionId, customerId, String(cardId))) },
      card_retry: ctx.crypto.verify(data.retry_ref) ?? null,
    }
  }
  if (typeof data.card_token !== "string") {
    throw invalidData(SAVED_CARD_MESSAGES.tokenMissing)
  }
  checkTokenIntegrity(ctx, data)
  return {
    ...common,
    saved_card: { customer_card_id: null, ref: ctx.crypto.sign(savedCardReferenceText(sessionId, customerId, "new")) },
    card_save_sealed: ctx.crypto.seal(data.card_token),
    card_retry: null,
  }
}

/** The saved card this session was prepared for (signature and session checked), if any. */
export function savedCardReference(ctx: CardInputContext, data: SessionData) {
  const saved = data.saved_card as { ref?: unknown } | null | undefined
  if (!saved || typeof saved !== "object") {
    return undefined
  }
  const reference = parseSavedCardReference(ctx.crypto.verify(saved.ref))
  return reference && reference.session_id === String(data.session_id ?? "") ? reference : undefined
}

/** Saves the card first when asked (025), else looks the saved card up (027); the session shows its summary. */
export async function startSavedCardSession(ctx: CardInputContext, data: SessionData, state: PaygentState): Promise<SessionData | undefined> {
  const reference = savedCardReference(ctx, data)
  if (!reference) {
    return undefined
  }
  let card: { id: string; data: SavedCardData }
  let savedNow = false
  if (reference.customer_card_id === "new") {
    const token = ctx.crypto.open(data.card_save_sealed)
    if (!token) {
      throw invalidData(SAVED_CARD_MESSAGES.tokenMissing)
    }
    const holder = cardholderName(data.cardholder_name)
    card = await ctx.storedCards.save(reference.customer_id, token, holder ? { cardholder_name: holder } : {})
    savedNow = true
  } else {
    const found = await ctx.storedCards.findForPayment(reference.customer_id, reference.customer_card_id)
    card = { id: reference.customer_card_id, data: found }
  }
  const sessionId = String(data.session_id ?? "")
  return {
    saved_card: {
      customer_card_id: card.id,
      masked_card_number: card.data.masked_card_number,
      card_brand: card.data.card_brand,
      expiry_month: card.data.expiry_month,
      expiry_year: card.data.expiry_year,
      saved_now: savedNow,
      ref: ctx.crypto.sign(savedCardReferenceText(sessionId, reference.customer_id, card.id)),
    },
    card_save_sealed: null,
    paygent: {
      ...state,
      card: {
        ...state.card,
        payment_class: String(data.payment_class ?? "10"),
        masked_card_number: card.data.masked_card_number,
        card_brand: card.data.card_brand ?? undefined,
        card_valid_term: card.data.card_valid_term ?? undefined,
      },
    },
  }
}

/** The card of this session's telegrams: its saved card (with the CVV-only token, if any), or its token. */
export function cardSource(ctx: CardInputContext, data: SessionData): CardSource | undefined {
  const token = ctx.crypto.open(data.card_token_sealed)
  if (data.saved_card === undefined || data.saved_card === null) {
    return token ? { kind: "token", token } : undefined
  }
  const reference = savedCardReference(ctx, data)
  if (!reference || reference.customer_card_id === "new") {
    return undefined
  }
  if (ctx.options.requireSecurityCodeForSavedCards && !token) {
    return undefined
  }
  return {
    kind: "saved",
    customer_id: reference.customer_id,
    customer_card_id: reference.customer_card_id,
    ...(token ? { cvc_token: token } : {}),
  }
}
