import type { IPaymentModuleService } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withLedgerContext } from "../../modules/paygent/ledger-registry"
import { isOutcomePending, OUTCOME_PENDING_CODE } from "../../providers/paygent/core/outcome-pending"

/**
 * Voids the open card authorizations (021) through Medusa's payment module before the order is cancelled: Medusa's
 * own order cancel only logs a failed void, this step lets the merchant see it (and the order stays open).
 */
export const voidPaygentAuthorizationsStep = createStep(
  "paygent-void-authorizations",
  async (input: { payment_ids: string[]; order_id: string }, { container }) => {
    const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const failures: string[] = []
    let pending = 0
    for (const id of input.payment_ids) {
      try {
        await withLedgerContext({ order_id: input.order_id, medusa_payment_id: id }, () => payments.cancelPayment(id))
      } catch (error) {
        failures.push(`${id}: ${(error as Error).message}`)
        pending += isOutcomePending(error) ? 1 : 0
      }
    }
    if (failures.length) {
      // Only outcomes Paygent did not confirm: the order waits for the sync job's answer (409), nothing failed.
      throw new MedusaError(
        pending === failures.length ? MedusaError.Types.NOT_ALLOWED : MedusaError.Types.UNEXPECTED_STATE,
        `オーソリ取消に失敗したため、注文はキャンセルしていません / The authorization cancel failed, the order was not cancelled: ${failures.join("; ")}`,
        pending === failures.length ? OUTCOME_PENDING_CODE : undefined
      )
    }
    return new StepResponse(input.payment_ids)
  }
)
