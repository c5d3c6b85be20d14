import { Button, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { formatDateTime } from "../../lib/format"
import { useLang } from "../../lib/lang"
import type { ShopperMail } from "../../lib/shopper-mails"

/** The colour of a mail's dot in the timeline. */
export function mailTone(mail: ShopperMail): string {
  if (mail.status === "sent") return "bg-ui-tag-blue-icon"
  if (mail.status === "failed" || mail.status === "unknown") return "bg-ui-tag-red-icon"
  if (mail.status === "pending" && mail.last_error) return "bg-ui-tag-orange-icon"
  return "bg-ui-tag-neutral-icon"
}

/** A shopper mail in the order timeline: which one, to whom, sent / waiting / failed and why. */
export const MailEntry = ({ mail }: { mail: ShopperMail }) => {
  const { t } = useTranslation()
  const lang = useLang()
  const failed = mail.status === "failed" || mail.status === "unknown" || (mail.status === "pending" && !!mail.last_error)
  return (
    <>
      <Text size="small" weight="plus" leading="compact">
        {t("paygent.mail.title", { kind: t(`paygent.mail.kind.${mail.kind}`, { defaultValue: mail.kind }) })}
        {mail.reason === "resend" ? t("paygent.mail.resendSuffix") : ""}
      </Text>
      <Text size="xsmall" leading="compact" className={failed ? "text-ui-fg-error" : "text-ui-fg-subtle"}>
        {[
          t(`paygent.mail.status.${mail.status}`, { defaultValue: mail.status }),
          mail.status === "skipped" && mail.skip_reason ? t(`paygent.mail.skip.${mail.skip_reason}`, { defaultValue: mail.skip_reason }) : null,
          mail.status === "pending" && !mail.sent_at ? t("paygent.mail.due", { at: formatDateTime(mail.due_at, lang) }) : null,
          mail.attempts > 1 ? t("paygent.mail.attempts", { n: mail.attempts }) : null,
          mail.recipient ? t("paygent.mail.to", { to: mail.recipient }) : null,
        ]
          .filter(Boolean)
          .join(" · ")}
      </Text>
      {failed && mail.last_error && (
        <Text size="xsmall" leading="compact" className="text-ui-fg-muted break-all">
          {mail.last_error}
        </Text>
      )}
    </>
  )
}

/** "Resend instructions": shown while the order waits for a konbini / Pay-easy / net-bank payment. */
export const ResendInstructionsButton = ({ onClick, busy }: { onClick: () => void; busy: boolean }) => {
  const { t } = useTranslation()
  return (
    <div className="px-6 py-4">
      <Button size="small" variant="secondary" isLoading={busy} disabled={busy} onClick={onClick} data-testid="paygent-resend-instructions">
        {t("paygent.mail.resend")}
      </Button>
    </div>
  )
}
