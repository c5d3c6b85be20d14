/** The shopper mails of an order (GET /admin/paygent/orders/:id/shopper-mails) and the resend route. */
import { sdk } from "./sdk"

export type MailKind = "instructions" | "reminder" | "paid" | "canceled"
export type MailStatus = "pending" | "sending" | "sent" | "failed" | "skipped" | "unknown"

export interface ShopperMail {
  id: string
  kind: MailKind
  /** canceled: expired / canceled; instructions: "resend" when the admin sent them again. */
  reason: string | null
  method: string
  status: MailStatus
  recipient: string | null
  locale: string | null
  template: string | null
  subject: string | null
  attempts: number
  due_at: string
  sent_at: string | null
  last_error: string | null
  skip_reason: string | null
  created_by: string | null
  created_at: string
}

export interface OrderShopperMails {
  mails: ShopperMail[]
  can_resend_instructions: boolean
}

export const shopperMailKeys = {
  order: (orderId: string) => ["paygent", "shopper-mails", orderId] as const,
}

export const fetchShopperMails = (orderId: string) =>
  sdk.client.fetch<OrderShopperMails>(`/admin/paygent/orders/${encodeURIComponent(orderId)}/shopper-mails`)

export const resendInstructions = (orderId: string) =>
  sdk.client.fetch<{ queued: boolean; mail: ShopperMail }>(`/admin/paygent/orders/${encodeURIComponent(orderId)}/resend-instructions`, {
    method: "POST",
    body: {},
  })

/** When the mail's entry sits in the timeline: sent, else last tried, else queued. */
export function mailTime(mail: ShopperMail): string {
  return mail.sent_at ?? (mail.status === "pending" && mail.attempts === 0 ? mail.due_at : mail.created_at)
}
