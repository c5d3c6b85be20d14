/** Paygent's date-times are JST (UTC+9) without a zone: YYYYMMDDhhmmss, or YYYYMMDD for a day. */
export function paygentDateTime(value: string | null | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(value ?? "")
  if (!m) {
    return undefined
  }
  const [, y, mo, d, h = "00", mi = "00", s = "00"] = m
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}+09:00`)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/** The end (23:59:59 JST) of a day given as YYYY-MM-DD or YYYYMMDD: the last moment a konbini / ATM payment is accepted. */
export function endOfJstDay(day: string | null | undefined): Date | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(day ?? "")
  if (!m) {
    return undefined
  }
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T23:59:59+09:00`)
  return Number.isNaN(date.getTime()) ? undefined : date
}
