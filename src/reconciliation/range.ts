import type { ReportRange } from "./types"

const JST_OFFSET_MS = 9 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

/** Longest range one report covers (each payment of the range is asked about with 094). */
export const MAX_RANGE_DAYS = 31

/** The JST calendar day (YYYY-MM-DD) of an instant. */
export function jstDay(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10)
}

/** 00:00 JST of a YYYY-MM-DD day, or undefined when it is not a real date. */
export function startOfJstDay(day: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) {
    return undefined
  }
  const date = new Date(`${day}T00:00:00+09:00`)
  // Reject 2026-02-30 and the like: the date must come back as the same day.
  return Number.isNaN(date.getTime()) || jstDay(date) !== day ? undefined : date
}

/** The day before `at` in JST (what the nightly job reports on). */
export function previousJstDay(at: Date): string {
  return jstDay(new Date(at.getTime() - DAY_MS))
}

export class ReportRangeError extends Error {
  constructor(readonly field: "from" | "to", readonly reason: { ja: string; en: string }) {
    super(`${reason.ja} / ${reason.en}`)
  }
}

/**
 * The range of whole JST days from `from` to `to` (both included). Missing `to` means the same day as `from`;
 * missing both means yesterday (JST) relative to `now`. Throws ReportRangeError naming the field.
 */
export function reportRange(from: string | undefined, to: string | undefined, now = new Date()): ReportRange {
  const first = from ?? to ?? previousJstDay(now)
  const last = to ?? first
  const start = startOfJstDay(first)
  if (!start) {
    throw new ReportRangeError(from ? "from" : "to", {
      ja: `日付は YYYY-MM-DD 形式の正しい日付で指定してください（${first}）`,
      en: `a date must be a real day written YYYY-MM-DD (${first})`,
    })
  }
  const lastStart = startOfJstDay(last)
  if (!lastStart) {
    throw new ReportRangeError("to", {
      ja: `日付は YYYY-MM-DD 形式の正しい日付で指定してください（${last}）`,
      en: `a date must be a real day written YYYY-MM-DD (${last})`,
    })
  }
  if (lastStart.getTime() < start.getTime()) {
    throw new ReportRangeError("to", { ja: "to は from 以降の日付にしてください", en: "to must not be before from" })
  }
  const days = Math.round((lastStart.getTime() - start.getTime()) / DAY_MS) + 1
  if (days > MAX_RANGE_DAYS) {
    throw new ReportRangeError("to", {
      ja: `期間は ${MAX_RANGE_DAYS} 日以内にしてください（${days} 日）`,
      en: `the range may cover at most ${MAX_RANGE_DAYS} days (${days} given)`,
    })
  }
  return { from: first, to: last, start, end: new Date(lastStart.getTime() + DAY_MS) }
}
