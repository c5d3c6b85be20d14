import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { csvFileName, renderCsv } from "../../../../reconciliation/csv"
import { reportFor } from "../reconciliation/query"

/**
 * GET /admin/paygent/reconciliation.csv?from=YYYY-MM-DD&to=YYYY-MM-DD — the reconciliation report as CSV for Excel:
 * UTF-8 with a byte order mark (so Excel in Japan does not read it as Shift_JIS), Japanese headers named as in
 * Paygent Online's payment list, CRLF line ends. Columns: docs/operations/reconciliation.md.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const report = await reportFor(req)
  const name = csvFileName(report.range.from, report.range.to)
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="${name}"`)
  res.setHeader("Cache-Control", "no-store")
  res.status(200).send(Buffer.from(renderCsv(report.rows), "utf8"))
}
