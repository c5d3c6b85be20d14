import type { PaygentState } from "../../providers/paygent/core/session-data"
import type { MailOrder, MailPayment } from "../types"

type KonbiniInstructions = Extract<NonNullable<PaygentState["instructions"]>, { kind: "konbini" }>

/** A konbini payment waiting at Lawson (お支払い受付番号 + phone), last day to pay 2026-12-13. */
export function konbiniPayment(
  overrides: Partial<MailPayment> = {},
  state: Partial<PaygentState> = {},
  instructions: Partial<KonbiniInstructions> = {},
  order: Partial<MailOrder> = {}
): MailPayment {
  return {
    payment_session_id: "payses_1",
    session_status: "pending_authorization",
    method: "konbini",
    medusa_payment_id: null,
    captured_at: null,
    state: {
      method: "konbini",
      amount: 3000,
      attempt: 1,
      trading_id: "t_1",
      payment_id: "100",
      payment_status: "10",
      instructions: {
        kind: "konbini",
        cvs_company_id: "00C002",
        receipt_number: "123456",
        usable_cvs_company_ids: ["00C002"],
        payment_limit_date: "2026-12-13",
        second_number: { kind: "phone", value: "09012345678" },
        ...instructions,
      },
      ...state,
    },
    order: {
      id: "order_1",
      display_id: 7,
      status: "pending",
      email: "taro@example.jp",
      locale: null,
      customer_id: null,
      customer_name: "山田 太郎",
      currency_code: "jpy",
      total: 3000,
      created_at: null,
      ...order,
    },
    ...overrides,
  }
}
