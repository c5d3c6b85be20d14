import { Button, Skeleton, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { pickJoined, useLang } from "../../lib/lang"

/** Placeholder rows while a query loads. */
export const LoadingRows = ({ rows = 3 }: { rows?: number }) => {
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" role="status" aria-live="polite" aria-label={t("paygent.common.loading")}>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-5 w-full" />
      ))}
    </div>
  )
}

/** A failed query, with its message and a retry button. */
export const ErrorState = ({ error, onRetry }: { error: unknown; onRetry?: () => void }) => {
  const { t } = useTranslation()
  const lang = useLang()
  const message = error instanceof Error ? pickJoined(error.message, lang) : String(error ?? "")
  return (
    <div className="flex flex-col items-start gap-y-2 px-6 py-4" role="alert">
      <Text size="small" weight="plus" className="text-ui-fg-error">
        {t("paygent.common.loadFailed")}
      </Text>
      {message && (
        <Text size="small" className="text-ui-fg-subtle break-all">
          {message}
        </Text>
      )}
      {onRetry && (
        <Button size="small" variant="secondary" onClick={onRetry}>
          {t("paygent.common.retry")}
        </Button>
      )}
    </div>
  )
}

export const EmptyState = ({ title, description }: { title: string; description?: string }) => (
  <div className="flex flex-col items-center gap-y-1 px-6 py-8 text-center" data-testid="paygent-empty">
    <Text size="small" weight="plus">
      {title}
    </Text>
    {description && (
      <Text size="small" className="text-ui-fg-subtle">
        {description}
      </Text>
    )}
  </div>
)
