import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reportFor } from "./query"

/**
 * GET /admin/paygent/reconciliation?from=YYYY-MM-DD&to=YYYY-MM-DD — 決済照合: Medusa's Paygent payments of those JST
 * days (and every payment still open) against Paygent's view (094 per payment, the notice history, the telegram
 * ledger). JSON: `range`, `summary` (counts per discrepancy kind, manual refunds owed, totals), `columns` (key,
 * Japanese and English name) and `rows`, each with a `discrepancy` kind (null when both sides agree) and an
 * explanation in Japanese and English. The same report as CSV: GET /admin/paygent/reconciliation.csv.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(await reportFor(req))
}
