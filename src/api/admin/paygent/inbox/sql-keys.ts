/**
 * Deadline keys of the inbox's two large lists, as SQL expressions over Medusa's `data` column, so that PostgreSQL can
 * keep them in an index (Migration20261128150000) and hand out the most urgent rows first without reading the rest.
 *
 * An index expression must be immutable, which rules out casting Paygent's dates to timestamptz (that depends on the
 * session's time zone). The keys are therefore strings that sort like the moments they stand for:
 * - a konbini / ATM / net-bank payment deadline as JST local time `YYYYMMDDHHMMSS` (Paygent's dates are JST: a
 *   payment_limit_date `YYYY-MM-DD` or `YYYYMMDD` is payable until 23:59:59 that day; a net-bank
 *   asp_payment_limit_date is stored as `YYYY-MM-DDTHH:MM:SS+09:00` by paygentDateToIso);
 * - a card capture deadline as the ISO 8601 UTC string the provider stores (`toISOString()`), or a date `YYYY-MM-DD`
 *   read as the end of that JST day.
 * Anything else sorts last and is never due (NO_DEADLINE_KEY; NULL for a capture deadline); items.ts computes the same deadlines in JavaScript
 * (paymentDeadline, captureDeadline) for what it shows.
 *
 * No `?` in them: knex reads every `?` of a raw statement as a binding.
 *
 * The migration repeats these expressions literally (a migration must not change when this file does); a unit test
 * checks that the two agree, and the inbox integration test that PostgreSQL uses the indexes for these reads.
 */

/** The session key of a payment without a deadline we can read: after every real one. */
export const NO_DEADLINE_KEY = "99999999999999"

/**
 * The payment deadline of a konbini / ATM / net-bank session, JST local `YYYYMMDDHHMMSS`, or NO_DEADLINE_KEY (never
 * NULL: the reads ask for one range of the index, and `key > x OR key IS NULL` would make PostgreSQL read and sort
 * every row instead of walking the index). Alias of the table: X.
 */
export const SESSION_DEADLINE_KEY = `COALESCE((CASE X.data->'paygent'->'instructions'->>'kind'
      WHEN 'banknet' THEN (CASE
        WHEN X.data->'paygent'->'instructions'->>'asp_payment_limit_date' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+]09:00$'
          THEN translate(left(X.data->'paygent'->'instructions'->>'asp_payment_limit_date', 19), '-T:', '')
        WHEN X.data->'paygent'->'instructions'->>'asp_payment_limit_date' ~ '^[0-9]{4}-{0,1}[0-9]{2}-{0,1}[0-9]{2}$'
          THEN replace(X.data->'paygent'->'instructions'->>'asp_payment_limit_date', '-', '') || '235959'
      END)
      ELSE (CASE
        WHEN X.data->'paygent'->'instructions'->>'payment_limit_date' ~ '^[0-9]{4}-{0,1}[0-9]{2}-{0,1}[0-9]{2}$'
          THEN replace(X.data->'paygent'->'instructions'->>'payment_limit_date', '-', '') || '235959'
      END)
    END), '99999999999999')`

/** The capture deadline of a card payment, ISO 8601 UTC (`…T…Z` with milliseconds). Alias of the table: X. */
export const CAPTURE_DEADLINE_KEY = `(CASE
    WHEN X.data->'paygent'->>'capture_deadline' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{3}Z$'
      THEN X.data->'paygent'->>'capture_deadline'
    WHEN X.data->'paygent'->>'capture_deadline' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
      THEN (X.data->'paygent'->>'capture_deadline') || 'T14:59:59.000Z'
  END)`

/** A moment as a session deadline key: JST local `YYYYMMDDHHMMSS` (seconds cut off). */
export function jstKeyOf(moment: Date): string {
  const jst = new Date(moment.getTime() + 9 * 60 * 60 * 1000).toISOString()
  return jst.slice(0, 19).replace(/[-T:]/g, "")
}

/** A moment as a capture deadline key. */
export function isoKeyOf(moment: Date): string {
  return moment.toISOString()
}
