import type { PaygentState } from "../providers/paygent/core/session-data"
import type { PaygentMethod } from "../paygent/methods"

/** What a shopper mail is about. */
export const MAIL_KINDS = ["instructions", "reminder", "paid", "canceled"] as const
export type MailKind = (typeof MAIL_KINDS)[number]

export type MailStatus = "pending" | "sending" | "sent" | "failed" | "skipped" | "unknown"

/** Why a cancelled-mail was sent: Paygent's deadline passed (konbini / ATM 12, net bank 15), or the order was cancelled. */
export type CancelReason = "expired" | "canceled"

/** One Paygent payment of an order, as the mails see it (read by facts.ts, judged by plan.ts). */
export interface MailPayment {
  payment_session_id: string
  session_status: string
  method: PaygentMethod
  /** The newest provider state: the Medusa payment's once there is one, else the session's. */
  state: PaygentState
  medusa_payment_id: string | null
  captured_at: string | null
  order: MailOrder
}

export interface MailOrder {
  id: string
  display_id: number | null
  status: string
  email: string | null
  /** The order's locale (BCP 47), else the customer's (metadata.locale / metadata.language). */
  locale: string | null
  customer_id: string | null
  /** Family name first, as Japanese forms write it. */
  customer_name: string | null
  currency_code: string
  total: number
  created_at: string | null
}

/** A row of paygent_shopper_mail. */
export interface ShopperMailRow {
  id: string
  dedupe_key: string
  kind: MailKind
  reason: string | null
  method: PaygentMethod
  payment_session_id: string
  order_id: string | null
  status: MailStatus
  due_at: Date | string
  attempts: number
  claimed_at: Date | string | null
  claimed_by: string | null
  recipient: string | null
  locale: string | null
  template: string | null
  subject: string | null
  sent_at: Date | string | null
  notification_id: string | null
  last_error: string | null
  skip_reason: string | null
  created_by: string | null
  created_at: Date | string
}

/** A mail a payment should have (plan.ts). */
export interface WantedMail {
  kind: MailKind
  due_at: Date
  reason?: CancelReason
}
