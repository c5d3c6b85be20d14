/**
 * Which mails a payment should have, and whether a queued mail is still wanted when it is about to go out. Pure:
 * facts.ts reads the payment, queue.ts and deliver.ts act on the answers.
 */
import type { PaygentState } from "../providers/paygent/core/session-data"
import { endOfJstDay } from "../paygent/deadlines"
import type { ResolvedShopperMailOptions } from "../options/shopper-mails"
import type { CancelReason, MailKind, MailPayment, WantedMail } from "./types"
import { STATUS } from "../paygent"

const DAY_MS = 24 * 60 * 60 * 1000
/** Minutes before the next attempt after the n-th failed one. */
const BACKOFF_MINUTES = [1, 5, 15, 60, 180]

/** Paid means what Medusa shows as 入金済み: the payment is captured. */
export function isPaid(payment: MailPayment): boolean {
  return !!payment.captured_at
}

export function isCanceled(payment: MailPayment): boolean {
  return payment.order.status === "canceled" || payment.session_status === "canceled"
}

/** Expired when Paygent said so (konbini / ATM 12, net bank 15); any other cancel is the merchant's. */
export function cancelReason(state: PaygentState): CancelReason {
  const status = state.last_notice?.payment_status ?? state.payment_status
  return status === STATUS.EXPIRED || status === STATUS.ABORTED ? "expired" : "canceled"
}

/**
 * The last moment the shopper can act on the instructions: the end of the konbini / ATM payment day (JST), or until
 * when the net-bank selection screen opens (its link is what the mail gives).
 */
export function actionDeadline(state: PaygentState): Date | undefined {
  const instructions = state.instructions
  if (instructions?.kind === "konbini" || instructions?.kind === "payeasy") {
    return endOfJstDay(instructions.payment_limit_date)
  }
  if (instructions?.kind === "banknet" && instructions.asp_limit_date) {
    const limit = endOfJstDay(instructions.asp_limit_date) ?? new Date(instructions.asp_limit_date)
    return Number.isNaN(limit.getTime()) ? undefined : limit
  }
  return undefined
}

/**
 * When the reminder goes out: from 00:00 JST of the day `daysBefore` days before the last day to pay (the
 * 前日 of a konbini / ATM deadline by default), or `daysBefore` days before a net-bank screen closes.
 */
export function reminderDueAt(state: PaygentState, daysBefore: number): Date | undefined {
  const instructions = state.instructions
  if (instructions?.kind === "konbini" || instructions?.kind === "payeasy") {
    const last = endOfJstDay(instructions.payment_limit_date)
    if (!last) {
      return undefined
    }
    const startOfLastDay = new Date(last.getTime() + 1000 - DAY_MS)
    return new Date(startOfLastDay.getTime() - daysBefore * DAY_MS)
  }
  const deadline = actionDeadline(state)
  return deadline ? new Date(deadline.getTime() - daysBefore * DAY_MS) : undefined
}

/** The `dedupe_key` of a payment's mail of a kind: one per payment and kind, whoever queues it. */
export function dedupeKey(paymentSessionId: string, kind: MailKind): string {
  return `${paymentSessionId}:${kind}`
}

/**
 * The mails a payment should have now, each with the time it is due. Waiting for payment: instructions now, the
 * reminder when its time comes (none when that time has already passed: the instructions just went out). Paid:
 * the paid mail. Cancelled without payment: the cancelled mail (expired or cancelled). Card payments never have
 * instructions or a reminder; they get mails at all only when `methods` lists card.
 */
export function wantedMails(payment: MailPayment, options: ResolvedShopperMailOptions, now: Date): WantedMail[] {
  if (!options.enabled || !options.methods.includes(payment.method)) {
    return []
  }
  const wanted: WantedMail[] = []
  const paid = isPaid(payment)
  const canceled = isCanceled(payment)
  if (payment.method !== "card" && payment.state.instructions && !paid && !canceled && payment.session_status === "pending_authorization") {
    if (options.kinds.instructions) {
      wanted.push({ kind: "instructions", due_at: now })
    }
    const remindAt = options.kinds.reminder ? reminderDueAt(payment.state, options.reminderDaysBefore) : undefined
    if (remindAt && remindAt.getTime() > now.getTime()) {
      wanted.push({ kind: "reminder", due_at: remindAt })
    }
  }
  if (paid && options.kinds.paid) {
    wanted.push({ kind: "paid", due_at: now })
  }
  if (canceled && !paid && options.kinds.canceled) {
    wanted.push({ kind: "canceled", due_at: now, reason: cancelReason(payment.state) })
  }
  return wanted
}

/**
 * Why a queued mail must not go out any more (it is then skipped), or undefined when it still should: nothing is
 * sent about paying once the payment is paid or cancelled or its deadline has passed, no cancelled-mail for a
 * paid payment, nothing without an address. A kind turned off after it was queued is skipped too, except the
 * admin's resend.
 */
export function skipReason(
  mail: { kind: MailKind; reason: string | null },
  payment: MailPayment,
  options: ResolvedShopperMailOptions,
  now: Date
): string | undefined {
  const resend = mail.reason === "resend"
  if (!resend && (!options.enabled || !options.kinds[mail.kind] || !options.methods.includes(payment.method))) {
    return "turned_off"
  }
  if (!payment.order.email) {
    return "no_email"
  }
  const paid = isPaid(payment)
  switch (mail.kind) {
    case "instructions":
    case "reminder": {
      if (paid) return "paid"
      if (isCanceled(payment)) return "canceled"
      if (!payment.state.instructions) return "no_instructions"
      // After the deadline the numbers (or the bank screen's link) no longer work: a retry that late says nothing useful.
      const deadline = actionDeadline(payment.state)
      if (deadline && now.getTime() > deadline.getTime()) return "deadline_passed"
      return undefined
    }
    case "paid":
      return undefined
    case "canceled":
      return paid ? "paid" : undefined
  }
}

/** When to try again after `attempts` failed attempts. */
export function nextAttemptAt(attempts: number, now: Date): Date {
  const minutes = BACKOFF_MINUTES[Math.min(Math.max(attempts, 1), BACKOFF_MINUTES.length) - 1]
  return new Date(now.getTime() + minutes * 60 * 1000)
}

/** The mail's language: the order's, else the customer's, else the default; only Japanese and English exist. */
export function localeOf(payment: MailPayment, fallback: "ja" | "en"): "ja" | "en" {
  const tag = (payment.order.locale ?? "").toLowerCase()
  if (tag.startsWith("ja")) return "ja"
  if (tag.startsWith("en")) return "en"
  return fallback
}
