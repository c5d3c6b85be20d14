import type { CheckOutcome, DoctorCheck } from "../types"

/** Check 9: the three hash keys are present. Presence only: their values are never shown or compared here. */

const KEYS = [
  { option: "tokenHashKey", ja: "トークン受取ハッシュ鍵", en: "token hash key" },
  { option: "threeDsHashKey", ja: "3Dセキュア結果受付ハッシュ鍵", en: "3-D Secure hash key" },
  { option: "noticeHashKey", ja: "差分通知ハッシュ鍵", en: "notice hash key" },
] as const

export const hashKeysCheck: DoctorCheck = {
  id: "hash_keys",
  title: { ja: "ハッシュ鍵", en: "Hash keys" },
  run(state): CheckOutcome {
    const o = state.options
    const present = (name: string) => typeof o[name] === "string" && (o[name] as string).length > 0
    const threeDsRequired = (o.threeDsMode ?? "required") === "required"
    const missing = KEYS.filter((k) => !present(k.option))
    const data = Object.fromEntries(KEYS.map((k) => [k.option, present(k.option)]))
    const list = KEYS.map((k) => `${k.ja}: ${present(k.option) ? "あり" : "なし"}`).join("、")
    const listEn = KEYS.map((k) => `${k.en}: ${present(k.option) ? "present" : "MISSING"}`).join(", ")
    if (missing.length === 0) {
      // From the environment, medusa-config.ts fills unset keys with development values: fine for the simulator only.
      const defaulted = (state.input.source.defaulted ?? []).filter((name) => KEYS.some((k) => k.option === name))
      if (defaulted.length > 0 && !state.customHost) {
        return {
          status: "warn",
          code: "development_defaults",
          ja: `${list}。ただし ${defaulted.join(", ")} は環境変数が未設定のため medusa-config.ts の開発用の既定値です。ペイジェントから発行された鍵を設定してください。`,
          en: `${listEn}; but ${defaulted.join(", ")} are medusa-config.ts's development defaults (variable unset) — set the keys Paygent issued.`,
          data,
        }
      }
      return { status: "pass", ja: `${list}（値は表示しません）。`, en: `${listEn} (values not shown).`, data }
    }
    const fatal = missing.filter((k) => k.option === "noticeHashKey" || (k.option === "threeDsHashKey" && threeDsRequired))
    const why: string[] = []
    const whyEn: string[] = []
    for (const k of missing) {
      if (k.option === "noticeHashKey") {
        why.push("差分通知ハッシュ鍵がないと受信した差分通知をすべて拒否します")
        whyEn.push("without the notice hash key every pushed notice is refused")
      } else if (k.option === "threeDsHashKey") {
        why.push(threeDsRequired ? "3Dセキュア結果を検証できません（threeDsMode が required）" : "3Dセキュアは無効（threeDsMode: disabled）なので不要です")
        whyEn.push(threeDsRequired ? "3-D Secure results cannot be verified (threeDsMode is required)" : "not needed while threeDsMode is disabled")
      } else {
        why.push("トークンの改ざん検知（token hc）が行われません")
        whyEn.push("card tokens are not integrity-checked (token hc)")
      }
    }
    const hint = { ja: "ペイジェントの管理画面・接続キットで発行された鍵を設定してください。", en: "set the keys Paygent issued (merchant portal / connection kit)." }
    const onlyUnneeded = fatal.length === 0 && missing.every((k) => k.option === "threeDsHashKey")
    return {
      status: fatal.length > 0 ? "fail" : onlyUnneeded ? "pass" : "warn",
      code: fatal.length > 0 ? "missing" : undefined,
      ja: `${list}。${why.join("。")}。${onlyUnneeded ? "" : hint.ja}`,
      en: `${listEn}: ${whyEn.join("; ")}${onlyUnneeded ? "." : ` — ${hint.en}`}`,
      data,
    }
  },
}
