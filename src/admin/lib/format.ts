import type { Lang } from "./lang"

const LOCALE: Record<Lang, string> = { ja: "ja-JP", en: "en-US" }

/** Yen as the admin's language writes it. */
export function formatYen(amount: number | null | undefined, lang: Lang): string {
  if (amount === null || amount === undefined || Number.isNaN(amount)) {
    return "–"
  }
  return new Intl.NumberFormat(LOCALE[lang], { style: "currency", currency: "JPY" }).format(amount)
}

/** Date and time in Japan's time zone (Paygent's deadlines are JST), with the zone shown. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) {
    return "–"
  }
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) {
    return iso
  }
  return new Intl.DateTimeFormat(LOCALE[lang], {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Asia/Tokyo",
    timeZoneName: "short",
  }).format(date)
}

/** A span of time in whole units: "4 d 3 h" / "4日3時間", "25 min" / "25分". */
export function formatDuration(ms: number, lang: Lang): string {
  if (Math.abs(ms) < 60_000) {
    return lang === "ja" ? "1分未満" : "<1 min"
  }
  const minutes = Math.floor(Math.abs(ms) / 60_000)
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const mins = minutes % 60
  if (lang === "ja") {
    if (days) return `${days}日${hours ? `${hours}時間` : ""}`
    if (hours) return `${hours}時間${mins ? `${mins}分` : ""}`
    return `${mins}分`
  }
  if (days) return `${days} d${hours ? ` ${hours} h` : ""}`
  if (hours) return `${hours} h${mins ? ` ${mins} min` : ""}`
  return `${mins} min`
}
