import { buildInbox, InboxSources, pageInbox } from "../items"

const NOW = new Date("2026-03-10T03:00:00.000Z")
const DAY = 24 * 60 * 60 * 1000

function sources(overrides: Partial<InboxSources> = {}): InboxSources {
  return {
    now: NOW,
    options: { staleSessionMinutes: 60, captureDeadlineWarningDays: 7, expiryGraceHours: 6 },
    stale: [],
    awaiting: [],
    payments: [],
    manualRefunds: [],
    alerts: [],
    unapplied: [],
    orderOfCollection: new Map([
      ["paycol_1", "order_1"],
      ["paycol_2", "order_2"],
      ["paycol_3", "order_3"],
    ]),
    orders: new Map([
      ["order_1", { id: "order_1", display_id: 1, status: "pending", email: "a@example.jp", currency_code: "jpy", total: 3000 }],
      ["order_2", { id: "order_2", display_id: 2, status: "pending", email: "b@example.jp", currency_code: "jpy", total: 1200 }],
      ["order_3", { id: "order_3", display_id: 3, status: "canceled", email: "c@example.jp", currency_code: "jpy", total: 4800 }],
    ]),
    ...overrides,
  }
}

function cardPayment(id: string, collection: string, paygent: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    id,
    provider_id: "pp_paygent-card_paygent",
    amount: 3000,
    captured: 0,
    refunded: 0,
    captured_at: null,
    canceled_at: null,
    payment_session_id: `payses_${id}`,
    payment_collection_id: collection,
    data: { paygent: { method: "card", amount: 3000, attempt: 1, trading_id: `t_${id}`, payment_id: `9${id.length}`, ...paygent } },
    created_at: new Date(NOW.getTime() - 50 * DAY).toISOString(),
    ...extra,
  }
}

describe("buildInbox", () => {
  it("lists an abandoned 3-D Secure checkout with its age, and skips one whose order was cancelled", () => {
    const items = buildInbox(
      sources({
        stale: [
          {
            session_id: "payses_a",
            provider_id: "pp_paygent-card_paygent",
            status: "requires_more",
            reason: "three_ds_abandoned",
            since: new Date(NOW.getTime() - 90 * 60_000).toISOString(),
            age_minutes: 90,
            amount: 3000,
            cart_id: "cart_1",
          },
          {
            session_id: "payses_b",
            provider_id: "pp_paygent-banknet_paygent",
            status: "pending_authorization",
            reason: "bank_screen_not_used",
            since: NOW.toISOString(),
            age_minutes: 61,
            amount: 4800,
            order_id: "order_3",
          },
        ],
      })
    )
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      reason: "checkout_abandoned",
      detail: "three_ds_abandoned",
      method: "card",
      cart_id: "cart_1",
      order: null,
      amount: 3000,
    })
  })

  it("lists unpaid konbini orders with their deadline, and past deadline + grace as a missing expiry notice", () => {
    const konbini = (id: string, collection: string, day: string) => ({
      id,
      provider_id: "pp_paygent-konbini_paygent",
      status: "pending_authorization",
      amount: 1200,
      updated_at: NOW.toISOString(),
      payment_collection_id: collection,
      data: {
        paygent: {
          method: "konbini",
          amount: 1200,
          attempt: 1,
          payment_status: "10",
          payment_id: "1" + id.length,
          instructions: { kind: "konbini", cvs_company_id: "00C001", receipt_number: "123456", usable_cvs_company_ids: [], payment_limit_date: day },
        },
      },
    })
    const items = buildInbox(sources({ awaiting: [konbini("payses_k1", "paycol_2", "2026-03-15"), konbini("payses_k2", "paycol_1", "2026-03-08")] }))
    const awaiting = items.find((i) => i.reason === "awaiting_payment")!
    expect(awaiting).toMatchObject({ method: "konbini", deadline: "2026-03-15T14:59:59.000Z", order: { id: "order_2" } })
    expect(awaiting.status).toEqual({ code: "10", label: { ja: "入金待ち", en: "Awaiting payment" } })
    expect(items.find((i) => i.reason === "notice_overdue")).toMatchObject({ detail: "expiry_not_reported", severity: "warning" })
  })

  it("flags an authorization near its capture deadline (capturable), joins the sync job's alert, an expired one (not capturable), and drops the alert of one captured since", () => {
    const near = cardPayment("pay_near", "paycol_1", {
      payment_status: "20",
      authorized_at: new Date(NOW.getTime() - 55 * DAY).toISOString(),
      capture_deadline: new Date(NOW.getTime() + 5 * DAY).toISOString(),
    })
    const expired = cardPayment("pay_old", "paycol_2", {
      payment_status: "20",
      amount: 1200,
      capture_deadline: new Date(NOW.getTime() - DAY).toISOString(),
    }, { amount: 1200 })
    const far = cardPayment("pay_far", "paycol_1", { payment_status: "20", capture_deadline: new Date(NOW.getTime() + 30 * DAY).toISOString() })
    const captured = cardPayment(
      "pay_done",
      "paycol_1",
      { payment_status: "40", capture_deadline: new Date(NOW.getTime() + 2 * DAY).toISOString() },
      { captured: 3000, captured_at: NOW.toISOString() }
    )
    const stale = {
      id: "pgal_0",
      kind: "capture_deadline_near",
      severity: "warning" as const,
      order_id: null,
      payment_session_id: null,
      medusa_payment_id: "pay_done",
      paygent_payment_id: null,
      trading_id: null,
      message_ja: "期限が近い",
      message_en: "Deadline near",
      data: null,
      created_at: NOW.toISOString(),
    }
    const items = buildInbox(
      sources({
        payments: [near, expired, far, captured],
        alerts: [
          stale,
          {
            id: "pgal_1",
            kind: "capture_deadline_near",
            severity: "warning",
            order_id: null,
            payment_session_id: null,
            medusa_payment_id: "pay_near",
            paygent_payment_id: "7",
            trading_id: null,
            message_ja: "期限が近い",
            message_en: "Deadline near",
            data: null,
            created_at: NOW.toISOString(),
          },
        ],
      })
    )
    expect(items.map((i) => `${i.reason}/${i.detail}`)).toEqual(["capture_deadline/expired", "capture_deadline/near"])
    expect(items[1]).toMatchObject({ capturable: true, alert_id: "pgal_1", message: { en: "Deadline near" }, order: { id: "order_1" } })
    expect(items[0].capturable).toBe(false)
  })

  it("flags Paygent holding more than Medusa expects or than the order total", () => {
    const cancelledAtPaygent = cardPayment("pay_x", "paycol_1", { payment_status: "32", capture_deadline: new Date(NOW.getTime() + 50 * DAY).toISOString() })
    const aboveTotal = cardPayment("pay_y", "paycol_2", { payment_status: "20", capture_deadline: new Date(NOW.getTime() + 50 * DAY).toISOString() })
    const items = buildInbox(sources({ payments: [cancelledAtPaygent, aboveTotal] }))
    expect(items.filter((i) => i.reason === "amount_mismatch").map((i) => [i.medusa_payment_id, i.detail, i.amounts])).toEqual([
      ["pay_x", "paygent_vs_medusa", { at_paygent: 0, expected_at_paygent: 3000, order_total: 3000 }],
      ["pay_y", "above_order_total", { at_paygent: 3000, expected_at_paygent: 3000, order_total: 1200 }],
    ])
  })

  it("lists manual refunds owed, a late payment first, with its alert joined", () => {
    const items = buildInbox(
      sources({
        manualRefunds: [
          { id: "pgmr_1", order_id: "order_1", medusa_payment_id: "pay_1", paygent_payment_id: "11", trading_id: "t1", method: "card", amount: 3000, reason: "sales_cancel_deadline_passed", note: null, created_at: NOW.toISOString() },
          { id: "pgmr_2", order_id: "order_3", medusa_payment_id: null, paygent_payment_id: "12", trading_id: "t2", method: "konbini", amount: 4800, reason: "paid_after_cancel", note: null, created_at: NOW.toISOString() },
        ],
        alerts: [
          { id: "pgal_2", kind: "paid_after_cancel", severity: "critical", order_id: "order_3", payment_session_id: null, medusa_payment_id: null, paygent_payment_id: "12", trading_id: "t2", message_ja: "入金", message_en: "Paid after cancel", data: null, created_at: NOW.toISOString() },
        ],
      })
    )
    expect(items.map((i) => [i.reason, i.detail, i.method, i.alert_id])).toEqual([
      ["manual_refund", "paid_after_cancel", "konbini", "pgal_2"],
      ["manual_refund", "sales_cancel_deadline_passed", "card", null],
    ])
  })

  it("lists notices not applied after five minutes and other alerts on their own", () => {
    const items = buildInbox(
      sources({
        unapplied: [
          { id: "pgnt_1", payment_notice_id: "1", paygent_payment_id: "5", trading_id: "t", payment_type: "03", payment_status: "40", payment_session_id: null, order_id: "order_2", received_at: new Date(NOW.getTime() - 10 * 60_000).toISOString(), apply_attempts: 3, last_error: "boom" },
          { id: "pgnt_2", payment_notice_id: "2", paygent_payment_id: "6", trading_id: "t", payment_type: "03", payment_status: "40", payment_session_id: null, order_id: null, received_at: NOW.toISOString(), apply_attempts: 0, last_error: null },
        ],
        alerts: [
          { id: "pgal_3", kind: "notice_apply_failed", severity: "critical", order_id: "order_2", payment_session_id: null, medusa_payment_id: null, paygent_payment_id: "5", trading_id: null, message_ja: "失敗", message_en: "failed", data: { notice_id: "pgnt_1" }, created_at: NOW.toISOString() },
          { id: "pgal_4", kind: "status_conflict", severity: "warning", order_id: "order_1", payment_session_id: null, medusa_payment_id: null, paygent_payment_id: null, trading_id: null, message_ja: "食い違い", message_en: "conflict", data: null, created_at: NOW.toISOString() },
        ],
      })
    )
    expect(items.map((i) => [i.reason, i.detail, i.alert_id])).toEqual([
      ["notice_overdue", "notice_unapplied", "pgal_3"],
      ["alert", "status_conflict", "pgal_4"],
    ])
  })
})

describe("pageInbox", () => {
  it("filters by reason and method, counts per reason, and pages", () => {
    const items = buildInbox(
      sources({
        payments: [1, 2, 3].map((n) =>
          cardPayment(`pay_${n}`, "paycol_1", { payment_status: "20", capture_deadline: new Date(NOW.getTime() + n * DAY).toISOString() })
        ),
        manualRefunds: [
          { id: "pgmr_1", order_id: "order_1", medusa_payment_id: null, paygent_payment_id: null, trading_id: null, method: "konbini", amount: 100, reason: "no_api_refund", note: null, created_at: NOW.toISOString() },
        ],
      })
    )
    const page = pageInbox(items, { reasons: ["capture_deadline"], methods: ["card"], limit: 2, offset: 1 })
    expect(page.count).toBe(3)
    expect(page.items.map((i) => i.medusa_payment_id)).toEqual(["pay_2", "pay_3"])
    expect(page.counts).toMatchObject({ capture_deadline: 3, manual_refund: 0 })
    expect(pageInbox(items, { limit: 50, offset: 0 }).counts).toMatchObject({ capture_deadline: 3, manual_refund: 1 })
  })

  it("takes the counts of the paged lists from their reads, and the rest from the items", () => {
    const authorization = (n: number) =>
      cardPayment(`pay_${n}`, "paycol_1", { payment_status: "20", capture_deadline: new Date(NOW.getTime() + n * DAY).toISOString() }, { only: "capture_deadline" })
    const items = buildInbox(
      sources({
        // The first two of 40 capture deadlines (a page of two), one alert about an expired authorization.
        payments: [authorization(1), authorization(2)],
        alerts: [
          { id: "pgal_1", kind: "authorization_expired", severity: "critical", order_id: "order_1", payment_session_id: null, medusa_payment_id: null, paygent_payment_id: null, trading_id: null, message_ja: "期限切れ", message_en: "expired", data: null, created_at: NOW.toISOString() },
        ],
      })
    )
    const paged = { awaiting_payment: 12, expiry_not_reported: 3, capture_deadline: 40 }
    const page = pageInbox(items, { limit: 2, offset: 0 }, paged)
    expect(page.counts).toMatchObject({ capture_deadline: 41, awaiting_payment: 12, notice_overdue: 3, alert: 0 })
    expect(page.count).toBe(56)
    expect(page.items.map((i) => i.id)).toEqual(["capture_deadline:pgal_1", "capture_deadline:pay_1"])
    expect(pageInbox(items, { reasons: ["capture_deadline", "capture_deadline"], limit: 2, offset: 0 }, paged).count).toBe(41)
  })
})

describe("buildInbox with paged reads", () => {
  it("runs on each payment only the checks of the read that brought it", () => {
    const near = { payment_status: "20", capture_deadline: new Date(NOW.getTime() + DAY).toISOString(), attention: { message: { ja: "確認", en: "check" }, at: NOW.toISOString() } }
    const reason = (only?: "capture_deadline" | "flags") =>
      buildInbox(sources({ payments: [cardPayment("pay_1", "paycol_1", near, only ? { only } : {})] }))
        .map((i) => i.reason)
        .sort()
    expect(reason()).toEqual(["alert", "capture_deadline"])
    expect(reason("capture_deadline")).toEqual(["capture_deadline"])
    expect(reason("flags")).toEqual(["alert"])
  })

  it("follows the paged read on whether a waiting order is past its deadline, and names an alert's payment from its reference", () => {
    const konbini = (overdue: boolean) => ({
      id: "payses_k1",
      provider_id: "pp_paygent-konbini_paygent",
      status: "pending_authorization",
      amount: 1200,
      updated_at: NOW.toISOString(),
      payment_collection_id: "paycol_2",
      overdue,
      data: { paygent: { method: "konbini", amount: 1200, attempt: 1, payment_status: "10", instructions: { kind: "konbini", cvs_company_id: "00C001", receipt_number: "1", usable_cvs_company_ids: [], payment_limit_date: "2026-03-15" } } },
    })
    expect(buildInbox(sources({ awaiting: [konbini(false)] }))[0]).toMatchObject({ reason: "awaiting_payment" })
    expect(buildInbox(sources({ awaiting: [konbini(true)] }))[0]).toMatchObject({ reason: "notice_overdue", detail: "expiry_not_reported" })

    const [alert] = buildInbox(
      sources({
        paymentRefs: new Map([["pay_9", { id: "pay_9", provider_id: "pp_paygent-card_paygent", payment_collection_id: "paycol_1" }]]),
        alerts: [
          { id: "pgal_2", kind: "sales_cancel_failed", severity: "warning", order_id: null, payment_session_id: null, medusa_payment_id: "pay_9", paygent_payment_id: null, trading_id: null, message_ja: "失敗", message_en: "failed", data: null, created_at: NOW.toISOString() },
        ],
      })
    )
    expect(alert).toMatchObject({ reason: "alert", method: "card", order: { id: "order_1" } })
  })
})
