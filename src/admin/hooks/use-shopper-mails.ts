import { toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { pickJoined, useLang } from "../lib/lang"
import { fetchShopperMails, resendInstructions, shopperMailKeys } from "../lib/shopper-mails"

/** The order's shopper mails, and the "resend instructions" action with its toast. */
export function useShopperMails(orderId: string) {
  const { t } = useTranslation()
  const lang = useLang()
  const queryClient = useQueryClient()
  const mails = useQuery({
    queryKey: shopperMailKeys.order(orderId),
    queryFn: () => fetchShopperMails(orderId),
    // A mail being sent right now (after an order event or a resend): look again shortly.
    refetchInterval: (query) => (query.state.data?.mails.some((m) => m.status === "sending") ? 3_000 : false),
  })
  const resend = useMutation({
    mutationFn: () => resendInstructions(orderId),
    onSuccess: ({ queued, mail }) => {
      if (!queued) toast.info(t("paygent.mail.resendUnderWay"))
      else if (mail.status === "sent") toast.success(t("paygent.mail.resent"), { description: mail.recipient ?? undefined })
      else if (mail.status === "pending") toast.warning(t("paygent.mail.resendWillRetry"), { description: mail.last_error ?? undefined })
      else
        toast.error(t("paygent.mail.resendFailed"), {
          description: mail.skip_reason ? t(`paygent.mail.skip.${mail.skip_reason}`, { defaultValue: mail.skip_reason }) : (mail.last_error ?? undefined),
        })
    },
    onError: (error) =>
      toast.error(t("paygent.mail.resendFailed"), { description: pickJoined(error instanceof Error ? error.message : String(error), lang) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: shopperMailKeys.order(orderId) }),
  })
  return { mails, resend }
}
