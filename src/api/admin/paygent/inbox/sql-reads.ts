/**
 * The inbox's reads of Medusa's own tables (payment_session, payment, capture, refund, the order ↔ payment collection
 * link, order, order_summary), in plain SQL on Medusa's connection.
 *
 * Why not the payment module and Query: at 100,000 orders (bench/admin.bench.ts) the inbox read 1,000 rows from
 * each source through the ORM (each entity hydrated, captures and refunds as relations) and the orders' `total`
 * through Query, which computes totals from every item and shipping line: 5–7 s per request. These reads select
 * only the columns the inbox shows, join each row to its order in the same statement, sum captures and refunds in
 * the database and take the order total Medusa keeps in order_summary (`current_order_total`); the same request
 * then takes tens of milliseconds (docs/performance.md). They only read; every write still goes through Medusa's
 * modules and workflows. The indexes they use are in Migration20261128120000 and Migration20261128150000; each read
 * picks its rows on narrow index order first and joins the wide columns for those only. The two large lists (waiting
 * for payment, capture deadlines) are read a page at a time: sql-pages.ts.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { InboxOrder, InboxPayment, InboxPaymentRef, InboxSession } from "./types"

type Row = Record<string, any>

export function yen(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value)
}

export function isoOf(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value ?? "")
}

export function json(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) {
    return null
  }
  return typeof value === "string" ? (JSON.parse(value) as Record<string, unknown>) : (value as Record<string, unknown>)
}

/** The order columns every read joins in (a row without an order has nulls here). */
export const ORDER_COLUMNS = `o.id as order_id, o.display_id as order_display_id, o.status as order_status, o.email as order_email,
  o.currency_code as order_currency_code, (s.totals->>'current_order_total') as order_total`

export const ORDER_JOIN = `left join order_payment_collection opc on opc.payment_collection_id = X.payment_collection_id and opc.deleted_at is null
  left join "order" o on o.id = opc.order_id and o.deleted_at is null
  left join order_summary s on s.order_id = o.id and s.version = o.version and s.deleted_at is null`

/**
 * Only the fields of the plugin's state the inbox uses (items.ts): not the rest of `data` (sealed card data, shopper
 * fields) nor the large parts of the state (3-D Secure HTML, card details), which at a page of rows would be most of
 * what is read.
 */
const stateColumns = (keys: string[]) =>
  `jsonb_build_object('paygent', jsonb_strip_nulls(jsonb_build_object(${keys.map((key) => `'${key}', X.data->'paygent'->'${key}'`).join(", ")})))`

export const SESSION_STATE = stateColumns(["method", "amount", "payment_status", "payment_id", "trading_id", "instructions"])

export const PAYMENT_STATE = stateColumns([
  "method",
  "amount",
  "payment_status",
  "payment_id",
  "trading_id",
  "zero_amount",
  "authorized_at",
  "capture_deadline",
  "manual_refunds",
  "last_operation",
  "attention",
  "change_pending",
  "paid_at",
  "last_notice",
])

export function orderOf(row: Row): InboxOrder | null {
  if (!row.order_id) {
    return null
  }
  return {
    id: row.order_id,
    display_id: row.order_display_id ?? null,
    status: row.order_status,
    email: row.order_email ?? null,
    currency_code: row.order_currency_code,
    total: yen(row.order_total),
  }
}

/** A payment_session row as the inbox reads it (the columns of SESSION_STATE's reads). */
export function sessionOf(row: Row): InboxSession {
  return {
    id: row.id,
    provider_id: row.provider_id,
    status: row.status,
    amount: yen(row.amount),
    data: json(row.data),
    updated_at: isoOf(row.updated_at),
    payment_collection_id: row.payment_collection_id,
  }
}

/** A payment row as the inbox reads it; `captured` / `refunded` are 0 when the read does not sum them. */
export function paymentOf(row: Row, only: InboxPayment["only"]): InboxPayment {
  return {
    id: row.id,
    provider_id: row.provider_id,
    amount: yen(row.amount),
    captured: yen(row.captured),
    refunded: yen(row.refunded),
    captured_at: row.captured_at ? isoOf(row.captured_at) : null,
    canceled_at: row.canceled_at ? isoOf(row.canceled_at) : null,
    payment_session_id: row.payment_session_id ?? null,
    payment_collection_id: row.payment_collection_id,
    data: json(row.data),
    created_at: isoOf(row.created_at),
    only,
  }
}

export interface ReadWithOrder<T> {
  row: T
  order: InboxOrder | null
}

/** Sessions by id, with their orders (the deadline and status of net-bank sessions listed as stale). */
export async function readSessionsByIds(knex: Knex, ids: string[]): Promise<Array<ReadWithOrder<InboxSession>>> {
  if (!ids.length) {
    return []
  }
  const { rows } = await knex.raw(
    `select X.id, X.provider_id, X.status, X.amount, ${SESSION_STATE} as data, X.updated_at, X.payment_collection_id, ${ORDER_COLUMNS}
       from payment_session X ${ORDER_JOIN}
      where X.id = any(?) and X.deleted_at is null and X.status = 'pending_authorization'`,
    [ids]
  )
  return (rows as Row[]).map((row) => ({ row: sessionOf(row), order: orderOf(row) }))
}

/** Payments by id with their orders: what an alert about a payment shows (its method and order). */
export async function readPaymentRefs(knex: Knex, ids: string[]): Promise<Array<ReadWithOrder<InboxPaymentRef>>> {
  if (!ids.length) {
    return []
  }
  const { rows } = await knex.raw(
    `select X.id, X.provider_id, X.payment_collection_id, ${ORDER_COLUMNS}
       from payment X ${ORDER_JOIN}
      where X.id = any(?) and X.deleted_at is null`,
    [ids]
  )
  return (rows as Row[]).map((row) => ({
    row: { id: row.id, provider_id: row.provider_id, payment_collection_id: row.payment_collection_id },
    order: orderOf(row),
  }))
}

/** Orders by id (those named by manual refunds, alerts, notices and stale sessions). */
export async function readOrders(knex: Knex, ids: string[]): Promise<InboxOrder[]> {
  if (!ids.length) {
    return []
  }
  const { rows } = await knex.raw(
    `select ${ORDER_COLUMNS}
       from "order" o
       left join order_summary s on s.order_id = o.id and s.version = o.version and s.deleted_at is null
      where o.id = any(?) and o.deleted_at is null`,
    [ids]
  )
  return (rows as Row[]).map((row) => orderOf(row)!).filter(Boolean)
}
