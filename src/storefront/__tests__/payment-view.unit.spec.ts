/**
 * An order's Paygent payment in shopper words, from the provider's state on a payment or session: what the store
 * route GET /store/paygent/orders/:id answers and the kit shows.
 */
import { describePaygentPayment, paymentStatusText } from "../payment-view"

const konbini = (paygent: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  provider_id: "pp_paygent-konbini_paygent",
  status: "pending",
  data: {
    paygent: {
      method: "konbini",
      amount: 1200,
      attempt: 1,
      instructions: { kind: "konbini", cvs_company_id: "00C001", receipt_number: "1", usable_cvs_company_ids: ["00C001"] },
      ...paygent,
    },
  },
  ...extra,
})

const card = (paygent: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  provider_id: "pp_paygent-card_paygent",
  status: "authorized",
  data: { paygent: { method: "card", amount: 3000, attempt: 1, card: { masked_card_number: "************1111", card_brand: "VISA", payment_class: "10", fingerprint: "secret-ish" }, ...paygent } },
  ...extra,
})

describe("describePaygentPayment", () => {
  it("konbini: awaiting payment with the instructions, then paid / expired / cancelled without them", () => {
    expect(describePaygentPayment(konbini({ payment_status: "10" }))).toMatchObject({
      method: "konbini",
      status: "awaiting_payment",
      amount: 1200,
      instructions: { kind: "konbini", receipt_number: "1" },
    })
    for (const [paymentStatus, status] of [
      ["40", "paid"],
      ["43", "paid"],
      ["12", "expired"],
      ["61", "canceled"],
    ]) {
      const view = describePaygentPayment(konbini({ payment_status: paymentStatus }))!
      expect(view.status).toBe(status)
      expect(view.instructions).toBeUndefined()
    }
  })

  it("net bank: 15 (the bank screen left unpaid) is expired", () => {
    const view = describePaygentPayment({
      provider_id: "pp_paygent-banknet_paygent",
      data: { paygent: { method: "banknet", amount: 1, attempt: 1, payment_status: "15", instructions: { kind: "banknet", asp_url: "https://x" } } },
    })!
    expect(view.status).toBe("expired")
    expect(paymentStatusText(view).ja).toBe("銀行でのお手続きの期限が過ぎました。")
  })

  it("card: approved, charged, refunded, cancelled; the card's summary without the fingerprint", () => {
    const authorized = describePaygentPayment(card({ payment_status: "20", authorized_at: "2026-12-06T10:00:00+09:00" }))!
    expect(authorized).toEqual({
      method: "card",
      provider_id: "pp_paygent-card_paygent",
      status: "authorized",
      amount: 3000,
      card: { masked_card_number: "************1111", card_brand: "VISA", payment_class: "10", split_count: undefined },
    })
    expect(describePaygentPayment(card({ payment_status: "40" }))!.status).toBe("captured")
    expect(describePaygentPayment(card({ payment_status: "20" }, { captured_at: "2026-12-07" }))!.status).toBe("captured")
    expect(describePaygentPayment(card({ payment_status: "40", captured_amount: 3000, refunded_amount: 3000 }))!.status).toBe("refunded")
    expect(describePaygentPayment(card({ payment_status: "40", captured_amount: 3000, refunded_amount: 1000 }))!.status).toBe("captured")
    expect(describePaygentPayment(card({ payment_status: "32" }))!.status).toBe("canceled")
    expect(describePaygentPayment(card({}, { status: "requires_more" }))!.status).toBe("pending")
  })

  it("is undefined for another provider", () => {
    expect(describePaygentPayment({ provider_id: "pp_system_default", data: {} })).toBeUndefined()
  })

  it("words the status for the shopper, never オーソリ", () => {
    const statuses = ["awaiting_payment", "paid", "expired", "authorized", "captured", "refunded", "canceled", "pending"] as const
    for (const status of statuses) {
      const text = paymentStatusText({ method: "card", status })
      expect(text.ja).not.toMatch(/オーソリ/)
      expect(text.en).not.toMatch(/authori[sz]/i)
    }
  })
})
