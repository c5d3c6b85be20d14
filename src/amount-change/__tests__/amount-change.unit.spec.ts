import { errorFromResponse, PaygentError } from "../../paygent"
import {
  OrderPaymentPicture,
  planChangeAmount,
  planOrderEdit,
  routeOrderEdit,
} from "../plan"
import { AmountChangeClient, AuthorizationChangeRequest, reconcileAmountChange, sendAmountChange } from "../send"

const CARD = "pp_paygent-card_paygent"
const KONBINI = "pp_paygent-konbini_paygent"

function cardPicture(options: { status?: string; amount?: number; total?: number; threeDs?: boolean; extra?: Partial<OrderPaymentPicture> } = {}): OrderPaymentPicture {
  const amount = options.amount ?? 6000
  return {
    order_id: "order_1",
    currency_code: "jpy",
    total: options.total ?? amount,
    canceled: false,
    collections: [
      {
        id: "pay_col_1",
        status: options.status === "40" ? "completed" : "authorized",
        amount,
        sessions: [{ id: "payses_1", provider_id: CARD, status: "authorized", amount, data: {} }],
        payments: [
          {
            id: "pay_1",
            provider_id: CARD,
            amount,
            canceled_at: null,
            captured_at: options.status === "40" ? "2026-01-01" : null,
            payment_session_id: "payses_1",
            captured: options.status === "40" ? amount : 0,
            refunded: 0,
            data: {
              paygent: {
                method: "card",
                amount,
                attempt: 1,
                trading_id: "T1_1",
                payment_id: "100",
                payment_status: options.status ?? "20",
                ...(options.threeDs ? { threeds: { state: "authenticated", auth_id: "x" } } : {}),
              },
            },
          },
        ],
      },
    ],
    ...options.extra,
  }
}

describe("amount change plans", () => {
  it("plans 028 for an authorized payment and 029 for a captured one, with what the merchant must know", () => {
    const authorized = planChangeAmount(cardPicture(), 4000)
    expect(authorized).toMatchObject({ allowed: true, plan: { telegram: "028", action: "change_authorization", current_amount: 6000, new_amount: 4000 } })
    const captured = planChangeAmount(cardPicture({ status: "40" }), 4000)
    expect(captured).toMatchObject({ allowed: true, plan: { telegram: "029", action: "change_sales" } })
    const codes = (captured as any).plan.notes.map((n: any) => n.code)
    expect(codes).toEqual(expect.arrayContaining(["change_sales", "new_payment_id", "below_order_total"]))
    expect(codes).not.toContain("three_ds_liability_lost")
  })

  it("past the sales-cancel deadline (41) plans no telegram: the difference is a manual refund owed", () => {
    const planned = planChangeAmount(cardPicture({ status: "41" }), 4000) as any
    expect(planned.plan).toMatchObject({ action: "change_sales", telegram: null, paygent_status: "41" })
    expect(planned.plan.notes.map((n: any) => n.code)).toEqual(["manual_refund", "below_order_total"])
  })

  it("warns that the 3-D Secure liability shift is lost on a change", () => {
    const planned = planChangeAmount(cardPicture({ threeDs: true }), 5000) as any
    const note = planned.plan.notes.find((n: any) => n.code === "three_ds_liability_lost")
    expect(note.message.ja).toMatch(/3Dセキュア/)
    expect(note.message.en).toMatch(/liability shift is lost/)
  })

  it("defaults to the order total and sends nothing when Paygent already holds it", () => {
    expect(planChangeAmount(cardPicture())).toMatchObject({ allowed: true, plan: { action: "none", telegram: null } })
  })

  it("refuses an increase (2013), zero, a payment in another status, and konbini", () => {
    expect(planChangeAmount(cardPicture(), 7000)).toMatchObject({ allowed: false, code: "paygent_cannot_increase" })
    expect(planChangeAmount(cardPicture(), 0)).toMatchObject({ allowed: false, code: "paygent_zero_amount" })
    expect(planChangeAmount(cardPicture({ status: "32" }), 100)).toMatchObject({ allowed: false, code: "paygent_status" })
    const konbini: OrderPaymentPicture = {
      order_id: "order_2",
      currency_code: "jpy",
      total: 3000,
      canceled: false,
      collections: [
        {
          id: "pay_col_2",
          status: "awaiting",
          amount: 3000,
          payments: [],
          sessions: [{ id: "payses_2", provider_id: KONBINI, status: "pending_authorization", amount: 3000, data: {} }],
        },
      ],
    }
    const refused = planChangeAmount(konbini, 2000) as any
    expect(refused).toMatchObject({ allowed: false, code: "paygent_async_method" })
    expect(refused.message.ja).toMatch(/再注文/)
    expect(refused.message.en).toMatch(/payment numbers for the original amount/)
    expect(routeOrderEdit(konbini, 2000)).toMatchObject({ route: "refuse" })
    expect(routeOrderEdit(konbini, 3000)).toEqual({ route: "core" })
  })

  it("routes card orders to the plugin and orders without Paygent to Medusa", () => {
    expect(routeOrderEdit(cardPicture(), 1)).toEqual({ route: "paygent" })
    // An authorization Paygent no longer holds has nothing to keep.
    expect(routeOrderEdit(cardPicture({ status: "33" }), 1)).toEqual({ route: "core" })
    const system = cardPicture()
    system.collections[0].payments[0].provider_id = "pp_system_default"
    system.collections[0].payments[0].data = {}
    expect(routeOrderEdit(system, 1)).toEqual({ route: "core" })
  })

  it("order edits: lower → 028 to the new total; higher → keep the payment and collect the difference", () => {
    expect(planOrderEdit(cardPicture(), 3000)).toMatchObject({
      allowed: true,
      plan: { telegram: "028", new_amount: 3000, difference: 0, previous_total: 6000 },
    })
    const higher = planOrderEdit(cardPicture(), 9000) as any
    expect(higher.plan).toMatchObject({ action: "none", telegram: null, new_amount: 6000, difference: 3000 })
    expect(higher.plan.message.ja).toMatch(/差額/)
    expect(higher.plan.message.en).toMatch(/cannot raise/)
  })

  it("order edits resize or close an unpaid difference collection of an earlier increase", () => {
    const picture = cardPicture({ total: 9000 })
    picture.collections.push({ id: "pay_col_diff", status: "not_paid", amount: 3000, payments: [], sessions: [] })
    expect(planOrderEdit(picture, 7000)).toMatchObject({
      plan: { difference: 1000, open_collection_id: "pay_col_diff", open_collection_amount: 3000, action: "none" },
    })
    expect(planOrderEdit(picture, 5000)).toMatchObject({
      plan: { difference: 0, open_collection_id: "pay_col_diff", telegram: "028", new_amount: 5000 },
    })
  })
})

/** A scripted Paygent for 028 / 029 / 094. */
function fakeClient(script: {
  change?: Array<() => unknown>
  inquiry?: (request: Record<string, unknown>) => unknown
}) {
  const calls: Array<{ kind: string; request: Record<string, unknown> }> = []
  const changes = [...(script.change ?? [])]
  const change = async (kind: string, request: Record<string, unknown>) => {
    calls.push({ kind, request })
    const next = changes.shift()
    if (!next) throw new Error("no scripted answer")
    return next()
  }
  const client = {
    cardChangeAuthorization: (request: any) => change("028", request),
    cardChangeSales: (request: any) => change("029", request),
    paymentInquiry: async (request: any) => {
      calls.push({ kind: "094", request })
      return script.inquiry!(request)
    },
  } as unknown as AmountChangeClient
  return { client, calls }
}

const lost = () => {
  throw new PaygentError({ class: "unknown_outcome", telegram_kind: "028", response_code: "", merchantMessage: { ja: "", en: "lost" } })
}
const notUnique = () => {
  throw errorFromResponse("094", { response_code: "13002", response_detail: "", fields: {} })
}
const REQUEST: AuthorizationChangeRequest = { telegram: "028", payment_id: "100", trading_id: "T1_1", old_amount: 6000, new_amount: 3000 }

describe("sending an amount change", () => {
  it("sends 028 with the new total (reduction_flag 0) and adopts the new payment id", async () => {
    const { client, calls } = fakeClient({ change: [() => ({ payment_id: "101", base_payment_id: "100", reduced_amount: "3000" })] })
    const result = await sendAmountChange(client, REQUEST)
    expect(result).toMatchObject({ outcome: "changed", payment_id: "101", base_payment_id: "100" })
    expect(calls).toEqual([{ kind: "028", request: { payment_id: "100", payment_amount: 3000, reduction_flag: "0" } }])
  })

  it("keeps the new payment of a partial failure (2010) and tells the merchant to cancel the old one", async () => {
    const partial = () => {
      throw errorFromResponse("028", {
        response_code: "2010",
        response_detail: "",
        fields: { payment_id: "101", base_payment_id: "100", reduced_amount: "3000" },
      })
    }
    const { client } = fakeClient({ change: [partial] })
    const result = await sendAmountChange(client, REQUEST)
    expect(result).toMatchObject({ outcome: "changed", payment_id: "101" })
    expect((result as any).attention.ja).toMatch(/100/)
  })

  it("after a lost answer, sends again only when 094 shows nothing happened", async () => {
    const { client, calls } = fakeClient({
      change: [lost, () => ({ payment_id: "101" })],
      inquiry: () => ({ payment_id: "100", payment_status: "20", payment_amount: "6000" }),
    })
    const result = await sendAmountChange(client, REQUEST)
    expect(result).toMatchObject({ outcome: "changed", payment_id: "101" })
    expect(calls.map((c) => c.kind)).toEqual(["028", "094", "094", "028"])
    expect(calls[2].request).toMatchObject({ trading_id: "T1_1", payment_type: "02" })
  })

  it("after a lost answer with the old payment cancelled, never sends again: the change happened", async () => {
    const { client, calls } = fakeClient({
      change: [lost],
      inquiry: (request) => (request.payment_id ? { payment_id: "100", payment_status: "32", payment_amount: "6000" } : notUnique()),
    })
    const result = await sendAmountChange(client, REQUEST)
    expect(result).toMatchObject({ outcome: "applied_unidentified", base_payment_id: "100" })
    expect(calls.filter((c) => c.kind === "028")).toHaveLength(1)
  })

  it("finds the new payment by trading id when Paygent answers with a single matching payment", async () => {
    const { client } = fakeClient({
      inquiry: (request) =>
        request.payment_id
          ? { payment_id: "100", payment_status: "32", payment_amount: "6000" }
          : { payment_id: "101", payment_status: "20", payment_amount: "3000" },
    })
    expect(await reconcileAmountChange(client, REQUEST)).toEqual({
      state: "applied",
      payment_id: "101",
      fields: { payment_id: "101", payment_status: "20", payment_amount: "3000" },
    })
  })

  it("stops when the old payment is unchanged but another payment shares the trading id (13002)", async () => {
    const { client, calls } = fakeClient({
      change: [lost],
      inquiry: (request) => (request.payment_id ? { payment_id: "100", payment_status: "20", payment_amount: "6000" } : notUnique()),
    })
    await expect(sendAmountChange(client, REQUEST)).rejects.toThrow(/再送信しません|nothing is re-sent/)
    expect(calls.filter((c) => c.kind === "028")).toHaveLength(1)
  })

  it("stops when the inquiry fails too", async () => {
    const { client, calls } = fakeClient({
      change: [lost],
      inquiry: () => {
        throw new PaygentError({ class: "not_sent", telegram_kind: "094", response_code: "", merchantMessage: { ja: "", en: "" } })
      },
    })
    await expect(sendAmountChange(client, REQUEST)).rejects.toThrow(/inquiry \(094\) failed/)
    expect(calls.filter((c) => c.kind === "028")).toHaveLength(1)
  })

  it("explains a refusal (2013) without retrying", async () => {
    const refused = () => {
      throw errorFromResponse("028", { response_code: "2013", response_detail: "", fields: {} })
    }
    const { client, calls } = fakeClient({ change: [refused] })
    await expect(sendAmountChange(client, REQUEST)).rejects.toThrow(/補正オーソリ.*2013|元の金額以下/)
    expect(calls).toHaveLength(1)
  })
})
