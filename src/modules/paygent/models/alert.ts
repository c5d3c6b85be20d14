import { model } from "@medusajs/framework/utils"

/**
 * Something the merchant must look at, raised by the notice workflow and the sync job: a payment that arrived after
 * the order was cancelled, a konbini preliminary payment that was withdrawn (速報取消), an expired card
 * authorization, purged notices, a notice that could not be applied … `dedupe_key` makes raising the same alert
 * twice a no-op.
 */
export const PaygentAlert = model
  .define("paygent_alert", {
    id: model.id({ prefix: "pgal" }).primaryKey(),
    kind: model.text(),
    severity: model.enum(["info", "warning", "critical"]).default("warning"),
    order_id: model.text().nullable(),
    payment_session_id: model.text().nullable(),
    medusa_payment_id: model.text().nullable(),
    paygent_payment_id: model.text().nullable(),
    trading_id: model.text().nullable(),
    message_ja: model.text(),
    message_en: model.text(),
    data: model.json().nullable(),
    dedupe_key: model.text().unique().nullable(),
    resolved_at: model.dateTime().nullable(),
    resolved_by: model.text().nullable(),
  })
  .indexes([{ on: ["resolved_at", "created_at"] }, { on: ["order_id"] }, { on: ["kind"] }])
