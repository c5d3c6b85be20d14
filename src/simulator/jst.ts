/**
 * Paygent writes every date in Japan time (JST, UTC+9, no daylight saving) whatever the host's time zone, so all
 * formatting here works on epoch milliseconds shifted by nine hours instead of the local time zone.
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000
export const MINUTE_MS = 60 * 1000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

function jstParts(ms: number) {
  const d = new Date(ms + JST_OFFSET_MS)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0")

/** YYYYMMDDhhmmss in JST (the format of change_date, payment_init_date, valid_until …). */
export function formatJstDateTime(ms: number): string {
  const p = jstParts(ms)
  return `${p.year}${pad(p.month)}${pad(p.day)}${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`
}

/** YYYYMMDD in JST (the format of payment_limit_date). */
export function formatJstDate(ms: number): string {
  return formatJstDateTime(ms).slice(0, 8)
}

/** Epoch ms of 00:00 JST of the day that contains `ms`. */
export function startOfJstDay(ms: number): number {
  return Math.floor((ms + JST_OFFSET_MS) / DAY_MS) * DAY_MS - JST_OFFSET_MS
}

/** Epoch ms of 00:00 JST of a YYYYMMDD date. */
export function jstDateToMs(yyyymmdd: string): number {
  const y = Number(yyyymmdd.slice(0, 4))
  const m = Number(yyyymmdd.slice(4, 6))
  const d = Number(yyyymmdd.slice(6, 8))
  return Date.UTC(y, m - 1, d) - JST_OFFSET_MS
}

export function jstWeekday(ms: number): number {
  return jstParts(ms).weekday
}

export function jstYearMonth(ms: number): { year: number; month: number } {
  const p = jstParts(ms)
  return { year: p.year, month: p.month }
}

/** Saturdays, Sundays and the configured holidays are not business days (銀行休業日). */
export function isBusinessDay(ms: number, holidays: readonly string[]): boolean {
  const weekday = jstWeekday(ms)
  if (weekday === 0 || weekday === 6) return false
  return !holidays.includes(formatJstDate(ms))
}

/** 00:00 JST of the n-th business day after the day containing `ms` (n ≥ 1). */
export function addBusinessDays(ms: number, n: number, holidays: readonly string[]): number {
  let day = startOfJstDay(ms)
  let counted = 0
  while (counted < n) {
    day += DAY_MS
    if (isBusinessDay(day, holidays)) counted++
  }
  return day
}
