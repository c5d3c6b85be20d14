import type { PaygentNoticeRecord } from "../paygent/notice"

/** A status Paygent reported, from a notice record or a 094 answer. */
export type ReportedStatus = Pick<PaygentNoticeRecord, "payment_id" | "trading_id" | "payment_type" | "payment_status" | "payment_amount"> &
  Partial<PaygentNoticeRecord>
