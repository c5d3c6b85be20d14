import { reconcile, type ReconcileFacts } from "../compare"
import { comparePayment, expectedAtPaygent, medusaSideOf, paygentSideOf } from "../sides"
import type { OtherPaygentPayment } from "../types"
import { found, manualRefund, record, view } from "./fixtures"

function facts(overrides: Partial<ReconcileFacts> = {}): ReconcileFacts {
  return {
    records: [],
    others: [],
    manual_refunds: [],
    notices: [],
    preliminary_is_paid: true,
    inquiries: 0,
    max_inquiries: 2000,
    ...overrides,
  }
}

function other(overrides: Partial<OtherPaygentPayment> = {}): OtherPaygentPayment {
  return {
    payment_id: "9000001",
    trading_id: "FOREIGN_1",
    lookup: found({ payment_id: "9000001", trading_id: "FOREIGN_1", payment_status: "20", payment_amount: 5000 }),
    session_id: null,
    session_exists: false,
    session_status: null,
    order_id: null,
    order_display_id: null,
    seen_in: ["notice"],
    ...overrides,
  }
}

describe("Medusa's side (from its money records)", () => {
  it("reads authorized, captured, refunded and cancelled payments, and sessions waiting for the shopper", () => {
    expect(medusaSideOf(record())).toBe("authorized")
    expect(medusaSideOf(record({ captured: 3000 }))).toBe("captured")
    expect(medusaSideOf(record({ captured: 3000, refunded: 1000 }))).toBe("captured")
    expect(medusaSideOf(record({ captured: 3000, refunded: 3000 }))).toBe("refunded")
    expect(medusaSideOf(record({ canceled_at: "2026-11-27T02:00:00Z" }))).toBe("canceled")
    expect(medusaSideOf(record({ medusa_payment_id: null, session_status: "pending_authorization" }))).toBe("awaiting_payment")
    expect(medusaSideOf(record({ medusa_payment_id: null, session_status: "canceled" }))).toBe("canceled")
    expect(medusaSideOf(record({ medusa_payment_id: null, session_status: "error" }))).toBe("none")
  })

  it("counts a cancelled order as cancelled even when a failed void left its payment authorized", () => {
    expect(medusaSideOf(record({ order_status: "canceled" }))).toBe("canceled")
    expect(medusaSideOf(record({ order_status: "canceled", captured: 3000 }))).toBe("canceled")
  })

  it("expects at Paygent what was captured less refunds, else the authorization, else nothing", () => {
    expect(expectedAtPaygent(record({ captured: 3000, refunded: 500 }), "captured")).toBe(2500)
    expect(expectedAtPaygent(record(), "authorized")).toBe(3000)
    expect(expectedAtPaygent(record(), "canceled")).toBe(0)
    expect(expectedAtPaygent(record({ zero_amount: true }), "authorized")).toBe(0)
  })
})

describe("Paygent's side (docs/protocol.md §6)", () => {
  it.each([
    ["02", "20", "authorized"],
    ["02", "40", "captured"],
    ["02", "41", "captured"],
    ["02", "32", "canceled"],
    ["02", "33", "canceled"],
    ["02", "60", "canceled"],
    ["02", "10", "failed"],
    ["02", "11", "failed"],
    ["02", "15", "failed"],
    ["03", "10", "awaiting_payment"],
    ["03", "43", "captured"],
    ["03", "61", "canceled"],
    ["03", "12", "canceled"],
    ["05", "15", "canceled"],
    ["01", "40", "captured"],
    ["02", "99", "unknown"],
  ])("type %s status %s is %s", (type, status, side) => {
    expect(paygentSideOf(type, status, true)).toBe(side)
  })

  it("counts the konbini preliminary notice (43) as paid only when the shop does", () => {
    expect(paygentSideOf("03", "43", false)).toBe("awaiting_payment")
  })
})

describe("comparing one payment", () => {
  const compare = (r = record(), v = view(), manual = 0) => comparePayment(r, v, manual, true)

  it("agrees when state and amount agree", () => {
    expect(compare().discrepancy).toBeNull()
    expect(compare(record({ captured: 3000 }), view({ payment_status: "40" })).discrepancy).toBeNull()
    expect(compare(record({ canceled_at: "x" }), view({ payment_status: "32" })).discrepancy).toBeNull()
    expect(compare(record({ captured: 3000, refunded: 3000 }), view({ payment_status: "60" })).discrepancy).toBeNull()
  })

  it("finds a capture made at Paygent only (Paygent Online's 売上 behind Medusa's back)", () => {
    const verdict = compare(record(), view({ payment_status: "40" }))
    expect(verdict).toMatchObject({ discrepancy: "captured_at_paygent_only", medusa_side: "authorized", paygent_side: "captured" })
  })

  it("finds a cancellation at Paygent only, an expired authorization included", () => {
    expect(compare(record(), view({ payment_status: "32" })).discrepancy).toBe("canceled_at_paygent_only")
    expect(compare(record(), view({ payment_status: "33" })).discrepancy).toBe("canceled_at_paygent_only")
    expect(compare(record({ captured: 3000 }), view({ payment_status: "60" })).discrepancy).toBe("canceled_at_paygent_only")
  })

  it("finds a capture recorded in Medusa only", () => {
    expect(compare(record({ captured: 3000 }), view({ payment_status: "20" })).discrepancy).toBe("captured_in_medusa_only")
  })

  it("finds money Paygent still holds for a payment Medusa cancelled or refunded", () => {
    const verdict = compare(record({ order_status: "canceled" }), view({ payment_status: "20" }))
    expect(verdict).toMatchObject({ discrepancy: "canceled_in_medusa_only", expected: 0, difference: 3000 })
  })

  it("does not flag money Paygent holds that is owed back by hand", () => {
    const konbini = record({ method: "konbini", payment_type: "03", captured: 3000, refunded: 3000 })
    expect(compare(konbini, view({ payment_type: "03", payment_status: "40" }), 3000)).toMatchObject({ discrepancy: null, difference: 0 })
    // Part of it refunded by hand: Paygent's 3,000 less 1,000 owed = Medusa's 2,000.
    const partly = record({ method: "konbini", payment_type: "03", captured: 3000, refunded: 1000 })
    expect(compare(partly, view({ payment_type: "03", payment_status: "40" }), 1000)).toMatchObject({ discrepancy: null, difference: 0 })
    expect(compare(partly, view({ payment_type: "03", payment_status: "40" }), 0)).toMatchObject({ discrepancy: "amount_mismatch", difference: 1000 })
  })

  it("finds an amount mismatch with the difference Paygent − Medusa", () => {
    expect(compare(record(), view({ payment_amount: 2000 }))).toMatchObject({ discrepancy: "amount_mismatch", difference: -1000, expected: 3000 })
    expect(compare(record({ captured: 3000, refunded: 500 }), view({ payment_status: "40", payment_amount: 3000 }))).toMatchObject({
      discrepancy: "amount_mismatch",
      difference: 500,
    })
  })

  it("compares konbini applications and payments", () => {
    const waiting = record({ medusa_payment_id: null, method: "konbini", payment_type: "03", session_status: "pending_authorization" })
    expect(compare(waiting, view({ payment_type: "03", payment_status: "10" })).discrepancy).toBeNull()
    expect(compare(waiting, view({ payment_type: "03", payment_status: "40" })).discrepancy).toBe("captured_at_paygent_only")
    expect(compare(waiting, view({ payment_type: "03", payment_status: "12" })).discrepancy).toBe("canceled_at_paygent_only")
    const paid = record({ method: "konbini", payment_type: "03", captured: 3000 })
    expect(compare(paid, view({ payment_type: "03", payment_status: "43" })).discrepancy).toBeNull()
    expect(compare(paid, view({ payment_type: "03", payment_status: "61" })).discrepancy).toBe("canceled_at_paygent_only")
    // Order cancelled while waiting: nothing moved, Paygent still accepts a payment until the deadline.
    const canceled = { ...waiting, order_status: "canceled" }
    expect(compare(canceled, view({ payment_type: "03", payment_status: "10" })).discrepancy).toBeNull()
  })
})

describe("the report's rows", () => {
  it("explains each row in Japanese and English and puts discrepancies first", () => {
    const { rows, summary } = reconcile(
      facts({
        records: [
          { medusa: record({ medusa_payment_id: "pay_ok", payment_id: "1" }), lookup: found({ payment_id: "1" }) },
          { medusa: record({ medusa_payment_id: "pay_bad", payment_id: "2" }), lookup: found({ payment_id: "2", payment_status: "40" }) },
        ],
        inquiries: 2,
      })
    )
    expect(rows.map((r) => [r.medusa_payment_id, r.discrepancy])).toEqual([
      ["pay_bad", "captured_at_paygent_only"],
      ["pay_ok", null],
    ])
    expect(rows[0].explanation.ja).toMatch(/ペイジェントでは売上・入金済み（40 消込済、¥3,000）ですが、Medusa では「オーソリ済み」のままです/)
    expect(rows[0].explanation.en).toMatch(/Paygent shows it captured \/ paid \(40 Cleared, ¥3,000\) but Medusa still shows "Authorized"/)
    expect(rows[0]).toMatchObject({
      severity: "warning",
      payment_status_label: { ja: "消込済", en: "Cleared" },
      payment_type_label: { ja: "クレジットカード決済" },
      payment_init_date: "2026-11-27T10:00:00+09:00",
      medusa_side_label: { ja: "オーソリ済み" },
    })
    expect(rows[1].explanation).toEqual({ ja: "一致しています。", en: "Medusa and Paygent agree." })
    expect(summary).toMatchObject({ payments: 2, matched: 1, discrepancies: 1, by_kind: { captured_at_paygent_only: 1 }, inquiries: 2 })
  })

  it("follows an amount change made at Paygent to the new payment_id of the same trading_id", () => {
    const changed = other({
      payment_id: "1000002",
      trading_id: "T1_1",
      lookup: found({ payment_id: "1000002", payment_status: "20", payment_amount: 2000, payment_init_date: "20261127110000" }),
      session_id: "payses_1",
      session_exists: true,
    })
    const { rows, summary } = reconcile(
      facts({ records: [{ medusa: record(), lookup: found({ payment_status: "32" }) }], others: [changed] })
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      discrepancy: "amount_mismatch",
      payment_id: "1000002",
      compared_payment_id: "1000002",
      payment_amount: 2000,
      expected_amount: 3000,
      difference: -1000,
    })
    expect(rows[0].explanation.ja).toMatch(/新しい決済ID 1000002/)
    expect(summary.paygent_only).toBe(0)
  })

  it("lists Paygent payments holding money without a Medusa order, with why", () => {
    const { rows, summary } = reconcile(
      facts({
        records: [{ medusa: record(), lookup: found() }],
        others: [
          other(),
          other({ payment_id: "9000002", lookup: found({ payment_id: "9000002", payment_status: "11" }) }),
          other({
            payment_id: "9000003",
            trading_id: "T1_9",
            session_id: "payses_cart",
            session_exists: true,
            lookup: found({ payment_id: "9000003", trading_id: "T1_9", payment_status: "20", payment_amount: 1200 }),
          }),
          other({
            payment_id: "9000004",
            trading_id: "T1_0",
            session_id: "payses_1",
            session_exists: true,
            order_id: "order_1",
            lookup: found({ payment_id: "9000004", trading_id: "T1_0", payment_status: "40" }),
          }),
          other({ payment_id: "9000005", lookup: { status: "not_found" } }),
        ],
      })
    )
    const orphans = rows.filter((r) => r.row_type === "paygent_only")
    expect(orphans.map((r) => r.payment_id)).toEqual(["9000001", "9000003", "9000004"])
    expect(orphans[0].explanation.ja).toMatch(/このショップの形式ではありません/)
    expect(orphans[1].explanation.ja).toMatch(/カートの決済/)
    expect(orphans[2].explanation.ja).toMatch(/注文 #1 の以前の決済試行/)
    expect(orphans[2]).toMatchObject({ order_id: "order_1", order_display_id: 1 })
    expect(orphans[0]).toMatchObject({ discrepancy: "paygent_only", severity: "critical", difference: 5000, expected_amount: 0 })
    expect(summary.paygent_only).toBe(3)
  })

  it("reports a payment Paygent does not know, and one it could not be asked about", () => {
    const { rows } = reconcile(
      facts({
        records: [
          { medusa: record({ medusa_payment_id: "pay_missing" }), lookup: { status: "not_found" } },
          { medusa: record({ medusa_payment_id: "pay_err" }), lookup: { status: "error", code: "P017", message: "maintenance" } },
          { medusa: record({ medusa_payment_id: "pay_limit" }), lookup: { status: "skipped", reason: "limit" } },
          { medusa: record({ medusa_payment_id: "pay_zero", zero_amount: true }), lookup: { status: "skipped", reason: "zero_amount" } },
          {
            medusa: record({ medusa_payment_id: null, method: "banknet", payment_type: "05", payment_id: null, session_status: "pending_authorization" }),
            lookup: { status: "not_found" },
          },
        ],
        max_inquiries: 3,
      })
    )
    const byId = (id: string | null) => rows.find((r) => r.medusa_payment_id === id)!
    expect(byId("pay_missing")).toMatchObject({ discrepancy: "missing_at_paygent", difference: -3000 })
    expect(byId("pay_err").discrepancy).toBe("inquiry_failed")
    expect(byId("pay_err").explanation.ja).toMatch(/P017/)
    expect(byId("pay_limit").discrepancy).toBe("not_checked")
    expect(byId("pay_limit").explanation.en).toMatch(/inquiry limit \(3\)/)
    expect(byId("pay_zero")).toMatchObject({ discrepancy: null, severity: "ok" })
    expect(byId(null)).toMatchObject({ discrepancy: null, paygent_side: "not_found" })
  })

  it("lists manual refunds with their status, the owed ones as needing action", () => {
    const konbini = record({ method: "konbini", payment_type: "03", captured: 3000, refunded: 3000, order_status: "canceled" })
    const { rows, summary } = reconcile(
      facts({
        records: [{ medusa: konbini, lookup: found({ payment_type: "03", payment_status: "40" }) }],
        manual_refunds: [
          manualRefund(),
          manualRefund({ id: "pgmr_2", medusa_payment_id: "pay_9", paygent_payment_id: "9", amount: 500, status: "refunded", reason: "sales_cancel_deadline_passed", method: "card" }),
        ],
      })
    )
    const payment = rows.find((r) => r.row_type === "payment")!
    expect(payment).toMatchObject({ discrepancy: null, manual_refund_amount: 3000, manual_refund_status: "owed", manual_refund_reason: "no_api_refund" })
    expect(payment.explanation.ja).toMatch(/手動返金で返します/)
    const refunds = rows.filter((r) => r.row_type === "manual_refund")
    expect(refunds.map((r) => [r.manual_refund_id, r.discrepancy, r.severity])).toEqual([
      ["pgmr_1", "manual_refund_owed", "warning"],
      ["pgmr_2", null, "info"],
    ])
    expect(refunds[0]).toMatchObject({ order_display_id: 1, customer_name: "山田 太郎", payment_type: "03" })
    expect(refunds[0].explanation.ja).toMatch(/手動返金が未完了です（¥3,000、理由: 返金電文なし/)
    expect(summary).toMatchObject({
      payments: 1,
      matched: 1,
      discrepancies: 0,
      manual_refunds: { owed: 1, owed_amount: 3000, refunded: 1, refunded_amount: 500, canceled: 0 },
    })
    expect(summary.by_kind).toEqual({ manual_refund_owed: 1 })
  })

  it("shows the last notice of each payment and how many were not applied", () => {
    const { rows, summary } = reconcile(
      facts({
        records: [{ medusa: record(), lookup: found() }],
        notices: [
          { payment_id: "1000001", trading_id: "T1_1", payment_status: "20", change_date: "20261127100001", received_at: "2026-11-27T01:00:02Z", applied: true },
          { payment_id: "1000001", trading_id: "T1_1", payment_status: "40", change_date: "20261127120000", received_at: "2026-11-27T03:00:01Z", applied: false },
          { payment_id: "777", trading_id: "X", payment_status: "40", change_date: null, received_at: "2026-11-27T03:00:01Z", applied: true },
        ],
      })
    )
    expect(rows[0]).toMatchObject({ last_notice_status: "40", last_notice_at: "2026-11-27T12:00:00+09:00", notices_unapplied: 1 })
    expect(summary.notices).toEqual({ in_range: 3, unapplied: 1 })
  })
})
