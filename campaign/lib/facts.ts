/**
 * Medusa's side of an order, read from the database (orders, payment collections, sessions, payments with their
 * captures and refunds), and the checks that compare it with what the simulator ("Paygent") holds.
 */
import type { PaymentView, Simulator } from "../../src/simulator"
import type { Db } from "./db"

export interface SessionFacts {
  id: string
  status: string
  provider_id: string
  amount: number
  state: any
}

export interface PaymentFacts {
  id: string
  session_id: string | null
  provider_id: string
  amount: number
  captured_at: string | null
  canceled_at: string | null
  state: any
  captures: number
  captured: number
  refunds: number
  refunded: number
}

export interface OrderFacts {
  id: string
  status: string
  /** Medusa's order transactions (what the order summary counts as paid / refunded). */
  transactions: { captured: number; refunded: number }
  collections: Array<{ id: string; status: string }>
  sessions: SessionFacts[]
  payments: PaymentFacts[]
}

/** Medusa's records of these orders (deleted rows left out). */
export async function orderFacts(db: Db, orderIds: string[]): Promise<Map<string, OrderFacts>> {
  const out = new Map<string, OrderFacts>()
  if (!orderIds.length) {
    return out
  }
  const orders = await db.query(`select id, status from "order" where id = any($1) and deleted_at is null`, [orderIds])
  for (const o of orders) {
    out.set(o.id, { id: o.id, status: o.status, transactions: { captured: 0, refunded: 0 }, collections: [], sessions: [], payments: [] })
  }
  const transactions = await db.query(
    `select order_id, reference, coalesce(sum(amount), 0) as amount from order_transaction
      where order_id = any($1) and deleted_at is null group by 1, 2`,
    [orderIds]
  )
  for (const t of transactions) {
    const facts = out.get(t.order_id)
    if (facts && t.reference === "capture") facts.transactions.captured += Number(t.amount)
    if (facts && t.reference === "refund") facts.transactions.refunded -= Number(t.amount)
  }
  const collections = await db.query(
    `select opc.order_id, pc.id, pc.status from order_payment_collection opc
       join payment_collection pc on pc.id = opc.payment_collection_id and pc.deleted_at is null
      where opc.order_id = any($1) and opc.deleted_at is null`,
    [orderIds]
  )
  const orderOfCollection = new Map<string, string>()
  for (const c of collections) {
    orderOfCollection.set(c.id, c.order_id)
    out.get(c.order_id)?.collections.push({ id: c.id, status: c.status })
  }
  const collectionIds = [...orderOfCollection.keys()]
  const sessions = await db.query(
    `select id, payment_collection_id, status, provider_id, amount, data->'paygent' as state
       from payment_session where payment_collection_id = any($1) and deleted_at is null order by created_at`,
    [collectionIds]
  )
  for (const s of sessions) {
    out.get(orderOfCollection.get(s.payment_collection_id)!)?.sessions.push({
      id: s.id,
      status: s.status,
      provider_id: s.provider_id,
      amount: Number(s.amount),
      state: s.state,
    })
  }
  const payments = await db.query(
    `select p.id, p.payment_collection_id, p.payment_session_id, p.provider_id, p.amount, p.captured_at, p.canceled_at,
            p.data->'paygent' as state,
            (select count(*) from capture c where c.payment_id = p.id and c.deleted_at is null)::int as captures,
            (select coalesce(sum(c.amount), 0) from capture c where c.payment_id = p.id and c.deleted_at is null) as captured,
            (select count(*) from refund r where r.payment_id = p.id and r.deleted_at is null)::int as refunds,
            (select coalesce(sum(r.amount), 0) from refund r where r.payment_id = p.id and r.deleted_at is null) as refunded
       from payment p where p.payment_collection_id = any($1) and p.deleted_at is null order by p.created_at`,
    [collectionIds]
  )
  for (const p of payments) {
    out.get(orderOfCollection.get(p.payment_collection_id)!)?.payments.push({
      id: p.id,
      session_id: p.payment_session_id,
      provider_id: p.provider_id,
      amount: Number(p.amount),
      captured_at: p.captured_at,
      canceled_at: p.canceled_at,
      state: p.state,
      captures: p.captures,
      captured: Number(p.captured),
      refunds: p.refunds,
      refunded: Number(p.refunded),
    })
  }
  return out
}

/** Medusa's order transactions must add up to its payments' captures and refunds (the order summary's paid total). */
export function transactionDisagreements(order: OrderFacts): string[] {
  const captured = order.payments.reduce((sum, p) => sum + p.captured, 0)
  const refunded = order.payments.reduce((sum, p) => sum + p.refunded, 0)
  const problems: string[] = []
  if (order.transactions.captured !== captured) {
    problems.push(`order transactions count ${order.transactions.captured} captured, the payments ${captured}`)
  }
  if (order.transactions.refunded !== refunded) {
    problems.push(`order transactions count ${order.transactions.refunded} refunded, the payments ${refunded}`)
  }
  return problems
}

/** The trading_id's session part (every attempt of one payment session shares it). */
export function sessionPart(tradingId: string | undefined | null): string {
  return String(tradingId ?? "").split("_")[0]
}

/** Simulator payments grouped by the session part of their trading_id. */
export function paygentBySession(sim: Simulator): Map<string, PaymentView[]> {
  const groups = new Map<string, PaymentView[]>()
  for (const payment of sim.control.listPayments()) {
    const key = sessionPart(payment.trading_id)
    const list = groups.get(key) ?? []
    list.push(payment)
    groups.set(key, list)
  }
  return groups
}

const LIVE_CARD = new Set(["20", "40"])

/**
 * Does Medusa's card order agree with Paygent? Returns what disagrees (empty when all agrees):
 * - the Medusa payment's `data.paygent` names a payment Paygent has, with the same status and amount;
 * - Medusa's money follows that status (20: nothing captured; 40: captured − refunded = Paygent's amount, captured
 *   once; 32: voided, nothing captured; 60: everything refunded);
 * - Paygent holds at most one live card payment (20 / 40) for the checkout, and it is the one Medusa knows
 *   (no duplicate authorization, no capture Medusa lost).
 */
export function cardDisagreements(order: OrderFacts, bySession: Map<string, PaymentView[]>): string[] {
  const problems: string[] = []
  const cardPayments = order.payments.filter((p) => p.provider_id.includes("paygent-card"))
  const sessions = order.sessions.filter((s) => s.provider_id.includes("paygent-card"))
  const live = sessions.flatMap((s) => (bySession.get(sessionPart(s.state?.trading_id)) ?? []).filter((p) => LIVE_CARD.has(p.payment_status)))
  if (cardPayments.length !== 1) {
    if (cardPayments.length === 0 && live.length > 0) {
      problems.push(`Paygent holds ${live.map((p) => `${p.payment_id}=${p.payment_status}`).join(",")} but Medusa has no payment`)
    } else if (cardPayments.length > 1) {
      problems.push(`${cardPayments.length} Medusa card payments`)
    }
    return problems
  }
  const payment = cardPayments[0]
  const state = payment.state ?? {}
  const view = bySession.get(sessionPart(state.trading_id))?.find((p) => p.payment_id === state.payment_id)
  if (!view) {
    return [`Medusa's payment_id ${state.payment_id} is unknown to Paygent`]
  }
  if (state.payment_status !== view.payment_status) {
    problems.push(`status Medusa ${state.payment_status} / Paygent ${view.payment_status}`)
  }
  const net = payment.captured - payment.refunded
  switch (view.payment_status) {
    case "20":
      if (payment.captures > 0 || payment.captured_at) problems.push(`Paygent 20 but Medusa captured ${payment.captured}`)
      if (Number(state.amount) !== view.payment_amount) problems.push(`amount Medusa ${state.amount} / Paygent ${view.payment_amount}`)
      break
    case "40":
      // A partial capture (029) leaves Medusa's payment partly captured (captured_at stays empty): the capture rows count.
      if (payment.captures < 1) problems.push("Paygent 40 but Medusa has no capture (lost capture)")
      if (net !== view.payment_amount) problems.push(`captured−refunded ${net} in Medusa / ${view.payment_amount} at Paygent`)
      if (Number(state.amount) !== view.payment_amount) problems.push(`amount Medusa ${state.amount} / Paygent ${view.payment_amount}`)
      break
    case "32":
      if (payment.captures > 0) problems.push("Paygent voided (32) but Medusa captured")
      break
    case "60":
      if (net !== 0) problems.push(`Paygent cancelled the sale (60) but Medusa keeps ${net}`)
      break
  }
  if (payment.captures > 1 && view.payment_status === "40" && payment.captured > view.payment_amount + payment.refunded) {
    problems.push(`${payment.captures} captures in Medusa`)
  }
  problems.push(...transactionDisagreements(order))
  const others = live.filter((p) => p.payment_id !== view.payment_id)
  for (const other of others) {
    problems.push(
      other.payment_status === "40"
        ? `Paygent also captured ${other.payment_id} (¥${other.payment_amount}), which Medusa does not know (lost capture)`
        : `Paygent also holds the authorization ${other.payment_id} (¥${other.payment_amount}) (duplicate authorization)`
    )
  }
  return problems
}

/**
 * Does Medusa's konbini / ATM / net-bank order agree with Paygent's payment? (10 unpaid: waiting, no payment;
 * 40 / 43 paid: one payment captured once for the amount; 12 / 15 expired or abandoned: order cancelled, nothing
 * captured; 61 preliminary withdrawn: recorded on the payment.)
 */
export function asyncDisagreements(order: OrderFacts, paygent: PaymentView | undefined, treatPreliminaryAsPaid = true): string[] {
  const problems: string[] = []
  if (!paygent) {
    return ["Paygent has no such payment"]
  }
  const session = order.sessions.find((s) => s.state?.payment_id === paygent.payment_id) ?? order.sessions[0]
  const payments = order.payments.filter((p) => p.session_id === session?.id)
  const payment = payments[0]
  const recorded = payment?.state?.payment_status ?? session?.state?.payment_status
  if (payments.length > 1) problems.push(`${payments.length} Medusa payments for one session (applied twice)`)
  if (payment && payment.captures > 1) problems.push(`${payment.captures} captures (applied twice)`)
  const status = paygent.payment_status
  const paid = status === "40" || (status === "43" && treatPreliminaryAsPaid)
  if (recorded !== status) problems.push(`status Medusa ${recorded} / Paygent ${status}`)
  if (status === "61") {
    // 速報取消: the money will not come. Paid in Medusa if the 43 was applied first (an alert says so), else unpaid.
    if (payment && (payment.captures !== 1 || payment.captured !== paygent.payment_amount)) {
      problems.push(`Paygent 61 after 43 but Medusa captured ${payment.captured} in ${payment.captures}`)
    }
    if (order.status === "canceled") problems.push("the order is cancelled")
  } else if (paid) {
    if (!payment) problems.push(`Paygent ${status} but Medusa has no payment`)
    else if (payment.captures !== 1 || payment.captured !== paygent.payment_amount) {
      problems.push(`Paygent ${status} ¥${paygent.payment_amount} but Medusa captured ${payment.captured} in ${payment.captures}`)
    }
    if (order.status === "canceled") problems.push("paid at Paygent but the order is cancelled")
  } else if (status === "12" || status === "15") {
    if (order.status !== "canceled") problems.push(`Paygent ${status} but the order is ${order.status}`)
    if (payment) problems.push(`Paygent ${status} but Medusa has a payment`)
  } else if (status === "10") {
    if (order.status === "canceled") problems.push("unpaid at Paygent but the order is cancelled")
    if (payment) problems.push("unpaid at Paygent but Medusa has a payment")
  }
  problems.push(...transactionDisagreements(order))
  return problems
}
