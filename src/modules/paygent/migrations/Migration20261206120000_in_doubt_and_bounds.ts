import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Issue #15: telegrams in doubt settled by the sync job (paygent_telegram.doubt_*), bounded notice anomalies (digest
 * and first bytes instead of the decoded body, a count per source and reason), and the sync run's bounded gap
 * repair and in-doubt counts.
 */
export class Migration20261206120000_in_doubt_and_bounds extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "paygent_telegram" add column if not exists "doubt_resolution" text null, add column if not exists "doubt_resolved_at" timestamptz null;`)
    // Older than anything Paygent still holds open (authorizations last 60 days, konbini / ATM deadlines at most 60):
    // not worth a 094 each from the first sync runs after the upgrade.
    this.addSql(`update "paygent_telegram" set "doubt_resolution" = 'expired_unchecked', "doubt_resolved_at" = now() where "outcome" in ('pending', 'unknown_outcome') and "telegram_kind" in ('020', '030', '010', '021', '022', '023', '028', '029') and "started_at" < now() - interval '90 days' and "doubt_resolved_at" is null;`)

    this.addSql(`alter table if exists "paygent_notice_anomaly" add column if not exists "digest" text null, add column if not exists "head" text null;`)
    // Rows written before the bound kept whole decoded bodies; they are not needed to see who sent them.
    this.addSql(`update "paygent_notice_anomaly" set "fields" = null where "fields" is not null;`)

    this.addSql(`create table if not exists "paygent_notice_anomaly_count" ("id" text not null, "source" text not null, "code" text not null, "count" integer not null default 0, "rows" integer not null default 0, "first_seen_at" timestamptz not null, "last_seen_at" timestamptz not null, "last_digest" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "paygent_notice_anomaly_count_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_notice_anomaly_count_deleted_at" ON "paygent_notice_anomaly_count" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_paygent_notice_anomaly_count_source_code_unique" ON "paygent_notice_anomaly_count" ("source", "code") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_notice_anomaly_count_last_seen_at" ON "paygent_notice_anomaly_count" ("last_seen_at") WHERE deleted_at IS NULL;`)

    this.addSql(`alter table if exists "paygent_sync_run" add column if not exists "repair_telegrams" integer not null default 0, add column if not exists "repair_capped" boolean not null default false, add column if not exists "gaps_remaining" integer not null default 0, add column if not exists "implausible_ids" jsonb null, add column if not exists "in_doubt_settled" integer not null default 0, add column if not exists "in_doubt_open" integer not null default 0;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "paygent_telegram" drop column if exists "doubt_resolution", drop column if exists "doubt_resolved_at";`)
    this.addSql(`alter table if exists "paygent_notice_anomaly" drop column if exists "digest", drop column if exists "head";`)
    this.addSql(`drop table if exists "paygent_notice_anomaly_count" cascade;`)
    this.addSql(`alter table if exists "paygent_sync_run" drop column if exists "repair_telegrams", drop column if exists "repair_capped", drop column if exists "gaps_remaining", drop column if exists "implausible_ids", drop column if exists "in_doubt_settled", drop column if exists "in_doubt_open";`)
  }
}
