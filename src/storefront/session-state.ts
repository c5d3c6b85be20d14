/**
 * What the storefront does next with a Paygent payment session, read from the `paygent` state the provider keeps
 * in the session's `data` (see src/providers/paygent/core/session-data.ts).
 */
import type { PaygentState, PaymentInstructions } from "../providers/paygent/core/session-data"
import { paygentMethodOf, type Bilingual } from "./labels"

export type { PaygentState, PaymentInstructions }

/** A payment session as Medusa's store API returns it (`payment_collection.payment_sessions[]`). */
export interface PaygentSessionLike {
  id?: string
  status?: string
  provider_id?: string
  data?: Record<string, unknown> | null
}

export type PaygentAction =
  /** Card with 3-D Secure: write `html` into the page (startThreeDs) so the browser goes to the card issuer. */
  | { type: "three_ds"; html: string }
  /** The card attempt failed: show `message` and take the card again (a new token and a new session). */
  | { type: "retry_card"; message: Bilingual; retryRef?: string }
  /** Konbini or Pay-easy: the order is placed, show how to pay (formatInstructions). */
  | { type: "show_instructions"; instructions: PaymentInstructions }
  /** Net bank: send the shopper to Paygent's bank selection screen. */
  | { type: "redirect"; url: string; instructions: PaymentInstructions }
  /** Nothing for Paygent to do: complete the cart, or the payment is done. */
  | { type: "none" }

/** The provider's state of a session, or undefined when the session is not a Paygent one (yet). */
export function readPaygentState(session: PaygentSessionLike | null | undefined): PaygentState | undefined {
  const state = session?.data?.paygent
  return state && typeof state === "object" ? (state as PaygentState) : undefined
}

/** Statuses in which the shopper still has to pay (申込済); expired (12), abandoned (15) and paid ones need nothing. */
const AWAITING_PAYMENT = new Set([undefined, "", "10"])
const DONE_SESSION_STATUSES = new Set(["authorized", "captured", "canceled"])

/** The one thing the storefront should do next for this payment session. */
export function nextPaygentAction(session: PaygentSessionLike | null | undefined): PaygentAction {
  const state = readPaygentState(session)
  if (!state || DONE_SESSION_STATUSES.has(session?.status ?? "")) {
    return { type: "none" }
  }
  const instructions = state.instructions
  if (instructions) {
    if (!AWAITING_PAYMENT.has(state.payment_status)) {
      return { type: "none" }
    }
    if (instructions.kind === "banknet") {
      return instructions.asp_url ? { type: "redirect", url: instructions.asp_url, instructions } : { type: "none" }
    }
    return { type: "show_instructions", instructions }
  }
  if (state.threeds?.state === "challenge" && state.threeds.acs_html) {
    return { type: "three_ds", html: state.threeds.acs_html }
  }
  const error = state.last_error ?? (state.threeds?.state === "failed" ? state.threeds.failure : undefined)
  if (error) {
    const retryRef = state.input_error?.retry_ref
    return { type: "retry_card", message: error.message, ...(retryRef ? { retryRef } : {}) }
  }
  return { type: "none" }
}

interface SessionHolder {
  payment_sessions?: PaygentSessionLike[] | null
}

/**
 * The Paygent payment session of a cart (`cart.payment_collection`), an order (`order.payment_collections`) or a
 * payment collection; the latest one when there are several. Ask the store API for the sessions' data, e.g.
 * `fields: "*payment_collection.payment_sessions"` (cart) or `"*payment_collections.payment_sessions"` (order).
 */
export function findPaygentSession(
  source:
    | { payment_collection?: SessionHolder | null; payment_collections?: (SessionHolder | null)[] | null }
    | SessionHolder
    | null
    | undefined
): PaygentSessionLike | undefined {
  if (!source) {
    return undefined
  }
  const holders: (SessionHolder | null | undefined)[] = [
    source as SessionHolder,
    (source as { payment_collection?: SessionHolder | null }).payment_collection,
    ...((source as { payment_collections?: (SessionHolder | null)[] | null }).payment_collections ?? []),
  ]
  const sessions = holders.flatMap((holder) => holder?.payment_sessions ?? [])
  const paygent = sessions.filter((session) => paygentMethodOf(session.provider_id) !== undefined)
  return paygent.filter((session) => session.status !== "canceled").pop() ?? paygent.pop()
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/

/**
 * The plugin's error messages are "日本語 / English" (e.g. `error.message` of a refused cart completion; a few
 * are "English / 日本語"); this splits them by which half is Japanese. A message without the separator is
 * returned as both.
 */
export function splitBilingualMessage(message: string): Bilingual {
  const at = message.indexOf(" / ")
  if (at < 0) {
    return { ja: message, en: message }
  }
  const first = message.slice(0, at).trim()
  const second = message.slice(at + 3).trim()
  return !JAPANESE.test(first) && JAPANESE.test(second) ? { ja: second, en: first } : { ja: first, en: second }
}
