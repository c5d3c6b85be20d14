import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { Fragment } from "react"
import { useTranslation } from "react-i18next"
import { ErrorState, LoadingRows } from "../components/common/states"
import { AttemptEnded } from "../components/order-payment/attempt-ended"
import { ActionBar } from "../components/order-payment/action-bar"
import { PaymentAmounts } from "../components/order-payment/amounts"
import { ConfirmAction } from "../components/order-payment/confirm-action"
import { PaymentInstructionsRows } from "../components/order-payment/instructions"
import { PaymentDetails } from "../components/order-payment/payment-details"
import { ResendInstructionsButton } from "../components/order-payment/mail-entry"
import { PaygentTimeline } from "../components/order-payment/timeline"
import { useOrderPaygent } from "../hooks/use-order-paygent"
import { useShopperMails } from "../hooks/use-shopper-mails"
import { usePaygentAction } from "../hooks/use-paygent-action"
import { availableActions } from "../lib/actions"
import { pick, useLang } from "../lib/lang"
import { STATUS } from "../../paygent/statuses"

/** Days before the capture deadline when the countdown turns orange (the sync job's default warning). */
const WARN_DAYS = 7

/**
 * Order page, side column: every Paygent payment attempt of the order (status in the admin's language, amounts
 * against the order total, deadlines, card or payment numbers; those that ended — expired, cancelled, refunded,
 * declined, replaced — after the live ones, with the reason), the actions that apply now, and the timeline of
 * telegrams and notices. An order Medusa cancelled keeps all of it.
 */
const PaygentOrderPaymentWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { t } = useTranslation()
  const lang = useLang()
  const { view, notices } = useOrderPaygent(order.id)
  const action = usePaygentAction(order.id)
  const shopperMails = useShopperMails(order.id)

  if (view.isSuccess && view.data.payments.length === 0 && view.data.telegrams.length === 0) {
    return null // Not a Paygent order.
  }
  const live = view.isSuccess ? view.data.payments.filter((p) => !p.ended).length : 0
  return (
    <Container className="divide-y p-0" data-testid="paygent-order-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t("paygent.order.title")}</Heading>
      </div>
      {view.isPending && <LoadingRows rows={5} />}
      {view.isError && <ErrorState error={view.error} onRetry={() => view.refetch()} />}
      {view.isSuccess && (
        <>
          {view.data.payments.map((payment, index) => (
            <Fragment key={payment.medusa_payment_id ?? payment.payment_session_id ?? index}>
              <div
                data-testid="paygent-payment"
                data-status={payment.status.code ?? ""}
                data-ended={payment.ended?.code ?? ""}
                className={`divide-y${payment.ended ? " bg-ui-bg-subtle" : ""}`}
              >
                {payment.ended && <AttemptEnded ended={payment.ended} />}
                <PaymentDetails payment={payment} warnDays={WARN_DAYS} />
                <PaymentAmounts payment={payment} orderTotal={view.data.order.total} single={live === 1 && !payment.ended} />
                {payment.instructions && (
                  <PaymentInstructionsRows
                    instructions={payment.instructions}
                    numbers={payment.instruction_numbers ?? []}
                    showDeadline={payment.status.code === STATUS.APPLIED && !payment.ended && view.data.order.status !== "canceled"}
                  />
                )}
                {(payment.attention || payment.last_error) && (
                  <div className="px-6 py-3" role="alert">
                    <Text size="small" className="text-ui-fg-error">
                      {pick(payment.attention?.message ?? payment.last_error?.message, lang)}
                    </Text>
                  </div>
                )}
              </div>
            </Fragment>
          ))}
          <ActionBar actions={availableActions(view.data)} active={action.active} busy={action.busy} onRequest={action.request} />
          {shopperMails.mails.data?.can_resend_instructions && (
            <ResendInstructionsButton onClick={() => shopperMails.resend.mutate()} busy={shopperMails.resend.isPending} />
          )}
          {notices.isError ? (
            <ErrorState error={notices.error} onRetry={() => notices.refetch()} />
          ) : (
            <PaygentTimeline telegrams={view.data.telegrams} notices={notices.data?.notices ?? []} mails={shopperMails.mails.data?.mails} />
          )}
        </>
      )}
      <ConfirmAction confirmation={action.confirmation} onConfirm={action.confirm} onDismiss={action.dismiss} />
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side",
  id: "paygent:order-payment",
})

export default PaygentOrderPaymentWidget
