import { INBOX_REASONS, type InboxFilters, type InboxItem, type InboxReason, type Severity } from "./types"

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 }

/** Most urgent first: severity, then the nearest deadline, then the oldest. */
export function sortInbox(items: InboxItem[]): InboxItem[] {
  const time = (value: string | null, fallback: number) => (value ? new Date(value).getTime() : fallback)
  return items.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      time(a.deadline, Infinity) - time(b.deadline, Infinity) ||
      time(a.since, Infinity) - time(b.since, Infinity) ||
      a.id.localeCompare(b.id)
  )
}

/** Filters by reason and method, counts per reason (within the method filter), and returns one page. */
export function pageInbox(all: InboxItem[], filters: InboxFilters) {
  const byMethod = filters.methods?.length ? all.filter((item) => item.method && filters.methods!.includes(item.method)) : all
  const counts = Object.fromEntries(INBOX_REASONS.map((reason) => [reason, 0])) as Record<InboxReason, number>
  for (const item of byMethod) {
    counts[item.reason]++
  }
  const matching = filters.reasons?.length ? byMethod.filter((item) => filters.reasons!.includes(item.reason)) : byMethod
  return {
    items: matching.slice(filters.offset, filters.offset + filters.limit),
    count: matching.length,
    limit: filters.limit,
    offset: filters.offset,
    counts,
  }
}
