import { Badge, Button, Container, Heading, Table, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { useInbox } from "../../hooks/use-inbox"
import { INBOX_REASONS } from "../../lib/types"
import { EmptyState, ErrorState, LoadingRows } from "../common/states"
import { InboxRow } from "./inbox-row"

const SHOWN = 5

/** Order list: how many payments need a person, by reason, and the most urgent few; the full inbox is a click away. */
export const InboxOverview = () => {
  const { t } = useTranslation()
  const inbox = useInbox({ reason: [], method: [], limit: SHOWN, offset: 0 })
  return (
    <Container className="divide-y p-0" data-testid="paygent-inbox-overview">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <div>
          <Heading level="h2">{t("paygent.inbox.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("paygent.inbox.subtitle")}
          </Text>
        </div>
        <Button size="small" variant="secondary" asChild>
          <Link to="/paygent-inbox" data-testid="paygent-open-inbox">
            {t("paygent.inbox.open", { n: inbox.data?.count ?? 0 })}
          </Link>
        </Button>
      </div>
      {inbox.isPending && <LoadingRows rows={2} />}
      {inbox.isError && <ErrorState error={inbox.error} onRetry={() => inbox.refetch()} />}
      {inbox.isSuccess && inbox.data.count === 0 && <EmptyState title={t("paygent.inbox.emptyTitle")} />}
      {inbox.isSuccess && inbox.data.count > 0 && (
        <>
          <div className="flex flex-wrap gap-2 px-6 py-3">
            {INBOX_REASONS.filter((r) => inbox.data.counts[r] > 0).map((reason) => (
              <Link key={reason} to={`/paygent-inbox?reason=${reason}`} className="focus-visible:shadow-borders-focus rounded-md outline-none">
                <Badge size="small" color="grey">
                  {t(`paygent.reason.${reason}`)} <span className="tabular-nums">{inbox.data.counts[reason]}</span>
                </Badge>
              </Link>
            ))}
          </div>
          <Table>
            <Table.Body>
              {inbox.data.items.map((item) => (
                <InboxRow key={item.id} item={item} compact />
              ))}
            </Table.Body>
          </Table>
        </>
      )}
    </Container>
  )
}
