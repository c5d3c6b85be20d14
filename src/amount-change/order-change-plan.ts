import type { Bilingual } from "../providers/paygent/core/errors"
import { paygentMethodOf } from "../operations/order-payments"
import type { PaygentMethod } from "../paygent/methods"
import { AMOUNT_CHANGE_MESSAGES as M } from "./messages"
import { ORDER_CHANGE_MESSAGES as OC } from "./order-change-messages"
import {
  AmountChangeNote,
  differenceFor,
  locatePaygentPayment,
  OrderEditPlan,
  OrderPaymentPicture,
  Planned,
  planOrderEdit,
} from "./plan"
import { isCardClosed, isCardHolding } from "../paygent"

/**
 * Medusa's order changes besides order edits whose confirmation rebuilds the order's payment collection (and so
 * would void a card authorization, 021): an exchange, a claim, a return request and a return's receipt.
 */
export type OrderChangeKind = "exchange" | "claim" | "return_request" | "return_receive"

/** How a change's confirmation must go: Medusa's own route, refused with the reason, or the plugin's confirmation. */
export type OrderChangeRoute = { route: "core" } | { route: "refuse"; code: string; message: Bilingual } | { route: "paygent" }

/** What the plugin's confirmation of an order change does about the Paygent payment. */
export interface OrderChangePlan {
  kind: OrderChangeKind
  order_id: string
  method: PaygentMethod
  /** Medusa's payment whose lock the settlement holds (null: a konbini / ATM / net-bank order not paid yet). */
  payment_id: string | null
  /** What the order was worth before and after the change (Medusa's accounting, order.summary). */
  previous_total: number
  new_total: number
  /** What the Paygent payment holds (card: Paygent's amount; konbini & co.: what was paid, less refunds). */
  held: number
  /**
   * none: nothing to do (or settled at the return's receipt);
   * change_authorization (028), change_sales (029, or 023 when nothing is left; manual refund past the deadline),
   * cancel_authorization (021, nothing is left to pay), manual_refund (a paid konbini / ATM / net-bank payment:
   * Medusa's refund, owed by hand), and / or a payment collection for the part the Paygent payment cannot hold.
   */
  action: "none" | "change_authorization" | "change_sales" | "cancel_authorization" | "manual_refund" | "collect_difference"
  /** The card change (028 / 029 / 023 / 021) when the payment is a card. */
  card: OrderEditPlan | null
  /** Yen returned through Medusa's refund (a manual refund owed for konbini, ATM and net bank). */
  refund: number
  /** Amount of the payment collection for what is owed on top (0 = none). */
  difference: number
  /** An unpaid collection of an earlier increase, to be resized (or canceled when `difference` is 0). */
  open_collection_id: string | null
  open_collection_amount: number
  message: Bilingual
  notes: AmountChangeNote[]
}


function refuse(code: string, message: Bilingual): { allowed: false; code: string; message: Bilingual } {
  return { allowed: false, code, message }
}

/** Ids of the order's Paygent payment (the lock of the settlement), before anything changes. */
export function settlementPaymentOf(picture: OrderPaymentPicture): { payment_id: string | null; session_id: string | null } {
  const located = locatePaygentPayment(picture)
  if (located.kind === "card") {
    return { payment_id: located.payment.id, session_id: located.payment.payment_session_id }
  }
  if (located.kind === "async") {
    const payment = located.collection.payments.find((p) => !p.canceled_at && paygentMethodOf(p.provider_id))
    const session = located.collection.sessions.find((s) => paygentMethodOf(s.provider_id))
    return { payment_id: payment?.id ?? null, session_id: payment?.payment_session_id ?? session?.id ?? null }
  }
  return { payment_id: null, session_id: null }
}

/**
 * Decides, before anything runs, who confirms an exchange, claim or return: Medusa's own route when no Paygent
 * payment is at stake (none, or a card payment Paygent no longer holds), nobody when the shopper holds payment numbers
 * for an amount the change would alter (an unpaid konbini / ATM / net-bank order) or when several payments share the
 * order, and this plugin otherwise (Medusa would cancel a card authorization, or leave a paid order's money unsettled).
 * `estimatedTotal` is what the order will be worth once the change is confirmed.
 */
export function routeOrderChange(picture: OrderPaymentPicture, estimatedTotal: number): OrderChangeRoute {
  const located = locatePaygentPayment(picture)
  switch (located.kind) {
    case "card": {
      const status = located.state.payment_status ?? ""
      if (isCardClosed(status)) {
        return { route: "core" }
      }
      if (located.state.change_pending) {
        const pending = located.state.change_pending
        const message = M.changePending(located.state.trading_id ?? "", pending.amount)
        return { route: "refuse", code: "paygent_change_pending", message }
      }
      if (!isCardHolding(status)) {
        return { route: "refuse", code: "paygent_status", message: M.statusRefused(status || "?") }
      }
      return { route: "paygent" }
    }
    case "several":
      return { route: "refuse", code: "paygent_several_payments", message: OC.severalPayments }
    case "async":
      if (!located.paid) {
        return estimatedTotal === located.amount
          ? { route: "core" }
          : { route: "refuse", code: "paygent_async_unpaid", message: OC.asyncUnpaid(located.label, located.amount) }
      }
      return { route: "paygent" }
    default:
      return { route: "core" }
  }
}

/**
 * What the confirmation of an order change settles, from the order as it is once the change is confirmed
 * (`picture.accounting_total` is the new total) and the total before it:
 * - card authorized: 028 down to the new total, 021 when nothing is left, the authorization kept and a payment
 *   collection for the difference when the total rises (Paygent cannot raise an amount);
 * - card captured: 029 down (recorded as a refund), 023 when nothing is left, a manual refund owed past the
 *   sales-cancel deadline; a collection for the difference when it rises;
 * - konbini / ATM / net bank paid: Medusa's refund of the difference (Paygent cannot refund: a manual refund owed),
 *   or a collection for the difference;
 * - a return request settles nothing: the goods are not back yet, the payment is settled when the return is received.
 */
export function planOrderChange(
  picture: OrderPaymentPicture,
  kind: OrderChangeKind,
  previousTotal: number
): Planned<OrderChangePlan> {
  const newTotal = picture.accounting_total ?? picture.total
  const located = locatePaygentPayment(picture)
  const common = { kind, order_id: picture.order_id, previous_total: previousTotal, new_total: newTotal }
  if (located.kind === "several") {
    return refuse("paygent_several_payments", OC.severalPayments)
  }
  if (located.kind === "card") {
    const held = Number(located.state.amount)
    if (kind === "return_request") {
      return { allowed: true, plan: deferred(common, "card", located.payment.id, held) }
    }
    const planned = planOrderEdit(picture, newTotal, { allowZero: true })
    if (!planned.allowed) {
      return planned
    }
    const card = planned.plan
    const action = card.difference > 0 ? "collect_difference" : card.action
    return {
      allowed: true,
      plan: {
        ...common,
        method: "card",
        payment_id: card.payment_id,
        held,
        action,
        card,
        refund: 0,
        difference: card.difference,
        open_collection_id: card.open_collection_id,
        open_collection_amount: card.open_collection_amount,
        message: card.action === "none" && card.difference === 0 ? OC.unchanged(newTotal) : card.message,
        notes: card.notes,
      },
    }
  }
  if (located.kind === "async") {
    const method = paygentMethodOf(
      located.collection.payments[0]?.provider_id ?? located.collection.sessions[0]?.provider_id
    ) as PaygentMethod
    if (!located.paid) {
      // Paygent bills exactly the amount of the numbers the shopper holds.
      if (newTotal !== located.amount) {
        return refuse("paygent_async_unpaid", OC.asyncUnpaid(located.label, located.amount))
      }
      return { allowed: true, plan: { ...deferred(common, method, null, 0), message: OC.unchanged(newTotal) } }
    }
    const payment = located.collection.payments.find((p) => !p.canceled_at && paygentMethodOf(p.provider_id))!
    const held = payment.captured - payment.refunded
    if (kind === "return_request") {
      return { allowed: true, plan: deferred(common, method, payment.id, held) }
    }
    const refund = Math.max(held - newTotal, 0)
    const owed = differenceFor(picture, located.collection.id, held, newTotal)
    const notes: AmountChangeNote[] = refund > 0 ? [{ code: "manual_refund", message: OC.asyncRefund(located.label, refund) }] : []
    notes.push(...owed.notes)
    const message = notes.find((n) => n.code !== "difference_collection_closed")?.message ?? OC.unchanged(newTotal)
    return {
      allowed: true,
      plan: {
        ...common,
        method,
        payment_id: payment.id,
        held,
        action: refund > 0 ? "manual_refund" : owed.difference > 0 ? "collect_difference" : "none",
        card: null,
        refund,
        difference: owed.difference,
        open_collection_id: owed.open_collection_id,
        open_collection_amount: owed.open_collection_amount,
        message,
        notes,
      },
    }
  }
  return refuse("paygent_no_payment", OC.noPaygentPayment)
}

/** A return request: nothing is settled before the goods are back. */
function deferred(
  common: Pick<OrderChangePlan, "kind" | "order_id" | "previous_total" | "new_total">,
  method: PaygentMethod,
  paymentId: string | null,
  held: number
): OrderChangePlan {
  const message = OC.settledOnReceipt(held)
  return {
    ...common,
    method,
    payment_id: paymentId,
    held,
    action: "none",
    card: null,
    refund: 0,
    difference: 0,
    open_collection_id: null,
    open_collection_amount: 0,
    message,
    notes: [{ code: "settled_on_receipt", message }],
  }
}
