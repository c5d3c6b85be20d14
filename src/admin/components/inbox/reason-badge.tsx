import { Badge } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { InboxItem } from "../../lib/types"

const COLOR = { critical: "red", warning: "orange", info: "blue" } as const

/** The reason an item is in the inbox (決済処理中, 入金待ち …), coloured by how urgent it is. */
export const ReasonBadge = ({ item }: { item: Pick<InboxItem, "reason" | "detail" | "severity"> }) => {
  const { t } = useTranslation()
  const label =
    item.reason === "capture_deadline" && item.detail === "expired"
      ? t("paygent.reason.capture_deadline_expired")
      : item.reason === "manual_refund" && item.detail === "paid_after_cancel"
        ? t("paygent.reason.late_payment")
        : t(`paygent.reason.${item.reason}`)
  return (
    <Badge size="2xsmall" color={COLOR[item.severity]} data-testid="paygent-reason" data-reason={item.reason}>
      {label}
    </Badge>
  )
}
