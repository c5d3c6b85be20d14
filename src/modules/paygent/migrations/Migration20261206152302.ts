import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * The telegram ledger notes the payment collection of a session Medusa deletes (a shopper who chose again at
 * checkout: Medusa removes the earlier session for good), so the order panel can still show that attempt (a declined
 * card, a replaced konbini number) from its telegrams.
 */
export class Migration20261206152302 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "paygent_telegram" add column if not exists "payment_collection_id" text null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_telegram_payment_collection_id" ON "paygent_telegram" ("payment_collection_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_paygent_telegram_payment_collection_id";`);
    this.addSql(`alter table if exists "paygent_telegram" drop column if exists "payment_collection_id";`);
  }

}
