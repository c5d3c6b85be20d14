import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { ReportRangeError, reportRange } from "../../../../reconciliation/range"
import type { ReportRange } from "../../../../reconciliation/types"
import { reconcilePaygentPaymentsWorkflow } from "../../../../workflows/reconcile-paygent-payments"

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD` (JST days, both included; default yesterday). Unknown parameters are refused. */
export const ReconciliationQuery = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
  })
  .strict()

/** The range asked for, or a 400 naming the parameter, in both languages. */
export function rangeOf(req: MedusaRequest): ReportRange {
  const parsed = ReconciliationQuery.safeParse(req.query ?? {})
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join(".") || "query"}: ${issue.message}`).join("; ")
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `検索条件が正しくありません / Invalid query: ${detail}`)
  }
  try {
    return reportRange(parsed.data.from, parsed.data.to)
  } catch (error) {
    if (error instanceof ReportRangeError) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `検索条件が正しくありません: ${error.field}: ${error.reason.ja} / Invalid query: ${error.field}: ${error.reason.en}`
      )
    }
    throw error
  }
}

/** Runs the report for the request's range (reads only; no alert). */
export async function reportFor(req: MedusaRequest) {
  const range = rangeOf(req)
  const { result } = await reconcilePaygentPaymentsWorkflow(req.scope).run({
    input: { from: range.from, to: range.to, source: "admin" },
  })
  return result.report
}
