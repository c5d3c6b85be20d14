import { MedusaError } from "@medusajs/framework/utils"
import { bilingual, Bilingual } from "../errors"
import { stateOf, type PaygentState, type SessionData } from "../session-data"
import { OPERATION_MESSAGES as M } from "./messages"

/** The operations' own refusals (what Paygent's state does not allow), as MedusaErrors for the merchant. */

export function notAllowed(message: Bilingual): MedusaError {
  return new MedusaError(MedusaError.Types.NOT_ALLOWED, bilingual(message))
}

export function authorizationExpired(state: PaygentState): MedusaError {
  return notAllowed(M.authorizationExpired(state.capture_deadline))
}

export function closed(state: PaygentState): MedusaError {
  return notAllowed(M.closed(state.payment_status))
}

export function changeOutcomeUnknown(state: PaygentState): MedusaError {
  return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, bilingual(M.changeOutcomeUnknown(state.payment_id, state.trading_id)))
}

export function requireCard(data: SessionData): PaygentState {
  const state = stateOf(data)
  if (!state || (!state.payment_id && !state.zero_amount)) {
    throw notAllowed(M.noCardAuthorization)
  }
  return state
}
