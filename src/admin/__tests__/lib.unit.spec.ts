import { availableActions } from "../lib/actions"
import { amountFix } from "../lib/amount-fix"
import { formatDuration, formatYen } from "../lib/format"
import { summarizePreview } from "../lib/preview"
import type { OrderPayment, OrderView } from "../lib/types"

function payment(overrides: Partial<OrderPayment> = {}, status = "20"): OrderPayment {
  return {
    medusa_payment_id: "pay_1",
    payment_session_id: "payses_1",
    ended: null,
    provider_id: "pp_paygent-card_paygent",
    method: "card",
    method_label: { ja: "クレジットカード", en: "Card" },
    payment_id: "1001",
    trading_id: "abc_1",
    previous_payment_ids: [],
    status: { code: status, label: { ja: "オーソリOK", en: "Authorized" }, name: null },
    amount_at_paygent: 3000,
    manual_refunds_owed: 0,
    expected_at_paygent: 3000,
    order_total: 3000,
    mismatch: false,
    differs_from_order_total: false,
    authorized_amount: 3000,
    medusa: { amount: 3000, captured: 0, refunded: 0, captured_at: null, canceled_at: null, session_status: null },
    authorized_at: "2026-03-01T00:00:00Z",
    capture_deadline: "2026-04-30T00:00:00Z",
    capture_deadline_passed: false,
    refund_deadline: "2026-04-30T00:00:00Z",
    refund_deadline_passed: false,
    card: { payment_class: "10", masked_card_number: "411111******1111", card_brand: "VISA" },
    instructions: null,
    instruction_numbers: [],
    manual_refunds: [],
    attention: null,
    last_operation: null,
    last_error: null,
    inquired_at: null,
    ...overrides,
  }
}

function view(payments: OrderPayment[], status = "pending", total = 3000): OrderView {
  return {
    order: { id: "order_1", display_id: 1, status, email: null, customer_name: null, currency_code: "jpy", total },
    payments,
    manual_refunds: [],
    telegrams: [],
  }
}

describe("availableActions", () => {
  const names = (v: OrderView) => availableActions(v).map((a) => a.labelKey.replace("paygent.actions.", ""))

  it("offers 売上, 取消 and 再照会 on an authorization", () => {
    expect(names(view([payment()]))).toEqual(["capture", "cancel", "refresh"])
  })

  it("offers nothing for attempts that ended (an expired konbini session beside a live card)", () => {
    const expired = payment(
      {
        medusa_payment_id: null,
        method: "konbini",
        ended: { code: "expired", label: { ja: "支払期限切れ", en: "Expired" }, detail: null },
      },
      "12"
    )
    expect(names(view([expired], "canceled"))).toEqual([])
    expect(names(view([payment(), expired]))).toEqual(["capture", "cancel", "refresh"])
  })

  it("offers オーソリ変更 when Paygent holds more than the order total, 売上変更 once captured", () => {
    expect(names(view([payment()], "pending", 2000))).toEqual(["capture", "changeAuthorization", "cancel", "refresh"])
    const captured = payment({ medusa: { amount: 3000, captured: 3000, refunded: 0, captured_at: "x", canceled_at: null, session_status: null } }, "40")
    expect(names(view([captured], "pending", 2000))).toEqual(["changeSales", "cancel", "refresh"])
  })

  it("does not offer a capture past the deadline, and only 再照会 on a cancelled order", () => {
    expect(names(view([payment({ capture_deadline_passed: true })]))).toEqual(["cancel", "refresh"])
    expect(names(view([payment({}, "32")], "canceled"))).toEqual(["refresh"])
  })
})

describe("summarizePreview", () => {
  const planned = {
    payment_session_id: null,
    method: "card",
    method_label: { ja: "クレジットカード", en: "Card" },
    capture_deadline: null,
    refund_deadline: null,
    deadline_passed: false,
  }
  it("reads a capture / cancel plan, marking manual refunds and passed deadlines", () => {
    const summary = summarizePreview({
      order_id: "order_1",
      operation: "cancel",
      allowed: true,
      operations: [
        // The plan as the API answers it (operations/plans.ts): the fields the summary does not read are filled in.
        { ...planned, medusa_payment_id: "pay_1", payment_id: "1", action: "manual_refund", telegram: null, amount: 3000, deadline_passed: true, notes: [{ ja: "手動返金", en: "Manual refund" }] },
        { ...planned, medusa_payment_id: "pay_2", payment_id: "2", action: "nothing", telegram: null, amount: 0, notes: [] },
      ],
    })
    expect(summary).toEqual({
      allowed: true,
      refusal: null,
      lines: [{ action: "manual_refund", telegram: null, amount: 3000, from: null, deadlinePassed: true, manualRefund: true, threeDsLost: false, notes: [{ ja: "手動返金", en: "Manual refund" }] }],
    })
  })

  it("reads an amount change plan, with the 3-D Secure liability note", () => {
    // The plan as the API answers it (amount-change/plan.ts): the fields the summary does not read are filled in.
    const summary = summarizePreview({
      allowed: true,
      order_id: "order_1",
      payment_id: "pay_1",
      payment_collection_id: "paycol_1",
      payment_session_id: "payses_1",
      paygent_payment_id: "1001",
      trading_id: "abc_1",
      paygent_status: "20",
      action: "change_authorization",
      telegram: "028",
      current_amount: 3000,
      new_amount: 2000,
      order_total: 2000,
      three_ds: true,
      notes: [
        { code: "change_authorization", message: { ja: "a", en: "a" } },
        { code: "three_ds_liability_lost", message: { ja: "b", en: "b" } },
      ],
    })
    expect(summary.lines[0]).toMatchObject({ action: "change_authorization", telegram: "028", from: 3000, amount: 2000, threeDsLost: true })
    expect(summarizePreview({ allowed: false, order_id: "o", code: "not_card", refusal: { ja: "不可", en: "No" } })).toEqual({ allowed: false, refusal: { ja: "不可", en: "No" }, lines: [] })
  })
})

describe("amountFix", () => {
  it("names the fix: refresh on a mismatch, オーソリ変更 / 売上変更 above the total, collect the difference below it", () => {
    expect(amountFix(payment({ mismatch: true }), 3000, true)?.key).toBe("paygent.amounts.fixMismatch")
    expect(amountFix(payment(), 2000, true)).toEqual({ key: "paygent.amounts.fixChangeAuthorization", values: { total: 2000, difference: 1000 } })
    expect(amountFix(payment({}, "40"), 2000, true)?.key).toBe("paygent.amounts.fixChangeSales")
    expect(amountFix(payment({}, "41"), 2000, true)?.key).toBe("paygent.amounts.fixManualRefund")
    expect(amountFix(payment(), 4000, true)).toEqual({ key: "paygent.amounts.fixCollectDifference", values: { difference: 1000 } })
    expect(amountFix(payment(), 3000, true)).toBeNull()
  })
})

describe("format", () => {
  it("writes yen and durations in the admin's language", () => {
    expect(formatYen(3000, "en")).toBe("¥3,000")
    expect(formatYen(3000, "ja")).toMatch(/^[¥￥]3,000$/)
    expect(formatDuration((4 * 24 + 3) * 3_600_000, "en")).toBe("4 d 3 h")
    expect(formatDuration((4 * 24 + 3) * 3_600_000, "ja")).toBe("4日3時間")
    expect(formatDuration(25 * 60_000, "ja")).toBe("25分")
  })
})
