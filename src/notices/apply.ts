import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { paygentModule } from "../modules/paygent/container"
import { applyPaygentNoticeWorkflow, ApplyPaygentNoticeResult } from "./apply-paygent-notice"
import { ReportedStatus, storeNotice } from "./store"
import { settleNothingToApply } from "./nothing-to-apply"
import { noticeLockSubject } from "./session-facts"
import type { NoticeVia, StoredNotice } from "../modules/paygent/types"

/** After this many failed attempts a notice raises an alert; after MAX_APPLY_ATTEMPTS the job stops retrying it. */
export const ALERT_AFTER_ATTEMPTS = 3
export const MAX_APPLY_ATTEMPTS = 10

export type ApplyOutcome = { ok: true; result: ApplyPaygentNoticeResult } | { ok: false; error: string }

/**
 * Runs the apply workflow for a stored notice. A failure is recorded on the notice (the sync job retries it) and,
 * when it keeps failing, raised as an alert; it is never thrown, since the notice itself is safely stored.
 */
export async function applyStoredNotice(
  container: MedusaContainer,
  noticeId: string,
  stored?: Pick<StoredNotice, "id" | "payment_session_id" | "trading_id" | "paygent_payment_id">
): Promise<ApplyOutcome> {
  const { result, errors } = await applyPaygentNoticeWorkflow(container).run({
    // The stored row's keys, when the caller holds it, spare the workflow's lock step a read of the notice.
    input: stored ? { notice_id: noticeId, lock: { subject: noticeLockSubject(stored), payment_session_id: stored.payment_session_id } } : { notice_id: noticeId },
    throwOnError: false,
    logOnError: false,
  })
  if (!errors?.length) {
    return { ok: true, result }
  }
  const error = errors[0]?.error
  const message = String((error as Error | undefined)?.message ?? error ?? "unknown error").slice(0, 1000)
  const service = paygentModule(container)
  try {
    const notice = await service.noteNoticeApplyFailure(noticeId, message)
    const attempts = notice.apply_attempts
    if (attempts >= ALERT_AFTER_ATTEMPTS) {
      await service.raiseAlerts([
          {
            kind: "notice_apply_failed",
            severity: "critical",
            dedupe_key: `notice_apply_failed:${noticeId}`,
            message: {
              ja: `Paygent の通知（決済ID ${notice.paygent_payment_id ?? "-"}、状態 ${notice.payment_status}）を ${attempts} 回適用できませんでした: ${message}`,
              en: `A Paygent notice (payment_id ${notice.paygent_payment_id ?? "-"}, status ${notice.payment_status}) failed to apply ${attempts} times: ${message}`,
            },
          },
        ],
        {
          order_id: notice.order_id,
          payment_session_id: notice.payment_session_id,
          paygent_payment_id: notice.paygent_payment_id,
          trading_id: notice.trading_id,
          data: { notice_id: noticeId },
        }
      )
    }
  } catch (recordError) {
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .error(`Paygent: could not record the failure of notice ${noticeId}: ${(recordError as Error).message}`)
  }
  container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).warn(`Paygent: notice ${noticeId} not applied: ${message}`)
  return { ok: false, error: message }
}

/**
 * Stores a reported status and applies it unless it was applied before. A new notice that changes nothing (a card
 * authorization the checkout itself made) is marked applied without the workflow (nothing-to-apply.ts).
 */
export async function receiveAndApply(
  container: MedusaContainer,
  record: ReportedStatus,
  via: NoticeVia
): Promise<{ notice: StoredNotice; created: boolean; outcome?: ApplyOutcome }> {
  const { notice, created } = await storeNotice(paygentModule(container), record, via)
  if (notice.applied_at) {
    return { notice, created }
  }
  const settled = created ? await settleNothingToApply(container, notice) : undefined
  if (settled) {
    return { notice, created, outcome: { ok: true, result: { notice_id: notice.id, action: "none", result: settled } } }
  }
  return { notice, created, outcome: await applyStoredNotice(container, notice.id, notice) }
}
