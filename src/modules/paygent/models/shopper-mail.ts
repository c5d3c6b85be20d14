import { model } from "@medusajs/framework/utils"

/**
 * An e-mail to the shopper about a Paygent payment (src/shopper-mails): the payment instructions when a konbini /
 * Pay-easy / net-bank order is placed, the reminder before the deadline, paid (入金確認), expired or cancelled. One row
 * per payment and kind (`dedupe_key`, unique: two instances or a repeated event queue it once) and per resend from
 * the admin. Sent through Medusa's Notification Module; a row is claimed before it is sent (status `sending`, by a
 * conditional update), so one instance sends it, and each attempt has its own idempotency key at Medusa.
 */
export const PaygentShopperMail = model
  .define("paygent_shopper_mail", {
    id: model.id({ prefix: "pgml" }).primaryKey(),
    /** `<payment_session_id>:<kind>`, or `<payment_session_id>:instructions:resend:<n>` for a resend. */
    dedupe_key: model.text().unique(),
    /** instructions, reminder, paid, canceled */
    kind: model.text(),
    /** canceled: expired or canceled; instructions: resend when the admin asked for it again. */
    reason: model.text().nullable(),
    /** card, konbini, payeasy, banknet */
    method: model.text(),
    payment_session_id: model.text(),
    order_id: model.text().nullable(),
    /**
     * pending (sent when due_at comes; after a failed attempt too, with last_error), sending (claimed), sent, failed
     * (gave up after the last attempt: an alert is raised), skipped (no longer wanted: paid, cancelled, past the
     * deadline, the kind turned off), unknown (the sending process stopped during the provider's call).
     */
    status: model.text().default("pending"),
    due_at: model.dateTime(),
    attempts: model.number().default(0),
    claimed_at: model.dateTime().nullable(),
    claimed_by: model.text().nullable(),
    /** The address and language it was sent to, and the provider's template id. */
    recipient: model.text().nullable(),
    locale: model.text().nullable(),
    template: model.text().nullable(),
    subject: model.text().nullable(),
    sent_at: model.dateTime().nullable(),
    /** Medusa's notification row of the attempt that went out. */
    notification_id: model.text().nullable(),
    last_error: model.text().nullable(),
    skip_reason: model.text().nullable(),
    /** The admin user who asked for a resend. */
    created_by: model.text().nullable(),
  })
  .indexes([{ on: ["status", "due_at"] }, { on: ["order_id"] }, { on: ["payment_session_id"] }])
