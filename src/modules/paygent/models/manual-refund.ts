import { model } from "@medusajs/framework/utils"

/**
 * Money the merchant owes a customer and must return by hand (bank transfer): Paygent has no API refund for a
 * paid konbini / ATM / net-bank payment, nor for a card sale past its cancel deadline (2007 / status 41), nor for a
 * payment that arrived after the order was cancelled.
 */
export const PaygentManualRefund = model
  .define("paygent_manual_refund", {
    id: model.id({ prefix: "pgmr" }).primaryKey(),
    order_id: model.text().nullable(),
    medusa_payment_id: model.text().nullable(),
    paygent_payment_id: model.text().nullable(),
    trading_id: model.text().nullable(),
    /** card, konbini, payeasy, banknet */
    method: model.text(),
    /** Yen to return. */
    amount: model.number(),
    customer_email: model.text().nullable(),
    customer_name: model.text().nullable(),
    /** sales_cancel_deadline_passed, no_api_refund, paid_after_cancel … */
    reason: model.text(),
    status: model.enum(["owed", "refunded", "canceled"]).default("owed"),
    note: model.text().nullable(),
    refunded_at: model.dateTime().nullable(),
    created_by: model.text().nullable(),
  })
  .indexes([
    { on: ["status", "created_at"] },
    { on: ["order_id"] },
    { on: ["paygent_payment_id"] },
    // The order panel matches refunds by the order's Medusa payments too.
    { on: ["medusa_payment_id"] },
  ])
