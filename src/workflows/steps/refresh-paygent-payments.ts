import type { IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { authorizePaymentSessionForOrderWorkflow } from "@medusajs/medusa/core-flows"
import { withLedgerContext } from "../../modules/paygent/ledger-registry"
import { PAYGENT_MODULE } from "../../modules/paygent"
import type PaygentModuleService from "../../modules/paygent/service"
import { loadOrderPaygent } from "../../operations/order-payments"
import type { PaygentState } from "../../providers/paygent/core/session-data"
import { isPaid } from "../../paygent"

export interface RefreshedPayment {
  medusa_payment_id: string | null
  payment_session_id: string | null
  payment_id: string | null
  status_before: string | null
  status_after: string | null
  amount_at_paygent: number | null
  changed: boolean
  /** A konbini / ATM / net-bank payment found paid and authorized in Medusa now (入金済み). */
  authorized_now?: boolean
  error?: string
}

/**
 * 094 for every Paygent payment of the order; Medusa's copy of `data.paygent` is brought up to date. A konbini /
 * ATM / net-bank order found paid is authorized in Medusa (`authorizePaymentSessionForOrderWorkflow`): it becomes paid.
 */
export const refreshPaygentPaymentsStep = createStep(
  "paygent-refresh-payments",
  async (input: { order_id: string }, { container }) => {
    const order = await loadOrderPaygent(container, input.order_id)
    const paygent = container.resolve<PaygentModuleService>(PAYGENT_MODULE)
    const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const results: RefreshedPayment[] = []
    for (const payment of order.payments) {
      const state = payment.paygent
      const result: RefreshedPayment = {
        medusa_payment_id: payment.medusa_payment_id,
        payment_session_id: payment.payment_session_id,
        payment_id: state.payment_id ?? null,
        status_before: state.payment_status ?? null,
        status_after: state.payment_status ?? null,
        amount_at_paygent: state.amount ?? null,
        changed: false,
      }
      results.push(result)
      if (!state.payment_id) {
        continue
      }
      try {
        const answer = (await withLedgerContext(
          { order_id: order.id, medusa_payment_id: payment.medusa_payment_id, payment_session_id: payment.payment_session_id },
          () => paygent.client("admin").paymentInquiry({ payment_id: state.payment_id! })
        )) as unknown as Record<string, string | undefined>
        const amount = Number(answer.payment_amount)
        const next: PaygentState = {
          ...state,
          payment_status: answer.payment_status ?? state.payment_status,
          ...(answer.payment_amount && Number.isFinite(amount) ? { amount } : {}),
          inquired_at: new Date().toISOString(),
          last_operation: { operation: "refresh", telegram_kind: "094", outcome: "success", at: new Date().toISOString() },
        }
        result.status_after = next.payment_status ?? null
        result.amount_at_paygent = next.amount
        result.changed = next.payment_status !== state.payment_status || next.amount !== state.amount
        if (payment.medusa_payment_id) {
          const current = await payments.retrievePayment(payment.medusa_payment_id, { select: ["id", "data"] })
          // The DTO type lists only `id`, but the module writes what it is given (its own comment: "no update with
          // the provider but maybe data could be updated"): the data column is replaced with the refreshed copy.
          await payments.updatePayment({
            id: payment.medusa_payment_id,
            data: { ...(current.data ?? {}), paygent: next },
          } as Parameters<IPaymentModuleService["updatePayment"]>[0])
        } else if (payment.session_status === "pending_authorization" && isPaid(next.payment_status)) {
          // Paid at the konbini / ATM / bank: Medusa authorizes the session (the provider asks 094 itself).
          const { result: authorized } = await authorizePaymentSessionForOrderWorkflow(container).run({
            input: { payment_session_id: payment.payment_session_id! },
          })
          result.authorized_now = !!authorized
        }
      } catch (error) {
        result.error = (error as Error).message
      }
    }
    return new StepResponse(results)
  }
)
