import type { PaygentState } from "../../providers/paygent/core/session-data"
import { findPaygentSession, nextPaygentAction, readPaygentState, splitBilingualMessage } from "../session-state"

const CARD = "pp_paygent-card_paygent"
const KONBINI = "pp_paygent-konbini_paygent"

function session(paygent: Partial<PaygentState> | undefined, status = "pending", provider_id = CARD) {
  return {
    id: "payses_1",
    status,
    provider_id,
    data: paygent ? { session_id: "payses_1", paygent: { method: "card", amount: 3000, attempt: 1, ...paygent } } : {},
  }
}

const DECLINED = { ja: "このカードはご利用いただけません。別のカードをお試しください。", en: "This card was declined. Please try another card." }
const KONBINI_INSTRUCTIONS = {
  kind: "konbini" as const,
  cvs_company_id: "00C001",
  receipt_number: "9000000000001",
  usable_cvs_company_ids: ["00C001"],
  payment_limit_date: "2026-12-05",
}

describe("nextPaygentAction", () => {
  it("is none without a session or without Paygent state", () => {
    expect(nextPaygentAction(undefined)).toEqual({ type: "none" })
    expect(nextPaygentAction(session(undefined))).toEqual({ type: "none" })
    expect(nextPaygentAction({ status: "pending", data: null })).toEqual({ type: "none" })
  })

  it("is none for a card session waiting for cart completion (no 3-D Secure, or authenticated, or fallback)", () => {
    expect(nextPaygentAction(session({ attempt: 0 }))).toEqual({ type: "none" })
    expect(nextPaygentAction(session({ threeds: { state: "authenticated", auth_id: "a" } }))).toEqual({ type: "none" })
    expect(nextPaygentAction(session({ threeds: { state: "fallback" } }))).toEqual({ type: "none" })
  })

  it("starts 3-D Secure for a session requiring more with acs_html", () => {
    const html = "<html><body onload=\"document.forms[0].submit()\"><form></form></body></html>"
    expect(nextPaygentAction(session({ threeds: { state: "challenge", acs_html: html } }, "requires_more"))).toEqual({
      type: "three_ds",
      html,
    })
    // A challenge whose HTML is gone (e.g. copied to the payment) cannot be started again.
    expect(nextPaygentAction(session({ threeds: { state: "challenge" } }, "requires_more"))).toEqual({ type: "none" })
  })

  it("asks for another card after a decline, with the shopper's message", () => {
    const state = { last_error: { code: "2002 1G12", message: DECLINED, at: "2026-01-01T00:00:00Z" } }
    expect(nextPaygentAction(session(state, "error"))).toEqual({ type: "retry_card", message: DECLINED })
  })

  it("passes the retry reference of an input error (2003)", () => {
    const message = { ja: "セキュリティコードが正しくありません。", en: "The security code is wrong." }
    const state = {
      payment_id: "12345",
      payment_status: "10",
      last_error: { code: "2003 1G44", message, at: "2026-01-01T00:00:00Z" },
      input_error: { response_detail: "1G44", message, retry_ref: "12345:abc_2.sig" },
    }
    expect(nextPaygentAction(session(state, "error"))).toEqual({ type: "retry_card", message, retryRef: "12345:abc_2.sig" })
  })

  it("asks for another card after a failed 3-D Secure authentication", () => {
    const failed = { ja: "本人認証（3Dセキュア）に失敗しました。", en: "Card authentication (3-D Secure) failed." }
    const recorded = {
      threeds: { state: "failed" as const, failure: { response_code: "31007", message: failed } },
      last_error: { code: "31007", message: failed, at: "2026-01-01T00:00:00Z" },
    }
    expect(nextPaygentAction(session(recorded, "requires_more"))).toEqual({ type: "retry_card", message: failed })
    // Even if only the 3-D Secure failure was recorded.
    expect(nextPaygentAction(session({ threeds: recorded.threeds }, "requires_more"))).toEqual({ type: "retry_card", message: failed })
  })

  it("shows konbini and Pay-easy instructions while the payment is awaited (申込済)", () => {
    const konbini = session({ method: "konbini", payment_status: "10", instructions: KONBINI_INSTRUCTIONS }, "pending_authorization", KONBINI)
    expect(nextPaygentAction(konbini)).toEqual({ type: "show_instructions", instructions: KONBINI_INSTRUCTIONS })
    const payeasy = {
      kind: "payeasy" as const,
      pay_center_number: "58091",
      customer_number: "12345678901234567890",
      conf_number: "123456",
    }
    expect(
      nextPaygentAction(session({ method: "payeasy", payment_status: "10", instructions: payeasy }, "pending_authorization", "pp_paygent-payeasy_paygent"))
    ).toEqual({ type: "show_instructions", instructions: payeasy })
  })

  it("redirects to the bank selection screen for net bank", () => {
    const instructions = { kind: "banknet" as const, asp_url: "https://service.paygent.co.jp/banking/asp?type=05&tid=t&mid=m&hv=h" }
    const banknet = session({ method: "banknet", payment_status: "10", instructions }, "pending_authorization", "pp_paygent-banknet_paygent")
    expect(nextPaygentAction(banknet)).toEqual({ type: "redirect", url: instructions.asp_url, instructions })
    expect(nextPaygentAction(session({ method: "banknet", instructions: { kind: "banknet", asp_url: "" } }, "pending_authorization"))).toEqual({
      type: "none",
    })
  })

  it.each([
    ["paid (40)", "40"],
    ["preliminarily paid (43)", "43"],
    ["expired (12)", "12"],
    ["abandoned (15)", "15"],
  ])("is none once the konbini payment is %s", (_label, status) => {
    expect(nextPaygentAction(session({ method: "konbini", payment_status: status, instructions: KONBINI_INSTRUCTIONS }, "pending_authorization"))).toEqual({
      type: "none",
    })
  })

  it.each(["authorized", "captured", "canceled"])("is none for a %s session, whatever was recorded before", (status) => {
    const state = {
      payment_status: "20",
      last_error: { message: DECLINED, at: "2026-01-01T00:00:00Z" },
      threeds: { state: "challenge" as const, acs_html: "<html></html>" },
    }
    expect(nextPaygentAction(session(state, status))).toEqual({ type: "none" })
  })

  it("is none for a zero-amount order", () => {
    expect(nextPaygentAction(session({ amount: 0, zero_amount: true }, "captured"))).toEqual({ type: "none" })
  })
})

describe("readPaygentState / findPaygentSession", () => {
  it("reads the paygent state from a session's data", () => {
    expect(readPaygentState(session({ payment_id: "1" }))?.payment_id).toBe("1")
    expect(readPaygentState({ data: { paygent: "nope" } })).toBeUndefined()
  })

  it("finds the Paygent session of a cart, an order and a payment collection", () => {
    const other = { id: "s0", provider_id: "pp_system_default", status: "pending", data: {} }
    const paygent = session({ payment_id: "1" })
    expect(findPaygentSession({ payment_collection: { payment_sessions: [other, paygent] } })).toBe(paygent)
    expect(findPaygentSession({ payment_collections: [{ payment_sessions: [other] }, { payment_sessions: [paygent] }] })).toBe(paygent)
    expect(findPaygentSession({ payment_sessions: [paygent] })).toBe(paygent)
    expect(findPaygentSession({ payment_collection: { payment_sessions: [other] } })).toBeUndefined()
    expect(findPaygentSession({ payment_collection: null })).toBeUndefined()
    expect(findPaygentSession(undefined)).toBeUndefined()
  })

  it("prefers the latest session that is not canceled", () => {
    const live = session({ payment_id: "2" }, "pending_authorization", KONBINI)
    const canceled = session({ payment_id: "3" }, "canceled")
    expect(findPaygentSession({ payment_sessions: [session({}), live, canceled] })).toBe(live)
    expect(findPaygentSession({ payment_sessions: [canceled] })).toBe(canceled)
  })
})

describe("splitBilingualMessage", () => {
  it("splits the plugin's 'ja / en' messages", () => {
    expect(splitBilingualMessage("別のカードをお試しください。 / Please try another card.")).toEqual({
      ja: "別のカードをお試しください。",
      en: "Please try another card.",
    })
  })

  it("keeps a message without the separator in both languages", () => {
    expect(splitBilingualMessage("Payment failed")).toEqual({ ja: "Payment failed", en: "Payment failed" })
  })
})
