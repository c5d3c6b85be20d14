import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128070528 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "paygent_notice" drop constraint if exists "paygent_notice_payment_notice_id_unique";`);
    this.addSql(`alter table if exists "paygent_alert" drop constraint if exists "paygent_alert_dedupe_key_unique";`);
    this.addSql(`create table if not exists "paygent_alert" ("id" text not null, "kind" text not null, "severity" text check ("severity" in ('info', 'warning', 'critical')) not null default 'warning', "order_id" text null, "payment_session_id" text null, "medusa_payment_id" text null, "paygent_payment_id" text null, "trading_id" text null, "message_ja" text not null, "message_en" text not null, "data" jsonb null, "dedupe_key" text null, "resolved_at" timestamptz null, "resolved_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "paygent_alert_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_paygent_alert_dedupe_key_unique" ON "paygent_alert" ("dedupe_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_alert_deleted_at" ON "paygent_alert" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_alert_resolved_at_created_at" ON "paygent_alert" ("resolved_at", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_alert_order_id" ON "paygent_alert" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_alert_kind" ON "paygent_alert" ("kind") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "paygent_notice" ("id" text not null, "payment_notice_id" text null, "paygent_payment_id" text null, "trading_id" text null, "payment_type" text not null, "payment_status" text not null, "payment_amount" text null, "change_date" text null, "fields" jsonb null, "received_via" text check ("received_via" in ('push', 'pull', 'inquiry')) not null, "received_at" timestamptz not null, "received_count" integer not null default 1, "payment_session_id" text null, "order_id" text null, "applied_at" timestamptz null, "result" text null, "apply_attempts" integer not null default 0, "last_error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "paygent_notice_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_paygent_notice_payment_notice_id_unique" ON "paygent_notice" ("payment_notice_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_notice_deleted_at" ON "paygent_notice" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_notice_applied_at_received_at" ON "paygent_notice" ("applied_at", "received_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_notice_paygent_payment_id" ON "paygent_notice" ("paygent_payment_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_notice_trading_id" ON "paygent_notice" ("trading_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_notice_order_id" ON "paygent_notice" ("order_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "paygent_notice_anomaly" ("id" text not null, "code" text not null, "reason" text not null, "field" text null, "source_ip" text null, "payment_notice_id" text null, "fields" jsonb null, "body_bytes" integer not null default 0, "received_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "paygent_notice_anomaly_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_notice_anomaly_deleted_at" ON "paygent_notice_anomaly" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_notice_anomaly_received_at" ON "paygent_notice_anomaly" ("received_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "paygent_sync_run" ("id" text not null, "started_at" timestamptz not null, "finished_at" timestamptz null, "status" text not null default 'running', "trigger" text not null default 'schedule', "instance" text null, "notices_fetched" integer not null default 0, "notices_new" integer not null default 0, "notices_applied" integer not null default 0, "gaps" jsonb null, "gaps_repaired" integer not null default 0, "lost" jsonb null, "purged" boolean not null default false, "reconciled" integer not null default 0, "expired_checked" integer not null default 0, "stale_sessions" jsonb null, "errors" jsonb null, "max_lag_ms" integer null, "contiguous_through" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "paygent_sync_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_sync_run_deleted_at" ON "paygent_sync_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_sync_run_started_at" ON "paygent_sync_run" ("started_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "paygent_alert" cascade;`);

    this.addSql(`drop table if exists "paygent_notice" cascade;`);

    this.addSql(`drop table if exists "paygent_notice_anomaly" cascade;`);

    this.addSql(`drop table if exists "paygent_sync_run" cascade;`);
  }

}
