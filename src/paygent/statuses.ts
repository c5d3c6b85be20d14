import { msg, type LocalizedMessage } from "./messages"
import { STATUS } from "./status-codes"

export { STATUS }

/**
 * Payment statuses (決済ステータス, docs/protocol.md §6): the master list with Paygent's Japanese names, and per
 * payment type the statuses that occur, a merchant-facing label, which are terminal, and a rank that only
 * grows along the documented transitions — so a consumer can tell whether a notice moves a payment
 * backwards (an old notice arriving late).
 */

export type PaymentStatusCode = string
export type PaymentTypeCode = string

export const PAYMENT_STATUSES: Readonly<Record<PaymentStatusCode, LocalizedMessage>> = {
  "10": msg("申込済", "Applied"),
  "11": msg("オーソリNG", "Authorization declined"),
  "12": msg("支払期限切", "Payment deadline expired"),
  "13": msg("3Dセキュア中断", "3-D Secure interrupted"),
  "14": msg("3Dセキュア認証", "3-D Secure authenticating"),
  "15": msg("申込中断", "Application aborted"),
  "16": msg("支払期限切（消込対象外）", "Expired beyond grace (not cleared automatically)"),
  "17": msg("有効性確認NG", "Validity check NG"),
  "20": msg("オーソリOK", "Authorized"),
  "21": msg("オーソリ完了", "Authorization complete"),
  "22": msg("有効性確認済", "Validity check OK"),
  "30": msg("売上要求中", "Capture in progress"),
  "31": msg("オーソリ取消中", "Authorization cancel in progress"),
  "32": msg("オーソリ取消済", "Authorization cancelled"),
  "33": msg("オーソリ期限切", "Authorization expired"),
  "34": msg("補正要求中", "Change in progress"),
  "35": msg("売上要求済", "Capture requested"),
  "36": msg("売上保留", "Capture on hold"),
  "37": msg("売上不可", "Capture impossible"),
  "40": msg("消込済", "Cleared"),
  "41": msg("消込済（売上取消期限切）", "Cleared (refund deadline passed)"),
  "42": msg("売上取消中", "Sales cancel in progress"),
  "43": msg("速報検知済", "Preliminary payment notice received"),
  "44": msg("消込完了", "Clearing complete"),
  "50": msg("売上取消集計中", "Sales cancel being tallied"),
  "60": msg("売上取消済", "Sales cancelled"),
  "61": msg("速報取消済", "Preliminary notice cancelled"),
  "62": msg("取消完了", "Cancel complete"),
}

export const PAYMENT_TYPES: Readonly<Record<PaymentTypeCode, LocalizedMessage>> = {
  "01": msg("ATM決済（ペイジー）", "ATM (Pay-easy)"),
  "02": msg("クレジットカード決済", "Credit card"),
  "03": msg("コンビニ決済（番号方式）", "Convenience store (number)"),
  "04": msg("コンビニ決済（払込票方式）", "Convenience store (payment slip)"),
  "05": msg("銀行ネット決済", "Net banking"),
  "06": msg("携帯キャリア決済", "Mobile carrier billing"),
  "07": msg("仮想口座決済", "Virtual account"),
  "11": msg("電子マネー決済", "E-money"),
  "16": msg("口座振替", "Account transfer"),
}

interface StatusInType {
  label: LocalizedMessage
  rank: number
  terminal: boolean
  /** Statuses reachable in one documented step. */
  next: PaymentStatusCode[]
}

type TypeTable = Readonly<Record<PaymentStatusCode, StatusInType>>

function s(ja: string, en: string, rank: number, next: PaymentStatusCode[], terminal = next.length === 0): StatusInType {
  return { label: msg(ja, en), rank, terminal, next }
}

// §6.2 card. 10 stays on 2003 and becomes 20/11/15/40; 30/31/42/50 are abnormal intermediate states.
const CARD: TypeTable = {
  "10": s("申込済", "Pending", 0, ["11", "15", "20", "40"]),
  "11": s("オーソリNG", "Declined", 1, []),
  "15": s("申込中断（取引ブロック）", "Aborted (transaction blocked)", 1, []),
  "17": s("有効性確認NG", "Validity check failed", 1, []),
  "22": s("有効性確認済", "Validity check OK", 1, []),
  "20": s("オーソリOK", "Authorized", 1, ["30", "31", "32", "33", "40"]),
  "30": s("売上要求中", "Capture in progress", 2, ["40"]),
  "31": s("オーソリキャンセル処理中", "Cancelling authorization", 2, ["32"]),
  "32": s("オーソリキャンセル", "Authorization cancelled", 3, []),
  "33": s("オーソリ期限切れ", "Authorization expired", 3, []),
  "40": s("売上", "Captured", 3, ["41", "42", "50", "60"]),
  "42": s("売上キャンセル処理中", "Refund in progress", 4, ["60"]),
  "50": s("売上キャンセル集計中", "Refund being tallied", 4, ["60"]),
  "41": s("売上（取消期限切れ）", "Captured (refund deadline passed)", 5, []),
  "60": s("売上キャンセル", "Refunded", 5, []),
}

// §6.3 konbini number method: 10 → 43 → 40 / 61, 10 → 40, 10 → 12.
const KONBINI: TypeTable = {
  "10": s("入金待ち", "Awaiting payment", 0, ["12", "40", "43"]),
  "43": s("速報検知済", "Paid (preliminary)", 1, ["40", "61"]),
  "12": s("期限切れ", "Expired", 2, []),
  "40": s("入金済み", "Paid", 2, []),
  "61": s("速報取消済", "Preliminary payment cancelled", 2, []),
}

// §6.4 ATM: 10 → 40 on payment, 10 → 12 by the deadline batch.
const ATM: TypeTable = {
  "10": s("入金待ち", "Awaiting payment", 0, ["12", "40"]),
  "12": s("期限切れ", "Expired", 1, []),
  "40": s("入金済み", "Paid", 2, []),
}

// §6.4 slip method: like konbini, but a post-office payment may still arrive after 12.
const KONBINI_SLIP: TypeTable = {
  "10": s("入金待ち", "Awaiting payment", 0, ["12", "40", "43"]),
  "12": s("期限切れ", "Expired", 1, ["40", "43"], false),
  "43": s("速報検知済", "Paid (preliminary)", 2, ["40", "61"]),
  "40": s("入金済み", "Paid", 3, []),
  "61": s("速報取消済", "Preliminary payment cancelled", 3, []),
}

// §10 / §6.4 bank net: 10 → 40, 10 → 15 after two business days; money arriving later still moves 15 → 40.
const BANK_NET: TypeTable = {
  "10": s("入金待ち", "Awaiting payment", 0, ["15", "40"]),
  "15": s("申込中断", "Abandoned", 1, ["40"], false),
  "40": s("入金済み", "Paid", 2, []),
}

// §6.4 virtual account: 10 → 40, 10 → 12 → 16, 12/16 → 40 (late deposit / manual clearing).
const VIRTUAL_ACCOUNT: TypeTable = {
  "10": s("入金待ち", "Awaiting payment", 0, ["12", "40"]),
  "12": s("期限切れ", "Expired", 1, ["16", "40"], false),
  "16": s("期限切れ（消込対象外）", "Expired (not cleared automatically)", 2, ["40"], false),
  "40": s("入金済み", "Paid", 3, []),
}

const BY_TYPE: Readonly<Record<PaymentTypeCode, TypeTable>> = {
  "01": ATM,
  "02": CARD,
  "03": KONBINI,
  "04": KONBINI_SLIP,
  "05": BANK_NET,
  "07": VIRTUAL_ACCOUNT,
}

function entry(type: PaymentTypeCode, status: PaymentStatusCode): StatusInType | undefined {
  const table = BY_TYPE[type]
  return table && Object.prototype.hasOwnProperty.call(table, status) ? table[status] : undefined
}

/** Paygent's own name of a status (master list), undefined for unknown codes. */
export function statusName(status: PaymentStatusCode): LocalizedMessage | undefined {
  return Object.prototype.hasOwnProperty.call(PAYMENT_STATUSES, status) ? PAYMENT_STATUSES[status] : undefined
}

/** Merchant-facing label of a status for a payment type, falling back to the master name. */
export function statusLabel(type: PaymentTypeCode, status: PaymentStatusCode): LocalizedMessage | undefined {
  return entry(type, status)?.label ?? statusName(status)
}

export function paymentTypeLabel(type: PaymentTypeCode): LocalizedMessage | undefined {
  return Object.prototype.hasOwnProperty.call(PAYMENT_TYPES, type) ? PAYMENT_TYPES[type] : undefined
}

/** Statuses that occur for a payment type (empty for types not modelled here). */
export function statusesForType(type: PaymentTypeCode): PaymentStatusCode[] {
  return Object.keys(BY_TYPE[type] ?? {})
}

export function isKnownStatus(type: PaymentTypeCode, status: PaymentStatusCode): boolean {
  return entry(type, status) !== undefined
}

/** True when no further status change is documented for this status. Unknown statuses are not terminal. */
export function isTerminal(type: PaymentTypeCode, status: PaymentStatusCode): boolean {
  return entry(type, status)?.terminal ?? false
}

/** Position along the payment's life; grows with every documented transition. undefined if unknown. */
export function statusRank(type: PaymentTypeCode, status: PaymentStatusCode): number | undefined {
  return entry(type, status)?.rank
}

/** Whether `to` can follow `from` through one or more documented transitions. */
export function canTransition(type: PaymentTypeCode, from: PaymentStatusCode, to: PaymentStatusCode): boolean {
  const seen = new Set<string>()
  const queue = [...(entry(type, from)?.next ?? [])]
  while (queue.length > 0) {
    const s = queue.shift()!
    if (s === to) return true
    if (seen.has(s)) continue
    seen.add(s)
    queue.push(...(entry(type, s)?.next ?? []))
  }
  return false
}

export type TransitionVerdict = "forward" | "same" | "backward" | "unknown"

/**
 * How a reported status relates to the one on record: "forward" (a documented successor), "same",
 * "backward" (the reported status precedes the current one — a stale notice, do not regress), or
 * "unknown" (not a documented path, e.g. an unmodelled type or a status conflict; look at it with 094).
 */
export function compareTransition(type: PaymentTypeCode, current: PaymentStatusCode, reported: PaymentStatusCode): TransitionVerdict {
  if (current === reported) return "same"
  if (canTransition(type, current, reported)) return "forward"
  if (canTransition(type, reported, current)) return "backward"
  return "unknown"
}

/** Convenience: true when applying `reported` would move the payment backwards. */
export function isBackwards(type: PaymentTypeCode, current: PaymentStatusCode, reported: PaymentStatusCode): boolean {
  return compareTransition(type, current, reported) === "backward"
}

/*
 * The vocabulary the layers above use instead of bare codes: one name per status, and the sets the plugin's rules
 * are written in. Every set says which payment types it is meant for; a code outside that type is simply not in it.
 */


/** Payment types by name (docs/protocol.md §6, `payment_type`). */
export const PAYMENT_TYPE = {
  ATM: "01",
  CARD: "02",
  KONBINI: "03",
  KONBINI_SLIP: "04",
  BANK_NET: "05",
  VIRTUAL_ACCOUNT: "07",
} as const

type StatusSet = ReadonlySet<string>

function has(set: StatusSet, status: string | null | undefined): boolean {
  return status !== null && status !== undefined && set.has(status)
}

/** Card: the sale is done (40, or 41 past the refund deadline). */
export const CAPTURED_STATUSES: StatusSet = new Set([STATUS.CLEARED, STATUS.CLEARED_NO_REFUND])
/**
 * Card: Paygent holds no money any more — declined, blocked, authorization cancelled or expired, sale cancelled
 * (§6.2). Validity-check statuses (17 / 22) belong to card registration, not to a payment, and are not in it.
 */
export const CARD_CLOSED_STATUSES: StatusSet = new Set([
  STATUS.DECLINED,
  STATUS.ABORTED,
  STATUS.AUTH_CANCELLED,
  STATUS.AUTH_EXPIRED,
  STATUS.SALES_CANCELLED,
])
/** Konbini / ATM / net bank: the shopper has paid, counting the konbini preliminary notice (速報, 43). */
export const PAID_STATUSES: StatusSet = new Set([STATUS.CLEARED, STATUS.CLEARED_NO_REFUND, STATUS.PRELIMINARY])
/** Konbini / ATM / net bank: the application ended unpaid (expired, abandoned, expired beyond grace). */
export const UNPAID_ENDED_STATUSES: StatusSet = new Set([STATUS.EXPIRED, STATUS.ABORTED, STATUS.EXPIRED_UNCLEARED])

/** Card: the sale is done (40 / 41). */
export function isCaptured(status: string | null | undefined): boolean {
  return has(CAPTURED_STATUSES, status)
}

/** Card: an authorization that can still be captured, changed or cancelled (20). */
export function isAuthorized(status: string | null | undefined): boolean {
  return status === STATUS.AUTHORIZED
}

/** Card statuses where Paygent holds the payment: authorized (20) or captured (40 / 41). */
export type CardHoldingStatus = typeof STATUS.AUTHORIZED | typeof STATUS.CLEARED | typeof STATUS.CLEARED_NO_REFUND

/** Card: Paygent holds the payment, authorized or captured — what an amount change (028 / 029) can work on. */
export function isCardHolding(status: string | null | undefined): status is CardHoldingStatus {
  return isAuthorized(status) || isCaptured(status)
}

/** Card: nothing is held at Paygent any more (see CARD_CLOSED_STATUSES). */
export function isCardClosed(status: string | null | undefined): boolean {
  return has(CARD_CLOSED_STATUSES, status)
}

/**
 * Konbini / ATM / net bank: the shopper has paid. The preliminary notice (速報, 43) counts unless
 * `preliminary: false` asks for cleared money only (40 / 41).
 */
export function isPaid(status: string | null | undefined, options: { preliminary?: boolean } = {}): boolean {
  if (options.preliminary === false) {
    return has(CAPTURED_STATUSES, status)
  }
  return has(PAID_STATUSES, status)
}

/** Konbini / ATM / net bank: the application ended without payment (12 / 15 / 16). */
export function isUnpaidEnded(status: string | null | undefined): boolean {
  return has(UNPAID_ENDED_STATUSES, status)
}

/** The refund telegram (023) is refused from now on: 41, or a capture whose refund deadline passed. */
export function isPastRefundDeadline(status: string | null | undefined): boolean {
  return status === STATUS.CLEARED_NO_REFUND
}
