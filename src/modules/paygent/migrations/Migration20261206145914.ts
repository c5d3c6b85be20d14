import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206145914 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "paygent_shopper_mail" drop constraint if exists "paygent_shopper_mail_dedupe_key_unique";`);
    this.addSql(`create table if not exists "paygent_shopper_mail" ("id" text not null, "dedupe_key" text not null, "kind" text not null, "reason" text null, "method" text not null, "payment_session_id" text not null, "order_id" text null, "status" text not null default 'pending', "due_at" timestamptz not null, "attempts" integer not null default 0, "claimed_at" timestamptz null, "claimed_by" text null, "recipient" text null, "locale" text null, "template" text null, "subject" text null, "sent_at" timestamptz null, "notification_id" text null, "last_error" text null, "skip_reason" text null, "created_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "paygent_shopper_mail_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_paygent_shopper_mail_dedupe_key_unique" ON "paygent_shopper_mail" ("dedupe_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_shopper_mail_deleted_at" ON "paygent_shopper_mail" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_shopper_mail_status_due_at" ON "paygent_shopper_mail" ("status", "due_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_shopper_mail_order_id" ON "paygent_shopper_mail" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_shopper_mail_payment_session_id" ON "paygent_shopper_mail" ("payment_session_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "paygent_shopper_mail" cascade;`);
  }

}
