import { Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { formatDuration, formatYen } from "../../lib/format"
import { pick, useLang } from "../../lib/lang"
import type { InboxItem } from "../../lib/types"
import { useNow } from "../../hooks/use-now"

/** One sentence on why the item needs a person: the finer cause, how long, the amounts, the backend's message. */
export const ItemDetail = ({ item }: { item: InboxItem }) => {
  const { t } = useTranslation()
  const lang = useLang()
  const now = useNow()
  const age = item.since ? formatDuration(now - new Date(item.since).getTime(), lang) : null
  const parts: string[] = [t(`paygent.detail.${item.detail}`, { defaultValue: "" })]
  if (item.reason === "checkout_abandoned" && age) {
    parts.push(t("paygent.inbox.abandonedFor", { duration: age }))
  }
  if (item.amounts) {
    parts.push(
      t("paygent.inbox.amounts", {
        atPaygent: formatYen(item.amounts.at_paygent, lang),
        expected: formatYen(item.amounts.expected_at_paygent, lang),
        total: formatYen(item.amounts.order_total, lang),
      })
    )
  }
  const message = pick(item.message, lang)
  if (message) {
    parts.push(message)
  }
  return (
    <Text size="small" leading="compact" className="text-ui-fg-subtle line-clamp-3">
      {parts.filter(Boolean).join(" — ")}
    </Text>
  )
}
