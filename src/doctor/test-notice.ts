import { noticeHash } from "../paygent/hash"
import { STATUS, PAYMENT_TYPE } from "../paygent"

/**
 * The signed test notice of check 8 (決済情報差分通知, docs/protocol.md §7.2): well-formed, with a correct hc, about a
 * payment that does not exist. payment_notice_id 0 is never one of Paygent's (they count from 1), so a receiver can
 * recognise the doctor's notice with isDoctorTestNotice() (after checking hc) and answer result=0 without storing it.
 */
export const DOCTOR_NOTICE_ID = "0"
export const DOCTOR_TRADING_ID = "PAYGENT_DOCTOR_TEST"

function jstStamp(now: Date): string {
  const jst = new Date(now.getTime() + 9 * 60 * 60 * 1000)
  return jst.toISOString().replace(/[-:T]/g, "").slice(0, 14)
}

/** Items in Paygent's order, hc last. */
export function buildTestNotice(noticeHashKey: string, now = new Date()): Array<[string, string]> {
  const stamp = jstStamp(now)
  const items: Array<[string, string]> = [
    ["payment_notice_id", DOCTOR_NOTICE_ID],
    ["change_date", stamp],
    ["payment_id", "0"],
    ["trading_id", DOCTOR_TRADING_ID],
    ["payment_type", PAYMENT_TYPE.CARD],
    ["payment_status", STATUS.AUTHORIZED],
    ["payment_amount", "1"],
    ["payment_init_date", stamp],
  ]
  const fields = Object.fromEntries(items)
  items.push(["hc", noticeHash(fields, noticeHashKey)])
  return items
}

/** application/x-www-form-urlencoded; every value is ASCII, so Windows-31J and UTF-8 encodings are the same bytes. */
export function encodeForm(items: Array<[string, string]>): string {
  return items.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")
}

/** For a notice receiver: the doctor's test notice (check hc first — this only looks at the identifying items). */
export function isDoctorTestNotice(fields: { payment_notice_id?: string; trading_id?: string }): boolean {
  return fields.payment_notice_id === DOCTOR_NOTICE_ID && fields.trading_id === DOCTOR_TRADING_ID
}
