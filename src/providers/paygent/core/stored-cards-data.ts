import { createHash } from "node:crypto"
import type { CardAuthorizeRequest, StoredCardRecord, StoredCardSetResponse, ThreeDsAuthenticateRequest } from "../../../paygent"
import type { Bilingual } from "./errors"
import { paygentDateToIso } from "./session-data"
import { base62ToUlid, toBase62, ulidToBase62 } from "../../../paygent/ulid-base62"

/**
 * The pure parts of saved cards (カード情報お預り, docs/protocol.md §4.9 / §11.7): the Paygent customer_id of a Medusa
 * customer, the saved card as Medusa's payment method, the card source of a telegram, and the messages.
 */

const CUSTOMER_PREFIX = "cus_"
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/i

/** Paygent's customer_id: at most 25 characters, letters, digits and `_` (docs/protocol.md §4.1 No. 21). */
export const PAYGENT_CUSTOMER_ID = /^[A-Za-z0-9_]{1,25}$/

/** Paygent's customer_card_id: digits, at most 18, assigned by Paygent. */
export const PAYGENT_CUSTOMER_CARD_ID = /^\d{1,18}$/

/**
 * The Paygent customer_id of a Medusa customer. Paygent has no "create customer" telegram: the merchant chooses
 * the id, and the cards registered under it are the customer's. It is derived from the Medusa customer id only,
 * so it is the same on every call and on every server, and never comes from the storefront:
 * - `cus_<ULID>` (Medusa's own ids) → `c_` + the ULID's 128 bits in base62 (24 characters), reversible;
 * - any other id → `h_` + 23 base62 characters of its SHA-256 (138 bits).
 */
export function paygentCustomerIdFor(medusaCustomerId: string): string {
  if (typeof medusaCustomerId !== "string" || medusaCustomerId.length === 0) {
    throw new Error("a Medusa customer id is required")
  }
  const ulid = medusaCustomerId.startsWith(CUSTOMER_PREFIX) ? medusaCustomerId.slice(CUSTOMER_PREFIX.length) : ""
  if (ULID.test(ulid)) {
    return `c_${ulidToBase62(ulid)}`
  }
  const digest = BigInt(`0x${createHash("sha256").update(medusaCustomerId, "utf8").digest("hex")}`)
  return `h_${toBase62(digest, 43).slice(0, 23)}`
}

/** The Medusa customer id a `c_` customer_id was made from (support, reconciliation), else undefined. */
export function medusaCustomerIdOf(paygentCustomerId: string): string | undefined {
  const match = /^c_([0-9A-Za-z]{22})$/.exec(paygentCustomerId)
  if (!match) {
    return undefined
  }
  const ulid = base62ToUlid(match[1])
  return ulid ? CUSTOMER_PREFIX + ulid : undefined
}

/** What this provider keeps in Medusa's account holder (`account_holder.data`). */
export interface PaygentAccountHolderData {
  customer_id: string
}

/**
 * The customer_id of an account holder Medusa hands to the provider (`context.account_holder`, found by Medusa
 * through the logged-in customer's link), or undefined when there is none or it is not ours.
 */
export function customerIdOfAccountHolder(holder: unknown): string | undefined {
  if (!holder || typeof holder !== "object") {
    return undefined
  }
  const { data, external_id } = holder as { data?: Record<string, unknown>; external_id?: unknown }
  const candidate = data?.customer_id ?? external_id
  return typeof candidate === "string" && PAYGENT_CUSTOMER_ID.test(candidate) ? candidate : undefined
}

/** A saved card as Medusa's payment method data (`listPaymentMethods`, `savePaymentMethod`). Holds no secret. */
export type SavedCardData = {
  customer_card_id: string
  /** As Paygent masks it, e.g. `************1111`. */
  masked_card_number: string
  last4: string
  /** VISA, MASTER, JCB, AMEX, DINERS, DISCOVER or HOUSE (Paygent's names). */
  card_brand: string | null
  /** MMYY as Paygent gives it, and split for display. */
  card_valid_term: string | null
  expiry_month: string | null
  /** Four digits. */
  expiry_year: string | null
  /** Paygent's card_expire_flag: the expiry month is over. */
  expired: boolean
  cardholder_name: string | null
  /** When the card was last used (Paygent sorts the list by it, newest first), ISO 8601. */
  last_used_at: string | null
  /** Only for cards registered with the validity check: 0 OK, 1 NG, 2 card-company error, 3 stopped, 4 no contract, 5 not supported. */
  valid_check_result: string | null
}

function splitExpiry(term: string | undefined): Pick<SavedCardData, "card_valid_term" | "expiry_month" | "expiry_year"> {
  const match = /^(0[1-9]|1[0-2])(\d{2})$/.exec(term ?? "")
  return match
    ? { card_valid_term: term!, expiry_month: match[1], expiry_year: `20${match[2]}` }
    : { card_valid_term: term || null, expiry_month: null, expiry_year: null }
}

function lastFour(masked: string): string {
  return /(\d{4})$/.exec(masked)?.[1] ?? ""
}

/** One record of 027's CSV answer as a Medusa payment method (id = Paygent's customer_card_id). */
export function savedCardFromRecord(record: StoredCardRecord): { id: string; data: SavedCardData } | undefined {
  const id = record.customer_card_id ?? ""
  if (!PAYGENT_CUSTOMER_CARD_ID.test(id)) {
    return undefined
  }
  const masked = record.card_number ?? ""
  return {
    id,
    data: {
      customer_card_id: id,
      masked_card_number: masked,
      last4: lastFour(masked),
      card_brand: record.card_brand || null,
      ...splitExpiry(record.card_valid_term),
      expired: record.card_expire_flag === "1",
      cardholder_name: record.cardholder_name || null,
      last_used_at: paygentDateToIso(record.card_last_use_date) ?? null,
      valid_check_result: record.valid_check_result || null,
    },
  }
}

/** 025's answer as a Medusa payment method; 025 gives no brand, so the brand comes from the acquirer when known. */
export function savedCardFromSetAnswer(answer: StoredCardSetResponse, brand?: string): { id: string; data: SavedCardData } {
  const masked = answer.masked_card_number ?? ""
  return {
    id: answer.customer_card_id,
    data: {
      customer_card_id: answer.customer_card_id,
      masked_card_number: masked,
      last4: lastFour(masked),
      card_brand: brand ?? null,
      ...splitExpiry(answer.card_valid_term),
      expired: false,
      cardholder_name: answer.cardholder_name || null,
      last_used_at: null,
      valid_check_result: null,
    },
  }
}

/** Where the card of an authorization (020) or a 3-D Secure authentication (450) comes from. */
export type CardSource =
  | { kind: "token"; token: string }
  | { kind: "saved"; customer_id: string; customer_card_id: string; cvc_token?: string }

/** 020's card items: the token, or the saved card (stock_card_mode=1) with its CVV-only token when one is given. */
export function authorizationCardParams(source: CardSource): Partial<CardAuthorizeRequest> {
  if (source.kind === "token") {
    return { card_token: source.token }
  }
  return {
    stock_card_mode: "1",
    customer_id: source.customer_id,
    customer_card_id: source.customer_card_id,
    ...(source.cvc_token ? { card_token: source.cvc_token, security_code_token: "1" } : {}),
  }
}

/** 450's card items: card_set_method token, or customer for a saved card (450 never needs the CVV). */
export function threeDsCardParams(
  source: CardSource
): Pick<ThreeDsAuthenticateRequest, "card_set_method" | "card_token" | "customer_id" | "customer_card_id"> {
  return source.kind === "token"
    ? { card_set_method: "token", card_token: source.token }
    : { card_set_method: "customer", customer_id: source.customer_id, customer_card_id: source.customer_card_id }
}

/** The text signed onto a session that pays with (or is saving) a saved card: session, customer and card. */
export function savedCardReferenceText(sessionId: string, customerId: string, customerCardId: string | "new"): string {
  return `saved-card|${sessionId}|${customerId}|${customerCardId}`
}

export function parseSavedCardReference(
  text: string | undefined
): { session_id: string; customer_id: string; customer_card_id: string | "new" } | undefined {
  const parts = text?.split("|")
  if (!parts || parts.length !== 4 || parts[0] !== "saved-card") {
    return undefined
  }
  const [, session_id, customer_id, customer_card_id] = parts
  if (!PAYGENT_CUSTOMER_ID.test(customer_id) || !(customer_card_id === "new" || PAYGENT_CUSTOMER_CARD_ID.test(customer_card_id))) {
    return undefined
  }
  return { session_id, customer_id, customer_card_id }
}

export const SAVED_CARD_MESSAGES = {
  loginRequired: {
    ja: "カードの保存・保存済みカードのご利用にはログインが必要です。",
    en: "Please log in to save a card or to pay with a saved card.",
  },
  cardLimit: {
    ja: "保存できるカードは10枚までです。不要なカードを削除してから、もう一度お試しください。",
    en: "You can save up to 10 cards. Delete a card you no longer use, then try again.",
  },
  notFound: {
    ja: "選択された保存済みカードが見つかりません。別のカードを選ぶか、カード情報を入力してください。",
    en: "The selected saved card was not found. Choose another card or enter your card details.",
  },
  noCards: {
    ja: "保存済みのカードはありません。",
    en: "You have no saved cards.",
  },
  deleteNotFound: {
    ja: "削除するカードが見つかりません。すでに削除されている可能性があります。",
    en: "The card to delete was not found. It may already have been deleted.",
  },
  expired: {
    ja: "この保存済みカードは有効期限が切れています。別のカードを選ぶか、新しいカード情報を入力してください。",
    en: "This saved card has expired. Choose another card or enter new card details.",
  },
  securityCodeRequired: {
    ja: "保存済みカードでのお支払いには、セキュリティコードの入力が必要です。",
    en: "Please enter the card's security code to pay with a saved card.",
  },
  tokenMissing: {
    ja: "カード情報（トークン）がありません。",
    en: "card_token (from PaygentToken.js) is required to save a card.",
  },
  cardIdInvalid: {
    ja: "保存済みカードの指定が正しくありません。",
    en: "customer_card_id must be the id of a saved card (digits).",
  },
  notSaved: {
    ja: "このカードは保存できませんでした。別のカードをお試しください。",
    en: "This card could not be saved. Please try another card.",
  },
  outcomeUnknown: {
    ja: "カードの保存結果を確認できませんでした。保存済みカードの一覧をご確認ください。",
    en: "We could not confirm whether the card was saved. Please check your saved cards.",
  },
} satisfies Record<string, Bilingual>
