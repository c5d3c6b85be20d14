import { MAX_DEFERRALS, paymentTypeOfProvider, PlanFacts, planNotice } from "../plan"
import type { PaygentState } from "../../providers/paygent/core/session-data"

const TRADING_ID = "0abcDEF0abcDEF0abcDEF0_1"

function state(extra: Partial<PaygentState> = {}): PaygentState {
  return { method: "konbini", amount: 3000, attempt: 1, trading_id: TRADING_ID, payment_id: "210000102", payment_status: "10", ...extra }
}

function facts(over: Partial<PlanFacts> & { status: string; type?: string; payment_id?: string; trading_id?: string }): PlanFacts {
  const { status, type = "03", payment_id = "210000102", trading_id = TRADING_ID, ...rest } = over
  const provider = { "01": "payeasy", "02": "card", "03": "konbini", "05": "banknet" }[type]
  return {
    notice: { payment_id, trading_id, payment_type: type, payment_status: status, payment_amount: "3000" },
    session: { id: "payses_1", status: "pending_authorization", provider_id: `pp_paygent-${provider}_paygent`, state: state() },
    order: { id: "order_1", canceled: false },
    treatPreliminaryAsPaid: true,
    cancelAbandonedBankNet: true,
    attempts: 0,
    ...rest,
  }
}

describe("what a notice does (planNotice)", () => {
  it("knows Paygent's provider ids", () => {
    expect(paymentTypeOfProvider("pp_paygent-konbini_paygent")).toBe("03")
    expect(paymentTypeOfProvider("pp_paygent-card_shop2")).toBe("02")
    expect(paymentTypeOfProvider("pp_stripe_stripe")).toBeUndefined()
  })

  it("pays a waiting konbini / ATM / net-bank order on 40", () => {
    expect(planNotice(facts({ status: "40" }))).toMatchObject({ action: "pay", result: "paid" })
    expect(planNotice(facts({ status: "40", type: "01" }))).toMatchObject({ action: "pay" })
    const banknet = facts({ status: "40", type: "05", payment_id: "555" })
    banknet.session!.state = state({ method: "banknet", payment_id: undefined })
    expect(planNotice(banknet)).toMatchObject({ action: "pay" })
  })

  it("does not mark an order paid (nor owe a refund) when the paid notice names another amount", () => {
    const mismatch = facts({ status: "40" })
    mismatch.notice.payment_amount = "1"
    expect(planNotice(mismatch)).toMatchObject({
      action: "none",
      result: "ignored_amount_mismatch",
      alerts: [expect.objectContaining({ kind: "amount_mismatch", severity: "critical" })],
    })
    const afterCancel = { ...mismatch, order: { id: "order_1", canceled: true } }
    expect(planNotice(afterCancel)).toMatchObject({ action: "none", result: "ignored_amount_mismatch" })
    expect(planNotice(afterCancel).manual_refund).toBeUndefined()
  })

  it("pays again when a crash left the paid status recorded on a session Medusa never authorized", () => {
    const interrupted = facts({ status: "40" })
    interrupted.session!.state = state({ payment_status: "40" })
    expect(planNotice(interrupted)).toMatchObject({ action: "pay", result: "paid" })
    // Authorized (a payment exists): the same status changes nothing.
    expect(planNotice({ ...interrupted, payment: { id: "pay_1", state: state({ payment_status: "40" }) } })).toMatchObject({
      action: "none",
      result: "ignored_same_status",
    })
  })

  it("adds the order transaction when a crash came between Medusa's authorization and the order transaction", () => {
    const paid = { id: "pay_1", state: state({ payment_status: "40" }) }
    const crashed = facts({ status: "40", payment: paid, capture_unrecorded: true })
    crashed.session = { ...crashed.session!, status: "authorized", state: state({ payment_status: "40" }) }
    expect(planNotice(crashed)).toMatchObject({ action: "record_capture", result: "capture_recorded" })
    // Recorded: nothing to do; a cancelled order is not touched; a card payment's captures are the merchant's.
    expect(planNotice({ ...crashed, capture_unrecorded: false })).toMatchObject({ action: "none", result: "ignored_same_status" })
    expect(planNotice({ ...crashed, order: { id: "order_1", canceled: true } }).action).not.toBe("record_capture")
    const card = facts({ status: "40", type: "02", payment: { id: "pay_1", state: state({ method: "card", payment_status: "40" }) }, capture_unrecorded: true })
    card.session!.state = state({ method: "card", payment_status: "40" })
    expect(planNotice(card).action).not.toBe("record_capture")
  })

  it("treats 速報 (43) as paid unless configured otherwise, then confirms with 40", () => {
    expect(planNotice(facts({ status: "43" }))).toMatchObject({ action: "pay", result: "paid_preliminary" })
    expect(planNotice(facts({ status: "43", treatPreliminaryAsPaid: false }))).toMatchObject({ action: "none", result: "ignored_preliminary" })
    const paid = facts({ status: "40", payment: { id: "pay_1", state: state({ payment_status: "43" }) } })
    expect(planNotice(paid)).toMatchObject({ action: "record_payment", result: "paid_confirmed" })
  })

  it("never moves backwards and ignores a status it already has", () => {
    const paid = { id: "pay_1", state: state({ payment_status: "40" }) }
    expect(planNotice(facts({ status: "43", payment: paid }))).toMatchObject({ action: "none", result: "ignored_backwards" })
    expect(planNotice(facts({ status: "10" }))).toMatchObject({ action: "none", result: "ignored_same_status" })
    expect(planNotice(facts({ status: "40", payment: paid }))).toMatchObject({ action: "none", result: "ignored_same_status" })
  })

  it("cancels the unpaid order when konbini / ATM expire (12) or net bank is abandoned (15)", () => {
    expect(planNotice(facts({ status: "12" }))).toMatchObject({ action: "cancel_order", result: "expired_order_canceled" })
    expect(planNotice(facts({ status: "12", type: "01" }))).toMatchObject({ action: "cancel_order" })
    const abandoned = facts({ status: "15", type: "05" })
    expect(planNotice(abandoned)).toMatchObject({ action: "cancel_order", result: "abandoned_order_canceled" })
    expect(planNotice({ ...abandoned, cancelAbandonedBankNet: false })).toMatchObject({ action: "record_session" })
    // Already cancelled (by the merchant): only recorded.
    expect(planNotice(facts({ status: "12", order: { id: "order_1", canceled: true } }))).toMatchObject({ action: "record_session" })
    // A cancel cut short by a crash (collection cancelled, order not): cancelled again, to the end.
    expect(planNotice(facts({ status: "12", collection_canceled: true }))).toMatchObject({ action: "cancel_order" })
  })

  it("does not reopen a cancelled order on a late payment: alert and a manual refund owed", () => {
    const plan = planNotice(facts({ status: "40", order: { id: "order_1", canceled: true } }))
    expect(plan).toMatchObject({
      action: "record_session",
      result: "paid_after_cancel",
      manual_refund: { amount: 3000, reason: "paid_after_cancel" },
    })
    expect(plan.alerts[0]).toMatchObject({ kind: "paid_after_cancel", severity: "critical" })
    // Net bank paid after Paygent's 申込中断 (15 → 40) and our cancellation.
    const banknet = facts({ status: "40", type: "05", collection_canceled: true })
    banknet.session = { ...banknet.session!, status: "canceled", state: state({ method: "banknet", payment_id: undefined, payment_status: "15" }) }
    expect(planNotice(banknet)).toMatchObject({ result: "paid_after_cancel" })
  })

  it("ignores earlier attempts and payment_ids that are no longer the session's", () => {
    const older = planNotice(facts({ status: "40", trading_id: "0abcDEF0abcDEF0abcDEF0_2" }))
    expect(older).toMatchObject({ action: "none", result: "ignored_superseded_attempt" })
    expect(older.alerts[0]).toMatchObject({ kind: "superseded_attempt_paid" })
    expect(planNotice(facts({ status: "12", trading_id: "0abcDEF0abcDEF0abcDEF0_2" })).alerts).toEqual([])
    expect(planNotice(facts({ status: "32", type: "02", payment_id: "111" }))).toMatchObject({ action: "none" })
    const card = facts({
      status: "32",
      type: "02",
      payment_id: "111",
      payment: { id: "pay_1", state: state({ method: "card", payment_id: "222", payment_status: "20" }) },
    })
    expect(planNotice(card)).toMatchObject({ action: "none", result: "ignored_other_payment" })
  })

  it("raises a double payment on net bank when a second bank payment of the same screen is paid", () => {
    const plan = planNotice(
      facts({
        status: "40",
        type: "05",
        payment_id: "556",
        payment: { id: "pay_1", state: state({ method: "banknet", payment_id: "555", payment_status: "40" }) },
      })
    )
    expect(plan).toMatchObject({ action: "none", result: "double_payment", manual_refund: { amount: 3000 } })
  })

  it("records card changes made outside Medusa, with an alert when the authorization expired (33)", () => {
    const card = (status: string, current = "20") =>
      facts({
        status,
        type: "02",
        payment: { id: "pay_1", state: state({ method: "card", payment_status: current }) },
      })
    for (const status of ["32", "40"]) {
      expect(planNotice(card(status))).toMatchObject({ action: "record_payment", alerts: [] })
    }
    expect(planNotice(card("60", "40"))).toMatchObject({ action: "record_payment" })
    const expired = planNotice(card("33"))
    expect(expired).toMatchObject({ action: "record_payment" })
    expect(expired.alerts[0]).toMatchObject({ kind: "authorization_expired" })
    // Backwards (a late 20 after the capture) and no Medusa payment yet (the checkout's own authorization).
    expect(planNotice(card("20", "40"))).toMatchObject({ action: "none", result: "ignored_backwards" })
    expect(planNotice(facts({ status: "20", type: "02" }))).toMatchObject({ action: "none", result: "ignored_no_medusa_payment" })
  })

  it("reverts nothing but alerts when a konbini preliminary payment is withdrawn (61)", () => {
    const plan = planNotice(
      facts({ status: "61", payment: { id: "pay_1", state: state({ payment_status: "43" }) } })
    )
    expect(plan).toMatchObject({ action: "record_payment", result: "preliminary_cancelled" })
    expect(plan.alerts[0]).toMatchObject({ kind: "preliminary_cancelled", severity: "critical" })
  })

  it("waits for the order when the money comes before it, then raises it", () => {
    expect(planNotice(facts({ status: "40", order: undefined }))).toMatchObject({ action: "defer" })
    expect(planNotice(facts({ status: "40", order: undefined, attempts: MAX_DEFERRALS }))).toMatchObject({ result: "paid_without_order" })
  })

  it("ignores notices for payments that are not ours", () => {
    expect(planNotice(facts({ status: "40", session: undefined }))).toMatchObject({ action: "none", result: "ignored_unknown_payment" })
    expect(planNotice(facts({ status: "40", type: "01" , session: { id: "payses_1", status: "pending_authorization", provider_id: "pp_paygent-konbini_paygent", state: state() } }))).toMatchObject({ result: "ignored_type_mismatch" })
  })

  it("resolves an amount change whose answer was lost from the new payment's notice, and ignores the base payment's cancel", () => {
    const pending = state({
      method: "card",
      amount: 2400,
      payment_id: "100",
      payment_status: "20",
      change_pending: { telegram: "028", base_payment_id: "100", amount: 2400, requested_at: "2026-12-06T00:00:00Z" },
    } as Partial<PaygentState>)
    const card = (status: string, paymentId: string, amount = "2400") => {
      const f = facts({ status, type: "02", payment_id: paymentId, payment: { id: "pay_1", state: pending } })
      f.session!.status = "authorized"
      f.session!.state = pending
      f.notice.payment_amount = amount
      return f
    }
    expect(planNotice(card("20", "101"))).toMatchObject({ action: "resolve_pending_change", result: "pending_change_resolved" })
    expect(planNotice(card("32", "100"))).toMatchObject({ action: "none", result: "ignored_changed_payment" })
    // Another amount, another status, or a payment of another checkout attempt: not this change's payment.
    expect(planNotice(card("20", "101", "6000")).action).not.toBe("resolve_pending_change")
    expect(planNotice(card("40", "101")).action).not.toBe("resolve_pending_change")
    const other = card("20", "101")
    other.notice.trading_id = "0abcDEF0abcDEF0abcDEF0_2"
    expect(planNotice(other).action).not.toBe("resolve_pending_change")
    // Without a pending change, the replaced payment's notices are another payment's.
    const settled = card("20", "99")
    settled.payment = { id: "pay_1", state: state({ method: "card", payment_id: "101", payment_status: "20", previous_payment_ids: ["100"] }) }
    expect(planNotice(settled)).toMatchObject({ result: "ignored_other_payment" })
    // Once resolved, the original payment's cancel is still what the change did.
    const late = card("32", "100")
    late.payment = { id: "pay_1", state: state({ method: "card", payment_id: "101", payment_status: "20", previous_payment_ids: ["100"] }) }
    expect(planNotice(late)).toMatchObject({ action: "none", result: "ignored_changed_payment" })
  })
})

describe("money on numbers no order took (issue #15)", () => {
  it("owes back a payment on an unused konbini / ATM attempt, even with the session gone, and changes no order", () => {
    const gone = facts({ status: "40", unused_attempt: true, session: undefined, order: undefined })
    const plan = planNotice(gone)
    expect(plan).toMatchObject({ action: "none", result: "paid_unused_attempt" })
    expect(plan.manual_refund).toEqual({ amount: 3000, reason: "paid_unused_attempt", reference: "paid_unused_attempt:210000102" })
    expect(plan.alerts).toEqual([expect.objectContaining({ kind: "paid_unused_attempt", severity: "critical", dedupe_key: "paid_unused_attempt:210000102" })])
    // Without the fact, the same notice is what it always was: a payment nobody can place.
    expect(planNotice({ ...gone, unused_attempt: false })).toMatchObject({ action: "none", result: "ignored_unknown_payment" })
  })

  it("counts a preliminary 43 as paid only as the merchant configured, and ignores other statuses", () => {
    expect(planNotice(facts({ status: "43", unused_attempt: true }))).toMatchObject({ result: "paid_unused_attempt" })
    expect(planNotice(facts({ status: "43", unused_attempt: true, treatPreliminaryAsPaid: false })).result).not.toBe("paid_unused_attempt")
    expect(planNotice(facts({ status: "12", unused_attempt: true })).result).not.toBe("paid_unused_attempt")
  })
})
