import { errorFromResponse, PaygentError, type PaygentErrorClass } from "../../../paygent"
import {
  LedgerTelegram,
  ManualRefundInput,
  registerTelegramLedger,
  telegramLedger,
  TelegramLedger,
} from "../../../modules/paygent/ledger-registry"
import { cardDeadlines } from "../../../paygent/deadlines"
import { PaygentOperations } from "../core/merchant-operations"
import { resolvePaygentOptions } from "../../../options/provider"

const DAY = 86_400_000
const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() } as any

function paygentError(cls: PaygentErrorClass, code: string, extra: { fields?: Record<string, string>; kind?: string } = {}) {
  return new PaygentError({
    class: cls,
    telegram_kind: extra.kind ?? "022",
    response_code: code,
    fields: extra.fields,
    payment_id: extra.fields?.payment_id,
    merchantMessage: { ja: `エラー ${code}`, en: `error ${code}` },
  })
}

/** 094 by a trading_id that several payments share. */
function notUnique(): Error {
  return errorFromResponse("094", { response_code: "13002", response_detail: "", fields: {} })
}

/** A scripted Paygent client: each telegram kind answers from its queue (an Error is thrown). */
function fakeClient(script: Record<string, Array<Record<string, string> | Error>>) {
  const calls: Array<{ kind: string; request: Record<string, unknown> }> = []
  const answer = (kind: string) => async (request: Record<string, unknown>) => {
    calls.push({ kind, request })
    const next = script[kind]?.shift()
    if (!next) {
      throw new Error(`unexpected ${kind}`)
    }
    if (next instanceof Error) {
      throw next
    }
    return { result: "0", response_code: "", response_detail: "", ...next }
  }
  return {
    calls,
    client: {
      cardCapture: answer("022"),
      cardCancelAuthorization: answer("021"),
      cardCancelSales: answer("023"),
      cardChangeSales: answer("029"),
      paymentInquiry: answer("094"),
    } as any,
  }
}

class FakeLedger implements TelegramLedger {
  rows: LedgerTelegram[] = []
  refunds: ManualRefundInput[] = []
  async begin() {
    return "row"
  }
  async finish() {}
  async telegramsFor() {
    return this.rows
  }
  async recordManualRefund(input: ManualRefundInput) {
    this.refunds.push(input)
    return { id: `pgmr_${this.refunds.length}`, created: true }
  }
}

function operations(client: unknown, container: Record<string, unknown> = {}) {
  return new PaygentOperations({
    client: client as any,
    logger,
    options: resolvePaygentOptions({ merchantId: "1", connectId: "c", connectPassword: "p", threeDsMode: "disabled" }),
    container: () => container,
    siteParams: () => ({}),
  })
}

const card = (extra: Record<string, unknown> = {}) => ({
  session_id: "payses_1",
  email: "taro@example.jp",
  paygent: { method: "card", amount: 3000, attempt: 1, trading_id: "T_1", payment_id: "100", payment_status: "20", ...extra },
})

describe("merchant operations (売上・取消・返金)", () => {
  let ledger: FakeLedger
  let previous: TelegramLedger | undefined

  beforeEach(() => {
    previous = telegramLedger()
    ledger = new FakeLedger()
    registerTelegramLedger(ledger)
  })

  afterEach(() => {
    registerTelegramLedger(previous as TelegramLedger)
  })

  it("computes the capture deadline: 60 days, 25 for Visa / Mastercard (and unknown brands) when configured", () => {
    const at = new Date("2026-01-01T00:00:00Z")
    const span = (d: { capture_deadline: string }) => (new Date(d.capture_deadline).getTime() - at.getTime()) / DAY
    expect(span(cardDeadlines(at, "VISA", undefined))).toBe(60)
    expect(span(cardDeadlines(at, "VISA", 25))).toBe(25)
    expect(span(cardDeadlines(at, "MASTER", 25))).toBe(25)
    expect(span(cardDeadlines(at, undefined, 25))).toBe(25)
    expect(span(cardDeadlines(at, "JCB", 25))).toBe(60)
    expect((new Date(cardDeadlines(at, "VISA", 25).refund_deadline).getTime() - at.getTime()) / DAY).toBe(60)
  })

  it("sends a capture again after transient refusals, three tries in all", async () => {
    const { client, calls } = fakeClient({ "022": [paygentError("retryable", "E002"), paygentError("retryable", "9005"), { payment_id: "100" }] })
    const result = await operations(client).captureCard({ data: card() })
    expect(calls.map((c) => c.kind)).toEqual(["022", "022", "022"])
    expect((result.data as any).paygent).toMatchObject({ payment_status: "40", captured_amount: 3000 })
  })

  it("asks 094 after a lost answer and sends once more only when Paygent never applied it", async () => {
    const { client, calls } = fakeClient({
      "022": [paygentError("unknown_outcome", "E02005"), { payment_id: "100" }],
      "094": [{ payment_id: "100", payment_status: "20", payment_amount: "3000" }],
    })
    await operations(client).captureCard({ data: card() })
    expect(calls.map((c) => c.kind)).toEqual(["022", "094", "022"])
  })

  it("does not send a capture the ledger knows went through, nor one whose outcome is in doubt before asking", async () => {
    ledger.rows = [{ telegram_kind: "022", outcome: "success", request: { payment_id: "100" } } as any]
    const known = fakeClient({})
    const result = await operations(known.client).captureCard({ data: card() })
    expect(known.calls).toHaveLength(0)
    expect((result.data as any).paygent.payment_status).toBe("40")

    ledger.rows = [{ telegram_kind: "022", outcome: "unknown_outcome", request: { payment_id: "100" } } as any]
    const doubtful = fakeClient({ "094": [{ payment_id: "100", payment_status: "40", payment_amount: "3000" }] })
    await operations(doubtful.client).captureCard({ data: card() })
    expect(doubtful.calls.map((c) => c.kind)).toEqual(["094"])
  })

  it("answers 'outcome pending' (not a server error) when the answer and the three inquiries after it are lost", async () => {
    const lost = paygentError("unknown_outcome", "", { kind: "094" })
    const { client, calls } = fakeClient({ "022": [paygentError("unknown_outcome", "E02005")], "094": [lost, lost, lost] })
    const error = await operations(client)
      .captureCard({ data: card() })
      .catch((e) => e)
    expect(calls.map((c) => c.kind)).toEqual(["022", "094", "094", "094"])
    expect(error).toMatchObject({ type: "not_allowed", code: "paygent_outcome_pending" })
    expect(error.message).toMatch(/売上（022）の結果をペイジェントに確認できませんでした/)
    expect(error.message).toMatch(/next sync run/)
  })

  it("treats a telegram the sync job settled as settled: applied counts as done, nothing is asked or sent again", async () => {
    ledger.rows = [{ telegram_kind: "021", outcome: "unknown_outcome", doubt_resolution: "applied", request: { payment_id: "100" } } as any]
    const settled = fakeClient({})
    const result = await operations(settled.client).cancelCard({ data: card(), context: { idempotency_key: "pay_1" } } as any)
    expect(settled.calls).toHaveLength(0)
    expect((result.data as any).paygent.payment_status).toBe("32")

    ledger.rows = [{ telegram_kind: "022", outcome: "unknown_outcome", doubt_resolution: "not_applied", request: { payment_id: "100" } } as any]
    const notApplied = fakeClient({ "022": [{ payment_id: "100" }] })
    await operations(notApplied.client).captureCard({ data: card() })
    expect(notApplied.calls.map((c) => c.kind)).toEqual(["022"])
  })

  it("maps a partial capture to 029 with the capture's amount and keeps the new payment_id", async () => {
    const captureService = {
      retrieve: jest.fn(async () => ({ id: "capt_1", raw_amount: { value: "1000", precision: 20 }, payment_id: "pay_1" })),
      list: jest.fn(async () => [{ id: "capt_1" }]),
    }
    const { client, calls } = fakeClient({ "029": [{ payment_id: "200", base_payment_id: "100", reduced_amount: "1000" }] })
    const result = await operations(client, { captureService }).captureCard({ data: card(), context: { idempotency_key: "capt_1" } })
    expect(calls[0]).toMatchObject({ kind: "029", request: { payment_id: "100", payment_amount: 1000, reduction_flag: "0" } })
    expect((result.data as any).paygent).toMatchObject({ payment_id: "200", previous_payment_ids: ["100"], amount: 1000, payment_status: "40" })

    // A second capture of the same payment: Paygent captures once.
    captureService.retrieve.mockResolvedValueOnce({ id: "capt_2", raw_amount: { value: "2000", precision: 20 }, payment_id: "pay_1" })
    captureService.list.mockResolvedValueOnce([{ id: "capt_1" }, { id: "capt_2" }])
    await expect(
      operations(client, { captureService }).captureCard({ data: result.data, context: { idempotency_key: "capt_2" } })
    ).rejects.toThrow(/captures a payment only once/)
  })

  it("records a partial capture or refund whose 029 answer was lost but applied, with the new payment_id to confirm", async () => {
    const captureService = {
      retrieve: jest.fn(async () => ({ id: "capt_1", raw_amount: { value: "1000", precision: 20 }, payment_id: "pay_1" })),
      list: jest.fn(async () => [{ id: "capt_1" }]),
    }
    // The second 094 asks by trading_id for the new payment (the one 028 / 029 recovery rule, change-recovery.ts);
    // Paygent names no single payment when the trading_id holds the old and the new one (13002), so the id stays owed.
    // This used to be ["029", "094"]: the provider did not look for the new payment at all.
    const lost = fakeClient({
      "029": [paygentError("unknown_outcome", "", { kind: "029" })],
      "094": [{ payment_id: "100", payment_status: "32", payment_amount: "3000" }, notUnique()],
    })
    const captured = await operations(lost.client, { captureService }).captureCard({ data: card(), context: { idempotency_key: "capt_1" } })
    expect(lost.calls.map((c) => c.kind)).toEqual(["029", "094", "094"])
    expect(lost.calls[2].request).toMatchObject({ trading_id: "T_1", payment_type: "02" })
    expect((captured.data as any).paygent).toMatchObject({
      payment_id: "100",
      amount: 1000,
      captured_amount: 1000,
      change_pending: { telegram: "029", base_payment_id: "100", amount: 1000 },
    })

    const refundService = { retrieve: jest.fn(async () => ({ id: "ref_1", raw_amount: { value: "500", precision: 20 }, payment_id: "pay_1" })) }
    const lostRefund = fakeClient({
      "029": [paygentError("unknown_outcome", "", { kind: "029" })],
      "094": [{ payment_id: "100", payment_status: "60", payment_amount: "3000" }, notUnique()],
    })
    const refunded = await operations(lostRefund.client, { refundService }).refundCard({
      data: card({ payment_status: "40" }),
      amount: 500,
      context: { idempotency_key: "ref_1" },
    })
    expect((refunded.data as any).paygent).toMatchObject({ amount: 2500, refunded_amount: 500, change_pending: { amount: 2500 } })
    expect(lostRefund.calls.map((c) => c.kind)).toEqual(["029", "094", "094"])
  })

  it("adopts the new payment of a lost 029 when the trading_id answers with it alone", async () => {
    const refundService = { retrieve: jest.fn(async () => ({ id: "ref_1", raw_amount: { value: "500", precision: 20 }, payment_id: "pay_1" })) }
    const { client, calls } = fakeClient({
      "029": [paygentError("unknown_outcome", "", { kind: "029" })],
      "094": [
        { payment_id: "100", payment_status: "60", payment_amount: "3000" },
        { payment_id: "200", payment_status: "40", payment_amount: "2500", trading_id: "T_1" },
      ],
    })
    const refunded = await operations(client, { refundService }).refundCard({
      data: card({ payment_status: "40" }),
      amount: 500,
      context: { idempotency_key: "ref_1" },
    })
    expect(calls.map((c) => c.kind)).toEqual(["029", "094", "094"])
    expect((refunded.data as any).paygent).toMatchObject({ payment_id: "200", amount: 2500, previous_payment_ids: ["100"], payment_status: "40" })
    expect((refunded.data as any).paygent.change_pending).toBeFalsy()
  })

  it("sends a lost 029 again only when the old payment is unchanged and the trading_id holds it alone", async () => {
    const refundService = { retrieve: jest.fn(async () => ({ id: "ref_1", raw_amount: { value: "500", precision: 20 }, payment_id: "pay_1" })) }
    const unchanged = { payment_id: "100", payment_status: "40", payment_amount: "3000" }
    const resent = fakeClient({
      "029": [paygentError("unknown_outcome", "", { kind: "029" }), { payment_id: "200", base_payment_id: "100", reduced_amount: "2500" }],
      "094": [unchanged, unchanged],
    })
    const refunded = await operations(resent.client, { refundService }).refundCard({
      data: card({ payment_status: "40" }),
      amount: 500,
      context: { idempotency_key: "ref_1" },
    })
    expect(resent.calls.map((c) => c.kind)).toEqual(["029", "094", "094", "029"])
    expect(resent.calls[2].request).toMatchObject({ trading_id: "T_1", payment_type: "02" })
    expect((refunded.data as any).paygent).toMatchObject({ payment_id: "200", amount: 2500 })

    // The old payment unchanged but another payment under the trading_id (13002): the first 029 may have created it
    // (the new payment comes before the old one's cancel), so no second 029 — it could be a second hold.
    const undecided = fakeClient({
      "029": [paygentError("unknown_outcome", "", { kind: "029" })],
      "094": [unchanged, notUnique()],
    })
    await expect(
      operations(undecided.client, { refundService }).refundCard({ data: card({ payment_status: "40" }), amount: 500, context: { idempotency_key: "ref_1" } })
    ).rejects.toThrow(/nothing is re-sent/)
    expect(undecided.calls.map((c) => c.kind)).toEqual(["029", "094", "094"])
  })

  it("sends no new 029 while an earlier one is in doubt unless the trading_id holds the old payment alone", async () => {
    const refundService = { retrieve: jest.fn(async () => ({ id: "ref_2", raw_amount: { value: "500", precision: 20 }, payment_id: "pay_1" })) }
    const refund = (client: unknown) =>
      operations(client, { refundService }).refundCard({ data: card({ payment_status: "40" }), amount: 500, context: { idempotency_key: "ref_2" } })
    const unchanged = { payment_id: "100", payment_status: "40", payment_amount: "3000" }
    ledger.rows = [{ telegram_kind: "029", outcome: "unknown_outcome", request: { payment_id: "100" } } as any]

    // The earlier 029 may have created its new payment before its answer was lost: another payment under the
    // trading_id (13002) stops the refund; nothing is sent.
    const undecided = fakeClient({ "094": [unchanged, notUnique()] })
    await expect(refund(undecided.client)).rejects.toThrow(/nothing is re-sent/)
    expect(undecided.calls.map((c) => c.kind)).toEqual(["094", "094"])
    expect(undecided.calls[1].request).toMatchObject({ trading_id: "T_1", payment_type: "02" })

    const alone = fakeClient({ "094": [unchanged, unchanged], "029": [{ payment_id: "200", base_payment_id: "100", reduced_amount: "2500" }] })
    const refunded = await refund(alone.client)
    expect(alone.calls.map((c) => c.kind)).toEqual(["094", "094", "029"])
    expect((refunded.data as any).paygent).toMatchObject({ payment_id: "200", amount: 2500 })
  })

  it("records a manual refund owed when the sales-cancel deadline has passed (2007), and succeeds", async () => {
    const refundService = { retrieve: jest.fn(async () => ({ id: "ref_1", raw_amount: { value: "3000", precision: 20 }, payment_id: "pay_1" })) }
    const { client } = fakeClient({ "023": [paygentError("expired", "2007", { kind: "023" })] })
    const result = await operations(client, { refundService }).refundCard({
      data: card({ payment_status: "40" }),
      amount: 3000,
      context: { idempotency_key: "ref_1" },
    })
    expect(ledger.refunds).toEqual([
      expect.objectContaining({
        medusa_payment_id: "pay_1",
        paygent_payment_id: "100",
        amount: 3000,
        reason: "sales_cancel_deadline_passed",
        reference: "ref_1",
        customer_email: "taro@example.jp",
      }),
    ])
    expect((result.data as any).paygent).toMatchObject({ payment_status: "41", manual_refunds: [expect.objectContaining({ id: "pgmr_1" })] })
  })

  it("treats an expired authorization (2007 on 021) as nothing left to cancel", async () => {
    const { client } = fakeClient({ "021": [paygentError("expired", "2007", { kind: "021" })] })
    const result = await operations(client).cancelCard({ data: card(), context: { idempotency_key: "pay_1" } })
    expect((result.data as any).paygent.payment_status).toBe("33")
  })

  it("adopts the new payment of a 029 whose old sale could not be cancelled (2012), and flags it", async () => {
    const { client, calls } = fakeClient({
      "029": [paygentError("partial_failure", "2012", { kind: "029", fields: { payment_id: "300", reduced_amount: "2000" } })],
      "094": [{ payment_id: "100", payment_status: "40", payment_amount: "3000" }],
      "023": [paygentError("retryable", "2002", { kind: "023" }), paygentError("retryable", "2002", { kind: "023" }), paygentError("retryable", "2002", { kind: "023" })],
    })
    const result = await operations(client).refundCard({ data: card({ payment_status: "40" }), amount: 1000 })
    const state = (result.data as any).paygent
    expect(state).toMatchObject({ payment_id: "300", amount: 2000, previous_payment_ids: ["100"] })
    expect(state.attention.message.en).toMatch(/Check the old payment 100/)
    expect(calls.map((c) => c.kind)).toEqual(["029", "094", "023", "023", "023"])
  })

  it("owes a paid konbini refund by hand: Paygent has no refund telegram", async () => {
    const { client, calls } = fakeClient({})
    const result = await operations(client).refundWithoutApi({
      data: { session_id: "payses_2", customer_family_name: "山田", customer_name: "太郎", paygent: { method: "konbini", amount: 3000, attempt: 1, payment_id: "400", payment_status: "40" } },
      amount: 3000,
    })
    expect(calls).toHaveLength(0)
    expect(ledger.refunds).toEqual([expect.objectContaining({ method: "konbini", reason: "no_api_refund", customer_name: "山田 太郎" })])
    expect((result.data as any).paygent.refunded_amount).toBe(3000)
  })
})
