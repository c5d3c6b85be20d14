// Workflows of the plugin, exported for host applications as "medusa-payment-paygent/workflows".
export {}
// Merchant operations: capture, cancel, refresh (docs/operations/capture-cancel-refund.md).
export * from "./capture-paygent-payment"
export * from "./cancel-paygent-order"
export * from "./refresh-paygent-order"
// Amount changes: オーソリ変更 / 売上変更 and order edits of card orders (docs/operations/amount-changes.md).
export * from "./paygent-change-amount"
export * from "./confirm-paygent-order-edit"
// Payment sync: applying Paygent's notices (push, 091 pull, 094 reconciliation) — README "Payment notices and sync".
export * from "../notices/apply-paygent-notice"
// Reconciliation: Medusa's payments against Paygent's view for a range of days (docs/operations/reconciliation.md).
export * from "./reconcile-paygent-payments"
