import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import type { AuthorizePaymentOutput, Logger } from "@medusajs/framework/types"
import { STATUS } from "../../../paygent"
import { cardDeadlines } from "../../../paygent/deadlines"
import { PAYMENT_CLASSES } from "./card-input"
import { bilingual, PaygentErrorLike, SHOPPER_MESSAGES, unavailable } from "./errors"
import { cardBrandOf } from "./merchant-operations"
import type { PaygentState, SessionData } from "./session-data"

/** What a card authorization (020) sends and what the session holds after it (services/card.ts sends it). */

/** Paygent refused the token itself: it is spent or expired, the shopper enters the card again. */
export const TOKEN_ERRORS = ["2020", "2021", "2022", "2024", "2025", "2026", "31003", "31004", "31005"]
/** The 3-D Secure result can no longer be used with this authorization. */
export const THREE_DS_ID_ERRORS = ["31008", "31009", "31010", "31011"]

/** payment_id and trading_id of an earlier payment of this cart that got an input error (2003). */
export function retryTarget(data: SessionData): { payment_id: string; trading_id: string } | undefined {
  const [payment_id, trading_id] = String(data.card_retry ?? "").split(":")
  return payment_id && trading_id ? { payment_id, trading_id } : undefined
}

export function cardParams(data: SessionData) {
  return {
    payment_class: String(data.payment_class ?? "10") as (typeof PAYMENT_CLASSES)[number],
    ...(data.split_count ? { split_count: String(data.split_count) } : {}),
  }
}

/** The session after a successful authorization (or one 094 found): payment, deadlines, card summary; the token dropped. */
export function authorizedState(
  visaMasterDays: number | undefined,
  data: SessionData,
  state: PaygentState,
  answer: Record<string, string | undefined>,
  capture: boolean
): AuthorizePaymentOutput {
  const authorizedAt = new Date()
  const now = authorizedAt.toISOString()
  // null, not omitted: Medusa merges the session's data, and the sealed token must not survive there.
  const rest = { ...data, card_token_sealed: null, card_retry: null, card_display: null }
  const brand = cardBrandOf(state.card?.card_brand, answer.acq_id)
  const paygent: PaygentState = {
    ...state,
    payment_id: answer.payment_id,
    payment_status: capture ? STATUS.CLEARED : STATUS.AUTHORIZED,
    authorized_at: now,
    authorized_amount: state.amount,
    // When the authorization stops being capturable (60 days; 25 for Visa / Mastercard if the contract says so).
    ...cardDeadlines(authorizedAt, brand, visaMasterDays),
    ...(capture ? { captured_at: now, captured_amount: state.amount } : {}),
    card: {
      ...state.card,
      card_brand: brand,
      payment_class: String(data.payment_class ?? "10"),
      ...(data.split_count ? { split_count: String(data.split_count) } : {}),
      masked_card_number: answer.masked_card_number || state.card?.masked_card_number,
      fingerprint: answer.fingerprint || state.card?.fingerprint,
      card_valid_term: answer.card_valid_term || undefined,
      acq_name: answer.acq_name || undefined,
    },
    threeds: state.threeds
      ? { state: state.threeds.state, auth_id: state.threeds.auth_id, attempt_kbn: state.threeds.attempt_kbn, acs_html: null }
      : null,
    last_error: null,
    input_error: null,
  }
  return {
    status: capture ? PaymentSessionStatus.CAPTURED : PaymentSessionStatus.AUTHORIZED,
    data: { ...rest, paygent },
  }
}

/** A refused 450: thrown so that Medusa drops the session and the shopper sees why. */
export function threeDsRefusal(logger: Logger, error: PaygentErrorLike, tradingId: string): MedusaError {
  if (error.class === "configuration") {
    return unavailable(logger, `3-D Secure ${tradingId}`, error)
  }
  const message = TOKEN_ERRORS.includes(error.response_code ?? "")
    ? SHOPPER_MESSAGES.tokenInvalid
    : error.class === "not_sent" || error.class === "retryable" || error.class === "unknown_outcome"
      ? SHOPPER_MESSAGES.retryCommunication
      : error.response_code === "31007"
        ? SHOPPER_MESSAGES.threeDsFailed
        : error.response_code === "31012"
          ? SHOPPER_MESSAGES.threeDsUnavailable
          : (error.shopperMessage ?? SHOPPER_MESSAGES.newCardNeeded)
  return new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, bilingual(message))
}
