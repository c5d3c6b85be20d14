import { validatePaygentOptions } from "../../options/provider"
import type { PaygentProviderOptions } from "../../options/types"
import { ENV_NAMES } from "../options-from-env"
import type { CheckOutcome, DoctorCheck, DoctorState } from "../types"

/** Check 1: the options pass the plugin's own validation (validatePaygentOptions), as at Medusa's boot. */

// Reasons validatePaygentOptions gives, in Japanese. Unknown reasons are shown in English.
const REASONS_JA: Array<[RegExp, string]> = [
  [/^are missing$/, "設定がありません"],
  [/^is required$/, "必須です"],
  [/^must be Paygent's merchant ID/, "ペイジェントのマーチャントID（9桁以内の数字）を設定してください"],
  [/^must be alphanumeric, up to 32 characters$/, "32文字以内の半角英数字で設定してください"],
  [/^must be "sandbox" or "production"$/, "\"sandbox\" または \"production\" を設定してください"],
  [/^must be an http\(s\) URL$/, "http(s) の URL を設定してください"],
  [/^must be up to 4 alphanumeric characters$/, "4文字以内の半角英数字で設定してください"],
  [/^must be printable ASCII, up to 40 characters$/, "40文字以内の半角英数記号で設定してください"],
  [/^names a file that does not exist$/, "指定されたファイルが存在しません"],
  [/^must be a file path or the certificate's content$/, "ファイルパスまたは証明書の内容を設定してください"],
  [/^cannot be combined with clientCertificate\/clientKey$/, "clientCertificate / clientKey と同時には指定できません"],
  [/^must be a whole number of days/, "日数（整数）の範囲が正しくありません"],
  [/^must be a positive whole number/, "正の整数で設定してください"],
  [/^is not a known limit$/, "不明な上限設定です"],
  [/^is required in production/, "本番環境では必須です（32文字以上のランダムな値。例: openssl rand -base64 32）"],
  [/^is too short/, "短すぎます（32文字以上のランダムな値を設定してください）"],
  [/^is too repetitive/, "繰り返しが多くランダムな値ではありません（32文字以上のランダムな値を設定してください）"],
  [/^must not contain the connect password/, "接続パスワードを含めることはできません（32文字以上のランダムな値を設定してください）"],
]

function reasonJa(reason: string): string {
  for (const [pattern, ja] of REASONS_JA) if (pattern.test(reason)) return ja
  return reason
}

function label(state: DoctorState, option: string): string {
  const env = state.input.source.kind === "env" ? ENV_NAMES[option] : undefined
  return env ? `${option} (${env})` : option
}

const CREDENTIALS = ["merchantId", "connectId", "connectPassword"]

export const optionsCheck: DoctorCheck = {
  id: "options",
  title: { ja: "設定値", en: "Options" },
  run(state): CheckOutcome {
    try {
      validatePaygentOptions(state.input.options as PaygentProviderOptions)
    } catch (error) {
      const message = String((error as Error)?.message ?? "")
      // "Paygent provider option "X" why / Paygent の設定 "X" が正しくありません" — never contains the value.
      const match = /option "([^"]+)" (.*?) \/ /.exec(message)
      if (!match) {
        return { status: "fail", ja: "設定を検証できません。", en: "the options could not be validated.", code: "invalid_options" }
      }
      const [, option, reason] = match
      return {
        status: "fail",
        code: "invalid_option",
        ja: `設定 ${label(state, option)} が正しくありません: ${reasonJa(reason)}。`,
        en: `option ${label(state, option)} ${reason}.`,
        data: { option },
      }
    }
    state.optionsValid = true
    const defaulted = (state.input.source.defaulted ?? []).filter((name) => CREDENTIALS.includes(name))
    if (defaulted.length > 0 && !state.customHost) {
      const names = defaulted.map((n) => `${n} (${ENV_NAMES[n]})`).join(", ")
      return {
        status: "warn",
        code: "development_defaults",
        ja: `設定は有効ですが、${names} が未設定のため medusa-config.ts の開発用の既定値が使われています。ペイジェントから発行された値を環境変数で設定してください。`,
        en: `valid, but ${names} are unset, so medusa-config.ts's development defaults are used — set the values Paygent issued.`,
      }
    }
    return { status: "pass", ja: "プラグインの設定は有効です。", en: "the plugin options are valid." }
  },
}
