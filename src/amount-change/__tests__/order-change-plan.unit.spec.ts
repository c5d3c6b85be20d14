import type { OrderPaymentPicture, PictureCollection } from "../plan"
import { planOrderChange, routeOrderChange, settlementPaymentOf } from "../order-change-plan"

const CARD = "pp_paygent-card_paygent"
const KONBINI = "pp_paygent-konbini_paygent"

/** An order of ¥6,000 paid by card (authorized, or captured), worth `after` once the change is confirmed. */
function card(options: { status?: "20" | "40" | "41"; after?: number; held?: number; extra?: PictureCollection[] } = {}): OrderPaymentPicture {
  const status = options.status ?? "20"
  const held = options.held ?? 6000
  const captured = status === "20" ? 0 : held
  return {
    order_id: "order_1",
    currency_code: "jpy",
    total: 6000,
    accounting_total: options.after ?? 6000,
    canceled: false,
    collections: [
      {
        id: "pay_col_1",
        status: status === "20" ? "authorized" : "completed",
        amount: 6000,
        sessions: [{ id: "payses_1", provider_id: CARD, status: "authorized", amount: 6000, data: {} }],
        payments: [
          {
            id: "pay_1",
            provider_id: CARD,
            amount: 6000,
            canceled_at: null,
            captured_at: captured ? "2026-12-01" : null,
            payment_session_id: "payses_1",
            captured,
            refunded: 0,
            data: { paygent: { method: "card", amount: held, attempt: 1, trading_id: "T1_1", payment_id: "100", payment_status: status } },
          },
        ],
      },
      ...(options.extra ?? []),
    ],
  }
}

/** A konbini order of ¥6,000: paid (a captured Medusa payment) or waiting (a pending session). */
function konbini(paid: boolean, after = 6000): OrderPaymentPicture {
  return {
    order_id: "order_2",
    currency_code: "jpy",
    total: 6000,
    accounting_total: after,
    canceled: false,
    collections: [
      {
        id: "pay_col_2",
        status: paid ? "completed" : "awaiting",
        amount: 6000,
        sessions: [{ id: "payses_2", provider_id: KONBINI, status: paid ? "authorized" : "pending_authorization", amount: 6000, data: {} }],
        payments: paid
          ? [
              {
                id: "pay_2",
                provider_id: KONBINI,
                amount: 6000,
                canceled_at: null,
                captured_at: "2026-12-01",
                payment_session_id: "payses_2",
                captured: 6000,
                refunded: 0,
                data: { paygent: { method: "konbini", amount: 6000, attempt: 1, trading_id: "T2_1", payment_id: "200", payment_status: "40" } },
              },
            ]
          : [],
      },
    ],
  }
}

describe("order changes (exchanges, claims, returns) of Paygent orders", () => {
  it("card, authorized: 028 down, the difference collected up, 021 when nothing is left, nothing when even", () => {
    expect(planOrderChange(card({ after: 2400 }), "exchange", 6000)).toMatchObject({
      allowed: true,
      plan: { action: "change_authorization", held: 6000, new_total: 2400, previous_total: 6000, card: { telegram: "028", new_amount: 2400 } },
    })
    const up = planOrderChange(card({ after: 9600 }), "exchange", 6000) as any
    expect(up.plan).toMatchObject({ action: "collect_difference", difference: 3600, card: { telegram: null, action: "none" } })
    expect(up.plan.message.ja).toMatch(/差額/)
    const all = planOrderChange(card({ after: 0 }), "return_receive", 6000) as any
    expect(all.plan).toMatchObject({ action: "cancel_authorization", card: { telegram: "021", new_amount: 0 } })
    expect(all.plan.message.ja).toMatch(/オーソリ取消/)
    expect(planOrderChange(card(), "claim", 6000)).toMatchObject({ plan: { action: "none", difference: 0, card: { telegram: null } } })
  })

  it("card, captured: 029 down (a refund), 023 when nothing is left, a manual refund past the deadline", () => {
    expect(planOrderChange(card({ status: "40", after: 4800 }), "return_receive", 6000)).toMatchObject({
      plan: { action: "change_sales", card: { telegram: "029", new_amount: 4800 } },
    })
    const all = planOrderChange(card({ status: "40", after: 0 }), "return_receive", 6000) as any
    expect(all.plan).toMatchObject({ action: "change_sales", card: { telegram: "023", new_amount: 0 } })
    expect(all.plan.message.en).toMatch(/sales cancel \(023\)/)
    const late = planOrderChange(card({ status: "41", after: 4800 }), "return_receive", 6000) as any
    expect(late.plan).toMatchObject({ action: "change_sales", card: { telegram: null } })
    expect(late.plan.notes.map((n: any) => n.code)).toContain("manual_refund")
    // A partial capture: Paygent holds what was captured, ¥5,000; ¥4,800 is owed → ¥200 back.
    expect(planOrderChange(card({ status: "40", held: 5000, after: 4800 }), "return_receive", 6000)).toMatchObject({
      plan: { held: 5000, card: { telegram: "029", current_amount: 5000, new_amount: 4800 } },
    })
  })

  it("a return request settles nothing: the payment waits for the goods", () => {
    const planned = planOrderChange(card({ after: 4800 }), "return_request", 6000) as any
    expect(planned.plan).toMatchObject({ action: "none", card: null, refund: 0, difference: 0, held: 6000 })
    expect(planned.plan.message.ja).toMatch(/受領/)
  })

  it("konbini paid: a manual refund owed for less, a collection for more; waiting: refused when the amount changes", () => {
    const less = planOrderChange(konbini(true, 4800), "return_receive", 6000) as any
    expect(less.plan).toMatchObject({ action: "manual_refund", refund: 1200, difference: 0, payment_id: "pay_2", card: null })
    expect(less.plan.message.ja).toMatch(/手動返金/)
    expect(planOrderChange(konbini(true, 9000), "exchange", 6000)).toMatchObject({ plan: { action: "collect_difference", difference: 3000 } })
    const waiting = planOrderChange(konbini(false, 4800), "exchange", 6000) as any
    expect(waiting).toMatchObject({ allowed: false, code: "paygent_async_unpaid" })
    expect(waiting.message.ja).toMatch(/払込番号/)
    expect(planOrderChange(konbini(false, 6000), "claim", 6000)).toMatchObject({ allowed: true, plan: { action: "none" } })
  })

  it("closes an unpaid difference collection no longer needed, resizes one still needed", () => {
    const open: PictureCollection = { id: "pay_col_diff", status: "not_paid", amount: 3600, payments: [], sessions: [] }
    expect(planOrderChange(card({ after: 6000, extra: [open] }), "return_receive", 9600)).toMatchObject({
      plan: { difference: 0, open_collection_id: "pay_col_diff" },
    })
    expect(planOrderChange(card({ after: 7000, extra: [open] }), "exchange", 9600)).toMatchObject({
      plan: { difference: 1000, open_collection_id: "pay_col_diff", open_collection_amount: 3600 },
    })
  })

  it("routes: a live card to the plugin, a closed one to Medusa, unpaid konbini refused only when the amount changes", () => {
    expect(routeOrderChange(card(), 2400)).toEqual({ route: "paygent" })
    const closed = card()
    closed.collections[0].payments[0].data = { paygent: { ...(closed.collections[0].payments[0].data as any).paygent, payment_status: "32" } }
    expect(routeOrderChange(closed, 2400)).toEqual({ route: "core" })
    expect(routeOrderChange(konbini(false), 4800)).toMatchObject({ route: "refuse", code: "paygent_async_unpaid" })
    expect(routeOrderChange(konbini(false), 6000)).toEqual({ route: "core" })
    expect(routeOrderChange(konbini(true), 4800)).toEqual({ route: "paygent" })
    const pending = card()
    ;(pending.collections[0].payments[0].data as any).paygent.change_pending = { telegram: "028", base_payment_id: "99", amount: 6000, requested_at: "x" }
    expect(routeOrderChange(pending, 2400)).toMatchObject({ route: "refuse", code: "paygent_change_pending" })
    const two = card({ extra: [{ ...konbini(true).collections[0], id: "pay_col_3" }] })
    expect(routeOrderChange(two, 2400)).toMatchObject({ route: "refuse", code: "paygent_several_payments" })
  })

  it("names the payment whose lock the settlement holds, and the session of a konbini order not paid yet", () => {
    expect(settlementPaymentOf(card())).toEqual({ payment_id: "pay_1", session_id: "payses_1" })
    expect(settlementPaymentOf(konbini(false))).toEqual({ payment_id: null, session_id: "payses_2" })
  })
})
