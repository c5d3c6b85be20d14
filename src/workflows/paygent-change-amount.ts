import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { AMOUNT_CHANGE_MESSAGES as M } from "../amount-change/messages"
import {
  loadOrderPaymentPicture,
  locatePaygentPayment,
  planChangeAmount,
  refusalError,
  unwrap,
} from "../amount-change/plan"
import { confirmPendingChange } from "../amount-change/change"
import { changePaygentAmountStep } from "./steps/change-paygent-amount"
import { paygentPaymentLockKey } from "../operations/order-payments"

export interface PaygentChangeAmountInput {
  order_id: string
  /** The amount Paygent should hold, in yen (default: the order's current total). */
  amount?: number
  /** The admin user. */
  actor_id?: string
}

export interface PaygentConfirmAmountChangeInput {
  order_id: string
  /** The new payment id of a change whose answer was lost, as Paygent's console shows it. */
  paygent_payment_id: string
  actor_id?: string
}

/** Locks are held across telegrams (up to 35 s each, plus 094 inquiries after a lost answer). */
const LOCK = { timeout: 5, ttl: 300 }

const planChangeAmountStep = createStep(
  "paygent-plan-change-amount",
  async (input: { order_id: string; amount?: number }, { container }) => {
    const picture = await loadOrderPaymentPicture(container, input.order_id)
    return new StepResponse(unwrap(planChangeAmount(picture, input.amount)))
  }
)

/**
 * オーソリ変更 / 売上変更 of an order's Paygent card payment: 028 before capture, 029 (recorded as a refund of the
 * difference) after, under the order's lock and a lock per payment. Only lowers an amount: Paygent cannot raise one.
 */
export const paygentChangeAmountWorkflow = createWorkflow(
  "paygent-change-amount",
  (input: WorkflowData<PaygentChangeAmountInput>) => {
    acquireLockStep({ key: input.order_id, ...LOCK })
    const plan = planChangeAmountStep({ order_id: input.order_id, amount: input.amount })
    const paymentLock = transform({ plan }, ({ plan }) => paygentPaymentLockKey(plan.payment_id))
    acquireLockStep({ key: paymentLock, ...LOCK }).config({ name: "acquire-paygent-payment-lock" })
    const result = changePaygentAmountStep({ plan, actor_id: input.actor_id, reason: "金額変更 / amount change" })
    releaseLockStep({ key: paymentLock }).config({ name: "release-paygent-payment-lock" })
    releaseLockStep({ key: input.order_id })
    return new WorkflowResponse(result)
  }
)

const findPendingChangeStep = createStep("paygent-find-pending-change", async (input: { order_id: string }, { container }) => {
  const located = locatePaygentPayment(await loadOrderPaymentPicture(container, input.order_id))
  if (located.kind !== "card" || !located.state.change_pending) {
    throw refusalError({ code: "paygent_no_pending_change", message: M.notPending })
  }
  return new StepResponse(located.payment.id)
})

const confirmPendingChangeStep = createStep(
  "paygent-confirm-pending-change",
  async (input: { payment_id: string; paygent_payment_id: string }, { container }) => {
    return new StepResponse(await confirmPendingChange(container, input.payment_id, input.paygent_payment_id))
  }
)

/**
 * Settles a change whose answer was lost and whose new payment id 094 could not tell (trading_id shared, 13002):
 * the merchant gives the id from Paygent's console, and 094 must confirm it before the payment is usable again.
 */
export const paygentConfirmAmountChangeWorkflow = createWorkflow(
  "paygent-confirm-amount-change",
  (input: WorkflowData<PaygentConfirmAmountChangeInput>) => {
    acquireLockStep({ key: input.order_id, ...LOCK })
    const paymentId = findPendingChangeStep({ order_id: input.order_id })
    const paymentLock = transform({ paymentId }, ({ paymentId }) => paygentPaymentLockKey(paymentId))
    acquireLockStep({ key: paymentLock, ...LOCK }).config({ name: "acquire-paygent-payment-lock" })
    const result = confirmPendingChangeStep({ payment_id: paymentId, paygent_payment_id: input.paygent_payment_id })
    releaseLockStep({ key: paymentLock }).config({ name: "release-paygent-payment-lock" })
    releaseLockStep({ key: input.order_id })
    return new WorkflowResponse(result)
  }
)
