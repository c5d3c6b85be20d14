import type { MedusaContainer } from "@medusajs/framework/types"
import { paygentModule } from "../modules/paygent/container"
import type { StoredAlert } from "../modules/paygent/types"
import { changeUnresolvedKey, unresolvedKey } from "../sync/in-doubt-messages"

/** The alert whose resolution is the merchant's answer to a question the sync job could not settle. */
const SETTLED_BY_RESOLVING = "amount_change_in_doubt"

/**
 * POST /admin/paygent/alerts/:id/resolve — the merchant has dealt with the alert. Resolving an amount change in doubt
 * (`amount_change_in_doubt`, src/sync/in-doubt.ts) is also the merchant's word that Paygent's console shows no new
 * payment for it, as the alert asks them to check: its ledger row is settled as `checked_not_applied`, so the
 * payment's captures and changes go on (they were held back while the change was in doubt). The row is settled
 * before the alert is marked, so a failure leaves both open.
 */
export async function resolveAlert(container: MedusaContainer, alertId: string, actor: string | null): Promise<StoredAlert> {
  const service = paygentModule(container)
  const alert = await service.retrievePaygentAlert(alertId)
  const telegramId = (alert.data as { telegram_id?: string } | null)?.telegram_id
  if (!alert.resolved_at && alert.kind === SETTLED_BY_RESOLVING && telegramId && alert.dedupe_key === changeUnresolvedKey(telegramId)) {
    const [row] = await service.listPaygentTelegrams({ id: telegramId }, { select: ["id", "doubt_resolved_at"], take: 1 })
    if (row && !row.doubt_resolved_at) {
      await service.settleDoubt(row.id, "checked_not_applied")
      await service.resolveAlertByKey(unresolvedKey(row.id), actor ?? "admin")
    }
  }
  return service.resolveAlert(alertId, actor)
}
