import { Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { formatYen } from "../../lib/format"
import { useLang } from "../../lib/lang"
import { amountFix } from "../../lib/amount-fix"
import type { OrderPayment } from "../../lib/types"
import { FieldRow } from "../common/field-row"

/** Amount at Paygent against the order total (and Medusa's records), with a warning that names the fix. */
export const PaymentAmounts = ({ payment, orderTotal, single }: { payment: OrderPayment; orderTotal: number; single: boolean }) => {
  const { t } = useTranslation()
  const lang = useLang()
  const fix = amountFix(payment, orderTotal, single)
  const values = Object.fromEntries(Object.entries(fix?.values ?? {}).map(([k, v]) => [k, typeof v === "number" ? formatYen(v, lang) : v]))
  return (
    <>
      <FieldRow label={t("paygent.amounts.atPaygent")} testId="paygent-amount-at-paygent">
        <Text size="small" leading="compact" className={fix ? "text-ui-fg-error" : undefined}>
          {formatYen(payment.amount_at_paygent, lang)}
        </Text>
      </FieldRow>
      <FieldRow label={t("paygent.amounts.orderTotal")}>{formatYen(orderTotal, lang)}</FieldRow>
      {payment.mismatch && (
        <FieldRow label={t("paygent.amounts.expected")}>{formatYen(payment.expected_at_paygent, lang)}</FieldRow>
      )}
      {payment.manual_refunds_owed > 0 && (
        <FieldRow label={t("paygent.amounts.manualRefundOwed")}>
          <Text size="small" leading="compact" className="text-ui-fg-error">
            {formatYen(payment.manual_refunds_owed, lang)}
          </Text>
        </FieldRow>
      )}
      {fix && (
        <div className="px-6 py-3" role="alert" data-testid="paygent-amount-mismatch">
          <div className="bg-ui-tag-orange-bg border-ui-tag-orange-border rounded-md border px-3 py-2">
            <Text size="small" weight="plus" className="text-ui-tag-orange-text">
              {t("paygent.amounts.mismatchTitle")}
            </Text>
            <Text size="small" className="text-ui-fg-subtle">
              {t(fix.key, values)}
            </Text>
          </div>
        </div>
      )}
    </>
  )
}
