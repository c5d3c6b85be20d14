import { INBOX_REASONS, type InboxFilters, type InboxItem, type InboxReason, type PagedCounts, type Severity } from "./types"

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

/** The paged list an item belongs to, if any (sql-pages.ts): awaiting payment, expiry not reported, capture deadline. */
function pagedListOf(item: InboxItem): keyof PagedCounts | undefined {
  if (item.reason === "awaiting_payment") return "awaiting_payment"
  if (item.reason === "notice_overdue" && item.detail === "expiry_not_reported") return "expiry_not_reported"
  if (item.reason === "capture_deadline" && (item.detail === "near" || item.detail === "expired")) return "capture_deadline"
  return undefined
}

const REASON_OF_LIST: Record<keyof PagedCounts, InboxReason> = {
  awaiting_payment: "awaiting_payment",
  expiry_not_reported: "notice_overdue",
  capture_deadline: "capture_deadline",
}

/**
 * Filters by reason and method, counts per reason (within the method filter), and returns one page.
 *
 * `paged`: the counts of the lists read a page at a time (already within the method filter). Their items in `all`
 * are only the first offset + limit of each list, which is all a page can need (each list comes in the inbox's
 * order, and a merged order's first n items are among the first n of each list); what they add to the counts is
 * the count of their read.
 */
export function pageInbox(all: InboxItem[], filters: InboxFilters, paged?: PagedCounts) {
  const byMethod = filters.methods?.length ? all.filter((item) => item.method && filters.methods!.includes(item.method)) : all
  const counts = Object.fromEntries(INBOX_REASONS.map((reason) => [reason, 0])) as Record<InboxReason, number>
  for (const item of byMethod) {
    if (!paged || !pagedListOf(item)) {
      counts[item.reason]++
    }
  }
  if (paged) {
    for (const list of Object.keys(REASON_OF_LIST) as Array<keyof PagedCounts>) {
      counts[REASON_OF_LIST[list]] += paged[list]
    }
  }
  const matching = filters.reasons?.length ? byMethod.filter((item) => filters.reasons!.includes(item.reason)) : byMethod
  const count = [...new Set(filters.reasons?.length ? filters.reasons : INBOX_REASONS)].reduce((total, reason) => total + counts[reason], 0)
  return {
    items: matching.slice(filters.offset, filters.offset + filters.limit),
    count,
    limit: filters.limit,
    offset: filters.offset,
    counts,
  }
}
