import { randomUUID } from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { PAYGENT_MODULE } from "../modules/paygent"
import { withLedgerContext } from "../modules/paygent/ledger-registry"
import type PaygentModuleService from "../modules/paygent/service"
import type { StoredTelegram } from "../modules/paygent/types"
import { capturePaygentPaymentWorkflow } from "../workflows/capture-paygent-payment"
import { cancelPaygentOrderWorkflow } from "../workflows/cancel-paygent-order"
import { refreshPaygentOrderWorkflow } from "../workflows/refresh-paygent-order"
import { linkManualRefundsToOrder } from "./manual-refunds"
import { attemptEnd, EndedAttempt, LedgerRow, ledgerOnlyAttempts, loadEndedAttempts } from "./order-attempts"
import { formatInstructions } from "../storefront/instructions"
import type { PaygentState } from "../providers/paygent/core/session-data"
import {
  amountsOf,
  deadlinePassed,
  loadOrderPaygent,
  METHOD_LABELS,
  OrderPaygentPayment,
  OrderWithPaygent,
  statusView,
} from "./order-payments"
import { Bilingual, OperationPlan, planCancel, planCapture } from "./plans"

function refused(message: Bilingual): MedusaError {
  return new MedusaError(MedusaError.Types.NOT_ALLOWED, `${message.ja} / ${message.en}`)
}

/**
 * The numbers the shopper was given, named as the shopper saw them (払込票番号 at Seven-Eleven, お客様番号 and 確認番号
 * at FamilyMart…: the storefront helpers' names per chain), in both languages.
 */
function instructionNumbers(state: PaygentState): Array<{ key: string; label: Bilingual; value: string }> {
  if (!state.instructions) {
    return []
  }
  const ja = formatInstructions(state.instructions, "ja").numbers
  const en = formatInstructions(state.instructions, "en").numbers
  return ja.map((number, i) => ({ key: number.key, label: { ja: number.label, en: en[i]?.label ?? number.label }, value: number.value }))
}

/** The id the Paygent provider is registered with (pp_paygent-card_<id>), as the order's payments show it. */
function registrationOf(payments: OrderPaygentPayment[]): string {
  return /^pp_paygent-[a-z]+_(.+)$/.exec(payments[0]?.provider_id ?? "")?.[1] ?? "paygent"
}

/** The ids a payment's ledger rows, notices and manual refunds can be found by. */
export function idsOf(payments: OrderPaygentPayment[]) {
  return {
    medusa: payments.map((p) => p.medusa_payment_id).filter((id): id is string => !!id),
    sessions: payments.map((p) => p.payment_session_id).filter((id): id is string => !!id),
    paygent: payments
      .flatMap((p) => [p.paygent.payment_id, ...(p.paygent.previous_payment_ids ?? [])])
      .filter((id): id is string => !!id),
    trading: payments.map((p) => p.paygent.trading_id).filter((id): id is string => !!id),
  }
}

/**
 * GET /admin/paygent/orders/:id — every Paygent payment attempt of the order, live ones first, then those that
 * ended (expired, cancelled, refunded, declined, replaced) with the reason; manual refunds owed; and the ledger rows
 * of all of them (newest first). An order Medusa cancelled keeps its attempts here.
 */
export async function orderView(container: MedusaContainer, orderId: string, loaded?: OrderWithPaygent) {
  const order = loaded ?? (await loadOrderPaygent(container, orderId))
  const paygent = container.resolve<PaygentModuleService>(PAYGENT_MODULE)
  const ended: EndedAttempt[] = await loadEndedAttempts(container, order)
  const known: Array<OrderPaygentPayment & { deleted?: boolean }> = [...order.payments, ...ended]
  const ids = idsOf(known)
  const telegrams = await paygent.telegramsFor({
    order_ids: [order.id],
    medusa_payment_ids: ids.medusa,
    payment_session_ids: ids.sessions,
    payment_collection_ids: order.payment_collection_ids,
    paygent_payment_ids: ids.paygent,
    trading_ids: ids.trading,
  })
  // Sessions Medusa deleted (the shopper chose again) live on in the ledger only.
  const attempts = [
    ...known,
    ...ledgerOnlyAttempts(telegrams as unknown as LedgerRow[], new Set(ids.sessions), new Set(order.payment_collection_ids), registrationOf(known)),
  ]
  const refundFilters: Record<string, unknown>[] = [{ order_id: order.id }]
  if (ids.medusa.length) {
    refundFilters.push({ medusa_payment_id: ids.medusa })
  }
  if (ids.paygent.length) {
    refundFilters.push({ paygent_payment_id: ids.paygent })
  }
  const manualRefunds = await paygent.listPaygentManualRefunds({ $or: refundFilters } as any, {
    order: { created_at: "DESC" },
    take: 200,
  })
  const now = new Date()
  return {
    order: {
      id: order.id,
      display_id: order.display_id,
      status: order.status,
      email: order.email,
      customer_name: order.customer_name,
      currency_code: order.currency_code,
      total: order.total,
    },
    payments: attempts
      .map((payment) => {
        const state = payment.paygent
        const paygentIds = new Set([state.payment_id, ...(state.previous_payment_ids ?? [])].filter(Boolean))
        const ended = attemptEnd(payment, order.status)
        const amounts = amountsOf(payment, order.total)
        return {
          medusa_payment_id: payment.medusa_payment_id,
          payment_session_id: payment.payment_session_id,
          provider_id: payment.provider_id,
          /** null while the attempt holds money or waits for it; else how it ended. */
          ended,
          method: payment.method,
          method_label: METHOD_LABELS[payment.method],
          payment_id: state.payment_id ?? null,
          trading_id: state.trading_id ?? null,
          previous_payment_ids: state.previous_payment_ids ?? [],
          status: statusView(payment),
          // An attempt that ended holds nothing and is expected to hold nothing: no mismatch to flag.
          ...(ended ? { ...amounts, expected_at_paygent: amounts.amount_at_paygent, mismatch: false, differs_from_order_total: false } : amounts),
          authorized_amount: state.authorized_amount ?? null,
          medusa: {
            amount: payment.amount,
            captured: payment.captured,
            refunded: payment.refunded,
            captured_at: payment.captured_at,
            canceled_at: payment.canceled_at,
            session_status: payment.session_status,
          },
          authorized_at: state.authorized_at ?? null,
          capture_deadline: state.capture_deadline ?? null,
          capture_deadline_passed: deadlinePassed(state.capture_deadline, now),
          refund_deadline: state.refund_deadline ?? null,
          refund_deadline_passed: deadlinePassed(state.refund_deadline, now),
          card: payment.method === "card" ? (state.card ?? null) : null,
          instructions: state.instructions ?? null,
          instruction_numbers: instructionNumbers(state),
          manual_refunds: manualRefunds.filter(
            (row) =>
              (row.medusa_payment_id && row.medusa_payment_id === payment.medusa_payment_id) ||
              (row.paygent_payment_id && paygentIds.has(row.paygent_payment_id))
          ),
          attention: state.attention ?? null,
          last_operation: state.last_operation ?? null,
          last_error: state.last_error ?? null,
          inquired_at: state.inquired_at ?? null,
        }
      })
      // Live attempts first (a stable sort keeps each group in its order).
      .sort((a, b) => Number(!!a.ended) - Number(!!b.ended)),
    manual_refunds: manualRefunds,
    // The ledger's interface names only what the provider reads; the module hands back whole rows.
    telegrams: (telegrams as unknown as StoredTelegram[]).map((row) => ({
      id: row.id,
      telegram_kind: row.telegram_kind,
      operation: row.operation,
      source: row.source,
      outcome: row.outcome,
      response_code: row.response_code,
      response_detail: row.response_detail,
      amount: row.amount,
      paygent_payment_id: row.paygent_payment_id,
      trading_id: row.trading_id,
      medusa_payment_id: row.medusa_payment_id,
      payment_session_id: row.payment_session_id,
      order_id: row.order_id,
      started_at: row.started_at,
      finished_at: row.finished_at,
      duration_ms: row.duration_ms,
      error_message: row.error_message,
      request: row.request,
      response: row.response,
    })),
  }
}

/** What GET /admin/paygent/orders/:id answers (before JSON turns its dates into strings). */
export type OrderView = Awaited<ReturnType<typeof orderView>>

/** What POST /admin/paygent/bulk/{capture,cancel} answers. */
export type BulkAnswer = Awaited<ReturnType<typeof bulk>>

export interface ActionOptions {
  preview: boolean
  actorId?: string
}

/** POST /admin/paygent/orders/:id/capture — 売上 through Medusa's capture, one payment at a time, locked. */
export async function captureOrder(
  container: MedusaContainer,
  orderId: string,
  body: { amount?: number; payment_id?: string },
  options: ActionOptions
) {
  const order = await loadOrderPaygent(container, orderId)
  const plan = planCapture(order, body)
  if (options.preview) {
    return { preview: true, plan }
  }
  if (!plan.allowed && plan.operations.some((op) => op.done)) {
    // Another click, a retry, a bulk run: already captured, answered as such without sending anything.
    return { preview: false, plan, results: [], already_captured: true, ...(await orderView(container, order.id, order)) }
  }
  if (!plan.allowed) {
    throw refused(plan.refusal!)
  }
  const results: OperationResult[] = []
  let firstError: unknown
  for (const op of plan.operations) {
    if (!["capture", "capture_partial", "record_only"].includes(op.action) || !op.medusa_payment_id) {
      continue
    }
    try {
      await withLedgerContext({ order_id: order.id, medusa_payment_id: op.medusa_payment_id }, () =>
        capturePaygentPaymentWorkflow(container).run({
          input: {
            payment_id: op.medusa_payment_id!,
            // A full capture lets Medusa take the payment's amount; a partial one, or recording what Paygent
            // already captured, names the amount.
            ...(op.action === "capture" ? {} : { amount: op.amount }),
            captured_by: options.actorId,
          },
        })
      )
      results.push({ medusa_payment_id: op.medusa_payment_id, action: op.action, ok: true })
    } catch (error) {
      firstError ??= error
      results.push({ medusa_payment_id: op.medusa_payment_id, action: op.action, ok: false, error: (error as Error).message })
    }
  }
  if (firstError && !results.some((r) => r.ok)) {
    throw firstError
  }
  return { preview: false, plan, results, ...(await orderView(container, order.id)) }
}

/** POST /admin/paygent/orders/:id/cancel — 取消 of the order: 021 / 023 / manual refund owed, then Medusa's cancel. */
export async function cancelOrder(container: MedusaContainer, orderId: string, options: ActionOptions) {
  const order = await loadOrderPaygent(container, orderId)
  const plan = planCancel(order)
  if (options.preview) {
    return { preview: true, plan }
  }
  if (!plan.allowed) {
    throw refused(plan.refusal!)
  }
  await withLedgerContext({ order_id: order.id }, () =>
    cancelPaygentOrderWorkflow(container).run({
      input: { order_id: order.id, canceled_by: options.actorId, lock_owner: `paygent-cancel:${randomUUID()}` },
    })
  )
  await linkManualRefundsToOrder(container, order.id)
  return { preview: false, plan, ...(await orderView(container, order.id)) }
}

/** POST /admin/paygent/orders/:id/refresh — 094 for each Paygent payment; Medusa's copy is updated. */
export async function refreshOrder(container: MedusaContainer, orderId: string, options: ActionOptions) {
  const order = await loadOrderPaygent(container, orderId)
  if (options.preview) {
    return {
      preview: true,
      plan: {
        order_id: order.id,
        operation: "refresh",
        allowed: true,
        operations: order.payments.map((p) => ({
          medusa_payment_id: p.medusa_payment_id,
          payment_session_id: p.payment_session_id,
          payment_id: p.paygent.payment_id ?? null,
          method: p.method,
          action: p.paygent.payment_id ? "inquiry" : "nothing",
          telegram: p.paygent.payment_id ? "094" : null,
          notes: [
            {
              ja: "決済情報照会（094）は照会のみで、お金は動きません。",
              en: "The payment inquiry (094) only reads; no money moves.",
            },
          ],
        })),
      },
    }
  }
  const { result } = await withLedgerContext({ order_id: order.id }, () =>
    refreshPaygentOrderWorkflow(container).run({ input: { order_id: order.id, lock_owner: `paygent-refresh:${randomUUID()}` } })
  )
  return { preview: false, refreshed: result, ...(await orderView(container, order.id)) }
}

/** Bulk capture / cancel: one result per order, an order's failure does not stop the others. */
/** One operation of an order's plan, as it went. */
export interface OperationResult {
  medusa_payment_id: string
  action: string
  ok: boolean
  error?: string
}

/** One order of a bulk capture / cancel: its plan (preview), or how it went and where its payments stand. */
export interface BulkOrderResult {
  order_id: string
  ok: boolean
  error?: string
  plan?: OperationPlan
  results?: OperationResult[]
  order_status?: string
  payments?: Array<Pick<OrderView["payments"][number], "medusa_payment_id" | "payment_id" | "status" | "amount_at_paygent" | "manual_refunds_owed">>
}

export async function bulk(
  container: MedusaContainer,
  orderIds: string[],
  operation: "capture" | "cancel",
  options: ActionOptions
) {
  const results: BulkOrderResult[] = []
  for (const orderId of [...new Set(orderIds)]) {
    try {
      if (options.preview) {
        const order = await loadOrderPaygent(container, orderId)
        results.push({ order_id: orderId, ok: true, plan: operation === "capture" ? planCapture(order) : planCancel(order) })
        continue
      }
      const done =
        operation === "capture"
          ? await captureOrder(container, orderId, {}, options)
          : await cancelOrder(container, orderId, options)
      const view = done as unknown as OrderView & { results?: OperationResult[] }
      results.push({
        order_id: orderId,
        ok: !(view.results ?? []).some((r) => !r.ok),
        ...(view.results ? { results: view.results } : {}),
        order_status: view.order?.status,
        payments: (view.payments ?? []).map((p) => ({
          medusa_payment_id: p.medusa_payment_id,
          payment_id: p.payment_id,
          status: p.status,
          amount_at_paygent: p.amount_at_paygent,
          manual_refunds_owed: p.manual_refunds_owed,
        })),
      })
    } catch (error) {
      results.push({ order_id: orderId, ok: false, error: (error as Error).message })
    }
  }
  return {
    preview: options.preview,
    operation,
    summary: {
      orders: results.length,
      succeeded: results.filter((r) => r.ok).length,
      failed: results.filter((r) => !r.ok).length,
    },
    results,
  }
}
