/**
 * The inbox's two large lists, read a page at a time: konbini / ATM / net-bank orders waiting for payment (入金待ち,
 * and those past their deadline without Paygent's expiry notice) and card authorizations near their capture
 * deadline. A shop can have tens of thousands of each (bench/admin.bench.ts: 30,000 and 70,000 of 100,000 orders);
 * the inbox shows them most urgent first, which for each list is nearest deadline first. Each read walks its
 * deadline index (sql-keys.ts, Migration20261128150000) and stops after `cap` matching rows: it returns the first
 * `limit` of them with their orders, and how many matched (at most `cap`; `capped` when there are more).
 *
 * Every condition that decides whether a row is an item of that list is here in SQL (the list and its count must
 * agree with the page); items.ts turns the rows into items.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { CAPTURE_DEADLINE_KEY, isoKeyOf, jstKeyOf, SESSION_DEADLINE_KEY } from "./sql-keys"
import { ORDER_COLUMNS, ORDER_JOIN, orderOf, PAYMENT_STATE, paymentOf, SESSION_STATE, sessionOf, type ReadWithOrder } from "./sql-reads"
import type { InboxPayment, InboxSession } from "./types"

type Row = Record<string, any>

export interface InboxPage<T> {
  rows: Array<ReadWithOrder<T>>
  /** Items of the list (at most `cap`). */
  total: number
  /** More than `cap` matched. */
  capped: boolean
}

/**
 * Runs `matching` (ids in list order, with the key columns named in `order`), counts up to `cap` of them and joins
 * the full row and its order for the first `limit`, in one statement: the index walk happens once.
 */
async function page(
  knex: Knex,
  { matching, bindings, table, columns, order, limit, cap }: { matching: string; bindings: Knex.RawBinding[]; table: string; columns: string; order: string; limit: number; cap: number }
): Promise<{ rows: Row[]; total: number; capped: boolean }> {
  const { rows } = await knex.transaction(async (trx): Promise<{ rows: Row[] }> => {
    // The plan must walk the deadline index in order and stop after `cap` matches. PostgreSQL cannot estimate the
    // deadline expressions (it ignores the statistics of partial indexes), nor how many rows the other conditions
    // keep, and at 100,000 orders it chose to read every waiting session and sort them (0.4–0.7 s) or to scan the whole
    // payment table (0.2–0.3 s) instead (docs/performance.md). It has no plan hints; turning the alternatives off for
    // this one statement's transaction leaves the index walk (the joins and small sorts after it are unaffected). JIT
    // off too: the penalty cost of what is turned off would make PostgreSQL compile the query (a second, measured).
    await trx.raw("set local enable_seqscan = off; set local enable_bitmapscan = off; set local enable_sort = off; set local jit = off")
    return trx.raw(
      `with matching as materialized (${matching} limit ?)
       select counted.total, picked.*
         from (select count(*)::int as total from matching) counted
         left join lateral (
           select ${columns}, ${ORDER_COLUMNS}, m.position
             from (select m.id, row_number() over (order by ${order}) as position from matching m order by ${order} limit ?) m
             join ${table} X on X.id = m.id ${ORDER_JOIN}
         ) picked on true
        order by picked.position`,
      [...bindings, cap + 1, limit]
    )
  })
  const total = (rows as Row[])[0]?.total ?? 0
  return { rows: (rows as Row[]).filter((row) => row.id), total: Math.min(total, cap), capped: total > cap }
}

/**
 * Sessions waiting for the shopper (pending_authorization, Paygent status 10) of live orders not cancelled, nearest
 * payment deadline first. `overdue`: only those whose deadline + grace has passed (`notice_overdue`), else only the
 * others (`awaiting_payment`). Net-bank sessions whose bank screen was never used and that the stale-session sweep
 * lists (older than `staleBefore`) are left out: they are 決済処理中 items (listStaleSessions).
 */
export async function readAwaitingPage(
  knex: Knex,
  options: { providers: string[]; bankNetProviders: string[]; overdue: boolean; now: Date; graceMs: number; staleBefore: Date; limit: number; cap: number }
): Promise<InboxPage<InboxSession>> {
  if (!options.providers.length) {
    return { rows: [], total: 0, capped: false }
  }
  // deadline + grace < now  ⟺  deadline < now − grace  ⟺  key ≤ the key of (now − grace − 1 ms) (keys are whole seconds).
  const overdueKey = jstKeyOf(new Date(options.now.getTime() - options.graceMs - 1))
  const { rows, total, capped } = await page(knex, {
    matching: `select X.id, ${SESSION_DEADLINE_KEY} as deadline_key, X.updated_at
       from payment_session X
      where X.deleted_at is null and X.status = 'pending_authorization' and X.provider_id = any(?)
        and coalesce(X.data->'paygent'->>'payment_status', '10') = '10'
        and ${SESSION_DEADLINE_KEY} ${options.overdue ? "<=" : ">"} ?
        and not (X.provider_id = any(?) and X.data->'paygent'->>'payment_id' is null and X.updated_at < ?)
        and exists (select 1 from order_payment_collection opc
                      join "order" o on o.id = opc.order_id and o.deleted_at is null and o.status <> 'canceled'
                     where opc.payment_collection_id = X.payment_collection_id and opc.deleted_at is null)
      order by ${SESSION_DEADLINE_KEY}, X.updated_at, X.id`,
    bindings: [options.providers, overdueKey, options.bankNetProviders, options.staleBefore],
    table: "payment_session",
    columns: `X.id, X.provider_id, X.status, X.amount, ${SESSION_STATE} as data, X.updated_at, X.payment_collection_id, ${options.overdue} as overdue`,
    order: "m.deadline_key, m.updated_at, m.id",
    limit: options.limit,
    cap: options.cap,
  })
  return { rows: rows.map((row) => ({ row: { ...sessionOf(row), overdue: row.overdue === true }, order: orderOf(row) })), total, capped }
}

/**
 * Card payments authorized (Paygent status 20), nothing captured, not cancelled, created since `since`, whose capture
 * deadline comes within `warningDays` (or has passed), nearest deadline first.
 */
export async function readCaptureDuePage(
  knex: Knex,
  options: { cardProviders: string[]; since: Date; now: Date; warningDays: number; limit: number; cap: number }
): Promise<InboxPage<InboxPayment>> {
  if (!options.cardProviders.length) {
    return { rows: [], total: 0, capped: false }
  }
  // now ≥ deadline − warning  ⟺  deadline ≤ now + warning.
  const dueKey = isoKeyOf(new Date(options.now.getTime() + options.warningDays * 24 * 60 * 60 * 1000))
  const { rows, total, capped } = await page(knex, {
    matching: `select X.id, ${CAPTURE_DEADLINE_KEY} as deadline_key, X.data->'paygent'->>'authorized_at' as authorized_at
       from payment X
      where X.deleted_at is null and X.canceled_at is null and X.captured_at is null
        and X.provider_id = any(?) and X.created_at >= ?
        and ${CAPTURE_DEADLINE_KEY} <= ?
        and X.data->'paygent'->>'payment_status' = '20'
        and not exists (select 1 from capture c where c.payment_id = X.id and c.deleted_at is null)
      order by ${CAPTURE_DEADLINE_KEY}, X.data->'paygent'->>'authorized_at', X.id`,
    bindings: [options.cardProviders, options.since, dueKey],
    table: "payment",
    columns: `X.id, X.provider_id, X.amount, X.captured_at, X.canceled_at, X.payment_session_id, X.payment_collection_id,
              ${PAYMENT_STATE} as data, X.created_at`,
    order: "m.deadline_key, m.authorized_at, m.id",
    limit: options.limit,
    cap: options.cap,
  })
  // Not captured, hence nothing refunded: the read sums neither (paymentOf gives 0).
  return { rows: rows.map((row) => ({ row: paymentOf(row, "capture_deadline"), order: orderOf(row) })), total, capped }
}
