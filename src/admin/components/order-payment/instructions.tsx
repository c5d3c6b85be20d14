import { Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { pick, useLang } from "../../lib/lang"
import type { Bilingual, PaymentInstructions as Instructions } from "../../lib/types"
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

/**
 * The numbers and the deadline the shopper got (konbini, Pay-easy ATM, net bank), each number under the name the
 * shopper saw (`numbers`, from the API: 払込票番号 at Seven-Eleven, お客様番号・確認番号 at FamilyMart…).
 */
export const PaymentInstructionsRows = ({
  instructions,
  numbers,
  showDeadline,
}: {
  instructions: Instructions
  numbers: Array<{ key: string; label: Bilingual; value: string }>
  showDeadline: boolean
}) => {
  const { t } = useTranslation()
  const lang = useLang()
  const deadline =
    instructions.kind === "banknet" ? (instructions.asp_payment_limit_date ?? null) : endOfJstDay(instructions.payment_limit_date)
  return (
    <div data-testid="paygent-instructions">
      {instructions.kind === "konbini" && (
        <FieldRow label={t("paygent.instructions.chain")}>
          {t(`paygent.konbini.${instructions.cvs_company_id}`, { defaultValue: instructions.cvs_company_id })}
        </FieldRow>
      )}
      {numbers.map((number) => (
        <FieldRow key={number.key} label={pick(number.label, lang)} testId={`paygent-number-${number.key}`}>
          <Number_ value={number.value} />
        </FieldRow>
      ))}
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
