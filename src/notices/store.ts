import { redactParams } from "../paygent/redact"
import type PaygentModuleService from "../modules/paygent/service"
import { sessionOfTradingId } from "../modules/paygent/trading-id"
import type { NoticeVia, StoredNotice } from "../modules/paygent/types"
import { padNoticeId } from "./notice-id"
import type { ReportedStatus } from "./reported"
import { handleReusedNoticeId, reusedWithOtherContent } from "./reused-notice-id"

export type { NoticeVia, StoredNotice } from "../modules/paygent/types"
export type { ReportedStatus } from "./reported"

function plain(record: ReportedStatus): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === "string") {
      out[key] = value
    }
  }
  return out
}

/** Options of storeNotice. */
export interface StoreNoticeOptions {
  /**
   * Takes the bookkeeping that is not part of storing (a known notice's received_count, a counter) instead of it being
   * awaited: the sync run settles it after the pull, off the path between one 091's answer and the next request
   * (src/sync/run.ts). Without it, everything is awaited, as the push route needs.
   */
  defer?: (work: () => Promise<void>) => void
}

/**
 * Stores a notice before anything else happens to it. A payment_notice_id seen before is not stored again (the
 * unique index decides, so two instances receiving the same notice at once store it once); a status learnt from a
 * 094 answer is stored once per payment and status. Returns the stored row and whether it is new.
 *
 * A notice with a payment_notice_id is inserted first, in one statement that does nothing when the id is stored
 * already (the module's storeNotice); only then is the stored row looked at. A duplicate is the same
 * payment_notice_id with the same content. The same id with other content (payment, status, amount) is not a
 * duplicate: it is alerted and, once Paygent confirms it (094), stored as a status learnt by inquiry and returned for
 * applying (reused-notice-id.ts).
 */
export async function storeNotice(
  service: PaygentModuleService,
  record: ReportedStatus,
  via: NoticeVia,
  now = new Date(),
  options: StoreNoticeOptions = {}
): Promise<{ notice: StoredNotice; created: boolean }> {
  const noticeId = record.payment_notice_id ? padNoticeId(record.payment_notice_id) : null
  const tradingId = record.trading_id || null
  const row = {
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
  }
  let existing: StoredNotice | undefined
  if (noticeId) {
    const stored = await service.storeNotice(row)
    if (stored.created) {
      return stored
    }
    existing = stored.notice
  } else {
    existing = await service.findNotice({
      payment_notice_id: null,
      paygent_payment_id: row.paygent_payment_id,
      trading_id: row.trading_id,
      payment_status: row.payment_status,
    })
    if (!existing) {
      return service.storeNotice(row)
    }
  }
  const known = existing
  const noteReceived = () => service.noteNoticeReceived(known.id)
  if (noticeId && reusedWithOtherContent(known, record)) {
    const verified = await handleReusedNoticeId(
      service,
      known,
      record,
      {
        store: (status) => storeNotice(service, { ...status, payment_notice_id: undefined }, "inquiry", now),
        raise: (alerts, target) => service.raiseAlerts(alerts, target),
      },
      now
    )
    await noteReceived()
    return verified ?? { notice: known, created: false }
  }
  if (options.defer) {
    options.defer(noteReceived)
  } else {
    await noteReceived()
  }
  return { notice: known, created: false }
}
