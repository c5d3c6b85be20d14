import { toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useRef, useState } from "react"
import { useTranslation } from "react-i18next"
import { paygentKeys, runBulk } from "../lib/api"
import { pickJoined, useLang } from "../lib/lang"
import type { BulkResult } from "../lib/types"

type Operation = "capture" | "cancel"

/**
 * Bulk 売上 / 取消 of the selected orders: a preview first (how many can go through), a confirmation, then the run;
 * the per-order result stays on screen until dismissed.
 */
export function useBulk() {
  const { t } = useTranslation()
  const lang = useLang()
  const prompt = usePrompt()
  const queryClient = useQueryClient()
  const [result, setResult] = useState<(BulkResult & { labels: Record<string, string> }) | null>(null)
  const labels = useRef<Record<string, string>>({})
  const mutation = useMutation({
    mutationFn: async ({ operation, orderIds }: { operation: Operation; orderIds: string[] }) => {
      const preview = await runBulk(operation, orderIds, true)
      const ready = preview.results.filter((r) => r.ok && r.plan?.allowed).length
      const confirmed = await prompt({
        title: t(`paygent.bulk.confirmTitle.${operation}`, { n: orderIds.length }),
        description: t("paygent.bulk.confirmDescription", { ready, refused: orderIds.length - ready }),
        confirmText: t(`paygent.bulk.${operation}`),
        cancelText: t("paygent.confirm.back"),
        variant: operation === "cancel" ? "danger" : "confirmation",
      })
      return confirmed ? runBulk(operation, orderIds, false) : null
    },
    onSuccess: (answer) => {
      if (!answer) return
      setResult({ ...answer, labels: labels.current })
      const { succeeded, failed } = answer.summary
      const title = t(`paygent.bulk.done.${answer.operation}`)
      const description = t("paygent.bulk.summary", { succeeded, failed })
      if (failed) toast.warning(title, { description })
      else toast.success(title, { description })
    },
    onError: (error) => toast.error(t("paygent.bulk.failed"), { description: pickJoined((error as Error).message, lang) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: paygentKeys.all }),
  })
  return {
    /** `orderLabels`: order id → what the admin shows for it (#display id), for the result. */
    run: (operation: Operation, orderIds: string[], orderLabels: Record<string, string> = {}) => {
      labels.current = orderLabels
      return mutation.mutateAsync({ operation, orderIds })
    },
    busy: mutation.isPending,
    result,
    clear: () => setResult(null),
  }
}
