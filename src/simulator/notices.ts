/**
 * Notice records (決済情報差分, docs/protocol.md §7.1): one record per notified status change, numbered per merchant from 1,
 * read one per 091 call, re-readable by payment_notice_id, and purged when left unread for 7 simulated days.
 */
import { brandOf, issuerOf } from "./card-brands"
import type { SimClock } from "./clock"
import { DAY_MS, formatJstDateTime } from "./jst"
import type { NoticeRecord, Payment, PaymentType } from "./model"

/** Statuses §6.1 marks ● (notified) per payment type. */
export const NOTIFIED_STATUSES: Record<PaymentType, ReadonlySet<string>> = {
  "01": new Set(["12", "40"]),
  "02": new Set(["10", "11", "20", "32", "33", "40", "41", "60"]),
  "03": new Set(["10", "12", "40", "43", "61"]),
  "05": new Set(["15", "40"]),
}

export const NOTICE_RETENTION_MS = 7 * DAY_MS

const dateTime = (ms: number | undefined) => (ms === undefined ? "" : formatJstDateTime(ms))

/**
 * Items No. 6–44 and 70–76 of the 091 response (and of the push), as the payment looks right now. No. 45–69
 * (virtual account, PayPal, e-money, ticket extras) are left out, as for a merchant without those services
 * (fixture README choice 9).
 */
export function noticeItems(payment: Payment, paymentNoticeId: number, changeAt: number): [string, string][] {
  const card = payment.card
  const brand = card ? brandOf(card.card.number) : undefined
  const issuer = card ? issuerOf(card.card.number) : undefined
  const limitDate = payment.konbini?.limitDate ?? payment.atm?.limitDate ?? ""
  return [
    ["payment_notice_id", String(paymentNoticeId)],
    ["change_date", formatJstDateTime(changeAt)],
    ["payment_id", payment.paymentId],
    ["trading_id", payment.tradingId],
    ["payment_type", payment.paymentType],
    ["payment_status", payment.status],
    ["payment_amount", String(payment.amount)],
    ["payment_init_date", formatJstDateTime(payment.createdAt)],
    ["payment_limit_date", limitDate],
    ["early_notice_date", dateTime(payment.earlyNoticeDate)],
    ["cancel_date", dateTime(payment.cancelDate)],
    ["user_payment_date", dateTime(payment.userPaymentDate)],
    ["payment_date", dateTime(payment.paymentDate)],
    ["bank_code", payment.bankCode],
    ["cvs_company_id", payment.konbini?.paidCompanyId ?? ""],
    ["related_payment_id", ""],
    ["bar_code", ""],
    ["acq_id", brand?.acqId ?? ""],
    ["acq_name", brand?.acqName ?? ""],
    ["joho_code", card?.johoCode ?? ""],
    ["joho_issur_type", ""],
    ["payment_class", card?.paymentClass ?? ""],
    ["summer_bonus", ""],
    ["winter_bonus", ""],
    ["split_count", card?.splitCount ?? ""],
    ["issur_code", issuer?.issurId ?? ""],
    ["issur_name", issuer?.issurName ?? ""],
    ["3dsecure_ryaku", card?.threeDsRyaku ?? ""],
    ["fc_auth_nmu", ""],
    ["daiko_code", ""],
    ["card_shu_code", ""],
    ["k_card_name", ""],
    ["attempt_kbn", card?.attemptKbn ?? ""],
    ["career_type", ""],
    ["pc_mobile_type", ""],
    ["career_payment_id", ""],
    ["running_id", ""],
    ["running_target_ym", ""],
    ["site_id", payment.siteId],
    ["currency_code", ""],
    ["sales_convert_amount", ""],
    ["cancel_convert_amount", ""],
    ["account_transfer_result_cd", ""],
    ["customer_id", card?.customerId ?? ""],
    ["customer_card_id", card?.customerCardId ?? ""],
    ["fingerprint", card?.fingerprint ?? ""],
  ]
}

/** The names of the record items, for "no data" answers that still list every item with an empty value. */
export const NOTICE_ITEM_NAMES: readonly string[] = noticeItems(
  { paymentId: "", tradingId: "", paymentType: "02", status: "", amount: 0, siteId: "", createdAt: 0, bankCode: "", history: [] },
  0,
  0,
).map(([key]) => key)

export interface NoticeRead {
  /** 0 data, 1 no data, 2 data but older unread records were purged. */
  successCode: "0" | "1" | "2"
  record?: NoticeRecord
}

function siteOf(record: NoticeRecord): string {
  return record.items.find(([key]) => key === "site_id")?.[1] ?? ""
}

export class NoticeBook {
  readonly records: NoticeRecord[] = []
  private nextId = 1
  /** Sites whose unread records were purged; reported (success_code 2) with that site's next record. */
  private purgeNotReported = new Set<string>()
  /** A 091 call without payment_notice_id is in flight (a second one gets 9004). */
  busy = false

  constructor(
    private readonly clock: SimClock,
    private readonly onRecord: (record: NoticeRecord) => void,
  ) {}

  /**
   * Forgets every record. The id counter keeps running, as the payment_id counter does: a reset is a new sandbox
   * day, not a new Paygent, and an application that stored earlier notices must never see an id again.
   */
  reset(): void {
    this.records.length = 0
    this.purgeNotReported.clear()
    this.busy = false
  }

  /** What a restart needs besides the records themselves (persistence.ts). */
  counters(): { nextId: number; purgeNotReported: string[] } {
    return { nextId: this.nextId, purgeNotReported: [...this.purgeNotReported] }
  }

  restore(records: NoticeRecord[], saved: { nextId: number; purgeNotReported: string[] }): void {
    this.records.length = 0
    this.records.push(...records)
    this.nextId = records.reduce((next, r) => Math.max(next, r.paymentNoticeId + 1), saved.nextId)
    this.purgeNotReported = new Set(saved.purgeNotReported)
  }

  shouldNotify(payment: Payment): boolean {
    return NOTIFIED_STATUSES[payment.paymentType].has(payment.status)
  }

  record(payment: Payment): NoticeRecord {
    const now = this.clock.now()
    const id = this.nextId++
    const record: NoticeRecord = {
      paymentNoticeId: id,
      createdAt: now,
      paymentId: payment.paymentId,
      items: noticeItems(payment, id, now),
      read: false,
      purged: false,
      push: { state: "disabled", attempts: 0 },
    }
    this.records.push(record)
    this.onRecord(record)
    return record
  }

  /** Earliest time at which an unread record becomes purgeable (for the batch runner). */
  nextPurgeAt(): number | undefined {
    const unread = this.records.find((r) => !r.read && !r.purged)
    return unread ? unread.createdAt + NOTICE_RETENTION_MS : undefined
  }

  /** Purges unread records created at or before `now − 7 days`; returns how many went. */
  purgeExpired(now = this.clock.now(), retentionMs = NOTICE_RETENTION_MS): number {
    let purged = 0
    for (const record of this.records) {
      if (!record.read && !record.purged && record.createdAt + retentionMs <= now) {
        record.purged = true
        this.purgeNotReported.add(siteOf(record))
        purged++
      }
    }
    return purged
  }

  /**
   * 091 without payment_notice_id: the next unread record of the site (no site_id = payments made without one),
   * marked read.
   */
  readNext(siteId = ""): NoticeRead {
    this.purgeExpired()
    const record = this.records.find((r) => !r.read && !r.purged && siteOf(r) === siteId)
    if (!record) return { successCode: "1" }
    record.read = true
    record.readAt = this.clock.now()
    const successCode = this.purgeNotReported.has(siteId) ? "2" : "0"
    this.purgeNotReported.delete(siteId)
    return { successCode, record }
  }

  /** 091 with payment_notice_id: that record again, whether read or not (purged records are gone). */
  readById(paymentNoticeId: number): NoticeRead {
    this.purgeExpired()
    const record = this.records.find((r) => r.paymentNoticeId === paymentNoticeId && !r.purged)
    return record ? { successCode: "0", record } : { successCode: "1" }
  }
}
