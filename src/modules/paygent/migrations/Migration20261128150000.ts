import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Deadline indexes on two of Medusa's payment tables for the 決済処理中 inbox's two large lists (orders waiting for
 * payment, card authorizations near their capture deadline), which it reads a page at a time nearest deadline first
 * (src/api/admin/paygent/inbox/sql-pages.ts): with these PostgreSQL walks the deadlines in order and stops after a
 * page and a bounded count, instead of computing the deadline of every waiting session or open authorization and
 * sorting them all (docs/performance.md). The expressions are those of src/api/admin/paygent/inbox/sql-keys.ts at the
 * time of this migration (a unit test checks they still agree: the reads use an index only when they do). Partial
 * like Medusa's own (live rows, and only the rows the lists can hold). Skipped, with a notice, if the payment
 * module's tables are not there yet.
 *
 * It also replaces IDX_paygent_payment_session_status_updated (Migration20261128120000) by one that leads with the
 * provider: the stale-session sweep asks for pending / requires_more sessions of the Paygent providers or net-bank
 * sessions waiting for payment, and with (status, updated_at) alone PostgreSQL read every session instead (90 ms at
 * 100,000 orders, on every inbox and sync-panel request and every run of the job).
 */
export class Migration20261128150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`DO $$ BEGIN
  IF to_regclass('payment_session') IS NOT NULL THEN
    CREATE INDEX IF NOT EXISTS "IDX_paygent_payment_session_provider_status_updated" ON "payment_session" ("provider_id", "status", "updated_at") WHERE deleted_at IS NULL;
    DROP INDEX IF EXISTS "IDX_paygent_payment_session_status_updated";
    CREATE INDEX IF NOT EXISTS "IDX_paygent_payment_session_deadline" ON "payment_session" (
      COALESCE((CASE data->'paygent'->'instructions'->>'kind'
            WHEN 'banknet' THEN (CASE
              WHEN data->'paygent'->'instructions'->>'asp_payment_limit_date' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+]09:00$'
                THEN translate(left(data->'paygent'->'instructions'->>'asp_payment_limit_date', 19), '-T:', '')
              WHEN data->'paygent'->'instructions'->>'asp_payment_limit_date' ~ '^[0-9]{4}-{0,1}[0-9]{2}-{0,1}[0-9]{2}$'
                THEN replace(data->'paygent'->'instructions'->>'asp_payment_limit_date', '-', '') || '235959'
            END)
            ELSE (CASE
              WHEN data->'paygent'->'instructions'->>'payment_limit_date' ~ '^[0-9]{4}-{0,1}[0-9]{2}-{0,1}[0-9]{2}$'
                THEN replace(data->'paygent'->'instructions'->>'payment_limit_date', '-', '') || '235959'
            END)
          END), '99999999999999'),
      "updated_at", "id"
    ) WHERE deleted_at IS NULL AND status = 'pending_authorization';
  ELSE
    RAISE NOTICE 'payment_session not found: IDX_paygent_payment_session_deadline not created';
  END IF;
  IF to_regclass('payment') IS NOT NULL THEN
    CREATE INDEX IF NOT EXISTS "IDX_paygent_payment_capture_deadline" ON "payment" (
      (CASE
          WHEN data->'paygent'->>'capture_deadline' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{3}Z$'
            THEN data->'paygent'->>'capture_deadline'
          WHEN data->'paygent'->>'capture_deadline' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
            THEN (data->'paygent'->>'capture_deadline') || 'T14:59:59.000Z'
        END),
      (data->'paygent'->>'authorized_at'), "id"
    ) WHERE deleted_at IS NULL AND canceled_at IS NULL AND captured_at IS NULL;
  ELSE
    RAISE NOTICE 'payment not found: IDX_paygent_payment_capture_deadline not created';
  END IF;
END $$;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DO $$ BEGIN
  IF to_regclass('payment_session') IS NOT NULL THEN
    CREATE INDEX IF NOT EXISTS "IDX_paygent_payment_session_status_updated" ON "payment_session" ("status", "updated_at") WHERE deleted_at IS NULL;
  END IF;
END $$;`)
    this.addSql(`drop index if exists "IDX_paygent_payment_session_provider_status_updated";`)
    this.addSql(`drop index if exists "IDX_paygent_payment_session_deadline";`)
    this.addSql(`drop index if exists "IDX_paygent_payment_capture_deadline";`)
  }
}
