import type { ManualRefundFact, MedusaPaymentRecord, PaygentLookup, PaygentPaymentView } from "../types"

/** A Medusa card payment authorized for ¥3,000 (override what a case needs). */
export function record(overrides: Partial<MedusaPaymentRecord> = {}): MedusaPaymentRecord {
  return {
    medusa_payment_id: "pay_1",
    payment_session_id: "payses_1",
    payment_collection_id: "pay_col_1",
    order_id: "order_1",
    order_display_id: 1,
    order_status: "pending",
    provider_id: "pp_paygent-card_paygent",
    method: "card",
    payment_type: "02",
    payment_id: "1000001",
    previous_payment_ids: [],
    trading_id: "T1_1",
    zero_amount: false,
    amount: 3000,
    captured: 0,
    refunded: 0,
    captured_at: null,
    canceled_at: null,
    session_status: null,
    recorded_status: "20",
    recorded_manual_refunds: 0,
    created_at: "2026-11-27T01:00:00.000Z",
    ...overrides,
  }
}

export function view(overrides: Partial<PaygentPaymentView> = {}): PaygentPaymentView {
  return {
    payment_id: "1000001",
    trading_id: "T1_1",
    payment_type: "02",
    payment_status: "20",
    payment_amount: 3000,
    payment_init_date: "20261127100000",
    authorized_date: "20261127100001",
    payment_date: null,
    user_payment_date: null,
    cancel_date: null,
    payment_limit_date: null,
    ...overrides,
  }
}

export function found(overrides: Partial<PaygentPaymentView> = {}): PaygentLookup {
  return { status: "found", view: view(overrides) }
}

export function manualRefund(overrides: Partial<ManualRefundFact> = {}): ManualRefundFact {
  return {
    id: "pgmr_1",
    order_id: "order_1",
    medusa_payment_id: "pay_1",
    paygent_payment_id: "1000001",
    trading_id: "T1_1",
    method: "konbini",
    amount: 3000,
    reason: "no_api_refund",
    status: "owed",
    customer_name: "山田 太郎",
    created_at: "2026-11-27T03:00:00.000Z",
    refunded_at: null,
    ...overrides,
  }
}
