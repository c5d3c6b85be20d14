import { Copy, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { pick, useLang } from "../../lib/lang"
import type { OrderPayment } from "../../lib/types"
import { Countdown } from "../common/countdown"
import { FieldRow } from "../common/field-row"
import { PaygentStatusBadge } from "../common/paygent-status-badge"
import { STATUS } from "../../../paygent/statuses"

const Id = ({ value }: { value: string | null }) =>
  value ? (
    <div className="flex items-center gap-x-1">
      <Text size="small" leading="compact" className="truncate font-mono">
        {value}
      </Text>
      <Copy content={value} className="text-ui-fg-muted" />
    </div>
  ) : (
    <Text size="small" leading="compact">
      –
    </Text>
  )

/** Method, ids, Paygent status, capture deadline and the card used. */
export const PaymentDetails = ({ payment, warnDays }: { payment: OrderPayment; warnDays: number }) => {
  const { t } = useTranslation()
  const lang = useLang()
  const card = payment.card
  const showDeadline = payment.method === "card" && payment.status.code === STATUS.AUTHORIZED && payment.medusa.captured === 0 && payment.capture_deadline
  return (
    <>
      <FieldRow label={t("paygent.order.method")} testId="paygent-method">
        {pick(payment.method_label, lang)}
      </FieldRow>
      <FieldRow label={t("paygent.order.status")}>
        <PaygentStatusBadge code={payment.status.code} label={payment.status.label} />
      </FieldRow>
      <FieldRow label={t("paygent.order.paymentId")}>
        <Id value={payment.payment_id} />
      </FieldRow>
      <FieldRow label={t("paygent.order.tradingId")}>
        <Id value={payment.trading_id} />
      </FieldRow>
      {showDeadline && (
        <FieldRow label={t("paygent.order.captureDeadline")}>
          <Countdown deadline={payment.capture_deadline!} warnDays={warnDays} testId="paygent-capture-deadline" />
        </FieldRow>
      )}
      {card && (
        <FieldRow label={t("paygent.order.card")} testId="paygent-card">
          <div className="flex flex-col">
            <Text size="small" leading="compact">
              {[card.card_brand, card.masked_card_number].filter(Boolean).join(" ") || "–"}
            </Text>
            <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
              {t(`paygent.paymentClass.${card.payment_class}`, { defaultValue: card.payment_class })}
              {card.payment_class === "61" && card.split_count ? ` · ${t("paygent.order.splitCount", { n: card.split_count })}` : ""}
            </Text>
          </div>
        </FieldRow>
      )}
    </>
  )
}
