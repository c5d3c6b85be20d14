import { model } from "@medusajs/framework/utils"

/**
 * A difference notice (差分通知, docs/protocol.md §7) as received: by push (POST /paygent/notice), by the 091 pull of the
 * sync job, or made up from a 094 answer when the job reconciles (then without payment_notice_id). Stored before
 * it is acknowledged or applied, once per payment_notice_id (zero-padded to 18 digits, so the text sorts as the
 * number). `applied_at` is set once the apply workflow has dealt with it (`result` says how); a notice without it
 * is retried by the sync job.
 */
export const PaygentNotice = model
  .define("paygent_notice", {
    id: model.id({ prefix: "pgnt" }).primaryKey(),
    /** Paygent's sequential notice id, 18 digits zero-padded; null for a status learnt through 094. */
    payment_notice_id: model.text().unique().nullable(),
    paygent_payment_id: model.text().nullable(),
    trading_id: model.text().nullable(),
    payment_type: model.text(),
    payment_status: model.text(),
    payment_amount: model.text().nullable(),
    /** change_date as Paygent sent it (YYYYMMDDhhmmss, JST). */
    change_date: model.text().nullable(),
    /** The record's items, redacted (no hc, no secrets). */
    fields: model.json().nullable(),
    received_via: model.enum(["push", "pull", "inquiry"]),
    received_at: model.dateTime(),
    /** How often the same payment_notice_id arrived (re-sent pushes, pulls of pushed records). */
    received_count: model.number().default(1),
    payment_session_id: model.text().nullable(),
    order_id: model.text().nullable(),
    applied_at: model.dateTime().nullable(),
    /** What applying did: paid, order_canceled, recorded, late_payment, ignored_backwards, deferred_no_order … */
    result: model.text().nullable(),
    apply_attempts: model.number().default(0),
    last_error: model.text().nullable(),
  })
  .indexes([
    { on: ["applied_at", "received_at"] },
    { on: ["paygent_payment_id"] },
    { on: ["trading_id"] },
    { on: ["order_id"] },
    // The order panel's notice timeline (GET /admin/paygent/inbox/notices) matches the order's sessions too.
    { on: ["payment_session_id"] },
  ])
