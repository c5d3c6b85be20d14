import type { PaygentState } from "../../providers/paygent/core/session-data"
import { resolveShopperMailOptions, validateShopperMailOptions } from "../../options/shopper-mails"
import { cancelReason, localeOf, nextAttemptAt, reminderDueAt, skipReason, wantedMails } from "../plan"
import type { MailPayment } from "../types"
import { konbiniPayment } from "./fixtures"

const NOW = new Date("2026-12-06T03:00:00Z") // 12:00 JST

function konbini(overrides: Partial<MailPayment> = {}, state: Partial<PaygentState> = {}): MailPayment {
  return konbiniPayment({ ...overrides }, state, {}, { created_at: NOW.toISOString(), ...overrides.order })
}

const options = resolveShopperMailOptions(undefined)

describe("wantedMails", () => {
  it("a konbini order waiting for payment: the instructions now, the reminder at 00:00 JST the day before the last day", () => {
    expect(wantedMails(konbini(), options, NOW)).toEqual([
      { kind: "instructions", due_at: NOW },
      { kind: "reminder", due_at: new Date("2026-12-12T00:00:00+09:00") },
    ])
  })

  it("reminderDaysBefore moves the reminder; none when its time has passed already (a short deadline)", () => {
    const two = resolveShopperMailOptions({ reminderDaysBefore: 2 })
    expect(wantedMails(konbini(), two, NOW)[1]).toEqual({ kind: "reminder", due_at: new Date("2026-12-11T00:00:00+09:00") })
    const tomorrow = konbini({}, { instructions: { ...(konbini().state.instructions as any), payment_limit_date: "2026-12-07" } })
    expect(wantedMails(tomorrow, options, NOW).map((m) => m.kind)).toEqual(["instructions"])
  })

  it("paid: the paid mail only; cancelled: expired or cancelled; card only when listed in methods", () => {
    expect(wantedMails(konbini({ captured_at: NOW.toISOString(), session_status: "authorized" }), options, NOW)).toEqual([{ kind: "paid", due_at: NOW }])
    const expired = konbini({ session_status: "canceled", order: { ...konbini().order, status: "canceled" } }, { payment_status: "12" })
    expect(wantedMails(expired, options, NOW)).toEqual([{ kind: "canceled", due_at: NOW, reason: "expired" }])
    const canceled = konbini({ order: { ...konbini().order, status: "canceled" } })
    expect(wantedMails(canceled, options, NOW)).toEqual([{ kind: "canceled", due_at: NOW, reason: "canceled" }])

    const card = konbini({ method: "card", captured_at: NOW.toISOString(), session_status: "authorized" }, { method: "card", instructions: undefined })
    expect(wantedMails(card, options, NOW)).toEqual([])
    expect(wantedMails(card, resolveShopperMailOptions({ methods: ["card", "konbini"] }), NOW)).toEqual([{ kind: "paid", due_at: NOW }])
  })

  it("kinds turned off are not queued; enabled: false queues nothing", () => {
    expect(wantedMails(konbini(), resolveShopperMailOptions({ reminder: false }), NOW).map((m) => m.kind)).toEqual(["instructions"])
    expect(wantedMails(konbini(), resolveShopperMailOptions({ instructions: false }), NOW).map((m) => m.kind)).toEqual(["reminder"])
    expect(wantedMails(konbini(), resolveShopperMailOptions({ enabled: false }), NOW)).toEqual([])
  })

  it("net bank: the reminder a day before the bank screen closes", () => {
    const bank = konbini(
      { method: "banknet" },
      { method: "banknet", instructions: { kind: "banknet", asp_url: "https://sim/asp", asp_limit_date: "2026-12-11T12:00:00+09:00" } }
    )
    expect(wantedMails(bank, options, NOW)[1]).toEqual({ kind: "reminder", due_at: new Date("2026-12-10T12:00:00+09:00") })
    expect(reminderDueAt(bank.state, 1)).toEqual(new Date("2026-12-10T03:00:00Z"))
  })
})

describe("skipReason at send time", () => {
  const reminder = { kind: "reminder" as const, reason: null }
  it("sends what is still true, skips what payment, cancel or the deadline made moot", () => {
    expect(skipReason(reminder, konbini(), options, NOW)).toBeUndefined()
    expect(skipReason(reminder, konbini({ captured_at: NOW.toISOString() }), options, NOW)).toBe("paid")
    expect(skipReason(reminder, konbini({ session_status: "canceled" }), options, NOW)).toBe("canceled")
    expect(skipReason(reminder, konbini(), options, new Date("2026-12-13T15:00:00Z"))).toBe("deadline_passed")
    expect(skipReason({ kind: "instructions", reason: null }, konbini(), options, new Date("2026-12-13T14:59:58Z"))).toBeUndefined()
    expect(skipReason({ kind: "instructions", reason: null }, konbini(), options, new Date("2026-12-13T15:00:00Z"))).toBe("deadline_passed")
    expect(skipReason({ kind: "canceled", reason: "expired" }, konbini({ captured_at: NOW.toISOString() }), options, NOW)).toBe("paid")
    expect(skipReason({ kind: "paid", reason: null }, konbini({ captured_at: NOW.toISOString() }), options, NOW)).toBeUndefined()
    expect(skipReason(reminder, konbini({ order: { ...konbini().order, email: null } }), options, NOW)).toBe("no_email")
  })

  it("a kind turned off after it was queued is skipped, but not the admin's resend", () => {
    const off = resolveShopperMailOptions({ instructions: false })
    expect(skipReason({ kind: "instructions", reason: null }, konbini(), off, NOW)).toBe("turned_off")
    expect(skipReason({ kind: "instructions", reason: "resend" }, konbini(), off, NOW)).toBeUndefined()
  })
})

describe("helpers", () => {
  it("cancelReason: 12 and 15 are Paygent's expiry, anything else the merchant's cancel", () => {
    expect(cancelReason({ payment_status: "12" } as PaygentState)).toBe("expired")
    expect(cancelReason({ payment_status: "10", last_notice: { payment_status: "15", applied_at: "" } } as PaygentState)).toBe("expired")
    expect(cancelReason({ payment_status: "10" } as PaygentState)).toBe("canceled")
  })

  it("localeOf: the order's language when Japanese or English, else the default", () => {
    const withLocale = (locale: string | null) => konbini({ order: { ...konbini().order, locale } })
    expect(localeOf(withLocale("en-US"), "ja")).toBe("en")
    expect(localeOf(withLocale("ja"), "en")).toBe("ja")
    expect(localeOf(withLocale("fr-FR"), "ja")).toBe("ja")
    expect(localeOf(withLocale(null), "en")).toBe("en")
  })

  it("nextAttemptAt backs off 1, 5, 15, 60, 180 minutes", () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => (nextAttemptAt(n, NOW).getTime() - NOW.getTime()) / 60_000)).toEqual([1, 5, 15, 60, 180, 180])
  })
})

describe("options", () => {
  it("defaults: every kind on, konbini / Pay-easy / net bank, one day, template ids per kind", () => {
    expect(options).toMatchObject({
      enabled: true,
      kinds: { instructions: true, reminder: true, paid: true, canceled: true },
      methods: ["konbini", "payeasy", "banknet"],
      reminderDaysBefore: 1,
      templates: { instructions: "paygent-payment-instructions", reminder: "paygent-payment-reminder", paid: "paygent-payment-received", canceled: "paygent-payment-canceled" },
      defaultLocale: "ja",
      maxAttempts: 5,
      sendContent: true,
    })
    expect(resolveShopperMailOptions({ templates: { paid: "d-123" } }).templates).toMatchObject({ paid: "d-123", reminder: "paygent-payment-reminder" })
  })

  it("refuses wrong options, naming them", () => {
    expect(() => validateShopperMailOptions({ reminder: "no" })).toThrow(/shopperMails\.reminder/)
    expect(() => validateShopperMailOptions({ sendContent: "html" })).toThrow(/shopperMails\.sendContent/)
    expect(() => validateShopperMailOptions({ reminderDaysBefore: 0 })).toThrow(/reminderDaysBefore/)
    expect(() => validateShopperMailOptions({ methods: ["cash"] })).toThrow(/methods/)
    expect(() => validateShopperMailOptions({ templates: { reminders: "x" } })).toThrow(/templates\.reminders/)
    expect(() => validateShopperMailOptions({ templates: { paid: "" } })).toThrow(/templates\.paid/)
    expect(() => validateShopperMailOptions({ notes: { canceled: { ja: 1 } } })).toThrow(/notes\.canceled/)
    expect(() => validateShopperMailOptions({ defaultLocale: "fr" })).toThrow(/defaultLocale/)
    expect(() => validateShopperMailOptions({ schedule: "often" })).toThrow(/schedule/)
    expect(() => validateShopperMailOptions("yes")).toThrow(/shopperMails/)
    expect(() => validateShopperMailOptions({ enabled: true, reminderDaysBefore: 2, templates: { paid: "d-1" }, notes: { canceled: { ja: "在庫" } } })).not.toThrow()
  })
})
