import { Badge, Prompt, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { formatYen } from "../../lib/format"
import { pick, useLang } from "../../lib/lang"
import type { PreviewLine } from "../../lib/preview"
import type { PendingConfirmation } from "../../hooks/use-paygent-action"

const Line = ({ line }: { line: PreviewLine }) => {
  const { t } = useTranslation()
  const lang = useLang()
  return (
    <li className="flex flex-col gap-y-1" data-testid="paygent-preview-line" data-action={line.action}>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <Text size="small" weight="plus">
          {t(`paygent.plan.${line.action}`, { defaultValue: line.action })}
          {line.telegram ? ` (${line.telegram})` : ""}
        </Text>
        {line.amount !== null && line.amount > 0 && (
          <Text size="small" className="text-ui-fg-subtle">
            {line.from !== null ? `${formatYen(line.from, lang)} → ` : ""}
            {formatYen(line.amount, lang)}
          </Text>
        )}
      </div>
      <div className="flex flex-wrap gap-1">
        {line.deadlinePassed && <Badge size="2xsmall" color="red">{t("paygent.plan.deadlinePassed")}</Badge>}
        {line.manualRefund && <Badge size="2xsmall" color="orange">{t("paygent.plan.manualRefundOwed")}</Badge>}
        {line.threeDsLost && <Badge size="2xsmall" color="orange">{t("paygent.plan.threeDsLost")}</Badge>}
      </div>
      {line.notes.length > 0 && (
        <ul className="text-ui-fg-subtle list-disc pl-5">
          {line.notes.map((note, i) => (
            <li key={i}>
              <Text size="small">{pick(note, lang)}</Text>
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}

/** Asks before an action, showing what the route's preview says will happen. */
export const ConfirmAction = ({
  confirmation,
  onConfirm,
  onDismiss,
}: {
  confirmation: PendingConfirmation | null
  onConfirm: () => void
  onDismiss: () => void
}) => {
  const { t } = useTranslation()
  const action = confirmation?.action
  const danger = action === "cancel" || (confirmation?.summary.lines.some((l) => l.manualRefund || l.threeDsLost) ?? false)
  return (
    <Prompt open={!!confirmation} variant={danger ? "danger" : "confirmation"} onOpenChange={(open) => !open && onDismiss()}>
      <Prompt.Content className="max-w-[520px]" data-testid="paygent-confirm">
        <Prompt.Header>
          <Prompt.Title>{action ? t(`paygent.confirm.title.${action}`) : ""}</Prompt.Title>
          <Prompt.Description>{t("paygent.confirm.description")}</Prompt.Description>
        </Prompt.Header>
        <ul className="flex max-h-[50vh] flex-col gap-y-3 overflow-y-auto px-6 pt-4">
          {confirmation?.summary.lines.map((line, i) => <Line key={i} line={line} />)}
        </ul>
        <Prompt.Footer>
          <Prompt.Cancel onClick={onDismiss}>{t("paygent.confirm.back")}</Prompt.Cancel>
          <Prompt.Action onClick={onConfirm} data-testid="paygent-confirm-action">
            {confirmation ? t(confirmation.labelKey) : ""}
          </Prompt.Action>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}
