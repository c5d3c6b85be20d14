import { MedusaError } from "@medusajs/framework/utils"
import { bilingual, isPaygentError } from "./errors"
import { OPERATION_NAMES } from "./operation-names"
import { outcomePending } from "./outcome-pending"

export interface PaygentMedusaErrorOptions {
  /** The operation a 094 was asked for ("… before the capture"). */
  forKind?: string
  /**
   * An unknown outcome is "outcome pending" (a money-moving telegram in doubt, settled by the sync job) unless the
   * telegram moved nothing (a 094 asked on its own): then it is an ordinary error.
   */
  unknownOutcome?: "pending" | "error"
}

/**
 * The one translation of a Paygent error into the MedusaError the merchant reads: the operation (and, for a 094
 * asked before one, which), Paygent's code and its merchant message, the type by the error's class. A MedusaError
 * passes through; anything that is not a Paygent error is returned as an Error.
 */
export function paygentMedusaError(kind: string, error: unknown, options: PaygentMedusaErrorOptions = {}): Error {
  if (error instanceof MedusaError || !isPaygentError(error)) {
    return error instanceof Error ? error : new Error(String(error))
  }
  if (error.class === "unknown_outcome" && options.unknownOutcome !== "error") {
    // Still no answer after the inquiry and one resend: the telegram is in doubt, settled by the sync job.
    return outcomePending(kind, error.payment_id)
  }
  const operation = OPERATION_NAMES[kind] ?? { ja: kind, en: kind }
  const during = options.forKind && options.forKind !== kind ? OPERATION_NAMES[options.forKind] : undefined
  // Paygent's detail is a vendor code (1G12) or a Japanese text: the English message keeps only the former.
  const detail = error.response_detail ?? ""
  const codeJa = [error.response_code, detail].filter(Boolean).join(" ")
  const codeEn = [error.response_code, /^[\x20-\x7e]*$/.test(detail) ? detail : ""].filter(Boolean).join(" ")
  const merchant = error.merchantMessage ?? { ja: "ペイジェントがエラーを返しました。", en: "Paygent returned an error." }
  const type =
    error.class === "status_conflict" || error.class === "expired" || error.class === "rejected"
      ? MedusaError.Types.NOT_ALLOWED
      : error.class === "not_found"
        ? MedusaError.Types.NOT_FOUND
        : error.class === "validation"
          ? MedusaError.Types.INVALID_DATA
          : MedusaError.Types.UNEXPECTED_STATE
  return new MedusaError(
    type,
    bilingual({
      ja: `ペイジェントの${during ? `${during.ja}前の` : ""}${operation.ja}（${kind}）に失敗しました${codeJa ? `［${codeJa}］` : ""}：${merchant.ja}`,
      en: `Paygent ${during ? `${during.en.toLowerCase()}: ` : ""}${operation.en.toLowerCase()} (${kind}) failed${codeEn ? ` [${codeEn}]` : ""}: ${merchant.en}`,
    })
  )
}
