/**
 * Recent payments the inbox may flag: amounts that disagree (Paygent vs Medusa's captures and refunds, or more than
 * the order total), a konbini 速報 (43) still waiting for its 確報, a change pending, something marked for attention.
 *
 * Of the newest `limit` payments (not cancelled, created since `since`) only those that can be flagged come back,
 * with their orders: the conditions below are those of items.ts (addPayment) and operations/order-payments.ts
 * (amountsOf) written in SQL, loose where JavaScript checks more (the 10 days of a 43, the order not cancelled), so
 * that items.ts decides on every row it gets and a page no longer reads, joins and parses a thousand payments of which
 * almost none are flagged (docs/performance.md). Should amountsOf change, this must follow; the inbox's integration
 * test lists a payment whose amounts disagree.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ORDER_COLUMNS, ORDER_JOIN, orderOf, PAYMENT_STATE, paymentOf, type ReadWithOrder } from "./sql-reads"
import type { InboxPayment } from "./types"

type Row = Record<string, any>

/** The Paygent state's amount, or NULL when it is not a number (then the amounts disagree, as in JavaScript). */
const STATE_AMOUNT = `(case when jsonb_typeof(X.data->'paygent'->'amount') = 'number' then (X.data->'paygent'->'amount')::numeric end)`
const STATUS = `(X.data->'paygent'->>'payment_status')`
const NOT_CARD = `(X.provider_id <> all(?))`
/** amountsOf: what Paygent holds (statuses 20, 40, 41, 43, and 10 for konbini / ATM / net bank). */
const AT_PAYGENT = `(case when ${STATUS} in ('20', '40', '41', '43') or (${NOT_CARD} and ${STATUS} = '10') then ${STATE_AMOUNT} else 0 end)`
/** amountsOf: money Paygent holds that the merchant owes back by hand. */
const MANUAL = `coalesce((select sum(case when jsonb_typeof(e->'amount') = 'number' then (e->'amount')::numeric else 0 end)
    from jsonb_array_elements(case when jsonb_typeof(X.data->'paygent'->'manual_refunds') = 'array'
                                   then X.data->'paygent'->'manual_refunds' else '[]'::jsonb end) e), 0)`
/** amountsOf: what Medusa's records say Paygent should hold (the payment is not cancelled here). */
const EXPECTED = `(case when sums.captured > 0 then sums.captured - sums.refunded else X.amount end)`

export async function readFlaggablePayments(
  knex: Knex,
  { providers, cardProviders, since, limit }: { providers: string[]; cardProviders: string[]; since: Date; limit: number }
): Promise<Array<ReadWithOrder<InboxPayment>>> {
  if (!providers.length) {
    return []
  }
  const cards = cardProviders.length ? cardProviders : [""]
  const { rows } = await knex.raw(
    `select X.id, X.provider_id, X.amount, X.captured_at, X.canceled_at, X.payment_session_id, X.payment_collection_id,
            ${PAYMENT_STATE} as data, X.created_at, sums.captured, sums.refunded, ${ORDER_COLUMNS}
       from (select id from payment
              where deleted_at is null and canceled_at is null and created_at >= ? and provider_id = any(?)
              order by created_at desc limit ?) picked
       join payment X on X.id = picked.id
       cross join lateral (
         select coalesce((select sum(c.amount) from capture c where c.payment_id = X.id and c.deleted_at is null), 0) as captured,
                coalesce((select sum(r.amount) from refund r where r.payment_id = X.id and r.deleted_at is null), 0) as refunded
       ) sums
       ${ORDER_JOIN}
      where jsonb_typeof(X.data->'paygent') = 'object'
        and (jsonb_typeof(X.data->'paygent'->'change_pending') = 'object'
          or jsonb_typeof(X.data->'paygent'->'attention') = 'object'
          or (${NOT_CARD} and ${STATUS} = '43')
          or (coalesce(X.data->'paygent'->>'zero_amount', 'false') <> 'true'
              and (${AT_PAYGENT} - ${MANUAL} is distinct from ${EXPECTED}
                   or (${STATUS} in ('20', '40') and ${AT_PAYGENT} > coalesce((s.totals->>'current_order_total')::numeric, 0)))))
      order by X.created_at desc`,
    [since, providers, limit, cards, cards, cards]
  )
  return (rows as Row[]).map((row) => ({ row: paymentOf(row, "flags"), order: orderOf(row) }))
}
