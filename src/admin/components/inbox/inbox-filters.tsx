import { Button, Select } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { INBOX_REASONS, PAYGENT_METHODS, type InboxReason, type PaygentMethod } from "../../lib/types"

const ALL = "all"

/** Reason chips (with counts) and a method select. */
export const InboxFilters = ({
  reason,
  method,
  counts,
  onReason,
  onMethod,
}: {
  reason: InboxReason | null
  method: PaygentMethod | null
  counts: Partial<Record<InboxReason, number>> | undefined
  onReason: (reason: InboxReason | null) => void
  onMethod: (method: PaygentMethod | null) => void
}) => {
  const { t } = useTranslation()
  const total = Object.values(counts ?? {}).reduce((a, b) => a + (b ?? 0), 0)
  const chip = (value: InboxReason | null, label: string, count: number) => (
    <Button
      key={value ?? ALL}
      size="small"
      variant={reason === value ? "primary" : "secondary"}
      aria-pressed={reason === value}
      onClick={() => onReason(value)}
      data-testid={`paygent-filter-${value ?? ALL}`}
    >
      {label}
      <span className="tabular-nums opacity-70">{count}</span>
    </Button>
  )
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
      <div className="flex flex-wrap gap-2" role="group" aria-label={t("paygent.inbox.filterReason")}>
        {chip(null, t("paygent.inbox.all"), total)}
        {INBOX_REASONS.map((r) => chip(r, t(`paygent.reason.${r}`), counts?.[r] ?? 0))}
      </div>
      <div className="w-[200px]">
        <Select size="small" value={method ?? ALL} onValueChange={(v) => onMethod(v === ALL ? null : (v as PaygentMethod))}>
          <Select.Trigger aria-label={t("paygent.inbox.filterMethod")} data-testid="paygent-filter-method">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value={ALL}>{t("paygent.inbox.allMethods")}</Select.Item>
            {PAYGENT_METHODS.map((m) => (
              <Select.Item key={m} value={m}>
                {t(`paygent.method.${m}`)}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
    </div>
  )
}
