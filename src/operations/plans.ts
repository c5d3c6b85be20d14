import { deadlinePassed, METHOD_LABELS, OrderPaygentPayment, OrderWithPaygent } from "./order-payments"
import { isCardClosed, isPaid, STATUS } from "../paygent"
import type { LocalizedMessage as Bilingual } from "../paygent/messages"

// One declaration of the bilingual message (src/paygent/messages.ts), under the name this layer uses.
export type { Bilingual }

/** What one operation will do to one payment: the pre-flight summary (`?preview=true`) and the plan that runs. */
export interface PlannedOperation {
  medusa_payment_id: string | null
  payment_session_id: string | null
  payment_id: string | null
  method: string
  method_label: Bilingual
  /**
   * capture (022), capture_partial (029), record_only (Paygent already did it: Medusa records it, nothing is sent),
   * void (021), sales_cancel (023), refund_partial (029), manual_refund (owed, refund by hand), nothing, refused.
   */
  action:
    | "capture"
    | "capture_partial"
    | "record_only"
    | "void"
    | "sales_cancel"
    | "manual_refund"
    | "nothing"
    | "refused"
  telegram: "021" | "022" | "023" | "029" | null
  /** Yen the operation moves. */
  amount: number
  capture_deadline: string | null
  refund_deadline: string | null
  deadline_passed: boolean
  notes: Bilingual[]
  /** The operation was done before (e.g. already captured): asking again is answered without sending anything. */
  done?: boolean
}

export interface OperationPlan {
  order_id: string
  operation: "capture" | "cancel"
  allowed: boolean
  refusal?: Bilingual
  operations: PlannedOperation[]
}

/** Per-operation notes for the merchant, including what Paygent may charge (contract-dependent). */
export const NOTES = {
  capture: {
    ja: "売上（022）: オーソリ全額を売上にします。決済手数料は契約の料率で売上金額にかかります。",
    en: "Capture (022): the whole authorization becomes a sale; the card fee is charged on it at your contract's rate.",
  },
  capturePartial: {
    ja: "補正売上（029）: 指定金額を新しい決済IDで再オーソリして売上にし、元のオーソリを取り消します。再オーソリはセキュリティコードなしで行われ、カード会社に拒否されることがあります。残りの金額は後から売上にできません。契約によっては追加のオーソリ・取消に処理手数料がかかります。",
    en: "Sales change (029): re-authorizes the given amount under a new payment_id, captures it and cancels the original authorization. The re-authorization runs without the security code and may be declined; the rest can never be captured later. Depending on your contract, the extra authorization and cancel carry per-transaction fees.",
  },
  recordOnly: {
    ja: "ペイジェントでは既に売上済みです。電文は送らず、Medusa に売上を記録します。",
    en: "Paygent already holds this sale: nothing is sent, Medusa records the capture.",
  },
  void: {
    ja: "オーソリ取消（021）: お客様のカードの与信枠を解放します。売上前のため、通常は決済手数料はかかりません（契約による）。",
    en: "Authorization cancel (021): releases the hold on the customer's card. Nothing was captured, so normally no card fee is charged (contract-dependent).",
  },
  salesCancel: {
    ja: "売上取消（023）: 売上全額をカード経由でお客様に返金します。売上取消期限（オーソリ日から60日）までです。決済手数料が戻るかは契約によります。",
    en: "Sales cancel (023): returns the whole sale to the customer's card, possible until the sales-cancel deadline (60 days after the authorization). Whether the card fee is returned depends on your contract.",
  },
  refundPartial: {
    ja: "一部返金（029）: 売上金額を減額します（新しい決済IDになります）。",
    en: "Partial refund (029): lowers the sale (it gets a new payment_id).",
  },
  manualDeadline: {
    ja: "手動返金: 売上取消期限を過ぎているため、ペイジェントでは返金できません。注文はキャンセルされ、「手動返金（未返金）」が記録されます。銀行振込などでお客様に直接返金してください。",
    en: "Manual refund: the sales-cancel deadline has passed, so Paygent cannot refund. The order is cancelled and a manual refund owed is recorded; refund the customer directly (e.g. bank transfer).",
  },
  manualNoApi: {
    ja: "手動返金: コンビニ・ATM・ネットバンキングの入金はペイジェントから返金できません。「手動返金（未返金）」が記録されます。銀行振込などでお客様に直接返金してください。",
    en: "Manual refund: konbini, ATM and net-bank payments cannot be refunded through Paygent. A manual refund owed is recorded; refund the customer directly (e.g. bank transfer).",
  },
  unpaidApplication: {
    ja: "未入金の申込はペイジェントで取り消す電文がなく、支払期限まで有効です。期限までにお客様が支払った場合は手動返金が必要になります。",
    en: "Paygent has no telegram to withdraw an unpaid application; it stays payable until its deadline. If the customer still pays, a manual refund will be owed.",
  },
  paidOnPayment: {
    ja: "コンビニ・ATM・ネットバンキングはお客様の入金時に売上になります。",
    en: "Konbini, ATM and net-bank payments are captured when the customer pays.",
  },
} satisfies Record<string, Bilingual>

function base(payment: OrderPaygentPayment): Omit<PlannedOperation, "action" | "telegram" | "amount" | "notes"> {
  const state = payment.paygent
  return {
    medusa_payment_id: payment.medusa_payment_id,
    payment_session_id: payment.payment_session_id,
    payment_id: state.payment_id ?? null,
    method: payment.method,
    method_label: METHOD_LABELS[payment.method],
    capture_deadline: state.capture_deadline ?? null,
    refund_deadline: state.refund_deadline ?? null,
    deadline_passed: false,
  }
}

function yen(value: number): { ja: string; en: string } {
  return { ja: `${value.toLocaleString("ja-JP")}円`, en: `¥${value.toLocaleString("en-US")}` }
}

/** What a capture of the order would do (`amount` only for an order with one capturable card payment). */
export function planCapture(order: OrderWithPaygent, options: { amount?: number; payment_id?: string } = {}): OperationPlan {
  const operations: PlannedOperation[] = []
  const targets = order.payments.filter(
    (p) => !options.payment_id || p.medusa_payment_id === options.payment_id || p.paygent.payment_id === options.payment_id
  )
  for (const payment of targets) {
    const state = payment.paygent
    const common = base(payment)
    if (payment.method !== "card") {
      operations.push({ ...common, action: "nothing", telegram: null, amount: 0, notes: [NOTES.paidOnPayment] })
      continue
    }
    if (!payment.medusa_payment_id || payment.canceled_at || state.zero_amount) {
      operations.push({ ...common, action: "nothing", telegram: null, amount: 0, notes: [] })
      continue
    }
    if (payment.captured > 0) {
      const full = payment.captured >= payment.amount || !!payment.captured_at
      operations.push({
        ...common,
        action: full ? "nothing" : "refused",
        ...(full ? { done: true } : {}),
        telegram: null,
        amount: 0,
        notes: [
          full
            ? { ja: "売上済みです。", en: "Already captured." }
            : {
                ja: `既に${yen(payment.captured).ja}を一部売上済みです。ペイジェントでは売上は1回だけで、残りのオーソリは取り消されています。`,
                en: `${yen(payment.captured).en} was already captured in part. Paygent captures once; the rest of the authorization was released.`,
              },
        ],
      })
      continue
    }
    const status = state.payment_status ?? ""
    const expired = status === STATUS.AUTH_EXPIRED || deadlinePassed(state.capture_deadline)
    if (expired) {
      operations.push({
        ...common,
        deadline_passed: true,
        action: "refused",
        telegram: null,
        amount: 0,
        notes: [
          {
            ja: "オーソリの有効期限が切れているため売上にできません。お客様に再度お支払いいただく必要があります。",
            en: "The authorization has expired and can no longer be captured; the customer has to pay again.",
          },
        ],
      })
      continue
    }
    if (isCardClosed(status)) {
      operations.push({
        ...common,
        action: "refused",
        telegram: null,
        amount: 0,
        notes: [{ ja: `ペイジェントで取消・失効済みです（${status}）。`, en: `Paygent has cancelled or closed it (${status}).` }],
      })
      continue
    }
    if (status === STATUS.CLEARED || status === STATUS.CLEARED_NO_REFUND) {
      operations.push({ ...common, action: "record_only", telegram: null, amount: state.amount, notes: [NOTES.recordOnly] })
      continue
    }
    const amount = options.amount ?? payment.amount
    if (amount > state.amount || amount <= 0) {
      operations.push({
        ...common,
        action: "refused",
        telegram: null,
        amount,
        notes: [
          {
            ja: `売上金額は1円以上、オーソリ金額（${yen(state.amount).ja}）以下で指定してください。`,
            en: `The capture must be more than ¥0 and at most the authorization (${yen(state.amount).en}).`,
          },
        ],
      })
      continue
    }
    const partial = amount < state.amount
    operations.push({
      ...common,
      action: partial ? "capture_partial" : "capture",
      telegram: partial ? "029" : "022",
      amount,
      notes: [partial ? NOTES.capturePartial : NOTES.capture],
    })
  }
  const capturable = operations.filter((op) => op.action === "capture" || op.action === "capture_partial")
  if (options.amount !== undefined && capturable.length > 1) {
    return {
      order_id: order.id,
      operation: "capture",
      allowed: false,
      refusal: {
        ja: "売上を待つカード決済が複数あります。金額を指定する場合は payment_id も指定してください。",
        en: "Several card payments wait for capture: give payment_id along with amount.",
      },
      operations,
    }
  }
  const allowed = operations.some((op) => op.action === "capture" || op.action === "capture_partial" || op.action === "record_only")
  return {
    order_id: order.id,
    operation: "capture",
    allowed,
    ...(allowed ? {} : { refusal: { ja: "売上にできる決済がありません。", en: "Nothing on this order can be captured." } }),
    operations,
  }
}

/** What cancelling the order would do to each Paygent payment. */
export function planCancel(order: OrderWithPaygent): OperationPlan {
  const operations: PlannedOperation[] = []
  for (const payment of order.payments) {
    const state = payment.paygent
    const common = base(payment)
    const status = state.payment_status ?? ""
    const held = payment.captured - payment.refunded
    if (state.zero_amount) {
      operations.push({ ...common, action: "nothing", telegram: null, amount: 0, notes: [] })
      continue
    }
    if (payment.method !== "card") {
      const paid = isPaid(status) || held > 0
      const owed = held > 0 ? held : paid && !state.manual_refunds?.length ? state.amount : 0
      operations.push({
        ...common,
        action: owed > 0 ? "manual_refund" : "nothing",
        telegram: null,
        amount: owed,
        notes: [owed > 0 ? NOTES.manualNoApi : NOTES.unpaidApplication],
      })
      continue
    }
    if (payment.canceled_at && isCardClosed(status)) {
      operations.push({ ...common, action: "nothing", telegram: null, amount: 0, notes: [{ ja: "取消済みです。", en: "Already cancelled." }] })
      continue
    }
    const pastDeadline = status === STATUS.CLEARED_NO_REFUND || deadlinePassed(state.refund_deadline)
    if (held > 0 || status === STATUS.CLEARED || status === STATUS.CLEARED_NO_REFUND) {
      const amount = held > 0 ? held : state.amount
      if (pastDeadline) {
        operations.push({ ...common, deadline_passed: true, action: "manual_refund", telegram: null, amount, notes: [NOTES.manualDeadline] })
      } else {
        operations.push({ ...common, action: "sales_cancel", telegram: amount < state.amount ? "029" : "023", amount, notes: [amount < state.amount ? NOTES.refundPartial : NOTES.salesCancel] })
      }
      continue
    }
    if (status === STATUS.AUTHORIZED) {
      operations.push({ ...common, action: "void", telegram: "021", amount: state.amount, notes: [NOTES.void] })
      continue
    }
    operations.push({ ...common, action: "nothing", telegram: null, amount: 0, notes: [] })
  }
  let refusal: Bilingual | undefined
  if (order.status === "canceled") {
    const open = operations.some((op) => op.action === "void")
    if (!open) {
      refusal = { ja: "この注文は既にキャンセルされています。", en: "This order is already cancelled." }
    }
  } else if (order.status === "completed") {
    refusal = {
      ja: "完了済みの注文はキャンセルできません。返品で返金してください。",
      en: "A completed order cannot be cancelled; use a return to refund it.",
    }
  } else if (order.has_open_fulfillments) {
    refusal = {
      ja: "出荷（フルフィルメント）をすべて取り消してから注文をキャンセルしてください。",
      en: "Cancel the order's fulfillments before cancelling the order.",
    }
  }
  return { order_id: order.id, operation: "cancel", allowed: !refusal, ...(refusal ? { refusal } : {}), operations }
}
