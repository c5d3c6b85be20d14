import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128064912 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "paygent_manual_refund" ("id" text not null, "order_id" text null, "medusa_payment_id" text null, "paygent_payment_id" text null, "trading_id" text null, "method" text not null, "amount" integer not null, "customer_email" text null, "customer_name" text null, "reason" text not null, "status" text check ("status" in ('owed', 'refunded', 'canceled')) not null default 'owed', "note" text null, "refunded_at" timestamptz null, "created_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "paygent_manual_refund_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_manual_refund_deleted_at" ON "paygent_manual_refund" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_manual_refund_status_created_at" ON "paygent_manual_refund" ("status", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_manual_refund_order_id" ON "paygent_manual_refund" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_manual_refund_paygent_payment_id" ON "paygent_manual_refund" ("paygent_payment_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "paygent_telegram" ("id" text not null, "telegram_kind" text not null, "operation" text not null, "source" text not null default 'provider', "trading_id" text null, "paygent_payment_id" text null, "payment_session_id" text null, "medusa_payment_id" text null, "order_id" text null, "amount" integer null, "outcome" text not null default 'pending', "response_code" text null, "response_detail" text null, "request" jsonb null, "response" jsonb null, "error_message" text null, "started_at" timestamptz not null, "finished_at" timestamptz null, "duration_ms" integer null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "paygent_telegram_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_telegram_deleted_at" ON "paygent_telegram" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_telegram_paygent_payment_id" ON "paygent_telegram" ("paygent_payment_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_telegram_trading_id" ON "paygent_telegram" ("trading_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_telegram_payment_session_id" ON "paygent_telegram" ("payment_session_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_telegram_order_id_started_at" ON "paygent_telegram" ("order_id", "started_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_telegram_outcome_started_at" ON "paygent_telegram" ("outcome", "started_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "paygent_manual_refund" cascade;`);

    this.addSql(`drop table if exists "paygent_telegram" cascade;`);
  }

}
