import { CommandBar } from "@medusajs/ui"
import { useTranslation } from "react-i18next"

/** Bulk 売上 / 取消 for the selected orders (Medusa's command bar; shortcuts c and x). */
export const BulkBar = ({
  count,
  busy,
  onCapture,
  onCancel,
}: {
  count: number
  busy: boolean
  onCapture: () => void
  onCancel: () => void
}) => {
  const { t } = useTranslation()
  return (
    <CommandBar open={count > 0}>
      <CommandBar.Bar>
        <CommandBar.Value>{t("paygent.bulk.selected", { n: count })}</CommandBar.Value>
        <CommandBar.Seperator />
        <CommandBar.Command action={onCapture} label={t("paygent.bulk.capture")} shortcut="c" disabled={busy} data-testid="paygent-bulk-capture" />
        <CommandBar.Seperator />
        <CommandBar.Command action={onCancel} label={t("paygent.bulk.cancel")} shortcut="x" disabled={busy} data-testid="paygent-bulk-cancel" />
      </CommandBar.Bar>
    </CommandBar>
  )
}
