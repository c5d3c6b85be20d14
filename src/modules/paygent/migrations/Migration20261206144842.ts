import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206144842 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "paygent_secret" drop constraint if exists "paygent_secret_name_unique";`);
    this.addSql(`create table if not exists "paygent_secret" ("id" text not null, "name" text not null, "value" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "paygent_secret_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_paygent_secret_name_unique" ON "paygent_secret" ("name") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_paygent_secret_deleted_at" ON "paygent_secret" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "paygent_secret" cascade;`);
  }

}
