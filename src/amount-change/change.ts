import type { IOrderModuleService, IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { paymentWrites } from "../medusa/payment-writes"
import { PAYGENT_MODULE } from "../modules/paygent"
import type PaygentModuleService from "../modules/paygent/service"
import { withLedgerContext } from "../modules/paygent/ledger-registry"
import { bilingual, Bilingual } from "../providers/paygent/core/errors"
import { paygentMedusaError } from "../providers/paygent/core/medusa-error"
import { AMOUNT_CHANGE_MESSAGES as M } from "./messages"
import {
  AmountChangeNote,
  AmountChangeState,
  PaygentCardPlan,
  PendingAmountChange,
  refusalError,
  stateOfPayment,
} from "./plan"
import {
  AmountChangeRequest,
  AnswerFields,
  changeError,
  reconcileAmountChange,
  requireNoEarlierAuthorizationChange,
  sendAmountChange,
} from "./send"
import { STATUS, TELEGRAM_KIND } from "../paygent"

/** What the admin gets back from an amount change. */
export interface AmountChangeOutcome {
  /** changed: done; unchanged: nothing to send; pending_payment_id: done at Paygent, the new payment id is owed. */
  status: "changed" | "unchanged" | "pending_payment_id"
  telegram: PaygentCardPlan["telegram"]
  payment_id: string
  previous_paygent_payment_id: string
  paygent_payment_id: string | null
  previous_amount: number
  amount: number
  /** Medusa refund recorded for the difference (029). */
  refund_id?: string
  notes: AmountChangeNote[]
}

function paygentModule(container: MedusaContainer): PaygentModuleService {
  return container.resolve<PaygentModuleService>(PAYGENT_MODULE)
}

function changeRequest(container: MedusaContainer, plan: PaygentCardPlan): AmountChangeRequest {
  const siteId = paygentModule(container).siteId()
  return {
    telegram: plan.telegram as AmountChangeRequest["telegram"],
    payment_id: plan.paygent_payment_id,
    trading_id: plan.trading_id,
    old_amount: plan.current_amount,
    new_amount: plan.new_amount,
    ...(siteId ? { site_id: siteId } : {}),
  }
}

/** The payment's Paygent state now; refuses when it moved since the plan was made (another operation won the race). */
async function freshState(container: MedusaContainer, plan: PaygentCardPlan): Promise<AmountChangeState> {
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const payment = await payments.retrievePayment(plan.payment_id, { select: ["id", "data"] })
  const state = stateOfPayment(payment as { data: Record<string, unknown> })
  if (
    !state ||
    state.change_pending ||
    state.payment_id !== plan.paygent_payment_id ||
    state.payment_status !== plan.paygent_status ||
    Number(state.amount) !== plan.current_amount
  ) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      bilingual({
        ja: "処理中に決済が変更されました。画面を更新してからもう一度お試しください。",
        en: "The payment changed while this was being prepared. Reload and try again.",
      })
    )
  }
  return state
}

/** `data.paygent` after a change: the new payment (or the old one with the change pending), the amount, history. */
function changedState(
  state: AmountChangeState,
  plan: PaygentCardPlan,
  newPaymentId: string | null,
  extra: { attention?: Bilingual; fields?: AnswerFields } = {}
): AmountChangeState {
  const now = new Date().toISOString()
  const next: AmountChangeState = {
    ...state,
    amount: plan.new_amount,
    ...(plan.telegram === TELEGRAM_KIND.SALES_CHANGE
      ? { refunded_amount: (state.refunded_amount ?? 0) + plan.current_amount - plan.new_amount }
      : {}),
    last_operation: {
      operation: plan.telegram === TELEGRAM_KIND.AUTH_CHANGE ? "change_authorization" : "change_sales",
      telegram_kind: plan.telegram as string,
      outcome: newPaymentId ? "success" : "unknown_outcome",
      at: now,
    },
  }
  if (newPaymentId) {
    const previous = state.previous_payment_ids ?? []
    next.previous_payment_ids = previous.includes(plan.paygent_payment_id) ? previous : [...previous, plan.paygent_payment_id]
    next.payment_id = newPaymentId
    next.payment_status = plan.telegram === TELEGRAM_KIND.AUTH_CHANGE ? STATUS.AUTHORIZED : STATUS.CLEARED
    next.change_pending = null
    if (extra.fields?.masked_card_number && next.card) {
      next.card = { ...next.card, masked_card_number: extra.fields.masked_card_number }
    }
  } else {
    // The old payment is cancelled at Paygent and the new one's id is owed (see change_pending). payment_id and
    // payment_status stay those of the old payment, so a capture or refund sent meanwhile meets Paygent's status
    // error (2004) rather than being taken for done; the plugin's own changes refuse until the id is confirmed.
    next.change_pending = {
      telegram: plan.telegram as PendingAmountChange["telegram"],
      base_payment_id: plan.paygent_payment_id,
      amount: plan.new_amount,
      requested_at: now,
    }
  }
  if (plan.three_ds) {
    // The new payment carries no 3-D Secure liability shift (docs/protocol.md §4.3).
    next.three_ds_liability_lost = true
  }
  if (extra.attention) {
    next.attention = { message: extra.attention, at: now }
  }
  return next
}

/**
 * Medusa's side of an authorization change: the payment, its session and its collection now hold the new amount,
 * so the order shows as authorized for it (no new payment is asked of the customer).
 */
async function recordAuthorizationChange(container: MedusaContainer, plan: PaygentCardPlan, data: AmountChangeState) {
  const payments = paymentWrites(container)
  const payment = await payments.retrievePayment(plan.payment_id, { select: ["id", "data"] })
  const fullData = { ...(payment.data ?? {}), paygent: data }
  await payments.updatePayment({ id: plan.payment_id, amount: plan.new_amount, data: fullData })
  if (plan.payment_session_id) {
    // Generated data-only update: the session's provider is not asked (Paygent already changed the amount).
    await payments.updatePaymentSessions({ id: plan.payment_session_id, amount: plan.new_amount })
  }
  await payments.updatePaymentCollections(plan.payment_collection_id, {
    amount: plan.new_amount,
    authorized_amount: plan.new_amount,
  })
}

async function storePaymentData(container: MedusaContainer, paymentId: string, data: AmountChangeState) {
  const payments = paymentWrites(container)
  const payment = await payments.retrievePayment(paymentId, { select: ["id", "data"] })
  await payments.updatePayment({ id: paymentId, data: { ...(payment.data ?? {}), paygent: data } })
}

/** 028: the authorization is lowered in place (same card authorization, new payment id). */
async function changeAuthorization(container: MedusaContainer, plan: PaygentCardPlan): Promise<AmountChangeOutcome> {
  const state = await freshState(container, plan)
  const service = paygentModule(container)
  const client = service.client("admin")
  const request = { ...changeRequest(container, plan), telegram: TELEGRAM_KIND.AUTH_CHANGE }
  const earlier = await service.telegramsFor({ paygent_payment_ids: [plan.paygent_payment_id], telegram_kinds: [TELEGRAM_KIND.AUTH_CHANGE] })
  await requireNoEarlierAuthorizationChange(client, request, earlier)
  const result = await sendAmountChange(client, request)
  const notes = [...plan.notes]
  if (result.outcome === "changed") {
    const data = changedState(state, plan, result.payment_id, { attention: result.attention, fields: result.fields })
    await recordAuthorizationChange(container, plan, data)
    if (result.recovered) notes.push({ code: "outcome_recovered", message: result.recovered })
    if (result.attention) notes.push({ code: "attention", message: result.attention })
    return outcome(plan, "changed", result.payment_id, notes)
  }
  await recordAuthorizationChange(container, plan, changedState(state, plan, null, { attention: result.message }))
  notes.push({ code: "pending_payment_id", message: result.message })
  return outcome(plan, "pending_payment_id", null, notes)
}

function outcome(
  plan: PaygentCardPlan,
  status: AmountChangeOutcome["status"],
  paygentPaymentId: string | null,
  notes: AmountChangeNote[],
  refundId?: string
): AmountChangeOutcome {
  return {
    status,
    telegram: plan.telegram,
    payment_id: plan.payment_id,
    previous_paygent_payment_id: plan.paygent_payment_id,
    paygent_payment_id: paygentPaymentId,
    previous_amount: plan.current_amount,
    amount: status === "unchanged" ? plan.current_amount : plan.new_amount,
    ...(refundId ? { refund_id: refundId } : {}),
    notes,
  }
}

async function refundIds(container: MedusaContainer, paymentId: string): Promise<Set<string>> {
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const payment = await payments.retrievePayment(paymentId, { select: ["id"], relations: ["refunds"] })
  return new Set((payment.refunds ?? []).map((r) => r.id))
}

/**
 * A refund Paygent has already made (its 029 went through but the answer was lost): Medusa records it without
 * asking the provider again — the refund row, the collection's refunded amount, the order transaction and the
 * `payment.refunded` event, as Medusa's refund workflow would.
 */
async function recordRefundMadeAtPaygent(
  container: MedusaContainer,
  plan: PaygentCardPlan,
  amount: number,
  createdBy: string | undefined,
  note: string
): Promise<string> {
  const payments = paymentWrites(container)
  const [refund] = await payments.createRefunds([{ payment: plan.payment_id, amount, created_by: createdBy, note }])
  const [collection] = await payments.listPaymentCollections({ id: plan.payment_collection_id }, {
    select: ["id", "refunded_amount"],
  })
  await payments.updatePaymentCollections(plan.payment_collection_id, {
    refunded_amount: Number(collection?.refunded_amount ?? 0) + amount,
  })
  const orders = container.resolve<IOrderModuleService>(Modules.ORDER)
  await orders.addOrderTransactions({
    order_id: plan.order_id,
    amount: -amount,
    currency_code: "jpy",
    reference: "refund",
    reference_id: refund.id,
  })
  await container.resolve(Modules.EVENT_BUS).emit({ name: "payment.refunded", data: { id: plan.payment_id } })
  return refund.id
}

/**
 * 029: the captured sale is lowered and the difference is recorded as a refund, through Medusa's own refund
 * workflow (its provider call for a partial refund is the 029). When that fails, Paygent (094) decides what
 * happened before anything else: the 029 is never sent twice for one change.
 */
async function changeSales(
  container: MedusaContainer,
  plan: PaygentCardPlan,
  createdBy: string | undefined,
  reason: string
): Promise<AmountChangeOutcome> {
  const state = await freshState(container, plan)
  const difference = plan.current_amount - plan.new_amount
  const note = `${reason} / 補正売上 ${plan.current_amount}→${plan.new_amount}`
  const before = await refundIds(container, plan.payment_id)
  const { errors } = await refundPaymentWorkflow(container).run({
    input: { payment_id: plan.payment_id, amount: difference, created_by: createdBy, note },
    throwOnError: false,
  })
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const payment = await payments.retrievePayment(plan.payment_id, { select: ["id", "data"], relations: ["refunds"] })
  const after = stateOfPayment(payment as { data: Record<string, unknown> })
  const refund = (payment.refunds ?? []).find((r) => !before.has(r.id))
  const notes = [...plan.notes]
  if (refund) {
    // Medusa kept its refund, so the provider did its part: a 029 (new payment id), or past the sales-cancel
    // deadline a manual refund owed. A later step of Medusa's workflow may still have failed; the money moved.
    if (errors?.length) {
      container.resolve("logger").warn(`Paygent: refund ${refund.id} of ${plan.payment_id} recorded, but Medusa's refund workflow reported: ${errors[0].error?.message}`)
    }
    if (plan.three_ds && after) {
      // The provider recorded the change itself; only the lost 3-D Secure liability shift is ours to add.
      await storePaymentData(container, plan.payment_id, { ...after, three_ds_liability_lost: true })
    }
    if (after?.change_pending) {
      // The 029's answer was lost and 094 showed it applied (core/operations/sales-change.ts): the refund stands, the new
      // payment id is owed by the merchant, as for a lost answer of the change itself.
      notes.push({ code: "pending_payment_id", message: M.appliedUnidentified(plan.trading_id) })
      return outcome(plan, "pending_payment_id", null, notes, refund.id)
    }
    if (after?.attention) notes.push({ code: "attention", message: after.attention.message })
    return outcome(plan, "changed", after?.payment_id ?? plan.paygent_payment_id, notes, refund.id)
  }
  if (!errors?.length || plan.telegram !== TELEGRAM_KIND.SALES_CHANGE) {
    // Only a 029's lost answer is reconciled here; a 023 (the whole sale) is reconciled by the provider itself.
    throw errors?.[0]?.error ?? new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Medusa's refund finished without a refund.")
  }
  const request = changeRequest(container, plan)
  const settled = await reconcileAmountChange(paygentModule(container).client("admin"), request)
  if (settled.state === "not_applied") {
    throw changeError(request, errors[0].error)
  }
  if (settled.state === "unknown") {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, bilingual(settled.message))
  }
  const refundId = await recordRefundMadeAtPaygent(container, plan, difference, createdBy, note)
  const newPaymentId = settled.payment_id ?? null
  const message = newPaymentId ? M.outcomeUnknownFound(newPaymentId) : M.appliedUnidentified(plan.trading_id)
  await storePaymentData(
    container,
    plan.payment_id,
    changedState(state, plan, newPaymentId, newPaymentId ? { fields: settled.fields } : { attention: message })
  )
  notes.push({ code: newPaymentId ? "outcome_recovered" : "pending_payment_id", message })
  return outcome(plan, newPaymentId ? "changed" : "pending_payment_id", newPaymentId, notes, refundId)
}

export interface ChangePaygentAmountInput {
  plan: PaygentCardPlan
  /** The admin user. */
  actor_id?: string
  /** Why (shown on the Medusa refund of a 029). */
  reason: string
}

/**
 * 021: nothing is left to pay (a return of everything) — Medusa's own cancel of the payment, whose provider call is
 * the authorization cancel (with the provider's checks against the ledger and 094), and the collection is closed.
 */
async function cancelAuthorization(container: MedusaContainer, plan: PaygentCardPlan): Promise<AmountChangeOutcome> {
  await freshState(container, plan)
  const payments = paymentWrites(container)
  await payments.cancelPayment(plan.payment_id)
  await payments.updatePaymentCollections(plan.payment_collection_id, { status: "canceled" })
  const payment = await payments.retrievePayment(plan.payment_id, { select: ["id", "data"] })
  const after = stateOfPayment(payment as { data: Record<string, unknown> })
  return outcome(plan, "changed", after?.payment_id ?? plan.paygent_payment_id, plan.notes)
}

/**
 * Sends the change a plan calls for (nothing, 028, 029 / 023 as a refund, 021) and records it in Medusa, with the
 * ledger rows under the order and the payment.
 */
export async function changePaygentAmount(container: MedusaContainer, input: ChangePaygentAmountInput): Promise<AmountChangeOutcome> {
  const { plan } = input
  const run = async (): Promise<AmountChangeOutcome> => {
    switch (plan.action) {
      case "none":
        return outcome(plan, "unchanged", plan.paygent_payment_id, plan.notes)
      case "change_authorization":
        return changeAuthorization(container, plan)
      case "change_sales":
        return changeSales(container, plan, input.actor_id, input.reason)
      case "cancel_authorization":
        return cancelAuthorization(container, plan)
    }
  }
  return withLedgerContext({ medusa_payment_id: plan.payment_id, order_id: plan.order_id }, run)
}

/**
 * Confirms the new payment id of a change whose answer was lost: Paygent (094) must show a payment of the same
 * trading id, in the status the change creates, with the changed amount.
 */
export async function confirmPendingChange(
  container: MedusaContainer,
  paymentId: string,
  paygentPaymentId: string
): Promise<AmountChangeOutcome> {
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const payment = await payments.retrievePayment(paymentId, { select: ["id", "data"] })
  const state = stateOfPayment(payment as { data: Record<string, unknown> })
  const pending = state?.change_pending
  if (!state || !pending) {
    throw refusalError({ code: "paygent_no_pending_change", message: M.notPending })
  }
  const service = paygentModule(container)
  const siteId = service.siteId()
  const found = (await withLedgerContext({ medusa_payment_id: paymentId }, () =>
    service.client("admin").paymentInquiry({ payment_id: paygentPaymentId, ...(siteId ? { site_id: siteId } : {}) })
  ).catch((error) => {
    throw paygentMedusaError(TELEGRAM_KIND.PAYMENT_INQUIRY, error, { forKind: pending.telegram, unknownOutcome: "error" })
  })) as unknown as AnswerFields
  const expectedStatus = pending.telegram === TELEGRAM_KIND.AUTH_CHANGE ? STATUS.AUTHORIZED : STATUS.CLEARED
  const mismatch =
    found.trading_id !== state.trading_id
      ? `trading_id ${found.trading_id} ≠ ${state.trading_id}`
      : found.payment_id === pending.base_payment_id
        ? "the original payment"
        : Number(found.payment_amount) !== pending.amount
          ? `amount ${found.payment_amount} ≠ ${pending.amount}`
          : found.payment_status !== expectedStatus
            ? `status ${found.payment_status} ≠ ${expectedStatus}`
            : null
  if (mismatch) {
    throw refusalError({ code: "paygent_pending_mismatch", message: M.pendingMismatch(mismatch) })
  }
  const next: AmountChangeState = {
    ...state,
    change_pending: null,
    attention: null,
    payment_id: paygentPaymentId,
    payment_status: expectedStatus,
    // 094 just showed the new payment holding this amount (a refresh meanwhile may have copied the old one's).
    amount: pending.amount,
    previous_payment_ids: [...(state.previous_payment_ids ?? []), pending.base_payment_id],
    last_operation: {
      operation: pending.telegram === TELEGRAM_KIND.AUTH_CHANGE ? "change_authorization" : "change_sales",
      telegram_kind: pending.telegram,
      outcome: "success",
      at: new Date().toISOString(),
    },
  }
  await storePaymentData(container, paymentId, next)
  return {
    status: "changed",
    telegram: pending.telegram,
    payment_id: paymentId,
    previous_paygent_payment_id: pending.base_payment_id,
    paygent_payment_id: paygentPaymentId,
    previous_amount: pending.amount,
    amount: pending.amount,
    notes: [],
  }
}
