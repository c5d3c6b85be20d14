import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto"
import { isBackwards, STATUS } from "../../../paygent"
import { paygentDateToIso, type PaygentState } from "./session-data"

/**
 * A Paygent status change (a notice, or a 094 answer of the sync job) as the provider applies it to a payment's
 * state. The notice workflow hands it to the provider through the payment module (`updatePaymentSession` with
 * `paygent_notice` in the data, like the 3-D Secure result): so the session's state learns that a konbini / ATM /
 * net-bank payment was paid before Medusa authorizes it, and the provider then answers `captured`.
 *
 * Session data is written by storefronts too, so the provider only believes a notice that carries an HMAC made
 * with its own session secret (session-secret.ts, the one that seals card tokens); a forged `paygent_notice` is
 * dropped.
 */
export interface NoticeUpdate {
  payment_notice_id?: string
  payment_id?: string
  trading_id: string
  payment_type: string
  payment_status: string
  payment_amount?: string
  change_date?: string
  payment_date?: string
  user_payment_date?: string
}

const FIELDS: ReadonlyArray<keyof NoticeUpdate> = [
  "payment_notice_id",
  "payment_id",
  "trading_id",
  "payment_type",
  "payment_status",
  "payment_amount",
  "change_date",
  "payment_date",
  "user_payment_date",
]

function key(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "medusa-payment-paygent", "notice-seal", 32))
}

function canonical(update: NoticeUpdate): string {
  return JSON.stringify(FIELDS.map((field) => update[field] ?? ""))
}

function mac(update: NoticeUpdate, secret: string): string {
  return createHmac("sha256", key(secret)).update(canonical(update)).digest("base64url")
}

/** The value to put under `paygent_notice` in the session data. */
export function sealNotice(update: NoticeUpdate, secret: string): NoticeUpdate & { mac: string } {
  const clean = {} as NoticeUpdate
  for (const field of FIELDS) {
    const value = update[field]
    if (typeof value === "string" && value !== "") {
      ;(clean as unknown as Record<string, string>)[field] = value
    }
  }
  return { ...clean, mac: mac(clean, secret) }
}

/** The notice when its HMAC is right, else undefined. */
export function openNotice(value: unknown, secret: string): NoticeUpdate | undefined {
  if (!value || typeof value !== "object") {
    return undefined
  }
  const given = value as Record<string, unknown>
  const update = {} as NoticeUpdate
  for (const field of FIELDS) {
    const v = given[field]
    if (v !== undefined && typeof v !== "string") {
      return undefined
    }
    if (typeof v === "string" && v !== "") {
      ;(update as unknown as Record<string, string>)[field] = v
    }
  }
  if (!update.trading_id || !update.payment_type || !update.payment_status || typeof given.mac !== "string") {
    return undefined
  }
  const expected = Buffer.from(mac(update, secret))
  const received = Buffer.from(given.mac)
  return expected.length === received.length && timingSafeEqual(expected, received) ? update : undefined
}

/** Why a notice does not apply to this state, or undefined when it does. */
export function noticeMismatch(state: PaygentState, update: NoticeUpdate): string | undefined {
  if (state.trading_id !== update.trading_id) {
    return "superseded_attempt"
  }
  if (state.payment_id && update.payment_id && state.payment_id !== update.payment_id) {
    return "other_payment"
  }
  if (state.payment_status && isBackwards(update.payment_type, state.payment_status, update.payment_status)) {
    return "backwards"
  }
  return undefined
}

/** The state after the notice (callers check `noticeMismatch` first). */
export function withNotice(state: PaygentState, update: NoticeUpdate, now = new Date()): PaygentState {
  const paid = update.payment_status === STATUS.CLEARED || update.payment_status === STATUS.PRELIMINARY
  const paidAt = paygentDateToIso(update.user_payment_date) ?? paygentDateToIso(update.payment_date)
  return {
    ...state,
    payment_id: state.payment_id ?? update.payment_id,
    payment_status: update.payment_status,
    ...(paid && !state.paid_at ? { paid_at: paidAt ?? now.toISOString() } : {}),
    last_notice: {
      ...(update.payment_notice_id ? { payment_notice_id: update.payment_notice_id } : {}),
      payment_status: update.payment_status,
      ...(update.change_date ? { change_date: update.change_date } : {}),
      applied_at: now.toISOString(),
    },
  }
}
