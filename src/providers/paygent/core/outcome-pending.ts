import { MedusaError } from "@medusajs/framework/utils"
import { bilingual, Bilingual } from "./errors"
import { operationName } from "./operation-names"

/**
 * A merchant operation (capture, cancel, refund …) was sent, its answer was lost and the inquiry (094) after it
 * failed too: nobody knows yet whether Paygent applied it. It is not an error of the request (nothing to fix, nothing
 * to retry now) but a state: the telegram is "in doubt" in the ledger until the sync job settles it
 * (src/sync/in-doubt.ts). Routes answer it with 409 and this message; the code survives Medusa's workflow engine,
 * which keeps an error's type, code and message only.
 */
export const OUTCOME_PENDING_CODE = "paygent_outcome_pending"


export function outcomePendingMessage(kind: string, paymentId: string | undefined): Bilingual {
  const operation = operationName(kind)
  return {
    ja:
      `${operation.ja}（${kind}）の結果をペイジェントに確認できませんでした（決済ID ${paymentId ?? "-"}）。` +
      "次回の同期（通常1分以内）で結果を確定し、必要な対応があればお知らせします。二重処理を避けるため、それまで再実行しないでください。",
    en:
      `Paygent did not confirm the outcome of the ${operation.en} (${kind}) of payment ${paymentId ?? "-"}. ` +
      "The next sync run (normally within a minute) settles it and raises an alert if anything is left to do; do not repeat it before then, so nothing is done twice.",
  }
}

export function outcomePending(kind: string, paymentId: string | undefined): MedusaError {
  return new MedusaError(MedusaError.Types.NOT_ALLOWED, bilingual(outcomePendingMessage(kind, paymentId)), OUTCOME_PENDING_CODE)
}

/** Also true for the plain object Medusa's workflow engine turns a thrown error into. */
export function isOutcomePending(error: unknown): boolean {
  return !!error && typeof error === "object" && (error as { code?: unknown }).code === OUTCOME_PENDING_CODE
}
