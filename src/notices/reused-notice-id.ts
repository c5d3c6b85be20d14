import { createHash } from "node:crypto"
import { isPaygentError } from "../providers/paygent/core/errors"
import { sessionOfTradingId } from "../modules/paygent/trading-id"
import { redactParams } from "../paygent/redact"
import type PaygentModuleService from "../modules/paygent/service"
import type { PlannedAlert } from "./plan"
import type { AlertTarget, StoredNotice } from "../modules/paygent/types"
import type { ReportedStatus } from "./reported"
import { recordNoticeAnomaly } from "./anomalies"

/** What handling needs from the notice store (passed in, so that this file and store.ts do not import each other). */
export interface ReusedNoticeStore {
  /** Stores a status learnt by inquiry (once per payment and status). */
  store(verified: ReportedStatus): Promise<{ notice: StoredNotice; created: boolean }>
  /** Raises alerts, once per dedupe_key; returns how many are new. */
  raise(alerts: PlannedAlert[], target: AlertTarget): Promise<number>
}

/**
 * A payment_notice_id this server stored before, arriving with other content: another payment, status or amount.
 * Paygent numbers notices once per merchant (docs/protocol.md §7.1), so this never happens with Paygent itself; it
 * happens when the sender starts counting again (a simulator restarted or reset without its state, a test and a
 * production contract writing to one database) — or when someone replays a captured notice with another status,
 * which the notice hash does not cover (§7.2). The notice is neither dropped as a duplicate nor believed as it is:
 *
 * - an anomaly is recorded and a critical alert raised, so it is never silent;
 * - Paygent is asked (094) about the payment the new content names, and what Paygent answers is stored as a status
 *   learnt by inquiry and applied like any notice — when it confirms the reported status. The genuine notice of a
 *   restarted sender is applied; a replay whose status Paygent does not confirm changes nothing.
 */

/** The content that makes two notices with one payment_notice_id the same notice (a re-send) or different ones. */
const CONTENT = ["payment_id", "trading_id", "payment_type", "payment_status", "payment_amount"] as const

function contentOf(row: Partial<Record<(typeof CONTENT)[number], string | null | undefined>>): Record<string, string> {
  return Object.fromEntries(CONTENT.map((key) => [key, String(row[key] ?? "")]))
}

function storedContent(existing: StoredNotice): Record<string, string> {
  return contentOf({
    payment_id: existing.paygent_payment_id,
    trading_id: existing.trading_id,
    payment_type: existing.payment_type,
    payment_status: existing.payment_status,
    payment_amount: existing.payment_amount,
  })
}

/** Whether a notice with a known payment_notice_id says something else than the stored one. */
export function reusedWithOtherContent(existing: StoredNotice, record: ReportedStatus): boolean {
  const before = storedContent(existing)
  const now = contentOf(record)
  return CONTENT.some((key) => before[key] !== now[key])
}

type Verification =
  | { outcome: "confirmed"; record: ReportedStatus }
  | { outcome: "not_confirmed"; status: string }
  | { outcome: "failed"; error: string }

async function verify(service: PaygentModuleService, record: ReportedStatus): Promise<Verification> {
  const site = service.siteId()
  try {
    const answer = (await service.client("sync").paymentInquiry({
      ...(record.payment_id ? { payment_id: record.payment_id } : { trading_id: record.trading_id, payment_type: record.payment_type }),
      ...(site ? { site_id: site } : {}),
    })) as unknown as Record<string, string | undefined>
    const status = answer.payment_status ?? ""
    if (status !== record.payment_status || (answer.trading_id ?? "") !== record.trading_id) {
      return { outcome: "not_confirmed", status: status || "-" }
    }
    return {
      outcome: "confirmed",
      record: {
        payment_id: answer.payment_id ?? record.payment_id,
        trading_id: record.trading_id,
        payment_type: answer.payment_type ?? record.payment_type,
        payment_status: status,
        payment_amount: answer.payment_amount ?? record.payment_amount,
        ...(answer.payment_date ? { payment_date: answer.payment_date } : {}),
        ...(answer.user_payment_date ? { user_payment_date: answer.user_payment_date } : {}),
      },
    }
  } catch (error) {
    if (isPaygentError(error) && error.class === "not_found") {
      return { outcome: "not_confirmed", status: "-" }
    }
    return { outcome: "failed", error: String((error as Error).message ?? error).slice(0, 300) }
  }
}

const describe = (c: Record<string, string>) => ({
  ja: `決済ID ${c.payment_id || "-"}・取引ID ${c.trading_id || "-"}・状態 ${c.payment_status}・金額 ${c.payment_amount || "-"}`,
  en: `payment_id ${c.payment_id || "-"}, trading_id ${c.trading_id || "-"}, status ${c.payment_status}, amount ${c.payment_amount || "-"}`,
})

function message(id: string, before: Record<string, string>, now: Record<string, string>, verification: Verification) {
  const b = describe(before)
  const n = describe(now)
  const head = {
    ja: `差分通知ID ${id} が以前と異なる内容で届きました（以前: ${b.ja} / 今回: ${n.ja}）。送信元が番号を振り直した（シミュレーターの再起動・リセット、テストと本番の混在）か、通知が改ざんされた可能性があります。`,
    en: `Paygent notice ${id} arrived again with other content (before: ${b.en}; now: ${n.en}). The sender numbered its notices again (a simulator restarted or reset, test and production mixed) or the notice was tampered with.`,
  }
  switch (verification.outcome) {
    case "confirmed":
      return {
        ja: `${head.ja} 決済情報照会（094）で今回の内容を確認し、適用しました。`,
        en: `${head.en} The payment inquiry (094) confirmed the new content, and it was applied.`,
      }
    case "not_confirmed":
      return {
        ja: `${head.ja} 決済情報照会（094）では状態が ${verification.status} のため、今回の内容は適用していません。`,
        en: `${head.en} The payment inquiry (094) reports status ${verification.status}, so the new content was not applied.`,
      }
    case "failed":
      return {
        ja: `${head.ja} 決済情報照会（094）ができなかったため適用していません（${verification.error}）。ペイジェントの管理画面で決済を確認してください。`,
        en: `${head.en} The payment inquiry (094) failed, so nothing was applied (${verification.error}); check the payment in Paygent's console.`,
      }
  }
}

/**
 * Handles a known payment_notice_id with other content (see above). Returns the status learnt by inquiry, stored and
 * ready to be applied by the caller, or undefined when there is nothing to apply.
 */
export async function handleReusedNoticeId(
  service: PaygentModuleService,
  existing: StoredNotice,
  record: ReportedStatus,
  notices: ReusedNoticeStore,
  now: Date
): Promise<{ notice: StoredNotice; created: boolean } | undefined> {
  const id = existing.payment_notice_id ?? ""
  const before = storedContent(existing)
  const reported = contentOf(record)
  const verification = await verify(service, record)
  // Paygent re-sends an unacknowledged push: one alert and one anomaly per distinct content, not per delivery.
  const digest = createHash("sha256").update(JSON.stringify(reported)).digest("hex").slice(0, 16)
  const tradingId = record.trading_id || null
  const raised = await notices.raise(
    [{ kind: "notice_id_reused", severity: "critical", message: message(id ? BigInt(id).toString() : "-", before, reported, verification), dedupe_key: `notice_id_reused:${id}:${digest}` }],
    {
      payment_session_id: tradingId ? (sessionOfTradingId(tradingId)?.sessionId ?? null) : null,
      paygent_payment_id: record.payment_id || null,
      trading_id: tradingId,
      data: { payment_notice_id: id, stored_notice: existing.id, before, reported, verification: verification.outcome },
    }
  )
  if (raised > 0) {
    // The notice URL's anomaly log: the record a refused notice gets, once per distinct content.
    await recordNoticeAnomaly(
      service,
      {
        code: "reused_notice_id",
        reason: `payment_notice_id stored before with other content (${CONTENT.filter((k) => before[k] !== reported[k]).join(", ")} differ); 094 ${verification.outcome}`,
        field: "payment_notice_id",
        payment_notice_id: id,
        // What the notice reported (redacted) stands for its body: kept as a digest and its first bytes.
        raw: Buffer.from(new URLSearchParams(redactParams(reported)).toString()),
      },
      now
    )
  }
  return verification.outcome === "confirmed" ? notices.store(verification.record) : undefined
}
