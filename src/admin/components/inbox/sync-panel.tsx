import { Button, Container, Heading, StatusBadge, Text, toast } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { formatDateTime, formatDuration } from "../../lib/format"
import { pickJoined, useLang } from "../../lib/lang"
import { useNow } from "../../hooks/use-now"
import { useSync } from "../../hooks/use-sync"
import { ErrorState, LoadingRows } from "../common/states"
import { FieldRow } from "../common/field-row"

/** A run older than this means the scheduled job is not running (it runs every minute by default). */
const OVERDUE_MS = 10 * 60_000

const STATUS_COLOR: Record<string, "green" | "red" | "orange" | "blue" | "grey"> = {
  succeeded: "green",
  failed: "red",
  backed_off: "orange",
  running: "blue",
  interrupted: "orange",
}

/** The notice sync (091): last run, lag, gaps, errors, and "run now". */
export const SyncPanel = () => {
  const { t } = useTranslation()
  const lang = useLang()
  const now = useNow(15_000)
  const { state, run } = useSync()
  const last = state.data?.runs[0]
  const overdue = !last || now - new Date(last.started_at).getTime() > OVERDUE_MS
  const runNow = () =>
    run.mutate(undefined, {
      onSuccess: ({ run: summary }) => {
        if (summary.skipped) {
          toast.info(t("paygent.sync.skipped"))
          return
        }
        const description = t("paygent.sync.ranSummary", { fetched: summary.fetched, applied: summary.applied, errors: summary.errors.length })
        if (summary.errors.length || summary.status === "failed") toast.warning(t("paygent.sync.ranWithErrors"), { description })
        else toast.success(t("paygent.sync.ran"), { description })
      },
      onError: (error) => toast.error(t("paygent.sync.failed"), { description: pickJoined((error as Error).message, lang) }),
    })
  return (
    <Container className="divide-y p-0" data-testid="paygent-sync-panel">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">{t("paygent.sync.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("paygent.sync.subtitle")}
          </Text>
        </div>
        <Button size="small" variant="secondary" isLoading={run.isPending} disabled={run.isPending} onClick={runNow} data-testid="paygent-sync-run">
          {t("paygent.sync.runNow")}
        </Button>
      </div>
      {state.isPending && <LoadingRows rows={4} />}
      {state.isError && <ErrorState error={state.error} onRetry={() => state.refetch()} />}
      {state.isSuccess && !last && (
        <FieldRow label={t("paygent.sync.lastRun")}>{t("paygent.sync.never")}</FieldRow>
      )}
      {state.isSuccess && last && (
        <>
          <FieldRow label={t("paygent.sync.lastRun")} testId="paygent-sync-last">
            <div className="flex flex-col items-start gap-y-1">
              <StatusBadge color={STATUS_COLOR[last.status] ?? "grey"}>{t(`paygent.sync.status.${last.status}`, { defaultValue: last.status })}</StatusBadge>
              <Text size="small" leading="compact">
                {formatDateTime(last.started_at, lang)}
              </Text>
              <Text size="xsmall" leading="compact" className={overdue ? "text-ui-tag-orange-text" : "text-ui-fg-muted"}>
                {now - new Date(last.started_at).getTime() < 60_000
                  ? t("paygent.sync.justNow")
                  : t("paygent.sync.ago", { duration: formatDuration(now - new Date(last.started_at).getTime(), lang) })}
                {" · "}
                {t(`paygent.sync.trigger.${last.trigger}`, { defaultValue: last.trigger })}
                {overdue ? ` · ${t("paygent.sync.overdue")}` : ""}
              </Text>
            </div>
          </FieldRow>
          <FieldRow label={t("paygent.sync.notices")}>
            {t("paygent.sync.noticesValue", { fetched: last.notices_fetched, applied: last.notices_applied })}
          </FieldRow>
          <FieldRow label={t("paygent.sync.lag")}>{last.max_lag_ms === null ? "–" : formatDuration(last.max_lag_ms, lang)}</FieldRow>
          <FieldRow label={t("paygent.sync.gaps")}>
            {t("paygent.sync.gapsValue", { gaps: last.gaps?.length ?? 0, repaired: last.gaps_repaired, lost: last.lost?.length ?? 0 })}
          </FieldRow>
          <FieldRow label={t("paygent.sync.repair")} testId="paygent-sync-repair">
            <div className="flex flex-col items-start gap-y-1">
              <Text size="small" leading="compact">
                {t("paygent.sync.repairValue", { used: last.repair_telegrams ?? 0, limit: state.data.limits?.gap_fetches_per_run ?? "–" })}
              </Text>
              {last.repair_capped && (
                <Text size="xsmall" leading="compact" className="text-ui-tag-orange-text">
                  {t("paygent.sync.repairCapped", { remaining: last.gaps_remaining ?? 0 })}
                </Text>
              )}
            </div>
          </FieldRow>
          {!!last.implausible_ids?.length && (
            <FieldRow label={t("paygent.sync.implausible")} testId="paygent-sync-implausible">
              <Text size="xsmall" className="text-ui-fg-error break-all">
                {t("paygent.sync.implausibleValue", { ids: last.implausible_ids.join(", ") })}
              </Text>
            </FieldRow>
          )}
          <FieldRow label={t("paygent.sync.inDoubt")}>
            {t("paygent.sync.inDoubtValue", { settled: last.in_doubt_settled ?? 0, open: last.in_doubt_open ?? 0 })}
          </FieldRow>
          <FieldRow label={t("paygent.sync.unapplied")}>{String(state.data.unapplied_notices.length)}</FieldRow>
          <FieldRow label={t("paygent.sync.errors")}>
            {last.errors?.length ? (
              <ul className="flex flex-col gap-y-1">
                {last.errors.map((error, i) => (
                  <li key={i}>
                    <Text size="xsmall" className="text-ui-fg-error break-all">
                      {error.stage}: {pickJoined(error.message, lang)}
                    </Text>
                  </li>
                ))}
              </ul>
            ) : (
              t("paygent.sync.noErrors")
            )}
          </FieldRow>
        </>
      )}
    </Container>
  )
}
