import { StatusBadge } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { pick, useLang } from "../../lib/lang"
import type { Bilingual } from "../../lib/types"

type Color = "green" | "red" | "blue" | "orange" | "grey" | "purple"

const COLORS: Record<string, Color> = {
  "10": "orange",
  "13": "orange",
  "14": "orange",
  "20": "blue",
  "21": "blue",
  "22": "blue",
  "30": "orange",
  "31": "orange",
  "34": "orange",
  "35": "orange",
  "36": "orange",
  "42": "orange",
  "50": "orange",
  "40": "green",
  "41": "green",
  "43": "green",
  "44": "green",
  "11": "red",
  "12": "red",
  "15": "red",
  "16": "red",
  "17": "red",
  "33": "red",
  "37": "red",
  "61": "red",
}

/** Paygent's status in the admin's language (オーソリOK / Authorized …); 未処理 when Paygent has none yet. */
export const PaygentStatusBadge = ({ code, label }: { code: string | null | undefined; label: Bilingual | null | undefined }) => {
  const { t } = useTranslation()
  const lang = useLang()
  const text = code ? pick(label, lang) || code : t("paygent.status.none")
  return (
    <StatusBadge color={code ? (COLORS[code] ?? "grey") : "grey"} data-testid="paygent-status" data-status={code ?? ""} title={code ? `${t("paygent.status.code")} ${code}` : undefined}>
      {text}
    </StatusBadge>
  )
}
