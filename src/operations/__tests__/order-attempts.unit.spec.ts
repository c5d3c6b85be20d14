import { attemptEnd, ledgerOnlyAttempts, LedgerRow } from "../order-attempts"
import type { OrderPaygentPayment } from "../order-payments"

function attempt(over: Partial<OrderPaygentPayment> & { status?: string; deleted?: boolean; state?: Record<string, unknown> } = {}) {
  const { status = "20", state = {}, ...rest } = over
  return {
    medusa_payment_id: null,
    payment_session_id: "payses_1",
    payment_collection_id: "pay_col_1",
    provider_id: "pp_paygent-card_paygent",
    method: "card" as const,
    paygent: { method: "card", amount: 6000, attempt: 1, trading_id: "T_1", payment_id: "100", payment_status: status, ...state } as any,
    amount: 6000,
    captured: 0,
    refunded: 0,
    captured_at: null,
    canceled_at: null,
    session_status: "authorized",
    ...rest,
  }
}

describe("how a payment attempt ended (attemptEnd)", () => {
  it("a live authorization, a payment waiting at the konbini and a pending change have not ended", () => {
    expect(attemptEnd(attempt({ medusa_payment_id: "pay_1" }), "pending")).toBeNull()
    expect(attemptEnd(attempt({ method: "konbini", status: "10", session_status: "pending_authorization" }), "pending")).toBeNull()
    const pending = attempt({ medusa_payment_id: "pay_1", status: "32", state: { change_pending: { telegram: "028" } } })
    expect(attemptEnd(pending, "pending")).toBeNull()
  })

  it("expired konbini numbers, with the order Medusa cancelled; an expired authorization", () => {
    const expired = attemptEnd(attempt({ method: "konbini", status: "12", session_status: "canceled" }), "canceled")!
    expect(expired.code).toBe("expired")
    expect(expired.detail!.ja).toMatch(/支払期限.*注文はキャンセル/)
    expect(attemptEnd(attempt({ medusa_payment_id: "pay_1", status: "33" }), "pending")!.code).toBe("expired")
  })

  it("cancelled (021 or Medusa's cancel) and refunded (023, refunds equal to the captures, by hand for konbini)", () => {
    expect(attemptEnd(attempt({ medusa_payment_id: "pay_1", status: "32", canceled_at: "x" }), "canceled")!.code).toBe("cancelled")
    expect(attemptEnd(attempt({ medusa_payment_id: "pay_1", status: "60", captured: 6000, refunded: 6000 }), "canceled")!.code).toBe("refunded")
    const konbini = attempt({
      medusa_payment_id: "pay_2",
      method: "konbini",
      status: "40",
      captured: 6000,
      refunded: 6000,
      state: { manual_refunds: [{ amount: 6000, reason: "no_api_refund", at: "x" }] },
    })
    const ended = attemptEnd(konbini, "canceled")!
    expect(ended.code).toBe("refunded")
    expect(ended.detail!.ja).toMatch(/手動返金/)
    // A partial refund leaves the payment live.
    expect(attemptEnd(attempt({ medusa_payment_id: "pay_1", status: "40", captured: 6000, refunded: 1200 }), "pending")).toBeNull()
  })

  it("a declined card with Paygent's reason, a session the shopper replaced, an abandoned net-bank screen", () => {
    const reason = { ja: "カード会社に承認されませんでした", en: "declined by the issuer" }
    const declined = attemptEnd(attempt({ status: "11", session_status: "error", state: { last_error: { message: reason, at: "x" } } }), "pending")!
    expect(declined).toMatchObject({ code: "declined", detail: reason })
    expect(attemptEnd(attempt({ status: "10", session_status: "error", deleted: true, state: { last_error: { message: reason, at: "x" } } }), "pending")!.code).toBe(
      "declined"
    )
    expect(attemptEnd(attempt({ method: "konbini", status: "10", session_status: "pending", deleted: true }), "pending")!.code).toBe("replaced")
    expect(attemptEnd(attempt({ method: "banknet", status: "15", session_status: "canceled" }), "canceled")!.code).toBe("abandoned")
  })

  it("rebuilds attempts Medusa deleted from the ledger: a declined card with Paygent's reason", () => {
    const row = (over: Partial<LedgerRow>): LedgerRow => ({
      telegram_kind: "020",
      outcome: "success",
      payment_session_id: "payses_old",
      payment_collection_id: "pay_col_1",
      trading_id: "OLD_1",
      paygent_payment_id: "90",
      amount: 3000,
      response_code: null,
      response_detail: null,
      started_at: "2026-12-06T00:00:00Z",
      ...over,
    })
    const rows = [
      row({ outcome: "declined", response_code: "1", response_detail: '"1G12"' }),
      row({ telegram_kind: "450", outcome: "success" }),
      // The live session's rows and another collection's are not rebuilt.
      row({ payment_session_id: "payses_live" }),
      row({ payment_session_id: "payses_other", payment_collection_id: "pay_col_9" }),
    ]
    const attempts = ledgerOnlyAttempts(rows, new Set(["payses_live"]), new Set(["pay_col_1"]))
    expect(attempts).toHaveLength(1)
    expect(attempts[0]).toMatchObject({ payment_session_id: "payses_old", method: "card", amount: 3000, deleted: true, provider_id: "pp_paygent-card_paygent" })
    expect(attempts[0].paygent).toMatchObject({ payment_status: "11", trading_id: "OLD_1", payment_id: "90" })
    const ended = attemptEnd(attempts[0], "pending")!
    expect(ended.code).toBe("declined")
    expect(ended.detail!.ja).toMatch(/カード.*1G12/)
  })
})
