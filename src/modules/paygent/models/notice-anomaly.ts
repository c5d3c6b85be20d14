import { model } from "@medusajs/framework/utils"

/**
 * A POST to the notice URL that was not accepted: malformed body, bad hash (hc), or a source address outside the
 * allow-list. Nothing was applied; kept so a forged or misconfigured sender is visible.
 */
export const PaygentNoticeAnomaly = model
  .define("paygent_notice_anomaly", {
    id: model.id({ prefix: "pgna" }).primaryKey(),
    /** malformed, missing_field, bad_format, bad_hash, ip_not_allowed, too_large */
    code: model.text(),
    reason: model.text(),
    field: model.text().nullable(),
    source_ip: model.text().nullable(),
    /** The payment_notice_id the body claimed, if it could be read. */
    payment_notice_id: model.text().nullable(),
    /** The decoded items, redacted and without hc, when the body could be decoded. */
    fields: model.json().nullable(),
    body_bytes: model.number().default(0),
    received_at: model.dateTime(),
  })
  .indexes([{ on: ["received_at"] }])
