import { toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { paygentKeys, previewAction, runAction } from "../lib/api"
import { pick, pickJoined, useLang } from "../lib/lang"
import { summarizePreview, type PreviewSummary } from "../lib/preview"
import type { PaygentAction } from "../lib/types"

export interface PendingConfirmation {
  action: PaygentAction
  labelKey: string
  summary: PreviewSummary
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * An action of the order widget: first the route's `?preview=true` (what would be sent, with its consequences),
 * then — once confirmed — the action itself; the result as a toast, and the order, its ledger, the inbox and
 * Medusa's own order queries refreshed.
 */
export function usePaygentAction(orderId: string) {
  const { t } = useTranslation()
  const lang = useLang()
  const queryClient = useQueryClient()
  const [confirmation, setConfirmation] = useState<PendingConfirmation | null>(null)
  const [active, setActive] = useState<PaygentAction | null>(null)

  const preview = useMutation({
    mutationFn: ({ action }: { action: PaygentAction; labelKey: string }) => previewAction(orderId, action),
    onSuccess: (answer, { action, labelKey }) => {
      const summary = summarizePreview(answer.plan)
      if (!summary.allowed) {
        toast.warning(t(labelKey), { description: pick(summary.refusal, lang) || t("paygent.actions.notAllowed") })
        return
      }
      setConfirmation({ action, labelKey, summary })
    },
    onError: (error, { labelKey }) => toast.error(t(labelKey), { description: pickJoined(messageOf(error), lang) }),
    onSettled: () => setActive(null),
  })

  const run = useMutation({
    mutationFn: ({ action }: { action: PaygentAction; labelKey: string }) => runAction(orderId, action),
    onSuccess: (_answer, { action }) => {
      toast.success(t(`paygent.actions.done.${action}`))
    },
    onError: (error, { labelKey }) =>
      toast.error(t("paygent.actions.failed", { action: t(labelKey) }), { description: pickJoined(messageOf(error), lang) }),
    onSettled: async () => {
      setActive(null)
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: paygentKeys.order(orderId) }),
        queryClient.invalidateQueries({ queryKey: paygentKeys.notices(orderId) }),
        queryClient.invalidateQueries({ queryKey: paygentKeys.inboxAll }),
        // Medusa's own order page (payments, activity): its query keys start with "orders".
        queryClient.invalidateQueries({ queryKey: ["orders"] }),
      ])
    },
  })

  return {
    /** The action whose preview or run is in flight (its button shows a spinner; all are disabled). */
    active,
    busy: preview.isPending || run.isPending,
    confirmation,
    request: (action: PaygentAction, labelKey: string) => {
      setActive(action)
      preview.mutate({ action, labelKey })
    },
    confirm: () => {
      if (!confirmation) return
      setActive(confirmation.action)
      run.mutate({ action: confirmation.action, labelKey: confirmation.labelKey })
      setConfirmation(null)
    },
    dismiss: () => setConfirmation(null),
  }
}
