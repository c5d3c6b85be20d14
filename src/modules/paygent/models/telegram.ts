import { model } from "@medusajs/framework/utils"

/**
 * The telegram ledger: one row per telegram the plugin sends to Paygent, from any path (checkout, Medusa's own
 * admin buttons, the plugin's routes, the sync job). The row is written before the telegram is sent and completed
 * after, so an operation interrupted mid-flight stays visible. Request and response are stored redacted: no
 * connect password, hash key, token or card number ever lands here.
 */
export const PaygentTelegram = model
  .define("paygent_telegram", {
    id: model.id({ prefix: "pgtg" }).primaryKey(),
    telegram_kind: model.text(),
    /** What the plugin was doing: authorize, three_ds, capture, cancel_authorization, cancel_sales, change_authorization, change_sales, apply, inquiry, notice_inquiry, stored_card… */
    operation: model.text(),
    /** Who sent it: checkout (provider), admin (plugin route), medusa (core admin button through the provider), sync (job). */
    source: model.text().default("provider"),
    trading_id: model.text().nullable(),
    paygent_payment_id: model.text().nullable(),
    payment_session_id: model.text().nullable(),
    /** The session's payment collection, noted when Medusa deletes the session (a replaced checkout attempt). */
    payment_collection_id: model.text().nullable(),
    medusa_payment_id: model.text().nullable(),
    order_id: model.text().nullable(),
    /** Yen, when the telegram carries an amount. */
    amount: model.number().nullable(),
    /** pending (sent, no answer yet), success, or the client's error class (declined, input_error, unknown_outcome …). */
    outcome: model.text().default("pending"),
    response_code: model.text().nullable(),
    response_detail: model.text().nullable(),
    request: model.json().nullable(),
    response: model.json().nullable(),
    error_message: model.text().nullable(),
    started_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
    duration_ms: model.number().nullable(),
    /**
     * A money-moving telegram that never got its answer (outcome pending / unknown_outcome) is "in doubt" until the
     * sync job has asked Paygent (094) and settled it: adopted, not_applied, voided, unused_number, captured …
     * (src/sync/in-doubt.ts). Null on every other row.
     */
    doubt_resolution: model.text().nullable(),
    doubt_resolved_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["paygent_payment_id"] },
    { on: ["trading_id"] },
    { on: ["payment_session_id"] },
    { on: ["order_id", "started_at"] },
    { on: ["outcome", "started_at"] },
    // The order panel looks a payment's telegrams up by any of its ids (telegramsFor: an OR over these columns).
    { on: ["medusa_payment_id"] },
    // The order panel finds the attempts of sessions Medusa deleted (the shopper chose again) by their collection.
    { on: ["payment_collection_id"] },
  ])
