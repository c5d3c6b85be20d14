/** A message in both languages the plugin serves. */
export interface LocalizedMessage {
  ja: string
  en: string
}

export function msg(ja: string, en: string): LocalizedMessage {
  return { ja, en }
}
