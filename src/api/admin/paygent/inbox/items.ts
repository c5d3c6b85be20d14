/**
 * The 決済処理中 inbox, pure part: turns what the backend already records (stale sessions, unpaid konbini / ATM /
 * net-bank sessions, Paygent payments, manual refunds owed, open alerts, notices not applied) into one list of
 * payments that need a person, each with its reason. No database here: `collect.ts` reads, `page.ts` filters and
 * pages, `route.ts` answers.
 */
import { amountsOf, paygentMethodOf, statusView, type OrderPaygentPayment } from "../../../../operations/order-payments"
import type { PaygentState } from "../../../../providers/paygent/core/session-data"
import type { PaygentMethod } from "../../../../paygent/methods"
import { captureDeadline } from "../../../../paygent/deadlines"
import { endOfJstDay } from "../../../../paygent/deadlines"
import { sortInbox } from "./page"
import type { InboxItem, InboxPayment, InboxReason, InboxSources, Severity } from "./types"
import { STATUS } from "../../../../paygent/statuses"

export * from "./types"
export { pageInbox, sortInbox } from "./page"

const DAY_MS = 24 * 60 * 60 * 1000
/** A notice not applied within this long is listed (the sync job retries every minute). */
export const UNAPPLIED_AFTER_MS = 5 * 60 * 1000
/** A konbini 速報 (43) normally becomes 確報 (40) within days; after this long the missing notice is listed. */
export const PRELIMINARY_CONFIRM_DAYS = 10

const PAYMENT_NOTICE_ALERTS = new Set(["notice_apply_failed", "notices_purged", "notices_lost"])
const HOLDING = new Set<string>([STATUS.AUTHORIZED, STATUS.CLEARED])

function stateOf(data: Record<string, unknown> | null | undefined): PaygentState | undefined {
  const state = data?.paygent
  return state && typeof state === "object" ? (state as PaygentState) : undefined
}

function iso(value: Date | undefined): string | null {
  return value && !Number.isNaN(value.getTime()) ? value.toISOString() : null
}

/** The moment a konbini / ATM / net-bank payment stops being payable. */
export function paymentDeadline(state: PaygentState | undefined): Date | undefined {
  const instructions = state?.instructions
  if (instructions?.kind === "konbini" || instructions?.kind === "payeasy") {
    return endOfJstDay(instructions.payment_limit_date)
  }
  if (instructions?.kind === "banknet" && instructions.asp_payment_limit_date) {
    // A date alone is a JST day, payable to its end (as sql-keys.ts reads it), not UTC midnight.
    const day = endOfJstDay(instructions.asp_payment_limit_date)
    if (day) {
      return day
    }
    const parsed = new Date(instructions.asp_payment_limit_date)
    return Number.isNaN(parsed.getTime()) ? undefined : parsed
  }
  return undefined
}

function statusOf(method: PaygentMethod | null, state: PaygentState | undefined, providerId: string) {
  if (!method || !state) {
    return null
  }
  const view = statusView({ method, paygent: state, provider_id: providerId } as OrderPaygentPayment)
  return { code: view.code, label: view.label ?? null }
}

function blank(reason: InboxReason, detail: string, key: string): InboxItem {
  return {
    id: `${reason}:${key}`,
    reason,
    detail,
    severity: "info",
    method: null,
    order: null,
    cart_id: null,
    payment_session_id: null,
    medusa_payment_id: null,
    paygent_payment_id: null,
    trading_id: null,
    status: null,
    amount: null,
    since: null,
    deadline: null,
    amounts: null,
    message: null,
    alert_id: null,
    manual_refund_id: null,
    notice_id: null,
    capturable: false,
  }
}

function item(reason: InboxReason, detail: string, key: string, ...parts: Partial<InboxItem>[]): InboxItem {
  return Object.assign(blank(reason, detail, key), ...parts)
}

/** One pass per source; later sources join what earlier ones listed (alerts last). */
class InboxBuilder {
  private readonly items = new Map<string, InboxItem>()
  private readonly staleIds = new Set<string>()
  private readonly now: number

  constructor(private readonly sources: InboxSources) {
    this.now = sources.now.getTime()
  }

  build(): InboxItem[] {
    this.addStaleSessions()
    this.addAwaitingPayment()
    for (const payment of this.sources.payments) {
      this.addPayment(payment)
    }
    this.addManualRefunds()
    this.addUnappliedNotices()
    this.addAlerts()
    return sortInbox([...this.items.values()])
  }

  private put(entry: InboxItem): InboxItem {
    if (!this.items.has(entry.id)) {
      this.items.set(entry.id, entry)
    }
    return this.items.get(entry.id)!
  }

  private order(id: string | null | undefined) {
    return id ? (this.sources.orders.get(id) ?? null) : null
  }

  private orderOfCollection(collection: string) {
    return this.order(this.sources.orderOfCollection.get(collection))
  }

  /** 決済処理中: sessions the sync job would list as stale. */
  private addStaleSessions(): void {
    for (const session of this.sources.stale) {
      this.staleIds.add(session.session_id)
      const order = this.order(session.order_id)
      if (order?.status === "canceled") {
        continue
      }
      this.put(
        item("checkout_abandoned", session.reason, session.session_id, {
          severity: session.order_id ? "warning" : "info",
          method: paygentMethodOf(session.provider_id) ?? null,
          order,
          cart_id: session.cart_id ?? null,
          payment_session_id: session.session_id,
          trading_id: session.trading_id ?? null,
          amount: session.amount,
          since: session.since,
        })
      )
    }
  }

  /** 入金待ち, or past the deadline (and the grace of Paygent's batch) without Paygent's expiry notice. */
  private addAwaitingPayment(): void {
    const grace = this.sources.options.expiryGraceHours * 60 * 60 * 1000
    for (const session of this.sources.awaiting) {
      const order = this.orderOfCollection(session.payment_collection_id)
      const state = stateOf(session.data)
      if (!order || order.status === "canceled" || (state?.payment_status ?? STATUS.APPLIED) !== STATUS.APPLIED) {
        continue
      }
      const method = paygentMethodOf(session.provider_id) ?? null
      const deadline = paymentDeadline(state)
      const common: Partial<InboxItem> = {
        method,
        order,
        payment_session_id: session.id,
        paygent_payment_id: state?.payment_id ?? null,
        trading_id: state?.trading_id ?? null,
        status: statusOf(method, state, session.provider_id),
        amount: session.amount,
        since: session.updated_at,
        deadline: iso(deadline),
      }
      if (this.staleIds.has(session.id)) {
        // Already listed as abandoned (net bank, no bank chosen): add the deadline and status it has.
        Object.assign(this.items.get(`checkout_abandoned:${session.id}`) ?? {}, { deadline: common.deadline, status: common.status })
      } else if (session.overdue ?? (deadline !== undefined && this.now > deadline.getTime() + grace)) {
        this.put(item("notice_overdue", "expiry_not_reported", session.id, common, { severity: "warning" }))
      } else {
        this.put(item("awaiting_payment", method ?? "unknown", session.id, common))
      }
    }
  }

  /** A Medusa payment: capture deadline, amounts, a konbini confirmation that never came, what the plugin flagged. */
  private addPayment(payment: InboxPayment): void {
    const state = stateOf(payment.data)
    const method = paygentMethodOf(payment.provider_id) ?? null
    if (!state || !method || payment.canceled_at) {
      return
    }
    const order = this.orderOfCollection(payment.payment_collection_id)
    const status = state.payment_status ?? ""
    const common: Partial<InboxItem> = {
      method,
      order,
      payment_session_id: payment.payment_session_id,
      medusa_payment_id: payment.id,
      paygent_payment_id: state.payment_id ?? null,
      trading_id: state.trading_id ?? null,
      status: statusOf(method, state, payment.provider_id),
      amount: payment.amount,
    }
    if (payment.only !== "flags" && method === "card" && status === STATUS.AUTHORIZED && payment.captured === 0) {
      const deadline = captureDeadline(state)
      if (deadline && this.now >= deadline.getTime() - this.sources.options.captureDeadlineWarningDays * DAY_MS) {
        const passed = this.now > deadline.getTime()
        this.put(
          item("capture_deadline", passed ? "expired" : "near", payment.id, common, {
            severity: passed ? "critical" : "warning",
            since: state.authorized_at ?? payment.created_at,
            deadline: deadline.toISOString(),
            capturable: !passed && !!order && order.status !== "canceled",
          })
        )
      }
    }
    if (payment.only === "capture_deadline") {
      return
    }
    if (order && order.status !== "canceled" && !state.zero_amount) {
      const amounts = amountsOf(
        {
          medusa_payment_id: payment.id,
          method,
          paygent: state,
          amount: payment.amount,
          captured: payment.captured,
          refunded: payment.refunded,
          canceled_at: payment.canceled_at,
        } as OrderPaygentPayment,
        order.total
      )
      if (amounts.mismatch || (HOLDING.has(status) && amounts.amount_at_paygent > order.total)) {
        this.put(
          item("amount_mismatch", amounts.mismatch ? "paygent_vs_medusa" : "above_order_total", payment.id, common, {
            severity: "warning",
            since: state.last_operation?.at ?? state.authorized_at ?? payment.created_at,
            amounts: { at_paygent: amounts.amount_at_paygent, expected_at_paygent: amounts.expected_at_paygent, order_total: order.total },
          })
        )
      }
    }
    if (method !== "card" && status === STATUS.PRELIMINARY) {
      const since = state.last_notice?.applied_at ?? state.paid_at ?? payment.created_at
      if (this.now - new Date(since).getTime() > PRELIMINARY_CONFIRM_DAYS * DAY_MS) {
        this.put(item("notice_overdue", "confirmation_not_reported", payment.id, common, { severity: "warning", since }))
      }
    }
    const pending = (state as PaygentState & { change_pending?: { requested_at?: string } | null }).change_pending
    if (pending) {
      this.put(item("alert", "change_pending", payment.id, common, { severity: "critical", since: pending.requested_at ?? null }))
    }
    if (state.attention) {
      this.put(item("alert", "attention", payment.id, common, { severity: "warning", since: state.attention.at, message: state.attention.message }))
    }
  }

  /** Manual refunds owed (a payment after cancel = a late payment). */
  private addManualRefunds(): void {
    for (const row of this.sources.manualRefunds) {
      this.put(
        item("manual_refund", row.reason, row.id, {
          severity: row.reason === "paid_after_cancel" || row.reason === "paid_unused_attempt" ? "critical" : "warning",
          method: (paygentMethodOf(`pp_paygent-${row.method}`) ?? null) as PaygentMethod | null,
          order: this.order(row.order_id),
          medusa_payment_id: row.medusa_payment_id,
          paygent_payment_id: row.paygent_payment_id,
          trading_id: row.trading_id,
          amount: row.amount,
          since: row.created_at,
          manual_refund_id: row.id,
        })
      )
    }
  }

  /** Notices stored but still not applied a while later. */
  private addUnappliedNotices(): void {
    for (const notice of this.sources.unapplied) {
      if (this.now - new Date(notice.received_at).getTime() < UNAPPLIED_AFTER_MS) {
        continue
      }
      this.put(
        item("notice_overdue", "notice_unapplied", notice.id, {
          severity: "critical",
          order: this.order(notice.order_id),
          payment_session_id: notice.payment_session_id,
          paygent_payment_id: notice.paygent_payment_id,
          trading_id: notice.trading_id,
          since: notice.received_at,
          notice_id: notice.id,
          message: notice.last_error ? { ja: notice.last_error, en: notice.last_error } : null,
        })
      )
    }
  }

  /** Open alerts: joined to the item they are about, else listed on their own. */
  private addAlerts(): void {
    const listed = [...this.items.values()]
    for (const alert of this.sources.alerts) {
      const message = { ja: alert.message_ja, en: alert.message_en }
      const attach = (target: InboxItem | undefined) => {
        if (!target || target.alert_id) {
          return false
        }
        target.alert_id = alert.id
        target.message ??= message
        return true
      }
      if (alert.kind === "capture_deadline_near") {
        // Joined to the payment's item; once it was captured or cancelled (no item any more) the warning is moot.
        attach(this.items.get(`capture_deadline:${alert.medusa_payment_id}`))
        continue
      }
      if (alert.kind === "paid_after_cancel") {
        const refund = listed.find(
          (r) =>
            r.reason === "manual_refund" &&
            ((alert.paygent_payment_id && r.paygent_payment_id === alert.paygent_payment_id) ||
              (alert.trading_id && r.trading_id === alert.trading_id) ||
              (alert.order_id && r.order?.id === alert.order_id))
        )
        if (attach(refund)) continue
      }
      const noticeId = typeof alert.data?.notice_id === "string" ? alert.data.notice_id : undefined
      if (alert.kind === "notice_apply_failed" && noticeId && attach(this.items.get(`notice_overdue:${noticeId}`))) {
        continue
      }
      const reason: InboxReason =
        alert.kind === "authorization_expired"
          ? "capture_deadline"
          : alert.kind === "paid_after_cancel"
            ? "manual_refund"
            : PAYMENT_NOTICE_ALERTS.has(alert.kind)
              ? "notice_overdue"
              : "alert"
      const payment = alert.medusa_payment_id
        ? (this.sources.payments.find((p) => p.id === alert.medusa_payment_id) ?? this.sources.paymentRefs?.get(alert.medusa_payment_id))
        : undefined
      this.put(
        item(reason, alert.kind, alert.id, {
          severity: alert.severity as Severity,
          method: payment ? (paygentMethodOf(payment.provider_id) ?? null) : null,
          order: this.order(alert.order_id) ?? (payment ? this.orderOfCollection(payment.payment_collection_id) : null),
          payment_session_id: alert.payment_session_id,
          medusa_payment_id: alert.medusa_payment_id,
          paygent_payment_id: alert.paygent_payment_id,
          trading_id: alert.trading_id,
          since: alert.created_at,
          deadline: typeof alert.data?.deadline === "string" ? alert.data.deadline : null,
          message,
          alert_id: alert.id,
        })
      )
    }
  }
}

/** Builds the inbox: one item per payment and reason, most urgent first. */
export function buildInbox(sources: InboxSources): InboxItem[] {
  return new InboxBuilder(sources).build()
}
