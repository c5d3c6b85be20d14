import { model } from "@medusajs/framework/utils"

/**
 * Refused notices counted per source and reason (src/notices/anomalies.ts): one row per (source, code), however many
 * refusals arrive. `source` is the address (an IPv6 address as its /64). `rows` says how many of them have a
 * detailed row in `paygent_notice_anomaly`.
 */
export const PaygentNoticeAnomalyCount = model
  .define("paygent_notice_anomaly_count", {
    id: model.id({ prefix: "pgnc" }).primaryKey(),
    source: model.text(),
    code: model.text(),
    count: model.number().default(0),
    rows: model.number().default(0),
    first_seen_at: model.dateTime(),
    last_seen_at: model.dateTime(),
    last_digest: model.text().nullable(),
  })
  .indexes([{ on: ["source", "code"], unique: true }, { on: ["last_seen_at"] }])
