import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Indexes on two of Medusa's payment tables for the plugin's admin reads at scale (the 決済処理中 inbox and the
 * stale-session sweep: src/api/admin/paygent/inbox/sql-reads.ts, src/sync/stale.ts). Medusa indexes
 * payment_session only by collection and payment by provider alone, so those reads scanned every session or payment
 * and sorted them; with these they walk the index in the order they list and stop at their bound (measured in
 * docs/performance.md). Named IDX_paygent_* so that they never collide with Medusa's own; partial like Medusa's (live
 * rows only). Skipped, with a notice, if the payment module's tables are not there yet (they are
 * whenever the payment module is installed, which this plugin requires).
 */
export class Migration20261128120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`DO $$ BEGIN
  IF to_regclass('payment_session') IS NOT NULL THEN
    CREATE INDEX IF NOT EXISTS "IDX_paygent_payment_session_status_updated" ON "payment_session" ("status", "updated_at") WHERE deleted_at IS NULL;
  ELSE
    RAISE NOTICE 'payment_session not found: IDX_paygent_payment_session_status_updated not created';
  END IF;
  IF to_regclass('payment') IS NOT NULL THEN
    CREATE INDEX IF NOT EXISTS "IDX_paygent_payment_open_created" ON "payment" ("created_at") WHERE deleted_at IS NULL AND canceled_at IS NULL;
  ELSE
    RAISE NOTICE 'payment not found: IDX_paygent_payment_open_created not created';
  END IF;
END $$;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_paygent_payment_session_status_updated";`)
    this.addSql(`drop index if exists "IDX_paygent_payment_open_created";`)
  }
}
