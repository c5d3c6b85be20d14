import { Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { PaymentInstructions as Instructions } from "../../lib/types"
import { Countdown } from "../common/countdown"
import { FieldRow } from "../common/field-row"

function endOfJstDay(day: string | undefined): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(day ?? "")
  return m ? `${m[1]}-${m[2]}-${m[3]}T23:59:59+09:00` : null
}

const Number_ = ({ value }: { value: string }) => (
  <Text size="small" leading="compact" className="font-mono">
    {value}
  </Text>
)

/** The numbers and the deadline the shopper got (konbini, Pay-easy ATM, net bank). */
export const PaymentInstructionsRows = ({ instructions, showDeadline }: { instructions: Instructions; showDeadline: boolean }) => {
  const { t } = useTranslation()
  const deadline =
    instructions.kind === "banknet" ? (instructions.asp_payment_limit_date ?? null) : endOfJstDay(instructions.payment_limit_date)
  return (
    <div data-testid="paygent-instructions">
      {instructions.kind === "konbini" && (
        <>
          <FieldRow label={t("paygent.instructions.chain")}>
            {t(`paygent.konbini.${instructions.cvs_company_id}`, { defaultValue: instructions.cvs_company_id })}
          </FieldRow>
          <FieldRow label={t("paygent.instructions.receiptNumber")}>
            <Number_ value={instructions.receipt_number} />
          </FieldRow>
          {instructions.second_number && (
            <FieldRow label={t(`paygent.instructions.${instructions.second_number.kind}`)}>
              <Number_ value={instructions.second_number.value} />
            </FieldRow>
          )}
        </>
      )}
      {instructions.kind === "payeasy" && (
        <>
          <FieldRow label={t("paygent.instructions.payCenterNumber")}>
            <Number_ value={instructions.pay_center_number} />
          </FieldRow>
          <FieldRow label={t("paygent.instructions.customerNumber")}>
            <Number_ value={instructions.customer_number} />
          </FieldRow>
          <FieldRow label={t("paygent.instructions.confNumber")}>
            <Number_ value={instructions.conf_number} />
          </FieldRow>
        </>
      )}
      {instructions.kind === "banknet" && (
        <FieldRow label={t("paygent.instructions.bankScreen")}>
          <a href={instructions.asp_url} target="_blank" rel="noreferrer" className="text-ui-fg-interactive txt-compact-small break-all">
            {t("paygent.instructions.openBankScreen")}
          </a>
        </FieldRow>
      )}
      {deadline && (
        <FieldRow label={t("paygent.instructions.deadline")}>
          {showDeadline ? <Countdown deadline={deadline} warnDays={1} testId="paygent-payment-deadline" /> : <Text size="small">{deadline.slice(0, 10)}</Text>}
        </FieldRow>
      )}
    </div>
  )
}
