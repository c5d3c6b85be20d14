/**
 * The plugin's own records the inbox lists — manual refunds owed, open alerts, notices not applied — each with its
 * order, in one SQL statement per kind (the columns the inbox shows only). Through the module each came hydrated with
 * every column (a notice's fields, an alert's data) and their orders needed a second read after all of them; at
 * 100,000 orders that was about half of an inbox request (docs/performance.md). Indexes: the plugin's own
 * (status, created_at), (resolved_at, created_at), (applied_at, received_at).
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { isoOf, json, ORDER_COLUMNS, orderOf, type ReadWithOrder } from "./sql-reads"
import type { InboxAlert, InboxManualRefund, InboxNotice } from "./types"

type Row = Record<string, any>

/** The record's order (alias T for the record's table). */
const ORDER_JOIN = `left join "order" o on o.id = T.order_id and o.deleted_at is null
  left join order_summary s on s.order_id = o.id and s.version = o.version and s.deleted_at is null`

/** Live rows of `table` matching `where`, oldest `oldestFirst` first (then by id), with their orders. */
async function read(knex: Knex, table: string, columns: string, where: string, oldestFirst: string, limit: number): Promise<Row[]> {
  const { rows } = await knex.raw(
    `select ${columns}, ${ORDER_COLUMNS}
       from (select * from ${table} where deleted_at is null and ${where} order by ${oldestFirst}, id limit ?) T ${ORDER_JOIN}
      order by T.${oldestFirst}, T.id`,
    [limit]
  )
  return rows as Row[]
}

/** Manual refunds owed, oldest first. */
export async function readManualRefundsOwed(knex: Knex, limit: number): Promise<Array<ReadWithOrder<InboxManualRefund>>> {
  const rows = await read(
    knex,
    "paygent_manual_refund",
    "T.id, T.order_id, T.medusa_payment_id, T.paygent_payment_id, T.trading_id, T.method, T.amount, T.reason, T.note, T.created_at",
    "status = 'owed'",
    "created_at",
    limit
  )
  return rows.map((row) => ({
    row: {
      id: row.id,
      order_id: row.order_id ?? null,
      medusa_payment_id: row.medusa_payment_id ?? null,
      paygent_payment_id: row.paygent_payment_id ?? null,
      trading_id: row.trading_id ?? null,
      method: row.method,
      amount: Number(row.amount),
      reason: row.reason,
      note: row.note ?? null,
      created_at: isoOf(row.created_at),
    },
    order: orderOf(row),
  }))
}

/** Alerts not resolved, oldest first. */
export async function readOpenAlerts(knex: Knex, limit: number): Promise<Array<ReadWithOrder<InboxAlert>>> {
  const rows = await read(
    knex,
    "paygent_alert",
    `T.id, T.kind, T.severity, T.order_id, T.payment_session_id, T.medusa_payment_id, T.paygent_payment_id, T.trading_id,
     T.message_ja, T.message_en, T.data, T.created_at`,
    "resolved_at is null",
    "created_at",
    limit
  )
  return rows.map((row) => ({
    row: {
      id: row.id,
      kind: row.kind,
      severity: row.severity,
      order_id: row.order_id ?? null,
      payment_session_id: row.payment_session_id ?? null,
      medusa_payment_id: row.medusa_payment_id ?? null,
      paygent_payment_id: row.paygent_payment_id ?? null,
      trading_id: row.trading_id ?? null,
      message_ja: row.message_ja,
      message_en: row.message_en,
      data: json(row.data),
      created_at: isoOf(row.created_at),
    },
    order: orderOf(row),
  }))
}

/** Notices stored and not applied, oldest first. */
export async function readUnappliedNotices(knex: Knex, limit: number): Promise<Array<ReadWithOrder<InboxNotice>>> {
  const rows = await read(
    knex,
    "paygent_notice",
    `T.id, T.payment_notice_id, T.paygent_payment_id, T.trading_id, T.payment_type, T.payment_status, T.payment_session_id,
     T.order_id, T.received_at, T.apply_attempts, T.last_error`,
    "applied_at is null",
    "received_at",
    limit
  )
  return rows.map((row) => ({
    row: {
      id: row.id,
      payment_notice_id: row.payment_notice_id ?? null,
      paygent_payment_id: row.paygent_payment_id ?? null,
      trading_id: row.trading_id ?? null,
      payment_type: row.payment_type,
      payment_status: row.payment_status,
      payment_session_id: row.payment_session_id ?? null,
      order_id: row.order_id ?? null,
      received_at: isoOf(row.received_at),
      apply_attempts: Number(row.apply_attempts ?? 0),
      last_error: row.last_error ?? null,
    },
    order: orderOf(row),
  }))
}
