import { Button } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { AvailableAction } from "../../lib/actions"
import type { PaygentAction } from "../../lib/types"

/** The actions that apply now; all disabled while one is being previewed or run. */
export const ActionBar = ({
  actions,
  active,
  busy,
  onRequest,
}: {
  actions: AvailableAction[]
  active: PaygentAction | null
  busy: boolean
  onRequest: (action: PaygentAction, labelKey: string) => void
}) => {
  const { t } = useTranslation()
  if (!actions.length) {
    return null
  }
  return (
    <div className="flex flex-wrap gap-2 px-6 py-4" role="group" aria-label={t("paygent.actions.group")}>
      {actions.map(({ action, labelKey, variant }) => (
        <Button
          key={action}
          size="small"
          variant={variant}
          disabled={busy}
          isLoading={active === action}
          onClick={() => onRequest(action, labelKey)}
          data-testid={`paygent-action-${action}`}
        >
          {t(labelKey)}
        </Button>
      ))}
    </div>
  )
}
