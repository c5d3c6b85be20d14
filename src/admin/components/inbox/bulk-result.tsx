import { Button, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { pickJoined, useLang } from "../../lib/lang"
import type { BulkResult } from "../../lib/types"

/** What a bulk run did: successes and failures, each failure with its order and reason. */
export const BulkResultPanel = ({ result, onClose }: { result: BulkResult & { labels?: Record<string, string> }; onClose: () => void }) => {
  const { t } = useTranslation()
  const lang = useLang()
  const failures = result.results.filter((r) => !r.ok)
  return (
    <div className="px-6 py-4" role="status" data-testid="paygent-bulk-result">
      <div className={`rounded-md border px-4 py-3 ${failures.length ? "bg-ui-tag-orange-bg border-ui-tag-orange-border" : "bg-ui-tag-green-bg border-ui-tag-green-border"}`}>
        <div className="flex items-center justify-between gap-x-2">
          <Text size="small" weight="plus">
            {t(`paygent.bulk.done.${result.operation}`)} — {t("paygent.bulk.summary", { succeeded: result.summary.succeeded, failed: result.summary.failed })}
          </Text>
          <Button size="small" variant="transparent" onClick={onClose}>
            {t("paygent.common.close")}
          </Button>
        </div>
        {failures.length > 0 && (
          <ul className="mt-2 flex flex-col gap-y-1">
            {failures.map((failure) => (
              <li key={failure.order_id}>
                <Text size="small">
                  <Link to={`/orders/${failure.order_id}`} className="text-ui-fg-interactive">
                    {result.labels?.[failure.order_id] ?? failure.order_id}
                  </Link>
                  {": "}
                  {pickJoined(failure.error ?? "", lang)}
                </Text>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}
