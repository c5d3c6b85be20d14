import { randomUUID } from "node:crypto"
import type { IOrderModuleService, IPaymentModuleService, Logger, UpdatePaymentDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules, PaymentEvents, PaymentSessionStatus } from "@medusajs/framework/utils"
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  when,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  authorizePaymentSessionForOrderWorkflow,
  cancelOrderWorkflow,
  capturePaymentWorkflow,
  emitEventStep,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"
import { paygentModule } from "../modules/paygent/container"
import type PaygentModuleService from "../modules/paygent/service"
import { paygentMethodOf, paygentPaymentLockKey } from "../operations/order-payments"
import { NoticeUpdate, sealNotice, withNotice } from "../providers/paygent/core/notice-state"
import { stateOf } from "../providers/paygent/core/session-data"
import { unpadNoticeId } from "./notice-id"
import { withLedgerContext } from "../modules/paygent/ledger-registry"
import { confirmPendingChange } from "../amount-change/change"
import { NoticePlan, planNotice } from "./plan"
import { loadSession, noticeLockSubject, readFactsOf, SessionWithPayment } from "./session-facts"
import type { AlertTarget, StoredNotice } from "../modules/paygent/types"
import { acquirePaygentLocksStep } from "../workflows/steps/acquire-paygent-locks"
import { medusaFilter } from "../medusa/filters"
import { STATUS, PAYMENT_TYPE } from "../paygent/statuses"

/** Who Medusa records as cancelling an order (created_by of its order changes). */
const NOTICE_ACTOR = "paygent-sync"

export interface ApplyPaygentNoticeInput {
  /** Id of the stored notice (paygent_notice.id). */
  notice_id: string
  /**
   * The stored notice's lock subject and payment session, when the caller holds the row (receiveAndApply, which has
   * just stored it): the lock step then does not read the notice. Both are written once, when the notice is stored.
   */
  lock?: { subject: string; payment_session_id: string | null }
}

export interface ApplyPaygentNoticeResult {
  notice_id: string
  action: NoticePlan["action"]
  result: string
}

/** The notice as the provider applies it (payment_notice_id without its zero padding). */
function noticeUpdateOf(notice: StoredNotice): NoticeUpdate {
  // Stored by storeNotice from the record's string items (redacted).
  const fields = (notice.fields ?? {}) as Record<string, string | undefined>
  return {
    payment_notice_id: notice.payment_notice_id ? unpadNoticeId(notice.payment_notice_id) : undefined,
    payment_id: notice.paygent_payment_id ?? undefined,
    trading_id: notice.trading_id ?? "",
    payment_type: notice.payment_type,
    payment_status: notice.payment_status,
    payment_amount: notice.payment_amount ?? undefined,
    change_date: notice.change_date ?? undefined,
    payment_date: fields.payment_date || undefined,
    user_payment_date: fields.user_payment_date || undefined,
  }
}

/** Whether a captured payment's captures are missing from its order's transactions (see PlanFacts.capture_unrecorded). */
async function captureMissingFromOrder(container: { resolve<T>(key: string): T }, orderId: string, paymentId: string): Promise<boolean> {
  const payment = await container.resolve<IPaymentModuleService>(Modules.PAYMENT).retrievePayment(paymentId, { relations: ["captures"] })
  const captureIds = (payment.captures ?? []).map((capture) => capture.id)
  if (!captureIds.length) {
    return false
  }
  const recorded = await container
    .resolve<IOrderModuleService>(Modules.ORDER)
    .listOrderTransactions({ order_id: orderId, reference: "capture", reference_id: captureIds }, { select: ["reference_id"] })
  return new Set(recorded.map((transaction) => transaction.reference_id)).size < captureIds.length
}

/**
 * Whether a paid konbini / ATM notice is about numbers the sync job closed (their application was in doubt and no
 * order took them; src/sync/in-doubt.ts). Asked only when the notice does not plainly belong to a waiting order.
 */
async function isUnusedAttempt(
  service: PaygentModuleService,
  notice: StoredNotice,
  session: SessionWithPayment | undefined,
  hasOrder: boolean
): Promise<boolean> {
  if (!notice.trading_id || ![PAYMENT_TYPE.ATM, PAYMENT_TYPE.KONBINI].some((type) => type === notice.payment_type)) {
    return false
  }
  if (session && hasOrder && stateOf(session.data)?.trading_id === notice.trading_id) {
    return false
  }
  const [closed] = await service.listPaygentTelegrams(
    { trading_id: notice.trading_id, doubt_resolution: ["unused_number", "paid_unused"] },
    { select: ["id"], take: 1 }
  )
  return !!closed
}

/**
 * A cancel that a crash cut short can leave its credit-line order change pending (Medusa's cancel workflow creates and
 * confirms one); Medusa then refuses every later change of the order ("already has an existing active order
 * change"), so the cancel could never be finished. Medusa 2.21's cancel does not hand `canceled_by` to that change:
 * it is written without created_by. So the credit-line changes withdrawn here are the pending ones without a creator
 * or made by this plugin — on an order this notice cancels because it was never paid, where no refund (the only other
 * maker of credit lines) can have started one. Seen in the fault campaign: kill -9 inside the expiry's cancel.
 */
const withdrawInterruptedCancelStep = createStep("paygent-notice-withdraw-interrupted-cancel", async (input: { order_id: string }, { container }) => {
  const orders = container.resolve<IOrderModuleService>(Modules.ORDER)
  const pending = await orders.listOrderChanges(
    medusaFilter({ order_id: input.order_id, status: ["pending", "requested"], change_type: "credit_line" }),
    { select: ["id", "created_by"] }
  )
  // created_by is a column of order_change that Medusa's DTO type does not declare.
  const left = (pending as Array<{ id: string; created_by?: string | null }>).filter(
    (change) => !change.created_by || change.created_by === NOTICE_ACTOR
  )
  if (left.length) {
    await orders.cancelOrderChange(left.map((change) => change.id))
  }
  return new StepResponse(left.length)
})

/**
 * Which locks the notice needs: the payment session (every notice of one checkout queues on it) and, once the
 * session has a Medusa payment, that payment's lock, which the plugin's capture / cancel / refund workflows take too.
 */
const lockNoticeKeysStep = createStep(
  "paygent-notice-lock-keys",
  async (input: ApplyPaygentNoticeInput, { container }) => {
    let lock = input.lock
    if (!lock) {
      const notice = await paygentModule(container).retrievePaygentNotice(input.notice_id)
      lock = { subject: noticeLockSubject(notice), payment_session_id: notice.payment_session_id }
    }
    const { subject, payment_session_id } = lock
    const keys = [`paygent:notice-subject:${subject}`]
    // Read before the lock only to know which payment to lock; the plan step reads the session again under it.
    const session = await loadSession(container.resolve(Modules.PAYMENT), payment_session_id)
    if (session?.payment?.id) {
      keys.push(paygentPaymentLockKey(session.payment.id))
    }
    return new StepResponse({ keys, owner: `paygent-notice:${input.notice_id}:${randomUUID()}` })
  }
)

interface PreparedNotice {
  notice_id: string
  already_applied: boolean
  /** The notice's apply_attempts and order_id as read under the lock (the finish step updates them). */
  apply_attempts: number
  notice_order_id: string | null
  plan: NoticePlan
  update: NoticeUpdate
  target: AlertTarget
  session_id?: string
  order_id?: string
  medusa_payment_id?: string
  method?: string
  customer_email?: string
  /** The notice for the provider, sealed with its secret (see notice-state.ts). */
  sealed?: Record<string, string>
}

/** Reads the notice and Medusa's records under the lock, and decides (notices/plan.ts). */
const planPaygentNoticeStep = createStep("paygent-notice-plan", async (input: ApplyPaygentNoticeInput, { container }) => {
  const service = paygentModule(container)
  const notice = await service.retrievePaygentNotice(input.notice_id)
  const update = noticeUpdateOf(notice)
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const session = await loadSession(paymentModule, notice.payment_session_id)
  let order: { id: string; status?: string; email?: string } | undefined
  if (session?.payment_collection_id) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order_payment_collection",
      fields: ["order.id", "order.status", "order.email"],
      filters: { payment_collection_id: session.payment_collection_id },
    })
    order = (data[0] as { order?: { id: string; status?: string; email?: string } } | undefined)?.order ?? undefined
  }
  const options = service.syncOptions()
  const payment = session?.payment ?? undefined
  const paidStatus = notice.payment_status === STATUS.CLEARED || notice.payment_status === STATUS.PRELIMINARY
  const captureUnrecorded =
    !notice.applied_at && paidStatus && !!payment && !!order && notice.payment_type !== PAYMENT_TYPE.CARD
      ? await captureMissingFromOrder(container, order.id, payment.id)
      : false
  const unusedAttempt = !notice.applied_at && paidStatus && (await isUnusedAttempt(service, notice, session, !!order))
  const plan = notice.applied_at
    ? { action: "none" as const, result: notice.result ?? "applied", alerts: [] }
    : planNotice({
        ...readFactsOf(notice, session),
        order: order ? { id: order.id, canceled: order.status === "canceled" } : undefined,
        capture_unrecorded: captureUnrecorded,
        collection_canceled: session?.payment_collection?.status === "canceled",
        treatPreliminaryAsPaid: options.treatPreliminaryAsPaid,
        cancelAbandonedBankNet: options.cancelAbandonedBankNet,
        unused_attempt: unusedAttempt,
      })
  const prepared: PreparedNotice = {
    notice_id: notice.id,
    already_applied: !!notice.applied_at,
    apply_attempts: notice.apply_attempts ?? 0,
    notice_order_id: notice.order_id,
    plan,
    update,
    target: {
      order_id: order?.id ?? null,
      payment_session_id: session?.id ?? notice.payment_session_id,
      medusa_payment_id: payment?.id ?? null,
      paygent_payment_id: notice.paygent_payment_id,
      trading_id: notice.trading_id,
      data: { payment_notice_id: notice.payment_notice_id, payment_status: notice.payment_status, notice_id: notice.id },
    },
    session_id: session?.id,
    order_id: order?.id,
    medusa_payment_id: payment?.id,
    method: session ? paygentMethodOf(session.provider_id) : undefined,
    customer_email: order?.email,
    sealed: ["pay", "cancel_order", "record_session"].includes(plan.action)
      ? (sealNotice(update, await service.noticeSealSecret()) as unknown as Record<string, string>)
      : undefined,
  }
  return new StepResponse(prepared)
})

interface SessionNoticeInput {
  session_id: string
  sealed: Record<string, string>
  status?: PaymentSessionStatus
}

/** The session's state learns the notice (through the provider, which checks the seal). */
const recordNoticeOnSessionStep = createStep(
  "paygent-notice-record-on-session",
  async (input: SessionNoticeInput, { container }) => {
    const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const session = await paymentModule.retrievePaymentSession(input.session_id)
    await paymentModule.updatePaymentSession({
      id: session.id,
      amount: session.amount,
      currency_code: session.currency_code,
      data: { ...session.data, paygent_notice: input.sealed },
      ...(input.status ? { status: input.status } : {}),
    })
    return new StepResponse(
      { id: session.id },
      { id: session.id, data: session.data, status: session.status, amount: session.amount, currency_code: session.currency_code }
    )
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    // Put the session back as it was, so the notice can be applied again from the start.
    await container
      .resolve<IPaymentModuleService>(Modules.PAYMENT)
      .updatePaymentSession({ ...previous, status: previous.status as PaymentSessionStatus })
      .catch((error: Error) =>
        container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).warn(`Paygent: could not restore session ${previous.id}: ${error.message}`)
      )
  }
)

/** A Medusa payment's data learns the notice (card changes made in Paygent's console, konbini 43 → 40 / 61). */
const recordNoticeOnPaymentStep = createStep(
  "paygent-notice-record-on-payment",
  async (input: { payment_id: string; update: NoticeUpdate }, { container }) => {
    const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const payment = await paymentModule.retrievePayment(input.payment_id, { select: ["id", "data"] })
    const state = stateOf(payment.data as Record<string, unknown>)
    if (!state) {
      return new StepResponse(void 0)
    }
    await paymentModule.updatePayment({
      id: payment.id,
      data: { ...payment.data, paygent: withNotice(state, input.update) },
    } as UpdatePaymentDTO)
    return new StepResponse(void 0, { id: payment.id, data: payment.data })
  },
  async (previous, { container }) => {
    if (previous) {
      await container.resolve<IPaymentModuleService>(Modules.PAYMENT).updatePayment(previous as UpdatePaymentDTO)
    }
  }
)

/**
 * The new payment of an amount change whose answer was lost: confirmed with 094 (trading id, status, amount) and
 * adopted as the payment's Paygent payment, as the merchant's confirmation would (confirmPendingChange).
 */
const resolvePendingChangeStep = createStep(
  "paygent-notice-resolve-pending-change",
  async (input: { payment_id: string; paygent_payment_id: string; order_id?: string }, { container }) => {
    const outcome = await withLedgerContext({ medusa_payment_id: input.payment_id, order_id: input.order_id }, () =>
      confirmPendingChange(container, input.payment_id, input.paygent_payment_id)
    )
    return new StepResponse(outcome)
  }
)

/** Medusa made no payment from the session: the provider did not accept the notice, so nothing is marked applied. */
const confirmPaymentCreatedStep = createStep("paygent-notice-confirm-payment", async (payment: { id?: string } | null) => {
  if (!payment?.id) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Paygent: the payment session was not authorized from the notice")
  }
  return new StepResponse({ id: payment.id })
})

/**
 * Alerts and money owed, then the notice is marked applied (or left for the next sync run when deferred). Never
 * throws: money has moved in Medusa by now, and a failure here must not undo it.
 */
const finishPaygentNoticeStep = createStep("paygent-notice-finish", async (prepared: PreparedNotice, { container }) => {
  const service = paygentModule(container)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  if (prepared.already_applied) {
    return new StepResponse(void 0)
  }
  const { plan } = prepared
  try {
    await service.raiseAlerts(plan.alerts, prepared.target)
    if (plan.manual_refund) {
      await service.recordManualRefund({
        order_id: prepared.order_id ?? null,
        medusa_payment_id: prepared.medusa_payment_id ?? null,
        paygent_payment_id: prepared.update.payment_id ?? null,
        trading_id: prepared.update.trading_id || null,
        method: prepared.method ?? "unknown",
        amount: plan.manual_refund.amount,
        customer_email: prepared.customer_email ?? null,
        reason: plan.manual_refund.reason,
        reference: plan.manual_refund.reference,
        note: plan.result,
        created_by: "paygent-sync",
      })
    }
  } catch (error) {
    logger.error(`Paygent: alerts for notice ${prepared.notice_id} could not be recorded: ${(error as Error).message}`)
  }
  try {
    // Read under the lock by the plan step: only this workflow (under the same lock) writes these columns.
    await service.markNoticeApplied(prepared.notice_id, {
      apply_attempts: prepared.apply_attempts + 1,
      result: plan.result,
      order_id: prepared.order_id ?? prepared.notice_order_id ?? null,
      applied: plan.action !== "defer",
    })
  } catch (error) {
    logger.error(`Paygent: notice ${prepared.notice_id} was applied but could not be marked: ${(error as Error).message}`)
  }
  return new StepResponse(void 0)
})

export const applyPaygentNoticeWorkflowId = "apply-paygent-notice"

/**
 * Applies one stored Paygent notice (or a status learnt through 094) to Medusa, once, under a lock per payment:
 * - konbini / ATM / net bank paid (40; 43 when `treatPreliminaryAsPaid`): the pending session learns the status and
 *   is authorized through Medusa's `authorizePaymentSessionForOrderWorkflow` (the provider answers `captured`, so
 *   Medusa records the capture and the order transaction), then Medusa's `payment.captured` event: 入金済み;
 * - konbini / ATM expired (12), net bank abandoned (15): `cancelOrderWorkflow` (reservations released);
 * - paid after the order was cancelled: alert + manual refund owed, the order stays cancelled;
 * - card changes made outside Medusa (32, 33, 40, 60), konbini 43 → 40 / 61: recorded on the payment's data
 *   (33 and 61 raise alerts);
 * - the new payment of a 028 / 029 whose answer was lost (change_pending): its id confirmed by 094 and adopted;
 * - never backwards, nothing for superseded attempts or payment_ids no longer the session's (notices/plan.ts);
 * - what a crash cut short is finished when the notice is applied again: Medusa's authorization (session paid, no
 *   payment), the order transaction (payment captured, order not counting it), a cancel (its credit-line change).
 * Running it again for the same notice changes nothing.
 */
export const applyPaygentNoticeWorkflow = createWorkflow(
  applyPaygentNoticeWorkflowId,
  (input: WorkflowData<ApplyPaygentNoticeInput>) => {
    const lock = lockNoticeKeysStep(input)
    acquirePaygentLocksStep({ key: lock.keys, ownerId: lock.owner, timeout: 30, ttl: 120 })
    const prepared = planPaygentNoticeStep(input)

    const sessionInput = (status?: PaymentSessionStatus) =>
      transform({ prepared }, ({ prepared }): SessionNoticeInput => ({
        session_id: prepared.session_id!,
        sealed: prepared.sealed!,
        ...(status ? { status } : {}),
      }))

    when("paygent-notice-pay", { prepared }, ({ prepared }) => prepared.plan.action === "pay").then(() => {
      recordNoticeOnSessionStep(sessionInput()).config({ name: "paygent-notice-session-paid" })
      const authorized = authorizePaymentSessionForOrderWorkflow.runAsStep({
        input: transform({ prepared }, ({ prepared }) => ({ payment_session_id: prepared.session_id! })),
      })
      const payment = confirmPaymentCreatedStep(authorized)
      // The provider answered `captured`, so Medusa's authorization recorded the capture and the workflow above added
      // it to the order's transactions; what Medusa's capturePaymentWorkflow would still add is only its event (its
      // other steps find the payment captured and the transaction present: a dozen queries for nothing, measured in
      // docs/performance.md). Should the event fail, the money received must not be compensated.
      emitEventStep({ eventName: PaymentEvents.CAPTURED, data: transform({ payment }, ({ payment }) => ({ id: payment.id })) }).config({
        name: "paygent-notice-payment-captured",
        continueOnPermanentFailure: true,
      })
    })

    when("paygent-notice-cancel-order", { prepared }, ({ prepared }) => prepared.plan.action === "cancel_order").then(() => {
      withdrawInterruptedCancelStep(transform({ prepared }, ({ prepared }) => ({ order_id: prepared.order_id! })))
      cancelOrderWorkflow.runAsStep({
        input: transform({ prepared }, ({ prepared }) => ({ order_id: prepared.order_id!, canceled_by: NOTICE_ACTOR })),
      })
      recordNoticeOnSessionStep(sessionInput(PaymentSessionStatus.CANCELED)).config({ name: "paygent-notice-session-canceled" })
    })

    when("paygent-notice-record-capture", { prepared }, ({ prepared }) => prepared.plan.action === "record_capture").then(() => {
      capturePaymentWorkflow
        .runAsStep({ input: transform({ prepared }, ({ prepared }) => ({ payment_id: prepared.medusa_payment_id! })) })
        .config({ name: "paygent-notice-record-capture-transaction" })
    })

    when("paygent-notice-record-session", { prepared }, ({ prepared }) => prepared.plan.action === "record_session").then(() => {
      recordNoticeOnSessionStep(sessionInput()).config({ name: "paygent-notice-session-recorded" })
    })

    when("paygent-notice-resolve-pending-change", { prepared }, ({ prepared }) => prepared.plan.action === "resolve_pending_change").then(() => {
      resolvePendingChangeStep(
        transform({ prepared }, ({ prepared }) => ({
          payment_id: prepared.medusa_payment_id!,
          paygent_payment_id: prepared.update.payment_id!,
          order_id: prepared.order_id,
        }))
      )
    })

    when("paygent-notice-record-payment", { prepared }, ({ prepared }) => prepared.plan.action === "record_payment").then(() => {
      recordNoticeOnPaymentStep(
        transform({ prepared }, ({ prepared }) => ({ payment_id: prepared.medusa_payment_id!, update: prepared.update }))
      )
    })

    finishPaygentNoticeStep(prepared)
    releaseLockStep({ key: lock.keys, ownerId: lock.owner })

    return new WorkflowResponse(
      transform({ prepared }, ({ prepared }): ApplyPaygentNoticeResult => ({
        notice_id: prepared.notice_id,
        action: prepared.already_applied ? "none" : prepared.plan.action,
        result: prepared.plan.result,
      }))
    )
  }
)
