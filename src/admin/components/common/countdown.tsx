import { Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { formatDateTime, formatDuration } from "../../lib/format"
import { useLang } from "../../lib/lang"
import { useNow } from "../../hooks/use-now"

/**
 * A deadline with the time left ("あと 4日3時間" / "4 d 3 h left"), or how long ago it passed; orange within
 * `warnDays`, red once passed.
 */
export const Countdown = ({ deadline, warnDays = 7, testId }: { deadline: string; warnDays?: number; testId?: string }) => {
  const { t } = useTranslation()
  const lang = useLang()
  const now = useNow()
  const left = new Date(deadline).getTime() - now
  const passed = left < 0
  const tone = passed ? "text-ui-fg-error" : left < warnDays * 86_400_000 ? "text-ui-tag-orange-text" : "text-ui-fg-subtle"
  return (
    <div className="flex flex-col" data-testid={testId} data-passed={passed ? "true" : "false"}>
      <Text size="small" leading="compact">
        {formatDateTime(deadline, lang)}
      </Text>
      <Text size="xsmall" leading="compact" className={tone}>
        {passed
          ? t("paygent.countdown.passed", { duration: formatDuration(left, lang) })
          : t("paygent.countdown.left", { duration: formatDuration(left, lang) })}
      </Text>
    </div>
  )
}
