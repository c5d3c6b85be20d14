import { useTranslation } from "react-i18next"
import type { Bilingual } from "./types"

export type Lang = "ja" | "en"

/** The admin's language (profile setting, kept by the dashboard in the "lng" cookie / localStorage): ja or en. */
export function useLang(): Lang {
  const { i18n } = useTranslation()
  return (i18n.resolvedLanguage ?? i18n.language ?? "en").startsWith("ja") ? "ja" : "en"
}

/** The backend's bilingual text in the admin's language. */
export function pick(text: Bilingual | null | undefined, lang: Lang): string {
  return text ? text[lang] || text.ja || text.en : ""
}

/** The backend joins both languages as "日本語 / English" in error messages; keep the admin's half. */
export function pickJoined(message: string, lang: Lang): string {
  const parts = message.split(" / ")
  if (parts.length < 2) {
    return message
  }
  const hasJa = (s: string) => /[\u3040-\u30ff\u3400-\u9fff]/.test(s)
  const ja = parts.filter(hasJa)
  const en = parts.filter((p) => !hasJa(p))
  return (lang === "ja" ? ja : en).join(" / ") || message
}
