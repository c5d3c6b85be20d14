import { plannedReconciliationAlert } from "../alert"
import { reconcile } from "../compare"
import { dailyCronForJstTime, resolveReconcileOptions, validateReconcileOptions } from "../../options/reconcile"
import { mapWithLimit } from "../pool"
import { jstDay, previousJstDay, reportRange, ReportRangeError } from "../range"
import { otherPaymentsOf } from "../report"
import { found, manualRefund, record } from "./fixtures"

describe("report range (JST days)", () => {
  it("covers whole JST days, both ends included", () => {
    const range = reportRange("2026-11-27", "2026-11-28")
    expect(range.start.toISOString()).toBe("2026-11-26T15:00:00.000Z")
    expect(range.end.toISOString()).toBe("2026-11-28T15:00:00.000Z")
    expect(reportRange("2026-11-27", undefined)).toMatchObject({ from: "2026-11-27", to: "2026-11-27" })
  })

  it("defaults to yesterday in Japan", () => {
    // 2026-11-28 00:30 JST is still the 27th in UTC.
    const now = new Date("2026-11-27T15:30:00Z")
    expect(jstDay(now)).toBe("2026-11-28")
    expect(previousJstDay(now)).toBe("2026-11-27")
    expect(reportRange(undefined, undefined, now)).toMatchObject({ from: "2026-11-27", to: "2026-11-27" })
  })

  it("refuses impossible dates, a reversed range and more than 31 days, naming the field", () => {
    const error = (from?: string, to?: string) => {
      try {
        reportRange(from, to)
      } catch (e) {
        return e as ReportRangeError
      }
      throw new Error("no error")
    }
    expect(error("2026-02-30").field).toBe("from")
    expect(error("2026-11-27", "2026/11/28").field).toBe("to")
    expect(error("2026-11-28", "2026-11-27").reason.en).toMatch(/not be before/)
    expect(error("2026-01-01", "2026-03-01").reason.ja).toMatch(/31 日以内/)
    expect(reportRange("2026-01-01", "2026-01-31").to).toBe("2026-01-31")
  })
})

describe("nightly job options", () => {
  it("turns 03:00 JST into the server's zone", () => {
    expect(dailyCronForJstTime("03:00", 540)).toBe("0 3 * * *")
    expect(dailyCronForJstTime("03:00", 0)).toBe("0 18 * * *")
    expect(dailyCronForJstTime("03:00", -300)).toBe("0 13 * * *")
    expect(dailyCronForJstTime("03:00", 330)).toBe("30 23 * * *")
    expect(() => dailyCronForJstTime("25:00", 0)).toThrow()
  })

  it("defaults to on, 4 inquiries at a time, and validates each option by name", () => {
    expect(resolveReconcileOptions({ reconcileSchedule: "0 4 * * *" })).toEqual({
      reconcileEnabled: true,
      reconcileSchedule: "0 4 * * *",
      reconcileConcurrency: 4,
      reconcileMaxInquiries: 2000,
    })
    expect(() => validateReconcileOptions({ reconcileEnabled: "yes" as never })).toThrow(/reconcileEnabled/)
    expect(() => validateReconcileOptions({ reconcileSchedule: "nightly" })).toThrow(/reconcileSchedule/)
    expect(() => validateReconcileOptions({ reconcileConcurrency: 0 })).toThrow(/reconcileConcurrency/)
    expect(() => validateReconcileOptions({ reconcileMaxInquiries: 1.5 })).toThrow(/reconcileMaxInquiries/)
    expect(() => validateReconcileOptions({})).not.toThrow()
  })
})

describe("bounded concurrency", () => {
  it("never runs more than the limit at once and keeps the order", async () => {
    let running = 0
    let most = 0
    const out = await mapWithLimit([5, 1, 4, 2, 3, 1, 2], 3, async (n) => {
      running++
      most = Math.max(most, running)
      await new Promise((resolve) => setTimeout(resolve, n * 3))
      running--
      return n * 10
    })
    expect(out).toEqual([50, 10, 40, 20, 30, 10, 20])
    expect(most).toBe(3)
    expect(await mapWithLimit([], 4, async () => 1)).toEqual([])
  })
})

describe("Paygent payments no record accounts for", () => {
  it("keeps unknown payment_ids and trading_ids, drops current and earlier ids of records", () => {
    const records = [record({ payment_id: "2", previous_payment_ids: ["1"], trading_id: "T1_1" })]
    const ref = (payment_id: string | null, trading_id: string | null, source: "notice" | "ledger" = "notice") => ({
      payment_id,
      trading_id,
      payment_session_id: null,
      medusa_payment_id: null,
      source,
    })
    const others = otherPaymentsOf(
      {
        refs: [
          ref("1", "T1_1"),
          ref("2", "T1_1", "ledger"),
          ref("3", "T1_1"),
          ref("3", "T1_1", "ledger"),
          ref(null, "T1_1", "ledger"),
          ref(null, "LOST_1", "ledger"),
          ref("4", "OTHER_1"),
          ref(null, "OTHER_1", "ledger"),
        ],
        notices: [],
      },
      records
    )
    expect(others.map((o) => [o.payment_id, o.trading_id, [...o.seen_in].sort()])).toEqual([
      ["3", "T1_1", ["ledger", "notice"]],
      [null, "LOST_1", ["ledger"]],
      ["4", "OTHER_1", ["notice"]],
    ])
  })
})

describe("the nightly alert", () => {
  const base = {
    range: { from: "2026-11-27", to: "2026-11-27", timezone: "Asia/Tokyo" as const, start: "", end: "" },
    generated_at: "",
    columns: [],
  }

  it("is raised for a mismatch, once per range, critical when money disagrees", () => {
    const { rows, summary } = reconcile({
      records: [{ medusa: record(), lookup: found({ payment_status: "40" }) }],
      others: [],
      manual_refunds: [manualRefund()],
      notices: [],
      preliminary_is_paid: true,
      inquiries: 1,
      max_inquiries: 10,
    })
    const alert = plannedReconciliationAlert({ ...base, rows, summary })!
    expect(alert).toMatchObject({ kind: "reconciliation_mismatch", severity: "critical", dedupe_key: "reconciliation_mismatch:2026-11-27:2026-11-27" })
    expect(alert.message.ja).toMatch(/ペイジェントのみ売上・入金済み 1 件/)
    expect(alert.message.ja).toMatch(/未完了の手動返金が 1 件/)
    expect(alert.message.en).toMatch(/\/admin\/paygent\/reconciliation\?from=2026-11-27&to=2026-11-27/)
  })

  it("is not raised when everything matches, even with manual refunds owed; a failed inquiry is a warning", () => {
    const clean = reconcile({
      records: [{ medusa: record(), lookup: found() }],
      others: [],
      manual_refunds: [manualRefund()],
      notices: [],
      preliminary_is_paid: true,
      inquiries: 1,
      max_inquiries: 10,
    })
    expect(plannedReconciliationAlert({ ...base, ...clean })).toBeUndefined()
    const failed = reconcile({
      records: [{ medusa: record(), lookup: { status: "error", message: "socket hang up" } }],
      others: [],
      manual_refunds: [],
      notices: [],
      preliminary_is_paid: true,
      inquiries: 1,
      max_inquiries: 10,
    })
    expect(plannedReconciliationAlert({ ...base, ...failed })!.severity).toBe("warning")
  })
})
