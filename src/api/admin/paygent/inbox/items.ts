/**
 * The 決済処理中 inbox, pure part: turns what the backend already records (stale sessions, unpaid konbini / ATM /
 * net-bank sessions, Paygent payments, manual refunds owed, open alerts, notices not applied) into one list of
 * payments that need a person, each with its reason. No database here: `collect.ts` reads, `route.ts` answers.
 */
import { amountsOf, paygentMethodOf, statusView, type OrderPaygentPayment } from "../../../../operations/order-payments"
import type { PaygentState } from "../../../../providers/paygent/core/session-data"
import type { PaygentMethod } from "../../../../providers/paygent/types"
import { captureDeadline } from "../../../../sync/run"
import type { StaleSession } from "../../../../sync/stale"
import { endOfJstDay } from "../../../../sync/time"

export const INBOX_REASONS = [
  /** 決済処理中: card entry / 3-D Secure abandoned, a net-bank screen never used (the sync job's stale sessions). */
  "checkout_abandoned",
  /** 入金待ち: konbini / ATM / net bank placed and not paid yet, with its deadline. */
  "awaiting_payment",
  /** A card authorization near (or past) its capture deadline. */
  "capture_deadline",
  /** Paygent holds another amount than Medusa's records, or more than the order total. */
  "amount_mismatch",
  /** Money to return by hand: sales-cancel deadline passed, konbini / ATM / net bank, a payment after cancel. */
  "manual_refund",
  /** A notice that should have come did not (expiry, konbini confirmation), or one was not applied / was lost. */
  "notice_overdue",
  /** Any other open alert, and payments the plugin flagged for attention. */
  "alert",
] as const
export type InboxReason = (typeof INBOX_REASONS)[number]

export type Severity = "info" | "warning" | "critical"

export interface Bilingual {
  ja: string
  en: string
}

export interface InboxOrder {
  id: string
  display_id: number | null
  status: string
  email: string | null
  currency_code: string
  total: number
}

export interface InboxItem {
  /** Stable: reason + what it is about. */
  id: string
  reason: InboxReason
  /** Finer cause, e.g. three_ds_abandoned, near, expired, paid_after_cancel, notice_unapplied, an alert kind. */
  detail: string
  severity: Severity
  method: PaygentMethod | null
  order: InboxOrder | null
  cart_id: string | null
  payment_session_id: string | null
  medusa_payment_id: string | null
  paygent_payment_id: string | null
  trading_id: string | null
  /** Paygent's status with its labels, when known. */
  status: { code: string | null; label: Bilingual | null } | null
  /** Yen concerned (session, payment, refund owed). */
  amount: number | null
  /** When the situation began (ISO 8601). */
  since: string | null
  /** The deadline that matters for it (ISO 8601): payment deadline, capture deadline. */
  deadline: string | null
  amounts: { at_paygent: number; expected_at_paygent: number; order_total: number } | null
  /** A message recorded by the backend (alerts, attention), both languages. */
  message: Bilingual | null
  alert_id: string | null
  manual_refund_id: string | null
  notice_id: string | null
  /** The order can be sent to bulk 売上 (an authorized card payment before its deadline). */
  capturable: boolean
}

export interface InboxSession {
  id: string
  provider_id: string
  status: string
  amount: number
  data: Record<string, unknown> | null
  updated_at: string
  payment_collection_id: string
}

export interface InboxPayment {
  id: string
  provider_id: string
  amount: number
  captured: number
  refunded: number
  captured_at: string | null
  canceled_at: string | null
  payment_session_id: string | null
  payment_collection_id: string
  data: Record<string, unknown> | null
  created_at: string
}

export interface InboxManualRefund {
  id: string
  order_id: string | null
  medusa_payment_id: string | null
  paygent_payment_id: string | null
  trading_id: string | null
  method: string
  amount: number
  reason: string
  note: string | null
  created_at: string
}

export interface InboxAlert {
  id: string
  kind: string
  severity: Severity
  order_id: string | null
  payment_session_id: string | null
  medusa_payment_id: string | null
  paygent_payment_id: string | null
  trading_id: string | null
  message_ja: string
  message_en: string
  data: Record<string, unknown> | null
  created_at: string
}

export interface InboxNotice {
  id: string
  payment_notice_id: string | null
  paygent_payment_id: string | null
  trading_id: string | null
  payment_type: string
  payment_status: string
  payment_session_id: string | null
  order_id: string | null
  received_at: string
  apply_attempts: number
  last_error: string | null
}

export interface InboxOptions {
  staleSessionMinutes: number
  captureDeadlineWarningDays: number
  expiryGraceHours: number
}

export interface InboxSources {
  now: Date
  options: InboxOptions
  stale: StaleSession[]
  /** Konbini / ATM / net-bank sessions in pending_authorization (placed orders waiting for the shopper). */
  awaiting: InboxSession[]
  /** Medusa payments of Paygent providers, not cancelled. */
  payments: InboxPayment[]
  manualRefunds: InboxManualRefund[]
  alerts: InboxAlert[]
  unapplied: InboxNotice[]
  /** payment_collection_id → order_id */
  orderOfCollection: Map<string, string>
  orders: Map<string, InboxOrder>
}

const DAY_MS = 24 * 60 * 60 * 1000
/** A notice not applied within this long is listed (the sync job retries every minute). */
export const UNAPPLIED_AFTER_MS = 5 * 60 * 1000
/** A konbini 速報 (43) normally becomes 確報 (40) within days; after this long the missing notice is listed. */
export const PRELIMINARY_CONFIRM_DAYS = 10

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 }
const PAYMENT_NOTICE_ALERTS = new Set(["notice_apply_failed", "notices_purged", "notices_lost"])
const HOLDING = new Set(["20", "40"])

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

/** Builds the inbox: one item per payment and reason, most urgent first. */
export function buildInbox(sources: InboxSources): InboxItem[] {
  const { now, options } = sources
  const items = new Map<string, InboxItem>()
  const orderById = (id: string | null | undefined) => (id ? (sources.orders.get(id) ?? null) : null)
  const orderOfCollection = (collection: string) => orderById(sources.orderOfCollection.get(collection))
  const put = (item: InboxItem) => {
    if (!items.has(item.id)) {
      items.set(item.id, item)
    }
    return items.get(item.id)!
  }

  // 決済処理中: sessions the sync job would list as stale.
  const staleIds = new Set<string>()
  for (const session of sources.stale) {
    staleIds.add(session.session_id)
    const item = blank("checkout_abandoned", session.reason, session.session_id)
    const order = orderById(session.order_id)
    if (order?.status === "canceled") {
      continue
    }
    Object.assign(item, {
      severity: session.order_id ? "warning" : "info",
      method: paygentMethodOf(session.provider_id) ?? null,
      order,
      cart_id: session.cart_id ?? null,
      payment_session_id: session.session_id,
      trading_id: session.trading_id ?? null,
      amount: session.amount,
      since: session.since,
    } satisfies Partial<InboxItem>)
    put(item)
  }

  // 入金待ち, or past the deadline without Paygent's expiry notice.
  const grace = options.expiryGraceHours * 60 * 60 * 1000
  for (const session of sources.awaiting) {
    const order = orderOfCollection(session.payment_collection_id)
    const state = stateOf(session.data)
    const status = state?.payment_status ?? "10"
    if (!order || order.status === "canceled" || status !== "10") {
      continue
    }
    const method = paygentMethodOf(session.provider_id) ?? null
    const deadline = paymentDeadline(state)
    const overdue = !!deadline && now.getTime() > deadline.getTime() + grace
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
    if (staleIds.has(session.id)) {
      // Already listed as abandoned (net bank, no bank chosen): add the deadline it has.
      Object.assign(items.get(`checkout_abandoned:${session.id}`) ?? {}, { deadline: common.deadline, status: common.status })
      continue
    }
    if (overdue) {
      put(Object.assign(blank("notice_overdue", "expiry_not_reported", session.id), common, { severity: "warning" as Severity }))
    } else {
      put(Object.assign(blank("awaiting_payment", method ?? "unknown", session.id), common))
    }
  }

  // Medusa payments: capture deadlines, amounts, konbini confirmations, what the plugin flagged.
  const warnMs = options.captureDeadlineWarningDays * DAY_MS
  const paymentItems = new Map<string, InboxItem>()
  for (const payment of sources.payments) {
    const state = stateOf(payment.data)
    const method = paygentMethodOf(payment.provider_id) ?? null
    if (!state || !method || payment.canceled_at) {
      continue
    }
    const order = orderOfCollection(payment.payment_collection_id)
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
    if (method === "card" && status === "20" && payment.captured === 0) {
      const deadline = captureDeadline(state)
      if (deadline && now.getTime() >= deadline.getTime() - warnMs) {
        const passed = now.getTime() > deadline.getTime()
        const item = put(
          Object.assign(blank("capture_deadline", passed ? "expired" : "near", payment.id), common, {
            severity: (passed ? "critical" : "warning") as Severity,
            since: state.authorized_at ?? payment.created_at,
            deadline: deadline.toISOString(),
            capturable: !passed && !!order && order.status !== "canceled",
          })
        )
        paymentItems.set(`capture_deadline:${payment.id}`, item)
      }
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
      const aboveTotal = HOLDING.has(status) && amounts.amount_at_paygent > order.total
      if (amounts.mismatch || aboveTotal) {
        put(
          Object.assign(blank("amount_mismatch", amounts.mismatch ? "paygent_vs_medusa" : "above_order_total", payment.id), common, {
            severity: "warning" as Severity,
            since: state.last_operation?.at ?? state.authorized_at ?? payment.created_at,
            amounts: {
              at_paygent: amounts.amount_at_paygent,
              expected_at_paygent: amounts.expected_at_paygent,
              order_total: order.total,
            },
          })
        )
      }
    }
    if (method !== "card" && status === "43") {
      const since = state.last_notice?.applied_at ?? state.paid_at ?? payment.created_at
      if (now.getTime() - new Date(since).getTime() > PRELIMINARY_CONFIRM_DAYS * DAY_MS) {
        put(Object.assign(blank("notice_overdue", "confirmation_not_reported", payment.id), common, { severity: "warning" as Severity, since }))
      }
    }
    const pending = (state as PaygentState & { change_pending?: { requested_at?: string } | null }).change_pending
    if (pending) {
      put(Object.assign(blank("alert", "change_pending", payment.id), common, { severity: "critical" as Severity, since: pending.requested_at ?? null }))
    }
    if (state.attention) {
      put(
        Object.assign(blank("alert", "attention", payment.id), common, {
          severity: "warning" as Severity,
          since: state.attention.at,
          message: state.attention.message,
        })
      )
    }
  }

  // Manual refunds owed (a payment after cancel = a late payment).
  const refundItems: InboxItem[] = []
  for (const row of sources.manualRefunds) {
    const item = put(
      Object.assign(blank("manual_refund", row.reason, row.id), {
        severity: (row.reason === "paid_after_cancel" ? "critical" : "warning") as Severity,
        method: (paygentMethodOf(`pp_paygent-${row.method}`) ?? null) as PaygentMethod | null,
        order: orderById(row.order_id),
        medusa_payment_id: row.medusa_payment_id,
        paygent_payment_id: row.paygent_payment_id,
        trading_id: row.trading_id,
        amount: row.amount,
        since: row.created_at,
        manual_refund_id: row.id,
      })
    )
    refundItems.push(item)
  }

  // Notices stored but not applied.
  const unappliedItems = new Map<string, InboxItem>()
  for (const notice of sources.unapplied) {
    if (now.getTime() - new Date(notice.received_at).getTime() < UNAPPLIED_AFTER_MS) {
      continue
    }
    const item = put(
      Object.assign(blank("notice_overdue", "notice_unapplied", notice.id), {
        severity: "critical" as Severity,
        order: orderById(notice.order_id),
        payment_session_id: notice.payment_session_id,
        paygent_payment_id: notice.paygent_payment_id,
        trading_id: notice.trading_id,
        since: notice.received_at,
        notice_id: notice.id,
        message: notice.last_error ? { ja: notice.last_error, en: notice.last_error } : null,
      })
    )
    unappliedItems.set(notice.id, item)
  }

  // Open alerts: joined to the item they are about, else listed on their own.
  for (const alert of sources.alerts) {
    const message = { ja: alert.message_ja, en: alert.message_en }
    const attach = (item: InboxItem | undefined) => {
      if (!item || item.alert_id) {
        return false
      }
      item.alert_id = alert.id
      item.message ??= message
      return true
    }
    if (alert.kind === "capture_deadline_near") {
      // Joined to the payment's item; once it was captured or cancelled (no item any more) the warning is moot.
      attach(paymentItems.get(`capture_deadline:${alert.medusa_payment_id}`))
      continue
    }
    if (
      alert.kind === "paid_after_cancel" &&
      attach(
        refundItems.find(
          (r) =>
            (alert.paygent_payment_id && r.paygent_payment_id === alert.paygent_payment_id) ||
            (alert.trading_id && r.trading_id === alert.trading_id) ||
            (alert.order_id && r.order?.id === alert.order_id)
        )
      )
    ) {
      continue
    }
    const noticeId = typeof alert.data?.notice_id === "string" ? alert.data.notice_id : undefined
    if (alert.kind === "notice_apply_failed" && noticeId && attach(unappliedItems.get(noticeId))) {
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
    const payment = sources.payments.find((p) => p.id === alert.medusa_payment_id)
    const order = orderById(alert.order_id) ?? (payment ? orderOfCollection(payment.payment_collection_id) : null)
    put(
      Object.assign(blank(reason, alert.kind, alert.id), {
        severity: alert.severity,
        method: payment ? (paygentMethodOf(payment.provider_id) ?? null) : null,
        order,
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

  return sortInbox([...items.values()])
}

/** Most urgent first: severity, then the nearest deadline, then the oldest. */
export function sortInbox(items: InboxItem[]): InboxItem[] {
  const time = (value: string | null, fallback: number) => (value ? new Date(value).getTime() : fallback)
  return items.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      time(a.deadline, Infinity) - time(b.deadline, Infinity) ||
      time(a.since, Infinity) - time(b.since, Infinity) ||
      a.id.localeCompare(b.id)
  )
}

export interface InboxFilters {
  reasons?: InboxReason[]
  methods?: PaygentMethod[]
  limit: number
  offset: number
}

/** Filters by reason and method, counts per reason (within the method filter), and returns one page. */
export function pageInbox(all: InboxItem[], filters: InboxFilters) {
  const byMethod = filters.methods?.length ? all.filter((item) => item.method && filters.methods!.includes(item.method)) : all
  const counts = Object.fromEntries(INBOX_REASONS.map((reason) => [reason, 0])) as Record<InboxReason, number>
  for (const item of byMethod) {
    counts[item.reason]++
  }
  const matching = filters.reasons?.length ? byMethod.filter((item) => filters.reasons!.includes(item.reason)) : byMethod
  return {
    items: matching.slice(filters.offset, filters.offset + filters.limit),
    count: matching.length,
    limit: filters.limit,
    offset: filters.offset,
    counts,
  }
}
