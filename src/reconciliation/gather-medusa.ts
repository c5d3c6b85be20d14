import type { BigNumberInput, IPaymentModuleService, MedusaContainer, PaymentDTO, PaymentSessionDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import type PaygentModuleService from "../modules/paygent/service"
import { PAYMENT_TYPE_OF, paygentMethodOf } from "../operations/order-payments"
import { stateOf } from "../providers/paygent/core/session-data"
import { sessionOfTradingId } from "../modules/paygent/trading-id"
import { paygentProviderIds } from "../sync/providers"
import type { ManualRefundFact, MedusaPaymentRecord, NoticeFact, ReportRange } from "./types"
import { medusaFilter } from "../medusa/filters"

/**
 * Medusa's side of the report, and what the plugin's own tables say happened in the range: the telegram ledger and
 * the notice history show which payments changed (by the plugin, by Paygent Online, by a shopper paying), the manual
 * refund table what is owed by hand.
 */

/** Most rows read per query; a shop with more Paygent payments per range than this should report shorter ranges. */
const TAKE = 10_000

/** Telegram kinds that neither create nor change a payment (inquiries, 3-D Secure, stored cards). */
const READ_ONLY_KINDS = ["091", "094", "450", "025", "026", "027", "116"]
/** Ledger outcomes after which the telegram may have created or changed a payment. */
const MAYBE_APPLIED = new Set(["success", "pending", "unknown_outcome"])

export interface ActivityRef {
  payment_id: string | null
  trading_id: string | null
  payment_session_id: string | null
  medusa_payment_id: string | null
  source: "notice" | "ledger"
}

export interface Activity {
  refs: ActivityRef[]
  notices: NoticeFact[]
}

function yen(value: unknown): number {
  if (value === null || value === undefined) {
    return 0
  }
  return MathBN.convert(value as BigNumberInput).toNumber()
}

function sum(rows: Array<{ amount?: unknown; raw_amount?: unknown }> | null | undefined): number {
  return (rows ?? []).reduce((total, row) => total + yen(row.raw_amount ?? row.amount), 0)
}

/** The payment session a payment was made from (the DTO type omits the foreign key the row carries). */
function sessionIdOf(payment: PaymentDTO): string | null {
  const row = payment as PaymentDTO & { payment_session_id?: string | null }
  return row.payment_session_id ?? payment.payment_session?.id ?? null
}

function iso(value: Date | string | null | undefined): string | null {
  if (!value) {
    return null
  }
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

function inRange(range: ReportRange) {
  return { $gte: range.start, $lt: range.end }
}

/** Ledger rows and notices of the range: which Paygent payments changed, and the notice history. */
export async function gatherActivity(service: PaygentModuleService, range: ReportRange): Promise<Activity> {
  const [telegrams, notices] = await Promise.all([
    service.listPaygentTelegrams({ started_at: inRange(range), telegram_kind: { $nin: READ_ONLY_KINDS } }, {
      select: ["paygent_payment_id", "trading_id", "payment_session_id", "medusa_payment_id", "outcome", "telegram_kind"],
      take: TAKE,
    }),
    service.listPaygentNotices({ received_at: inRange(range) }, {
      select: ["paygent_payment_id", "trading_id", "payment_session_id", "payment_status", "change_date", "received_at", "applied_at"],
      order: { received_at: "ASC" },
      take: TAKE,
    }),
  ])
  const refs: ActivityRef[] = []
  for (const row of telegrams) {
    if (!MAYBE_APPLIED.has(row.outcome) || (!row.paygent_payment_id && !row.trading_id)) {
      continue
    }
    refs.push({
      payment_id: row.paygent_payment_id ?? null,
      trading_id: row.trading_id ?? null,
      payment_session_id: row.payment_session_id ?? null,
      medusa_payment_id: row.medusa_payment_id ?? null,
      source: "ledger",
    })
  }
  for (const row of notices) {
    refs.push({
      payment_id: row.paygent_payment_id || null,
      trading_id: row.trading_id || null,
      payment_session_id: row.payment_session_id ?? null,
      medusa_payment_id: null,
      source: "notice",
    })
  }
  return {
    refs,
    notices: notices.map((row) => ({
      payment_id: row.paygent_payment_id || null,
      trading_id: row.trading_id || null,
      payment_status: row.payment_status,
      change_date: row.change_date ?? null,
      received_at: iso(row.received_at as Date) ?? "",
      applied: !!row.applied_at,
    })),
  }
}

/** Manual refunds created, returned or withdrawn in the range, and every one still owed. */
export async function gatherManualRefunds(service: PaygentModuleService, range: ReportRange): Promise<ManualRefundFact[]> {
  const rows = await service.listPaygentManualRefunds(
    {
      $or: [
        { created_at: inRange(range) },
        { refunded_at: inRange(range) },
        { updated_at: inRange(range) },
        { status: "owed", created_at: { $lt: range.end } },
      ],
    },
    { order: { created_at: "ASC" }, take: TAKE }
  )
  return rows.map((row) => ({
    id: row.id,
    order_id: row.order_id ?? null,
    medusa_payment_id: row.medusa_payment_id ?? null,
    paygent_payment_id: row.paygent_payment_id ?? null,
    trading_id: row.trading_id ?? null,
    method: row.method,
    amount: row.amount,
    reason: row.reason,
    status: row.status,
    customer_name: row.customer_name ?? null,
    created_at: iso(row.created_at as Date),
    refunded_at: iso(row.refunded_at as Date | null),
  }))
}

export interface OrderRef {
  id: string
  display_id: number | null
  status: string | null
}

/** The orders of payment collections (order ↔ payment collection link). */
export async function ordersOfCollections(container: MedusaContainer, collectionIds: string[]): Promise<Map<string, OrderRef>> {
  const orders = new Map<string, OrderRef>()
  const ids = [...new Set(collectionIds.filter(Boolean))]
  if (!ids.length) {
    return orders
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order_payment_collection",
    fields: ["payment_collection_id", "order.id", "order.display_id", "order.status"],
    filters: { payment_collection_id: ids },
  })
  for (const link of data as Array<{ payment_collection_id: string; order?: { id: string; display_id?: number; status?: string } }>) {
    if (link.order?.id) {
      orders.set(link.payment_collection_id, { id: link.order.id, display_id: link.order.display_id ?? null, status: link.order.status ?? null })
    }
  }
  return orders
}

/** Session statuses in which a session without a Medusa payment still stands for a payment at Paygent. */
const SESSION_STATUSES = ["pending_authorization", "authorized", "captured", "canceled"]

/**
 * Medusa's Paygent payments the report looks at: those created, updated, captured or cancelled in the range, those
 * still open (authorized and not captured) created before its end, sessions still waiting for the shopper (入金待ち),
 * and every payment or session the ledger or the notices of the range mention.
 */
export async function gatherMedusaRecords(container: MedusaContainer, range: ReportRange, activity: Activity): Promise<MedusaPaymentRecord[]> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const providers = await paygentProviderIds(container)
  if (!providers.length) {
    return []
  }
  const window = inRange(range)
  const relations = { relations: ["captures", "refunds"], take: TAKE }
  const payments = new Map<string, PaymentDTO>()
  const add = (list: PaymentDTO[]) => list.forEach((p) => payments.set(p.id, p))
  add(
    await paymentModule.listPayments(
      medusaFilter({
        provider_id: providers,
        $or: [
          { created_at: window },
          { updated_at: window },
          { captured_at: window },
          { canceled_at: window },
          { captured_at: null, canceled_at: null, created_at: { $lt: range.end } },
        ],
      }),
      relations
    )
  )

  const sessions = new Map<string, PaymentSessionDTO>()
  const addSessions = (list: PaymentSessionDTO[]) => list.forEach((s) => sessions.set(s.id, s))
  addSessions(
    await paymentModule.listPaymentSessions(
      medusaFilter({
        provider_id: providers,
        $or: [
          { status: "pending_authorization", created_at: { $lt: range.end } },
          { status: SESSION_STATUSES, created_at: window },
          { status: SESSION_STATUSES, updated_at: window },
        ],
      }),
      { relations: ["payment"], take: TAKE }
    )
  )

  // Whatever the ledger and the notices of the range point at.
  const sessionIds = new Set<string>()
  const paymentIds = new Set<string>()
  for (const ref of activity.refs) {
    const session = ref.payment_session_id ?? (ref.trading_id ? sessionOfTradingId(ref.trading_id)?.sessionId : undefined)
    if (session && !sessions.has(session)) {
      sessionIds.add(session)
    }
    if (ref.medusa_payment_id && !payments.has(ref.medusa_payment_id)) {
      paymentIds.add(ref.medusa_payment_id)
    }
  }
  if (sessionIds.size) {
    addSessions(
      (await paymentModule.listPaymentSessions(medusaFilter({ id: [...sessionIds], provider_id: providers }), { relations: ["payment"], take: TAKE })).filter(
        (s) => !!s.payment || SESSION_STATUSES.includes(s.status)
      )
    )
  }
  for (const session of sessions.values()) {
    const payment = (session as PaymentSessionDTO & { payment?: PaymentDTO | null }).payment
    if (payment?.id && !payments.has(payment.id)) {
      paymentIds.add(payment.id)
    }
  }
  if (paymentIds.size) {
    add(await paymentModule.listPayments(medusaFilter({ id: [...paymentIds], provider_id: providers }), relations))
  }

  const paidSessions = new Set([...payments.values()].map((p) => sessionIdOf(p)).filter((id): id is string => !!id))
  const orders = await ordersOfCollections(container, [
    ...[...payments.values()].map((p) => p.payment_collection_id),
    ...[...sessions.values()].map((s) => s.payment_collection_id),
  ])

  const records: MedusaPaymentRecord[] = []
  for (const payment of payments.values()) {
    const method = paygentMethodOf(payment.provider_id)
    const state = stateOf(payment.data as Record<string, unknown>)
    if (!method || !state) {
      continue
    }
    const order = orders.get(payment.payment_collection_id)
    records.push({
      medusa_payment_id: payment.id,
      payment_session_id: sessionIdOf(payment),
      payment_collection_id: payment.payment_collection_id ?? null,
      order_id: order?.id ?? null,
      order_display_id: order?.display_id ?? null,
      order_status: order?.status ?? null,
      provider_id: payment.provider_id,
      method,
      payment_type: PAYMENT_TYPE_OF[method],
      payment_id: state.payment_id ?? null,
      previous_payment_ids: state.previous_payment_ids ?? [],
      trading_id: state.trading_id ?? null,
      zero_amount: !!state.zero_amount,
      amount: yen((payment as PaymentDTO & { raw_amount?: unknown }).raw_amount ?? payment.amount),
      captured: sum(payment.captures),
      refunded: sum(payment.refunds),
      captured_at: iso(payment.captured_at as Date | string | null),
      canceled_at: iso(payment.canceled_at as Date | string | null),
      session_status: null,
      recorded_status: state.payment_status ?? null,
      recorded_manual_refunds: (state.manual_refunds ?? []).reduce((total, row) => total + row.amount, 0),
      created_at: iso(payment.created_at as Date | string),
    })
  }
  for (const session of sessions.values()) {
    const method = paygentMethodOf(session.provider_id)
    const state = stateOf(session.data)
    if (!method || !state || paidSessions.has(session.id) || (session as { payment?: unknown }).payment) {
      continue
    }
    if (!SESSION_STATUSES.includes(session.status) || (!state.payment_id && !state.trading_id && !state.zero_amount)) {
      continue
    }
    const order = orders.get(session.payment_collection_id)
    records.push({
      medusa_payment_id: null,
      payment_session_id: session.id,
      payment_collection_id: session.payment_collection_id ?? null,
      order_id: order?.id ?? null,
      order_display_id: order?.display_id ?? null,
      order_status: order?.status ?? null,
      provider_id: session.provider_id,
      method,
      payment_type: PAYMENT_TYPE_OF[method],
      payment_id: state.payment_id ?? null,
      previous_payment_ids: state.previous_payment_ids ?? [],
      trading_id: state.trading_id ?? null,
      zero_amount: !!state.zero_amount,
      amount: yen((session as PaymentSessionDTO & { raw_amount?: unknown }).raw_amount ?? session.amount),
      captured: 0,
      refunded: 0,
      captured_at: null,
      canceled_at: null,
      session_status: session.status,
      recorded_status: state.payment_status ?? null,
      recorded_manual_refunds: (state.manual_refunds ?? []).reduce((total, row) => total + row.amount, 0),
      created_at: iso((session as { created_at?: Date | string }).created_at),
    })
  }
  return records
}

export interface SessionContext {
  exists: boolean
  status: string | null
  order: OrderRef | null
}

/** For Paygent payments no record accounts for: does their trading_id's session exist, and has it an order? */
export async function sessionContexts(container: MedusaContainer, sessionIds: string[]): Promise<Map<string, SessionContext>> {
  const contexts = new Map<string, SessionContext>()
  const ids = [...new Set(sessionIds.filter(Boolean))]
  if (!ids.length) {
    return contexts
  }
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const sessions = await paymentModule.listPaymentSessions({ id: ids }, { take: TAKE })
  const orders = await ordersOfCollections(
    container,
    sessions.map((s) => s.payment_collection_id)
  )
  for (const id of ids) {
    const session = sessions.find((s) => s.id === id)
    contexts.set(id, {
      exists: !!session,
      status: session?.status ?? null,
      order: session ? (orders.get(session.payment_collection_id) ?? null) : null,
    })
  }
  return contexts
}
