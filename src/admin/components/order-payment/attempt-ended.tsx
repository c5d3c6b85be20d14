import { Badge, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { pick, useLang } from "../../lib/lang"
import type { AttemptEnd } from "../../lib/types"

const COLORS: Record<AttemptEnd["code"], "grey" | "red" | "orange" | "purple"> = {
  expired: "orange",
  abandoned: "grey",
  declined: "red",
  cancelled: "grey",
  refunded: "purple",
  replaced: "grey",
}

/** A payment attempt that no longer holds money nor waits for it: how it ended, and why (Paygent's or Medusa's words). */
export const AttemptEnded = ({ ended }: { ended: AttemptEnd }) => {
  const { t } = useTranslation()
  const lang = useLang()
  return (
    <div className="flex flex-col gap-y-1 px-6 py-3" data-testid="paygent-attempt-ended" data-code={ended.code}>
      <div className="flex items-center gap-x-2">
        <Text size="small" leading="compact" weight="plus">
          {t("paygent.order.endedTitle")}
        </Text>
        <Badge size="2xsmall" color={COLORS[ended.code]}>
          {pick(ended.label, lang)}
        </Badge>
      </div>
      {ended.detail && (
        <Text size="small" leading="compact" className="text-ui-fg-subtle">
          {pick(ended.detail, lang)}
        </Text>
      )}
    </div>
  )
}
