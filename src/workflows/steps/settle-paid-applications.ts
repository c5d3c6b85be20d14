import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { withLedgerContext } from "../../modules/paygent/ledger-registry"
import { PAYGENT_MODULE } from "../../modules/paygent"
import type PaygentModuleService from "../../modules/paygent/service"
import { isPaid } from "../../paygent"
import type { PreparedCancel } from "./prepare-paygent-cancel"

/**
 * A konbini / ATM / net-bank order still waiting for the shopper in Medusa may be paid at Paygent already (no notice
 * applied yet). Cancelling it cannot withdraw the money: it becomes a manual refund owed.
 */
export const settlePaidApplicationsStep = createStep(
  "paygent-settle-paid-applications",
  async (
    input: { order_id: string; applications: PreparedCancel["applications"]; email: string | null; customer_name: string | null },
    { container }
  ) => {
    const paygent = container.resolve<PaygentModuleService>(PAYGENT_MODULE)
    const owed: string[] = []
    for (const application of input.applications) {
      const state = application.state
      let status = state.payment_status ?? ""
      if (state.payment_id && !isPaid(status)) {
        try {
          const answer = await withLedgerContext(
            { order_id: input.order_id, payment_session_id: application.payment_session_id },
            () => paygent.client("admin").paymentInquiry({ payment_id: state.payment_id! })
          )
          status = answer.payment_status
        } catch {
          // Unpaid applications need nothing; one that cannot be asked about is left to the sync job.
          continue
        }
      }
      if (!isPaid(status)) {
        continue
      }
      const { id } = await paygent.recordManualRefund({
        order_id: input.order_id,
        paygent_payment_id: state.payment_id ?? null,
        trading_id: state.trading_id ?? null,
        method: application.method,
        amount: state.amount,
        customer_email: input.email,
        customer_name: input.customer_name,
        reason: "paid_after_cancel",
        reference: application.payment_session_id,
        note: "Paid at Paygent while the order was waiting for payment in Medusa, then the order was cancelled. Refund the customer by bank transfer.",
      })
      owed.push(id)
    }
    return new StepResponse(owed)
  }
)
