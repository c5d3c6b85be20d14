import { urlForKind } from "../paygent/urls"
import { caFileCheck } from "./checks/ca-file"
import { certificateExpiryCheck } from "./checks/certificate-expiry"
import { certificateFileCheck } from "./checks/certificate-file"
import { hashKeysCheck } from "./checks/hash-keys"
import { hostCheck } from "./checks/host"
import { noticeUrlCheck } from "./checks/notice-url"
import { optionsCheck } from "./checks/options"
import { passphraseCheck } from "./checks/passphrase"
import { telegramCheck } from "./checks/telegram"
import type { CheckResult, DoctorCheck, DoctorInput, DoctorReport, DoctorState } from "./types"

/** The checks, in the order they run and are printed (issue #9). */
export const CHECKS: readonly DoctorCheck[] = [
  optionsCheck,
  certificateFileCheck,
  passphraseCheck,
  certificateExpiryCheck,
  caFileCheck,
  hostCheck,
  telegramCheck,
  noticeUrlCheck,
  hashKeysCheck,
]

export const DEFAULT_TIMEOUT_MS = 15_000

function targetOf(options: Record<string, unknown>): URL | undefined {
  try {
    const baseUrl = typeof options.baseUrl === "string" && options.baseUrl ? options.baseUrl : undefined
    const environment = options.environment === "production" ? "production" : "sandbox"
    const url = urlForKind("094", { baseUrl, environment })
    return url.protocol === "https:" || url.protocol === "http:" ? url : undefined
  } catch {
    return undefined
  }
}

export async function runDoctor(input: DoctorInput): Promise<DoctorReport> {
  const options = (input.options && typeof input.options === "object" ? input.options : {}) as DoctorState["options"]
  const targetUrl = targetOf(options)
  const state: DoctorState = {
    input,
    options,
    optionsValid: false,
    targetUrl,
    customHost: typeof options.baseUrl === "string" && options.baseUrl !== "",
    timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    now: input.now ?? new Date(),
  }
  const checks: CheckResult[] = []
  for (const check of CHECKS) {
    let result: CheckResult
    try {
      const outcome = await check.run(state)
      result = { id: check.id, title: check.title, ...outcome }
    } catch (error) {
      // An unexpected error must not abort the other checks; its message is not shown (it could quote input).
      result = {
        id: check.id,
        title: check.title,
        status: "fail",
        code: String((error as { code?: string })?.code ?? (error as Error)?.name ?? "error"),
        ja: "確認中に予期しないエラーが起きました。",
        en: "an unexpected error occurred during the check.",
      }
    }
    checks.push(result)
  }
  const summary = { pass: 0, warn: 0, fail: 0, skip: 0 }
  for (const c of checks) summary[c.status]++
  return {
    ok: summary.fail === 0,
    source: input.source,
    target: targetUrl ? targetUrl.origin : null,
    summary,
    checks,
  }
}
