import { Checkbox, Table } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { InboxItem } from "../../lib/types"
import { InboxRow, selectable } from "./inbox-row"

/** The inbox items of one page, with row selection for bulk actions. */
export const InboxTable = ({
  items,
  selected,
  onSelectionChange,
  onResolve,
  resolving,
}: {
  items: InboxItem[]
  selected: Set<string>
  onSelectionChange: (next: Set<string>) => void
  onResolve: (alertId: string) => void
  resolving: boolean
}) => {
  const { t } = useTranslation()
  const choosable = items.filter(selectable)
  const allChosen = choosable.length > 0 && choosable.every((item) => selected.has(item.id))
  const toggle = (id: string, checked: boolean) => {
    const next = new Set(selected)
    if (checked) next.add(id)
    else next.delete(id)
    onSelectionChange(next)
  }
  return (
    <div className="overflow-x-auto">
      <Table data-testid="paygent-inbox-table">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell className="w-[40px]">
              <Checkbox
                checked={allChosen ? true : choosable.some((item) => selected.has(item.id)) ? "indeterminate" : false}
                disabled={!choosable.length}
                onCheckedChange={(checked) => onSelectionChange(new Set(checked === true ? choosable.map((item) => item.id) : []))}
                aria-label={t("paygent.inbox.selectAll")}
              />
            </Table.HeaderCell>
            <Table.HeaderCell>{t("paygent.inbox.columns.reason")}</Table.HeaderCell>
            <Table.HeaderCell>{t("paygent.inbox.columns.order")}</Table.HeaderCell>
            <Table.HeaderCell>{t("paygent.inbox.columns.method")}</Table.HeaderCell>
            <Table.HeaderCell>{t("paygent.inbox.columns.amount")}</Table.HeaderCell>
            <Table.HeaderCell>{t("paygent.inbox.columns.deadline")}</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {items.map((item) => (
            <InboxRow
              key={item.id}
              item={item}
              selected={selected.has(item.id)}
              onSelect={(checked) => toggle(item.id, checked)}
              onResolve={onResolve}
              resolving={resolving}
            />
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}
