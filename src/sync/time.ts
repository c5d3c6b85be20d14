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
