import type { PaygentNoticeRecord } from "../paygent/notice"
import { redactParams } from "../paygent/redact"
import type PaygentModuleService from "../modules/paygent/service"
import { sessionOfTradingId } from "../modules/paygent/trading-id"
import { padNoticeId } from "./notice-id"
import type { PlannedAlert } from "./plan"
import { handleReusedNoticeId, reusedWithOtherContent } from "./reused-notice-id"

export type NoticeVia = "push" | "pull" | "inquiry"

/** A stored notice as the sync code reads it back. */
export interface StoredNotice {
  id: string
  payment_notice_id: string | null
  paygent_payment_id: string | null
  trading_id: string | null
  payment_type: string
  payment_status: string
  payment_amount: string | null
  change_date: string | null
  fields: Record<string, string> | null
  received_via: NoticeVia
  received_at: Date | string
  received_count: number
  applied_at: Date | string | null
  result: string | null
  apply_attempts: number
  payment_session_id: string | null
  order_id: string | null
}

/** A status Paygent reported, from a notice record or a 094 answer. */
export type ReportedStatus = Pick<PaygentNoticeRecord, "payment_id" | "trading_id" | "payment_type" | "payment_status" | "payment_amount"> &
  Partial<PaygentNoticeRecord>

function plain(record: ReportedStatus): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === "string") {
      out[key] = value
    }
  }
  return out
}

/**
 * Stores a notice before anything else happens to it. A payment_notice_id seen before is not stored again (the
 * unique index decides, so two instances receiving the same notice at once store it once); a status learnt from a
 * 094 answer is stored once per payment and status. Returns the stored row and whether it is new.
 *
 * A duplicate is the same payment_notice_id with the same content. The same id with other content (payment, status,
 * amount) is not a duplicate: it is alerted and, once Paygent confirms it (094), stored as a status learnt by inquiry
 * and returned for applying (reused-notice-id.ts).
 */
export async function storeNotice(
  service: PaygentModuleService,
  record: ReportedStatus,
  via: NoticeVia,
  now = new Date()
): Promise<{ notice: StoredNotice; created: boolean }> {
  const noticeId = record.payment_notice_id ? padNoticeId(record.payment_notice_id) : null
  const existing = await findExisting(service, record, noticeId)
  if (existing && noticeId && reusedWithOtherContent(existing, record)) {
    const verified = await handleReusedNoticeId(
      service,
      existing,
      record,
      {
        store: (status) => storeNotice(service, { ...status, payment_notice_id: undefined }, "inquiry", now),
        raise: (alerts, target) => raiseAlerts(service, alerts, target),
      },
      now
    )
    await service.updatePaygentNotices({ id: existing.id, received_count: (existing.received_count ?? 1) + 1 })
    return verified ?? { notice: existing, created: false }
  }
  if (existing) {
    await service.updatePaygentNotices({ id: existing.id, received_count: (existing.received_count ?? 1) + 1 })
    return { notice: existing, created: false }
  }
  const tradingId = record.trading_id || null
  try {
    const [row] = await service.createPaygentNotices([
      {
        payment_notice_id: noticeId,
        paygent_payment_id: record.payment_id || null,
        trading_id: tradingId,
        payment_type: record.payment_type,
        payment_status: record.payment_status,
        payment_amount: record.payment_amount || null,
        change_date: record.change_date || null,
        fields: redactParams(plain(record)),
        received_via: via,
        received_at: now,
        payment_session_id: tradingId ? (sessionOfTradingId(tradingId)?.sessionId ?? null) : null,
      },
    ])
    return { notice: row as unknown as StoredNotice, created: true }
  } catch (error) {
    // Another request stored the same payment_notice_id in the meantime (unique index).
    const raced = await findExisting(service, record, noticeId)
    if (raced) {
      return { notice: raced, created: false }
    }
    throw error
  }
}

async function findExisting(service: PaygentModuleService, record: ReportedStatus, noticeId: string | null): Promise<StoredNotice | undefined> {
  const filters = noticeId
    ? { payment_notice_id: noticeId }
    : {
        payment_notice_id: null,
        paygent_payment_id: record.payment_id || null,
        trading_id: record.trading_id || null,
        payment_status: record.payment_status,
      }
  const [row] = await service.listPaygentNotices(filters as never, { take: 1 })
  return row as unknown as StoredNotice | undefined
}

export interface AlertTarget {
  order_id?: string | null
  payment_session_id?: string | null
  medusa_payment_id?: string | null
  paygent_payment_id?: string | null
  trading_id?: string | null
  data?: Record<string, unknown> | null
}

/** Raises alerts; one with a dedupe_key already raised is not raised again. Returns how many are new. */
export async function raiseAlerts(service: PaygentModuleService, alerts: PlannedAlert[], target: AlertTarget): Promise<number> {
  let created = 0
  for (const alert of alerts) {
    if (alert.dedupe_key) {
      const [existing] = await service.listPaygentAlerts({ dedupe_key: alert.dedupe_key }, { take: 1 })
      if (existing) {
        continue
      }
    }
    try {
      await service.createPaygentAlerts([
        {
          kind: alert.kind,
          severity: alert.severity,
          message_ja: alert.message.ja,
          message_en: alert.message.en,
          dedupe_key: alert.dedupe_key ?? null,
          order_id: target.order_id ?? null,
          payment_session_id: target.payment_session_id ?? null,
          medusa_payment_id: target.medusa_payment_id ?? null,
          paygent_payment_id: target.paygent_payment_id ?? null,
          trading_id: target.trading_id ?? null,
          data: target.data ?? null,
        },
      ])
      created++
    } catch (error) {
      // The same dedupe_key raised concurrently (unique index): that one stands.
      const [raced] = alert.dedupe_key ? await service.listPaygentAlerts({ dedupe_key: alert.dedupe_key }, { take: 1 }) : []
      if (!raced) {
        throw error
      }
    }
  }
  return created
}
