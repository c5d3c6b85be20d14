import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { IOrderModuleService, MedusaContainer } from "@medusajs/framework/types"
import { type CardHoldingStatus, isAuthorized, isCardClosed, isCardHolding, isPastRefundDeadline, PAYMENT_TYPE, statusLabel } from "../paygent"
import { bilingual, Bilingual } from "../providers/paygent/core/errors"
import type { PaygentState } from "../providers/paygent/core/session-data"
import { accountingTotal, METHOD_LABELS, paygentMethodOf } from "../operations/order-payments"
import { AMOUNT_CHANGE_MESSAGES as M } from "./messages"

/** A change the plugin sent but whose new Paygent payment id is not known yet (the answer was lost, §5.3). */
export interface PendingAmountChange {
  telegram: "028" | "029"
  base_payment_id: string
  amount: number
  requested_at: string
}

/**
 * `data.paygent` of a Medusa payment, with what the amount change keeps there. Medusa merges JSON columns on update
 * (mergeObjectProperties), so a key is cleared by writing null, not by leaving it out.
 */
export type AmountChangeState = Omit<PaygentState, "attention"> & {
  attention?: PaygentState["attention"] | null
  change_pending?: PendingAmountChange | null
  /** Set once a 3-D Secure payment was changed: the new payment has no liability shift. */
  three_ds_liability_lost?: boolean
}

export interface PictureSession {
  id: string
  provider_id: string
  status: string
  amount: number
  data: Record<string, unknown>
}

export interface PicturePayment {
  id: string
  provider_id: string
  amount: number
  canceled_at: string | null
  captured_at: string | null
  payment_session_id: string | null
  data: Record<string, unknown>
  captured: number
  refunded: number
}

export interface PictureCollection {
  id: string
  status: string
  amount: number
  payments: PicturePayment[]
  sessions: PictureSession[]
}

/** An order's payments as the amount change looks at them. */
export interface OrderPaymentPicture {
  order_id: string
  currency_code: string
  /** The order's current total. */
  total: number
  /**
   * What the order is worth in Medusa's accounting (order.summary: transactions + the outstanding difference). Unlike
   * `total`, it leaves out items whose return was requested: what an exchange, claim or return settles to.
   */
  accounting_total?: number
  canceled: boolean
  collections: PictureCollection[]
}

export interface AmountChangeNote {
  code: string
  message: Bilingual
}

/** What a change of the Paygent card amount will do (or did). */
export interface PaygentCardPlan {
  order_id: string
  /** Medusa's payment (and the lock key of the change). */
  payment_id: string
  payment_collection_id: string
  payment_session_id: string | null
  paygent_payment_id: string
  trading_id: string
  /** 20 authorized, 40 captured, 41 captured past the sales-cancel deadline (no 029: a manual refund is owed). */
  paygent_status: CardHoldingStatus
  /** What Paygent holds now. */
  current_amount: number
  /** What Paygent will hold. */
  new_amount: number
  /** The order total the change is for. */
  order_total: number
  /** cancel_authorization (021) only for a change to 0 of an authorized payment (a return of everything). */
  action: "none" | "change_authorization" | "change_sales" | "cancel_authorization"
  /** 023 for a change to 0 of a captured payment (sales cancel: the whole sale returned). */
  telegram: "021" | "023" | "028" | "029" | null
  three_ds: boolean
  notes: AmountChangeNote[]
}

/** An order edit of a Paygent card order: the Paygent change plus what Medusa must collect on top. */
export interface OrderEditPlan extends PaygentCardPlan {
  /** The order total before the edit. */
  previous_total: number
  /** Amount of the payment collection for the part of the new total Paygent cannot hold (0 = none). */
  difference: number
  /** An unpaid collection of an earlier increase, to be resized (or canceled when `difference` is 0). */
  open_collection_id: string | null
  open_collection_amount: number
  message: Bilingual
}

/** allowZero: an order change may take the whole amount away (a return of everything): 021 / 023 instead of a refusal. */
export interface CardPlanOptions {
  allowZero?: boolean
}

export type Planned<T> = { allowed: true; plan: T } | { allowed: false; code: string; message: Bilingual }

const OPEN_COLLECTION = ["not_paid", "awaiting"]

export function isPaygentCardProvider(providerId: string): boolean {
  return paygentMethodOf(providerId) === "card"
}

/** Konbini, ATM (Pay-easy) or net bank: paid by the shopper with numbers issued for one amount. */
function asyncMethodLabel(providerId: string): Bilingual | undefined {
  const method = paygentMethodOf(providerId)
  return method && method !== "card" ? METHOD_LABELS[method] : undefined
}

export function stateOfPayment(payment: { data: Record<string, unknown> }): AmountChangeState | undefined {
  const state = payment.data?.paygent
  return state && typeof state === "object" ? (state as AmountChangeState) : undefined
}

function refuse<T>(code: string, message: Bilingual): Planned<T> {
  return { allowed: false, code, message }
}

/** Turns a refusal into the error the admin API answers with (400 not_allowed, both languages). */
export function refusalError(refusal: { code: string; message: Bilingual }): MedusaError {
  return new MedusaError(MedusaError.Types.NOT_ALLOWED, bilingual(refusal.message), refusal.code)
}

export function unwrap<T>(planned: Planned<T>): T {
  if (!planned.allowed) {
    throw refusalError(planned)
  }
  return planned.plan
}

export type Located =
  | { kind: "none" }
  | { kind: "several" }
  | { kind: "card"; collection: PictureCollection; payment: PicturePayment; state: AmountChangeState }
  | {
      kind: "async"
      label: Bilingual
      paid: boolean
      amount: number
      collection: PictureCollection
    }

/** The order's Paygent payment, if it has exactly one that is still alive. */
export function locatePaygentPayment(picture: OrderPaymentPicture): Located {
  const live = picture.collections.filter((c) => c.status !== "canceled")
  const payments = live.flatMap((c) => c.payments.filter((p) => !p.canceled_at).map((p) => ({ c, p })))
  const cards = payments.filter(({ p }) => isPaygentCardProvider(p.provider_id))
  if (cards.length > 1 || (cards.length === 1 && payments.length > 1)) {
    return { kind: "several" }
  }
  if (cards.length === 1) {
    const { c, p } = cards[0]
    const state = stateOfPayment(p)
    return state ? { kind: "card", collection: c, payment: p, state } : { kind: "none" }
  }
  for (const c of live) {
    const paid = c.payments.find((p) => !p.canceled_at && asyncMethodLabel(p.provider_id))
    if (paid) {
      return { kind: "async", label: asyncMethodLabel(paid.provider_id)!, paid: true, amount: paid.amount, collection: c }
    }
    const waiting = c.sessions.find((s) => asyncMethodLabel(s.provider_id) && s.status === "pending_authorization")
    if (waiting) {
      return { kind: "async", label: asyncMethodLabel(waiting.provider_id)!, paid: false, amount: waiting.amount, collection: c }
    }
  }
  return { kind: "none" }
}

/** The part every plan shares: the Paygent card payment and what a change to `target` yen sends. */
function cardPlan(
  picture: OrderPaymentPicture,
  located: Extract<Located, { kind: "card" }>,
  target: number,
  orderTotal: number,
  options: CardPlanOptions = {}
): Planned<PaygentCardPlan> {
  const { payment, collection, state } = located
  if (state.change_pending) {
    return refuse("paygent_change_pending", M.changePending(state.trading_id ?? "", state.change_pending.amount))
  }
  const status = state.payment_status ?? ""
  if (!isCardHolding(status)) {
    return refuse("paygent_status", M.statusRefused(status || "?", statusLabel(PAYMENT_TYPE.CARD, status)))
  }
  if (state.zero_amount || !state.payment_id || !state.trading_id) {
    return refuse("paygent_status", M.statusRefused(status))
  }
  const current = Number(state.amount)
  if (target < 0 || (target === 0 && !options.allowZero)) {
    return refuse("paygent_zero_amount", M.zeroAmount)
  }
  if (target > current) {
    return refuse("paygent_cannot_increase", M.cannotIncrease(current, target))
  }
  const captured = !isAuthorized(status)
  // Past the sales-cancel deadline (41) Paygent refuses 029: the difference becomes a manual refund owed.
  const pastDeadline = isPastRefundDeadline(status)
  const changes = target < current
  const threeDs = state.threeds?.state === "authenticated" && !state.three_ds_liability_lost && !pastDeadline
  const notes: AmountChangeNote[] = []
  // Nothing is left to hold: the authorization is cancelled (021) or the whole sale returned (023), no new payment id.
  const toZero = changes && target === 0 && !pastDeadline
  if (changes && pastDeadline) {
    notes.push({ code: "manual_refund", message: M.refundDeadlinePassed(current - target) })
  } else if (toZero) {
    notes.push(
      captured
        ? { code: "sales_cancel", message: M.salesCancelAll(current) }
        : { code: "cancel_authorization", message: M.cancelAuthorizationAll(current) }
    )
  } else if (changes) {
    notes.push(
      captured
        ? { code: "change_sales", message: M.changeSales(current, target) }
        : { code: "change_authorization", message: M.changeAuthorization(current, target) },
      { code: "new_payment_id", message: M.newPaymentId }
    )
    if (threeDs) {
      notes.push({ code: "three_ds_liability_lost", message: M.threeDsLiabilityLost })
    }
  } else {
    notes.push({ code: "no_change", message: M.noChange(current) })
  }
  if (changes && target < orderTotal) {
    notes.push({ code: "below_order_total", message: M.belowOrderTotal(target, orderTotal) })
  }
  return {
    allowed: true,
    plan: {
      order_id: picture.order_id,
      payment_id: payment.id,
      payment_collection_id: collection.id,
      payment_session_id: payment.payment_session_id,
      paygent_payment_id: state.payment_id,
      trading_id: state.trading_id,
      paygent_status: status,
      current_amount: current,
      new_amount: target,
      order_total: orderTotal,
      action: !changes ? "none" : captured ? "change_sales" : toZero ? "cancel_authorization" : "change_authorization",
      telegram: !changes || pastDeadline ? null : toZero ? (captured ? "023" : "021") : captured ? "029" : "028",
      three_ds: threeDs,
      notes,
    },
  }
}

/**
 * The change-amount action: bring the Paygent card amount down to `amount` (default: the order's total).
 * Konbini, ATM and net bank are refused; so is any increase.
 */
export function planChangeAmount(picture: OrderPaymentPicture, amount?: number): Planned<PaygentCardPlan> {
  if (amount !== undefined && (!Number.isInteger(amount) || amount < 0)) {
    return refuse("invalid_amount", { ja: "金額は0以上の整数円で指定してください。", en: "amount must be a whole number of yen." })
  }
  const located = locatePaygentPayment(picture)
  switch (located.kind) {
    case "several":
      return refuse("paygent_several_payments", M.severalPayments)
    case "async":
      return refuse(
        "paygent_async_method",
        located.paid ? M.asyncMethodPaid(located.label) : M.asyncMethodRefused(located.label, located.amount)
      )
    case "none":
      return refuse("paygent_no_card_payment", M.notCard)
  }
  return cardPlan(picture, located, amount ?? picture.total, picture.total)
}

/** How the admin's order-edit confirmation must go for this order. */
export type OrderEditRoute =
  | { route: "core" }
  | { route: "refuse"; code: string; message: Bilingual }
  | { route: "paygent" }

/**
 * Decides, before anything runs, who confirms an order edit: Medusa's own route (no Paygent payment, a card payment
 * Paygent no longer holds, a paid konbini / ATM / net-bank payment, or an unpaid one whose total does not change),
 * this plugin (a live Paygent card payment: Medusa would cancel its authorization), or nobody (an unpaid konbini /
 * ATM / net-bank order whose total changes: the shopper holds numbers for the old amount).
 */
export function routeOrderEdit(picture: OrderPaymentPicture, newTotal: number): OrderEditRoute {
  const located = locatePaygentPayment(picture)
  switch (located.kind) {
    case "card":
      // A card payment Paygent no longer holds (cancelled, expired, declined): nothing to keep, Medusa's way is right.
      return isCardClosed(located.state.payment_status) ? { route: "core" } : { route: "paygent" }
    case "several":
      // A Paygent card payment among several live payments: Medusa would cancel its authorization too.
      return { route: "refuse", code: "paygent_several_payments", message: M.severalPayments }
    case "async":
      if (!located.paid && newTotal !== located.amount) {
        return { route: "refuse", code: "paygent_async_method", message: M.asyncMethodRefused(located.label, located.amount) }
      }
      return { route: "core" }
    default:
      return { route: "core" }
  }
}

/**
 * An order edit of a Paygent card order to `newTotal`: a lower total lowers Paygent's amount (028 / 029); a
 * higher one keeps the payment and leaves the rest to a payment collection for the difference.
 */
export function planOrderEdit(picture: OrderPaymentPicture, newTotal: number, options: CardPlanOptions = {}): Planned<OrderEditPlan> {
  const located = locatePaygentPayment(picture)
  if (located.kind === "several") {
    return refuse("paygent_several_payments", M.severalPayments)
  }
  if (located.kind !== "card") {
    return refuse("paygent_no_card_payment", M.notCard)
  }
  const current = Number(located.state.amount)
  const planned = cardPlan(picture, located, Math.min(newTotal, current), newTotal, options)
  if (!planned.allowed) {
    return planned
  }
  const plan = planned.plan
  const owed = differenceFor(picture, plan.payment_collection_id, current, newTotal)
  const notes = [...plan.notes.filter((n) => n.code !== "no_change" && n.code !== "below_order_total"), ...owed.notes]
  const message =
    owed.difference > 0 ? owed.notes[0].message : plan.action === "none" ? M.orderEditSameTotal(newTotal) : notes[0].message
  return {
    allowed: true,
    plan: {
      ...plan,
      notes,
      previous_total: picture.total,
      difference: owed.difference,
      open_collection_id: owed.open_collection_id,
      open_collection_amount: owed.open_collection_amount,
      message,
    },
  }
}

/**
 * What a new total asks of the order beyond what its Paygent payment holds: the difference (a payment collection of
 * its own), and the unpaid collection of an earlier increase to resize or close, with the notes saying so.
 */
export function differenceFor(picture: OrderPaymentPicture, paymentCollectionId: string, held: number, newTotal: number) {
  const difference = Math.max(newTotal - held, 0)
  const open = picture.collections.find(
    (c) => c.id !== paymentCollectionId && OPEN_COLLECTION.includes(c.status) && c.payments.length === 0
  )
  const notes: AmountChangeNote[] = []
  if (difference > 0) {
    notes.push({ code: "difference_collection", message: M.orderEditIncrease(held, newTotal, difference) })
  }
  if (open && difference === 0) {
    notes.push({ code: "difference_collection_closed", message: M.differenceCollectionClosed })
  }
  return { difference, open_collection_id: open?.id ?? null, open_collection_amount: open ? Number(open.amount) : 0, notes }
}

const PICTURE_FIELDS = [
  "id",
  "currency_code",
  "total",
  "summary",
  "status",
  "canceled_at",
  "payment_collections.id",
  "payment_collections.status",
  "payment_collections.amount",
  "payment_collections.payments.id",
  "payment_collections.payments.provider_id",
  "payment_collections.payments.amount",
  "payment_collections.payments.canceled_at",
  "payment_collections.payments.captured_at",
  "payment_collections.payments.payment_session_id",
  "payment_collections.payments.data",
  "payment_collections.payments.captures.amount",
  "payment_collections.payments.refunds.amount",
  "payment_collections.payment_sessions.id",
  "payment_collections.payment_sessions.provider_id",
  "payment_collections.payment_sessions.status",
  "payment_collections.payment_sessions.amount",
  "payment_collections.payment_sessions.data",
]

const sum = (rows: Array<{ amount: unknown }> | undefined) => (rows ?? []).reduce((total, row) => total + Number(row.amount), 0)

/** Reads an order's payments (Query), as the plans above look at them. */
export async function loadOrderPaymentPicture(container: MedusaContainer, orderId: string): Promise<OrderPaymentPicture> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: PICTURE_FIELDS, filters: { id: orderId } })
  const order = data[0] as any
  if (!order) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id: ${orderId} was not found`)
  }
  return {
    order_id: order.id,
    currency_code: order.currency_code,
    total: Number(order.total),
    ...(order.summary ? { accounting_total: accountingTotal(order.summary) } : {}),
    canceled: !!order.canceled_at || order.status === "canceled",
    collections: (order.payment_collections ?? []).filter(Boolean).map((c: any) => ({
      id: c.id,
      status: c.status,
      amount: Number(c.amount),
      payments: (c.payments ?? []).map((p: any) => ({
        id: p.id,
        provider_id: p.provider_id,
        amount: Number(p.amount),
        canceled_at: p.canceled_at ?? null,
        captured_at: p.captured_at ?? null,
        payment_session_id: p.payment_session_id ?? null,
        data: p.data ?? {},
        captured: sum(p.captures),
        refunded: sum(p.refunds),
      })),
      sessions: (c.payment_sessions ?? []).map((s: any) => ({
        id: s.id,
        provider_id: s.provider_id,
        status: s.status,
        amount: Number(s.amount),
        data: s.data ?? {},
      })),
    })),
  }
}

/** The total of the order once its pending order change (edit) is confirmed. */
export async function previewTotal(container: MedusaContainer, orderId: string): Promise<number> {
  const orderModule = container.resolve<IOrderModuleService>(Modules.ORDER)
  const preview = await orderModule.previewOrderChange(orderId)
  return Number(preview.total)
}
