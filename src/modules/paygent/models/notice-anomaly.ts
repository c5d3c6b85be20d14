import { model } from "@medusajs/framework/utils"

/**
 * A POST to the notice URL that was not accepted: malformed body, bad hash (hc), a source address outside the
 * allow-list, a body too large. Nothing was applied; kept so a forged or misconfigured sender is visible. Bounded
 * (src/notices/anomalies.ts): a row keeps a digest and the first bytes of the body, never the body or its decoded items,
 * and only the first few refusals per source and window get a row; every refusal is counted in
 * `paygent_notice_anomaly_count`.
 */
export const PaygentNoticeAnomaly = model
  .define("paygent_notice_anomaly", {
    id: model.id({ prefix: "pgna" }).primaryKey(),
    /** malformed, missing_field, bad_format, bad_hash, ip_not_allowed, too_large … */
    code: model.text(),
    reason: model.text(),
    field: model.text().nullable(),
    source_ip: model.text().nullable(),
    /** The payment_notice_id the body claimed, if it could be read. */
    payment_notice_id: model.text().nullable(),
    /** Rows written before the bound: the decoded items (redacted). No longer written. */
    fields: model.json().nullable(),
    /** SHA-256 of the body as received (hex), so repeats of one body are recognisable. */
    digest: model.text().nullable(),
    /** The body's first bytes as printable text, the hc value masked. */
    head: model.text().nullable(),
    body_bytes: model.number().default(0),
    received_at: model.dateTime(),
  })
  .indexes([{ on: ["received_at"] }])
