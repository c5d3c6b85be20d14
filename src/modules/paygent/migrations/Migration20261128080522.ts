import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128080522 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_manual_refund_medusa_payment_id" ON "paygent_manual_refund" ("medusa_payment_id") WHERE deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_notice_payment_session_id" ON "paygent_notice" ("payment_session_id") WHERE deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_telegram_medusa_payment_id" ON "paygent_telegram" ("medusa_payment_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_paygent_manual_refund_medusa_payment_id";`);

    this.addSql(`drop index if exists "IDX_paygent_notice_payment_session_id";`);

    this.addSql(`drop index if exists "IDX_paygent_telegram_medusa_payment_id";`);
  }

}
