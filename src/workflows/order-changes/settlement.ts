import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules, OrderChangeStatus } from "@medusajs/framework/utils"
import { createStep, StepResponse, transform, WorkflowData } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, refundPaymentWorkflow, releaseLockStep, useRemoteQueryStep } from "@medusajs/medusa/core-flows"
import { withLedgerContext } from "../../modules/paygent/ledger-registry"
import { linkManualRefundsToOrder } from "../../operations/manual-refunds"
import { paygentPaymentLockKey } from "../../operations/order-payments"
import type { Bilingual } from "../../providers/paygent/core/errors"
import { AmountChangeNote, loadOrderPaymentPicture, unwrap } from "../../amount-change/plan"
import { AmountChangeOutcome, changePaygentAmount } from "../../amount-change/change"
import { differenceCollectionId, syncDifferenceCollection } from "../difference-collection"
import { OrderChangeKind, OrderChangePlan, planOrderChange, settlementPaymentOf } from "../../amount-change/order-change-plan"

/** What the plugin did about the payment, returned next to Medusa's answer as `paygent`. */
export interface PaygentOrderChangeResult {
  kind: OrderChangeKind
  action: OrderChangePlan["action"]
  message: Bilingual
  previous_total: number
  new_total: number
  /** What the Paygent payment holds now. */
  paygent_amount: number
  /** Owed on top, in a payment collection of the order the storefront can pay (0 = none). */
  difference: number
  difference_payment_collection_id: string | null
  /** The card change (028 / 029 / 023 / 021), when there was one. */
  change: AmountChangeOutcome | null
  /** Medusa's refund of the difference (029 / 023, or a manual refund owed). */
  refund_id: string | null
  notes: AmountChangeNote[]
}

/** Shown on Medusa's refund records, per change. */
const REASONS: Record<OrderChangeKind, string> = {
  exchange: "交換 / exchange",
  claim: "クレーム / claim",
  return_request: "返品 / return",
  return_receive: "返品の受領 / return received",
}

interface Located {
  lock_key: string
  /** What the order is worth before the change (Medusa's accounting). */
  previous_total: number
}

/** Before anything changes: the Paygent payment whose lock the settlement holds, and the order's total now. */
const locatePaygentOrderPaymentStep = createStep(
  "paygent-order-change-locate",
  async (input: { order_id: string }, { container }) => {
    const picture = await loadOrderPaymentPicture(container, input.order_id)
    const { payment_id, session_id } = settlementPaymentOf(picture)
    const located: Located = {
      // A konbini / ATM / net-bank order not paid yet has only its session (whose lock its notices take too).
      lock_key: paygentPaymentLockKey(payment_id ?? session_id ?? `order:${input.order_id}`),
      previous_total: picture.accounting_total ?? picture.total,
    }
    return new StepResponse(located)
  }
)

/** After the change is confirmed in Medusa: what settles the payment (refusals undo the confirmation). */
const planPaygentOrderChangeStep = createStep(
  "paygent-order-change-plan",
  async (input: { order_id: string; kind: OrderChangeKind; previous_total: number }, { container }) => {
    const picture = await loadOrderPaymentPicture(container, input.order_id)
    return new StepResponse(unwrap(planOrderChange(picture, input.kind, input.previous_total)))
  }
)

/** The newest refund of a payment (the one Medusa's refund workflow just made). */
async function newestRefundId(container: MedusaContainer, paymentId: string, before: Set<string>): Promise<string | null> {
  const payment = await container
    .resolve<IPaymentModuleService>(Modules.PAYMENT)
    .retrievePayment(paymentId, { select: ["id"], relations: ["refunds"] })
  return (payment.refunds ?? []).find((refund) => !before.has(refund.id))?.id ?? null
}

/**
 * Carries out the plan at Paygent and in Medusa: the card change (028, 029 / 023 as Medusa's refund, 021), or for a
 * paid konbini / ATM / net-bank payment Medusa's refund of the difference, which the provider turns into a manual
 * refund owed. No compensation: money moved at Paygent cannot be moved back by undoing a step.
 */
const settlePaygentPaymentStep = createStep(
  "paygent-order-change-settle",
  async (input: { plan: OrderChangePlan; actor_id?: string }, { container }) => {
    const { plan } = input
    let change: AmountChangeOutcome | null = null
    let refundId: string | null = null
    let held = plan.held
    if (plan.card) {
      change = await changePaygentAmount(container, { plan: plan.card, actor_id: input.actor_id, reason: REASONS[plan.kind] })
      refundId = change.refund_id ?? null
      held = change.amount
    } else if (plan.refund > 0 && plan.payment_id) {
      const paymentId = plan.payment_id
      const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
      const before = await payments.retrievePayment(paymentId, { select: ["id"], relations: ["refunds"] })
      await withLedgerContext({ order_id: plan.order_id, medusa_payment_id: paymentId }, () =>
        refundPaymentWorkflow(container).run({
          input: {
            payment_id: paymentId,
            amount: plan.refund,
            created_by: input.actor_id,
            note: `${REASONS[plan.kind]} / 手動返金 manual refund`,
          },
        })
      )
      refundId = await newestRefundId(container, paymentId, new Set((before.refunds ?? []).map((r) => r.id)))
      held = plan.held - plan.refund
    }
    if (refundId) {
      await linkManualRefundsToOrder(container, plan.order_id)
    }
    return new StepResponse({ change, refund_id: refundId, paygent_amount: held })
  }
)

/**
 * The start of every confirmation: the order's lock (the key Medusa's own order workflows use), then the Paygent
 * payment's, held from before the change until after the settlement; a second click waits, then finds no active change.
 */
export function lockOrderAndPaygentPayment(orderId: any) {
  acquireLockStep({ key: orderId, timeout: 30, ttl: 300 })
  const located = locatePaygentOrderPaymentStep({ order_id: orderId })
  acquireLockStep({ key: located.lock_key, timeout: 30, ttl: 300 }).config({ name: "acquire-paygent-order-payment-lock" })
  return located
}

export function releaseOrderAndPaygentPayment(orderId: any, located: WorkflowData<Located>) {
  releaseLockStep({ key: located.lock_key }).config({ name: "release-paygent-order-payment-lock" })
  releaseLockStep({ key: orderId })
}

/** The order's active change of one exchange, claim or return (`filters`), with its actions, as Medusa reads it. */
export function queryActiveOrderChange(filters: Record<string, unknown>, extraFields: string[] = []) {
  return useRemoteQueryStep({
    entry_point: "order_change",
    fields: [
      "id",
      "status",
      ...extraFields,
      "actions.id",
      "actions.action",
      "actions.details",
      "actions.reference",
      "actions.reference_id",
      "actions.internal_note",
    ],
    variables: { filters: { ...filters, status: [OrderChangeStatus.PENDING, OrderChangeStatus.REQUESTED] } },
    list: false,
  }).config({ name: "order-change-query" })
}

/**
 * What replaces Medusa's `createOrUpdateOrderPaymentCollectionWorkflow` (which cancels a card authorization and asks
 * for the whole total again) at the end of the plugin's confirmations: the plan from the order as confirmed, a payment
 * collection for what is owed on top (created, resized or closed), then the Paygent settlement last.
 */
export function settlePaygentOrderChange(input: {
  /** Workflow data: the order's id. */
  order_id: any
  kind: OrderChangeKind
  /** Workflow data: the admin user. */
  confirmed_by?: any
  located: WorkflowData<Located>
}) {
  const planInput = transform({ order_id: input.order_id, located: input.located }, ({ order_id, located }) => ({
    order_id: order_id as string,
    kind: input.kind,
    previous_total: located.previous_total,
  }))
  const plan = planPaygentOrderChangeStep(planInput)

  const created = syncDifferenceCollection(plan)

  const settled = settlePaygentPaymentStep({ plan, actor_id: input.confirmed_by })

  return transform({ plan, settled, created }, ({ plan, settled, created }): PaygentOrderChangeResult => ({
    kind: plan.kind,
    action: plan.action,
    message: plan.message,
    previous_total: plan.previous_total,
    new_total: plan.new_total,
    paygent_amount: settled.paygent_amount,
    difference: plan.difference,
    difference_payment_collection_id: differenceCollectionId(plan, created),
    change: settled.change,
    refund_id: settled.refund_id,
    notes: plan.notes,
  }))
}
