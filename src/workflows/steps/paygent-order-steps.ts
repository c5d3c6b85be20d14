import type { IPaymentModuleService } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { authorizePaymentSessionForOrderWorkflow } from "@medusajs/medusa/core-flows"
import { withLedgerContext } from "../../modules/paygent/ledger-registry"
import { PAYGENT_MODULE } from "../../modules/paygent"
import type PaygentModuleService from "../../modules/paygent/service"
import { linkManualRefundsToOrder } from "../../operations/manual-refunds"
import { loadOrderPaygent, paygentPaymentLockKey } from "../../operations/order-payments"
import { planCancel } from "../../operations/plans"
import type { PaygentState } from "../../providers/paygent/core/session-data"
import { isOutcomePending, OUTCOME_PENDING_CODE } from "../../providers/paygent/core/outcome-pending"
import { isPaid } from "../../paygent"


function bilingual(message: { ja: string; en: string }): string {
  return `${message.ja} / ${message.en}`
}

/** Lock keys for every Paygent payment (or pending session) of an order. */
function lockKeysOf(payments: Array<{ medusa_payment_id: string | null; payment_session_id: string | null }>): string[] {
  return [...new Set(payments.map((p) => paygentPaymentLockKey(p.medusa_payment_id ?? p.payment_session_id ?? "")))].filter(
    (key) => !key.endsWith(":")
  )
}

export interface PreparedCancel {
  lock_keys: string[]
  /** Card payments Medusa has not captured and Paygent holds as an authorization (021 first, errors surface). */
  void_payment_ids: string[]
  /** Konbini / ATM / net-bank applications without a Medusa payment: a paid one becomes a manual refund owed. */
  applications: Array<{ payment_session_id: string; method: string; state: PaygentState }>
  already_canceled: boolean
  email: string | null
  customer_name: string | null
}

/** Checks the order can be cancelled (as Medusa will) before anything is sent, and lists what to lock and void. */
export const preparePaygentCancelStep = createStep(
  "paygent-prepare-cancel",
  async (input: { order_id: string }, { container }) => {
    const order = await loadOrderPaygent(container, input.order_id)
    const plan = planCancel(order)
    if (!plan.allowed) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, bilingual(plan.refusal!))
    }
    const prepared: PreparedCancel = {
      lock_keys: lockKeysOf(order.payments),
      void_payment_ids: plan.operations
        .filter((op) => op.action === "void" && op.medusa_payment_id)
        .map((op) => op.medusa_payment_id!),
      applications: order.payments
        .filter((p) => p.method !== "card" && !p.medusa_payment_id && p.payment_session_id)
        .map((p) => ({ payment_session_id: p.payment_session_id!, method: p.method, state: p.paygent })),
      already_canceled: order.status === "canceled",
      email: order.email,
      customer_name: order.customer_name,
    }
    return new StepResponse(prepared)
  }
)

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

/** Completes manual refunds owed with the order and the customer's e-mail / name. */
export const linkManualRefundsStep = createStep(
  "paygent-link-manual-refunds",
  async (input: { order_id: string }, { container }) => {
    return new StepResponse(await linkManualRefundsToOrder(container, input.order_id))
  }
)

/** Lock keys of an order's Paygent payments (for operations that take them before reading the details). */
export const paygentOrderLockKeysStep = createStep(
  "paygent-order-lock-keys",
  async (input: { order_id: string }, { container }) => {
    const order = await loadOrderPaygent(container, input.order_id)
    return new StepResponse(lockKeysOf(order.payments))
  }
)

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
