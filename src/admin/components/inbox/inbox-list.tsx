import { Container, Heading, Table, Text, usePrompt, toast } from "@medusajs/ui"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { useSearchParams } from "react-router-dom"
import { useBulk } from "../../hooks/use-bulk"
import { useInbox, useResolveAlert } from "../../hooks/use-inbox"
import { pickJoined, useLang } from "../../lib/lang"
import { INBOX_REASONS, PAYGENT_METHODS, type InboxReason, type PaygentMethod } from "../../lib/types"
import { EmptyState, ErrorState, LoadingRows } from "../common/states"
import { BulkBar } from "./bulk-bar"
import { BulkResultPanel } from "./bulk-result"
import { InboxFilters } from "./inbox-filters"
import { InboxTable } from "./inbox-table"

const PAGE_SIZE = 20

function param<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : null
}

/** The full inbox: filters (kept in the URL), the table with selection, bulk actions and their result, paging. */
export const InboxList = () => {
  const { t } = useTranslation()
  const lang = useLang()
  const prompt = usePrompt()
  const [params, setParams] = useSearchParams()
  const reason = param<InboxReason>(params.get("reason"), INBOX_REASONS)
  const method = param<PaygentMethod>(params.get("method"), PAYGENT_METHODS)
  const page = Math.max(0, Number(params.get("page") ?? 0) || 0)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const inbox = useInbox({ reason: reason ? [reason] : [], method: method ? [method] : [], limit: PAGE_SIZE, offset: page * PAGE_SIZE })
  const bulk = useBulk()
  const resolve = useResolveAlert()

  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    if (key !== "page") next.delete("page")
    setParams(next, { replace: true })
    setSelected(new Set())
  }
  const orderIds = () =>
    [...new Set((inbox.data?.items ?? []).filter((item) => selected.has(item.id) && item.order).map((item) => item.order!.id))]
  const runBulk = async (operation: "capture" | "cancel") => {
    const labels = Object.fromEntries(
      (inbox.data?.items ?? []).filter((item) => item.order).map((item) => [item.order!.id, `#${item.order!.display_id ?? item.order!.id}`])
    )
    const answer = await bulk.run(operation, orderIds(), labels).catch(() => null)
    if (answer) setSelected(new Set())
  }
  const onResolve = async (alertId: string) => {
    const ok = await prompt({
      title: t("paygent.inbox.resolveTitle"),
      description: t("paygent.inbox.resolveDescription"),
      confirmText: t("paygent.inbox.resolve"),
      cancelText: t("paygent.confirm.back"),
      variant: "confirmation",
    })
    if (!ok) return
    resolve.mutate(alertId, {
      onSuccess: () => toast.success(t("paygent.inbox.resolved")),
      onError: (error) => toast.error(t("paygent.inbox.resolveFailed"), { description: pickJoined((error as Error).message, lang) }),
    })
  }

  const count = inbox.data?.count ?? 0
  const pageCount = Math.max(1, Math.ceil(count / PAGE_SIZE))
  return (
    <Container className="divide-y p-0" data-testid="paygent-inbox">
      <div className="px-6 py-4">
        <Heading level="h1">{t("paygent.inbox.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("paygent.inbox.subtitle")}
        </Text>
      </div>
      <InboxFilters
        reason={reason}
        method={method}
        counts={inbox.data?.counts}
        onReason={(value) => setFilter("reason", value)}
        onMethod={(value) => setFilter("method", value)}
      />
      {bulk.result && <BulkResultPanel result={bulk.result} onClose={bulk.clear} />}
      {inbox.isPending && <LoadingRows rows={6} />}
      {inbox.isError && <ErrorState error={inbox.error} onRetry={() => inbox.refetch()} />}
      {inbox.isSuccess && count === 0 && (
        <EmptyState
          title={reason || method ? t("paygent.inbox.emptyFiltered") : t("paygent.inbox.emptyTitle")}
          description={t("paygent.inbox.emptyDescription")}
        />
      )}
      {inbox.isSuccess && count > 0 && (
        <>
          <InboxTable items={inbox.data.items} selected={selected} onSelectionChange={setSelected} onResolve={onResolve} resolving={resolve.isPending} />
          <Table.Pagination
            count={count}
            pageSize={PAGE_SIZE}
            pageIndex={page}
            pageCount={pageCount}
            canPreviousPage={page > 0}
            canNextPage={page + 1 < pageCount}
            previousPage={() => setFilter("page", String(page - 1))}
            nextPage={() => setFilter("page", String(page + 1))}
            translations={{
              of: t("paygent.pagination.of"),
              results: t("paygent.pagination.results"),
              pages: t("paygent.pagination.pages"),
              prev: t("paygent.pagination.prev"),
              next: t("paygent.pagination.next"),
            }}
          />
          {inbox.data.truncated && (
            <Text size="xsmall" className="text-ui-fg-muted px-6 py-2">
              {t("paygent.inbox.truncated")}
            </Text>
          )}
        </>
      )}
      <BulkBar count={orderIds().length} busy={bulk.busy} onCapture={() => runBulk("capture")} onCancel={() => runBulk("cancel")} />
    </Container>
  )
}
