import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { planWithoutWorkflow, settleNothingToApply } from "../nothing-to-apply"
import { planNotice } from "../plan"
import { readFactsOf, SessionWithPayment } from "../session-facts"
import type { StoredNotice } from "../../modules/paygent/types"
import type { PaygentState } from "../../providers/paygent/core/session-data"

const TRADING_ID = "0abcDEF0abcDEF0abcDEF0_1"
const OPTIONS = { treatPreliminaryAsPaid: true, cancelAbandonedBankNet: true }

function notice(over: Partial<StoredNotice> = {}): StoredNotice {
  return {
    id: "pgnotice_1",
    payment_notice_id: "00000000000000000001",
    paygent_payment_id: "7001",
    trading_id: TRADING_ID,
    payment_type: "02",
    payment_status: "20",
    payment_amount: "5000",
    change_date: null,
    fields: {},
    received_via: "push",
    received_at: new Date(),
    received_count: 1,
    payment_session_id: "payses_1",
    order_id: null,
    applied_at: null,
    result: null,
    apply_attempts: 0,
    last_error: null,
    ...over,
  } as StoredNotice
}

function cardState(extra: Partial<PaygentState> = {}): PaygentState {
  return { method: "card", amount: 5000, attempt: 1, trading_id: TRADING_ID, ...extra } as PaygentState
}

function session(state: PaygentState | undefined, payment?: PaygentState, over: Partial<SessionWithPayment> = {}): SessionWithPayment {
  return {
    id: "payses_1",
    status: payment ? "authorized" : "pending",
    provider_id: "pp_paygent-card_paygent",
    data: state ? { paygent: state } : {},
    payment: payment ? { id: "pay_1", data: { paygent: payment } } : null,
    payment_collection: { id: "paycol_1", status: "not_paid" },
    ...over,
  } as unknown as SessionWithPayment
}

/** What the apply workflow's planner decides for the same read, with the order it would also read. */
function workflowPlan(stored: StoredNotice, read: SessionWithPayment | undefined) {
  return planNotice({ ...readFactsOf(stored, read), order: { id: "order_1", canceled: false }, ...OPTIONS })
}

describe("card notices that change nothing, decided before the apply workflow", () => {
  it("the checkout's own authorization, already on the session: ignored_same_status, as the workflow decides", () => {
    const read = session(cardState({ payment_id: "7001", payment_status: "20" }))
    expect(planWithoutWorkflow(notice(), read, OPTIONS)).toMatchObject({ action: "none", result: "ignored_same_status" })
    expect(workflowPlan(notice(), read)).toMatchObject({ action: "none", result: "ignored_same_status" })
  })

  it("the authorization already on the Medusa payment: ignored_same_status", () => {
    const state = cardState({ payment_id: "7001", payment_status: "20" })
    expect(planWithoutWorkflow(notice(), session(state, state), OPTIONS)).toMatchObject({ result: "ignored_same_status" })
  })

  it("the notice before the completion stored its 020 answer (no Medusa payment yet): ignored_no_medusa_payment", () => {
    for (const state of [cardState(), cardState({ payment_id: "7001", payment_status: "10" })]) {
      const read = session(state)
      expect(planWithoutWorkflow(notice(), read, OPTIONS)).toMatchObject({ action: "none", result: "ignored_no_medusa_payment" })
      expect(workflowPlan(notice(), read)).toMatchObject({ action: "none", result: "ignored_no_medusa_payment" })
    }
  })

  it("leaves to the workflow a status 20 the Medusa payment does not have yet (it records it)", () => {
    const state = cardState({ payment_id: "7001", payment_status: "10" })
    const read = session(state, state)
    expect(workflowPlan(notice(), read).action).toBe("record_payment")
    expect(planWithoutWorkflow(notice(), read, OPTIONS)).toBeUndefined()
  })

  it("leaves to the workflow every other status of a card payment (console changes: 32, 33, 40, 60 …)", () => {
    const state = cardState({ payment_id: "7001", payment_status: "20" })
    for (const status of ["10", "11", "32", "33", "40", "60"]) {
      expect(planWithoutWorkflow(notice({ payment_status: status }), session(state, state), OPTIONS)).toBeUndefined()
    }
  })

  it("leaves to the workflow other payment types, notices without a session, missing sessions and applied notices", () => {
    const state = cardState({ payment_id: "7001", payment_status: "20" })
    expect(planWithoutWorkflow(notice({ payment_type: "03" }), session(state), OPTIONS)).toBeUndefined()
    expect(planWithoutWorkflow(notice({ payment_session_id: null }), session(state), OPTIONS)).toBeUndefined()
    expect(planWithoutWorkflow(notice(), undefined, OPTIONS)).toBeUndefined()
    expect(planWithoutWorkflow(notice({ applied_at: new Date() }), session(state), OPTIONS)).toBeUndefined()
  })

  it("leaves to the workflow what is not plainly this payment's own authorization", () => {
    const state = cardState({ payment_id: "7001", payment_status: "20" })
    // Another payment_id than the session's (an amount change's, another attempt's), and an earlier attempt (alert).
    expect(planWithoutWorkflow(notice({ paygent_payment_id: "7999" }), session(state, state), OPTIONS)).toBeUndefined()
    expect(planWithoutWorkflow(notice({ trading_id: "0otherOTHER0otherOTHER0_1" }), session(state, state), OPTIONS)).toBeUndefined()
    // A session that is not Paygent card's, or has no Paygent state.
    expect(planWithoutWorkflow(notice(), session(state, undefined, { provider_id: "pp_paygent-konbini_paygent" }), OPTIONS)).toBeUndefined()
    expect(planWithoutWorkflow(notice(), session(undefined), OPTIONS)).toBeUndefined()
    // An amount change whose answer was lost: the workflow resolves it.
    const pending = cardState({ payment_id: "7001", payment_status: "20", change_pending: { telegram: "028", base_payment_id: "7001", amount: 4000 } } as never)
    expect(planWithoutWorkflow(notice({ paygent_payment_id: "7002", payment_amount: "4000" }), session(pending, pending), OPTIONS)).toBeUndefined()
  })
})

describe("settleNothingToApply", () => {
  /** A payment module that knows one session, and the paygent module's conditional mark. */
  function container(read: SessionWithPayment | undefined, table: { fail?: boolean; applied?: boolean } = {}) {
    const marked: Record<string, unknown>[] = []
    const payment = {
      retrievePaymentSession: async (id: string) => {
        if (!read || read.id !== id) throw new Error("not found")
        return read
      },
    }
    // The module's one-statement mark (records.ts markNoticeAppliedIfUnapplied; its SQL runs in sync.spec.ts).
    const paygent = {
      syncOptions: () => OPTIONS,
      markNoticeAppliedIfUnapplied: async (id: string, result: string) => {
        if (table.fail) throw new Error("database unavailable")
        if (table.applied) return false
        marked.push({ id, result })
        return true
      },
    }
    const resolve = (key: string) => (key === Modules.PAYMENT ? payment : key === "paygent" ? paygent : undefined)
    return { container: { resolve } as unknown as MedusaContainer, marked }
  }

  it("marks a status-20 card notice of the session's own payment applied, with the planner's result", async () => {
    const { container: scope, marked } = container(session(cardState({ payment_id: "7001", payment_status: "20" })))
    await expect(settleNothingToApply(scope, notice())).resolves.toBe("ignored_same_status")
    expect(marked).toEqual([{ id: "pgnotice_1", result: "ignored_same_status" }])
  })

  it("writes nothing and hands over to the workflow otherwise", async () => {
    const state = cardState({ payment_id: "7001", payment_status: "20" })
    const cases: [StoredNotice, SessionWithPayment | undefined][] = [
      [notice({ payment_status: "32" }), session(state, state)],
      [notice({ payment_status: "40" }), session(state, state)],
      [notice({ payment_type: "03", payment_status: "40" }), session(state)],
      [notice(), undefined],
      [notice(), session(cardState({ payment_id: "7001", payment_status: "10" }), cardState({ payment_id: "7001", payment_status: "10" }))],
    ]
    for (const [stored, read] of cases) {
      const { container: scope, marked } = container(read)
      await expect(settleNothingToApply(scope, stored)).resolves.toBeUndefined()
      expect(marked).toEqual([])
    }
  })

  it("hands over to the workflow when the notice cannot be marked, or was applied meanwhile", async () => {
    for (const table of [{ fail: true }, { applied: true }]) {
      const { container: scope } = container(session(cardState({ payment_id: "7001", payment_status: "20" })), table)
      await expect(settleNothingToApply(scope, notice())).resolves.toBeUndefined()
    }
  })
})
