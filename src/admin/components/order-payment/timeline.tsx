import { Button, Text } from "@medusajs/ui"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { formatDateTime, formatYen } from "../../lib/format"
import { pick, useLang } from "../../lib/lang"
import { mailTime, type ShopperMail } from "../../lib/shopper-mails"
import type { LedgerTelegram, StoredNotice } from "../../lib/types"
import { MailEntry, mailTone } from "./mail-entry"

type Entry =
  | { kind: "telegram"; at: string; row: LedgerTelegram }
  | { kind: "notice"; at: string; row: StoredNotice }
  | { kind: "mail"; at: string; row: ShopperMail }

const SHOWN = 8

/**
 * A notice not applied yet and never tried is one being applied right now (the push that follows a capture): shown
 * as such, not as a problem. Orange only once applying it failed.
 */
function applying(row: StoredNotice): boolean {
  return !row.applied_at && row.apply_attempts === 0
}

function tone(entry: Entry): string {
  if (entry.kind === "mail") {
    return mailTone(entry.row)
  }
  if (entry.kind === "notice") {
    return entry.row.applied_at ? "bg-ui-tag-purple-icon" : applying(entry.row) ? "bg-ui-tag-neutral-icon" : "bg-ui-tag-orange-icon"
  }
  if (entry.row.outcome === "success") return "bg-ui-tag-green-icon"
  if (entry.row.outcome === "pending") return "bg-ui-tag-neutral-icon"
  return "bg-ui-tag-red-icon"
}

const TelegramEntry = ({ row }: { row: LedgerTelegram }) => {
  const { t } = useTranslation()
  const lang = useLang()
  const failed = row.outcome !== "success" && row.outcome !== "pending"
  return (
    <>
      <Text size="small" weight="plus" leading="compact">
        {t(`paygent.operation.${row.operation}`, { defaultValue: row.operation })} ({row.telegram_kind})
      </Text>
      <Text size="xsmall" leading="compact" className={failed ? "text-ui-fg-error" : "text-ui-fg-subtle"}>
        {[
          t(`paygent.outcome.${row.outcome}`, { defaultValue: row.outcome }),
          row.amount !== null ? formatYen(row.amount, lang) : null,
          row.response_code ? `${t("paygent.timeline.code")} ${row.response_code}${row.response_detail ? `/${row.response_detail}` : ""}` : null,
          t(`paygent.source.${row.source}`, { defaultValue: row.source }),
        ]
          .filter(Boolean)
          .join(" · ")}
      </Text>
      {failed && row.error_message && (
        <Text size="xsmall" leading="compact" className="text-ui-fg-muted break-all">
          {row.error_message}
        </Text>
      )}
    </>
  )
}

const NoticeEntry = ({ row }: { row: StoredNotice }) => {
  const { t } = useTranslation()
  const lang = useLang()
  return (
    <>
      <Text size="small" weight="plus" leading="compact">
        {t("paygent.timeline.notice", { status: pick(row.status_label, lang) || row.payment_status })} ({row.payment_status})
      </Text>
      <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
        {[
          t(`paygent.via.${row.received_via}`, { defaultValue: row.received_via }),
          row.payment_amount !== null ? formatYen(row.payment_amount, lang) : null,
          row.applied_at
            ? t(`paygent.noticeResult.${row.result}`, { defaultValue: row.result ?? "" })
            : applying(row)
              ? t("paygent.timeline.applying")
              : t("paygent.timeline.notApplied", { attempts: row.apply_attempts }),
        ]
          .filter(Boolean)
          .join(" · ")}
      </Text>
      {!row.applied_at && row.last_error && (
        <Text size="xsmall" leading="compact" className="text-ui-fg-error break-all">
          {row.last_error}
        </Text>
      )}
    </>
  )
}

/** Every telegram of the ledger, notice and shopper mail for the order, newest first, each with its outcome. */
export const PaygentTimeline = ({
  telegrams,
  notices,
  mails = [],
}: {
  telegrams: LedgerTelegram[]
  notices: StoredNotice[]
  mails?: ShopperMail[]
}) => {
  const { t } = useTranslation()
  const lang = useLang()
  const [all, setAll] = useState(false)
  const entries: Entry[] = [
    ...telegrams.map((row) => ({ kind: "telegram" as const, at: row.started_at, row })),
    ...notices.map((row) => ({ kind: "notice" as const, at: row.received_at, row })),
    ...mails.map((row) => ({ kind: "mail" as const, at: mailTime(row), row })),
  ].sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
  const shown = all ? entries : entries.slice(0, SHOWN)
  return (
    <div className="px-6 py-4" data-testid="paygent-timeline">
      <Text size="small" weight="plus" className="mb-3">
        {t("paygent.timeline.title")}
      </Text>
      {entries.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle">
          {t("paygent.timeline.empty")}
        </Text>
      ) : (
        <ol className="flex flex-col gap-y-3">
          {shown.map((entry) => (
            <li
              key={`${entry.kind}:${entry.row.id}`}
              className="grid grid-cols-[12px_1fr] gap-x-2"
              data-testid="paygent-timeline-entry"
              data-kind={entry.kind}
              data-telegram={entry.kind === "telegram" ? entry.row.telegram_kind : undefined}
              data-outcome={
                entry.kind === "telegram"
                  ? entry.row.outcome
                  : entry.kind === "mail"
                    ? entry.row.status
                    : (entry.row.result ?? (applying(entry.row) ? "applying" : "not_applied"))
              }
              data-mail={entry.kind === "mail" ? entry.row.kind : undefined}
            >
              <span aria-hidden className={`mt-1.5 size-2 rounded-full ${tone(entry)}`} />
              <div className="flex min-w-0 flex-col">
                {entry.kind === "telegram" ? (
                  <TelegramEntry row={entry.row} />
                ) : entry.kind === "mail" ? (
                  <MailEntry mail={entry.row} />
                ) : (
                  <NoticeEntry row={entry.row} />
                )}
                <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
                  {formatDateTime(entry.at, lang)}
                </Text>
              </div>
            </li>
          ))}
        </ol>
      )}
      {entries.length > SHOWN && (
        <Button size="small" variant="transparent" className="mt-2" onClick={() => setAll(!all)}>
          {all ? t("paygent.timeline.showLess") : t("paygent.timeline.showAll", { n: entries.length })}
        </Button>
      )}
    </div>
  )
}
