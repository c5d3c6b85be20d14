import type { MedusaResponse } from "@medusajs/framework/http"
import { isOutcomePending, OUTCOME_PENDING_CODE } from "../providers/paygent/core/outcome-pending"

/** The status an "outcome pending" answer gets: the payment's state is in doubt, nothing was done twice. */
export const OUTCOME_PENDING_STATUS = 409

/**
 * Runs a merchant operation and answers an "outcome pending" refusal (outcome-pending.ts) with 409 and its ja / en
 * message instead of letting it reach Medusa's error handler (which answers NOT_ALLOWED with 400). Anything else is
 * thrown as before.
 */
export async function answeringOutcomePending(res: MedusaResponse, work: () => Promise<unknown>): Promise<void> {
  try {
    res.json(await work())
  } catch (error) {
    if (!isOutcomePending(error)) {
      throw error
    }
    res.status(OUTCOME_PENDING_STATUS).json({
      type: "outcome_pending",
      code: OUTCOME_PENDING_CODE,
      message: (error as { message?: string }).message,
    })
  }
}

/**
 * For Medusa's own routes (capture button): its error handler answers the same refusal 400 with the message; the
 * body keeps our code, so the status is corrected to 409 as the answer goes out.
 */
export function outcomePendingAs409(res: MedusaResponse): void {
  const json = res.json.bind(res)
  res.json = ((body?: { code?: unknown }) => {
    if (body && typeof body === "object" && body.code === OUTCOME_PENDING_CODE && res.statusCode === 400) {
      res.status(OUTCOME_PENDING_STATUS)
    }
    return json(body)
  }) as MedusaResponse["json"]
}
