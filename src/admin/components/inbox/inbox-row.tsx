import { Button, Checkbox, Table, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { formatYen } from "../../lib/format"
import { useLang } from "../../lib/lang"
import type { InboxItem } from "../../lib/types"
import { Countdown } from "../common/countdown"
import { PaygentStatusBadge } from "../common/paygent-status-badge"
import { ItemDetail } from "./item-detail"
import { ReasonBadge } from "./reason-badge"

export function selectable(item: InboxItem): boolean {
  return !!item.order && item.order.status !== "canceled"
}

export const InboxRow = ({
  item,
  selected,
  onSelect,
  onResolve,
  resolving,
  compact = false,
}: {
  item: InboxItem
  selected?: boolean
  onSelect?: (checked: boolean) => void
  onResolve?: (alertId: string) => void
  resolving?: boolean
  compact?: boolean
}) => {
  const { t } = useTranslation()
  const lang = useLang()
  return (
    <Table.Row data-testid="paygent-inbox-row" data-reason={item.reason} data-method={item.method ?? ""} data-order-id={item.order?.id ?? ""} data-cart-id={item.cart_id ?? ""}>
      {onSelect && (
        <Table.Cell className="w-[40px]">
          {selectable(item) && (
            <Checkbox
              checked={!!selected}
              onCheckedChange={(checked) => onSelect(checked === true)}
              aria-label={t("paygent.inbox.select", { order: item.order?.display_id ?? item.order?.id })}
            />
          )}
        </Table.Cell>
      )}
      <Table.Cell className="max-w-[360px] py-2 whitespace-normal">
        <div className="flex flex-col items-start gap-y-1">
          <ReasonBadge item={item} />
          <ItemDetail item={item} />
        </div>
      </Table.Cell>
      <Table.Cell>
        {item.order ? (
          <Link to={`/orders/${item.order.id}`} className="text-ui-fg-interactive txt-compact-small-plus focus-visible:shadow-borders-focus rounded outline-none">
            #{item.order.display_id ?? item.order.id}
          </Link>
        ) : (
          <Text size="small" className="text-ui-fg-muted">
            {item.cart_id ? t("paygent.inbox.cartOnly") : "–"}
          </Text>
        )}
        {!compact && item.order?.email && (
          <Text size="xsmall" className="text-ui-fg-muted truncate">
            {item.order.email}
          </Text>
        )}
      </Table.Cell>
      {!compact && (
        <Table.Cell>
          <div className="flex flex-col items-start gap-y-1">
            <Text size="small">{item.method ? t(`paygent.method.${item.method}`) : "–"}</Text>
            {item.status && <PaygentStatusBadge code={item.status.code} label={item.status.label} />}
          </div>
        </Table.Cell>
      )}
      <Table.Cell className="tabular-nums">{formatYen(item.amount, lang)}</Table.Cell>
      <Table.Cell>{item.deadline ? <Countdown deadline={item.deadline} warnDays={3} /> : <Text size="small">–</Text>}</Table.Cell>
      {onResolve && (
        <Table.Cell className="text-right">
          {item.alert_id && (
            <Button size="small" variant="secondary" className="whitespace-nowrap" disabled={resolving} onClick={() => onResolve(item.alert_id!)}>
              {t("paygent.inbox.resolve")}
            </Button>
          )}
        </Table.Cell>
      )}
    </Table.Row>
  )
}
