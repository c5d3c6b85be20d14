import { statusName } from "../paygent/statuses"
import type { Bilingual, DiscrepancyKind, MedusaSide, PaygentSide } from "./types"

/** Labels and explanations of the report, in Japanese and English. */

export const DISCREPANCY_LABELS: Record<DiscrepancyKind, Bilingual> = {
  amount_mismatch: { ja: "金額不一致", en: "Amount mismatch" },
  captured_at_paygent_only: { ja: "ペイジェントのみ売上・入金済み", en: "Captured at Paygent only" },
  captured_in_medusa_only: { ja: "Medusa のみ売上・入金済み", en: "Captured in Medusa only" },
  canceled_at_paygent_only: { ja: "ペイジェントのみ取消済み", en: "Cancelled at Paygent only" },
  canceled_in_medusa_only: { ja: "Medusa のみ取消・返金済み", en: "Cancelled in Medusa only" },
  missing_at_paygent: { ja: "ペイジェントに決済なし", en: "Missing at Paygent" },
  paygent_only: { ja: "Medusa に注文なし", en: "No Medusa order" },
  manual_refund_owed: { ja: "手動返金未完了", en: "Manual refund owed" },
  inquiry_failed: { ja: "照会失敗", en: "Inquiry failed" },
  not_checked: { ja: "未照会", en: "Not checked" },
}

export const MEDUSA_SIDE_LABELS: Record<MedusaSide, Bilingual> = {
  awaiting_payment: { ja: "入金待ち", en: "Awaiting payment" },
  authorized: { ja: "オーソリ済み", en: "Authorized" },
  captured: { ja: "売上・入金済み", en: "Captured / paid" },
  refunded: { ja: "返金済み", en: "Refunded" },
  canceled: { ja: "取消済み", en: "Cancelled" },
  none: { ja: "なし", en: "None" },
}

export const MANUAL_REFUND_STATUS_LABELS: Record<string, Bilingual> = {
  owed: { ja: "未返金", en: "Owed" },
  refunded: { ja: "返金済み", en: "Refunded" },
  canceled: { ja: "取消", en: "Cancelled" },
}

export const MANUAL_REFUND_REASON_LABELS: Record<string, Bilingual> = {
  sales_cancel_deadline_passed: { ja: "売上取消期限切れ", en: "Sales-cancel deadline passed" },
  no_api_refund: { ja: "返金電文なし（コンビニ・ATM・ネットバンキング）", en: "No refund telegram (konbini, ATM, net bank)" },
  paid_after_cancel: { ja: "キャンセル後の入金", en: "Paid after the order was cancelled" },
  paid_unused_attempt: { ja: "注文に使われていない番号への入金", en: "Paid on a number no order uses" },
}

const PAYGENT_SIDE_WORDS: Record<PaygentSide, Bilingual> = {
  awaiting_payment: { ja: "入金待ち", en: "awaiting payment" },
  authorized: { ja: "オーソリ済み", en: "authorized" },
  captured: { ja: "売上・入金済み", en: "captured / paid" },
  canceled: { ja: "取消・期限切れ", en: "cancelled / expired" },
  failed: { ja: "不成立", en: "not completed" },
  not_found: { ja: "なし", en: "not found" },
  unknown: { ja: "不明", en: "unknown" },
}

export function yenJa(amount: number): string {
  return `¥${amount.toLocaleString("ja-JP")}`
}

export function yenEn(amount: number): string {
  return `¥${amount.toLocaleString("en-US")}`
}

function statusWords(status: string | null): Bilingual {
  const name = status ? statusName(status) : undefined
  return name ? { ja: `${status} ${name.ja}`, en: `${status} ${name.en}` } : { ja: status ?? "-", en: status ?? "-" }
}

export interface ExplainFacts {
  medusa_side: MedusaSide
  paygent_side: PaygentSide
  paygent_status: string | null
  paygent_amount: number | null
  expected: number
  difference: number | null
  order_canceled: boolean
  /** Another payment_id of the same trading_id that the comparison used (an amount change made at Paygent). */
  successor_payment_id: string | null
  manual_covered: number
}

/** Why a compared payment is (or is not) a discrepancy, in words an accountant can act on. */
export function explainPayment(kind: DiscrepancyKind | null, f: ExplainFacts): Bilingual {
  const status = statusWords(f.paygent_status)
  const medusa = MEDUSA_SIDE_LABELS[f.medusa_side]
  const paygent = PAYGENT_SIDE_WORDS[f.paygent_side]
  const successor = f.successor_payment_id
    ? {
        ja: ` ペイジェント側で金額が変更され、新しい決済ID ${f.successor_payment_id} になっています（ペイジェントオンラインでの補正など）。`,
        en: ` The amount was changed at Paygent under a new payment_id ${f.successor_payment_id} (e.g. a 補正 in Paygent Online).`,
      }
    : { ja: "", en: "" }
  const canceledOrder = f.order_canceled ? { ja: "注文はキャンセル済みです。", en: "The order is cancelled. " } : { ja: "", en: "" }
  switch (kind) {
    case null: {
      if (f.manual_covered > 0 && f.paygent_amount) {
        return {
          ja: `一致しています。ペイジェントに残る ${yenJa(f.manual_covered)} は手動返金で返します。`,
          en: `Consistent. The ${yenEn(f.manual_covered)} Paygent still holds is returned by a manual refund.`,
        }
      }
      if ((f.medusa_side === "canceled" || f.medusa_side === "none") && f.paygent_side === "awaiting_payment") {
        return {
          ja: "一致しています（お金の動きなし）。ペイジェントでは支払期限まで入金を受け付けます。入金があった場合は手動返金になります。",
          en: "Consistent (no money moved). Paygent accepts a payment until the deadline; one arriving becomes a manual refund.",
        }
      }
      return { ja: "一致しています。", en: "Medusa and Paygent agree." }
    }
    case "amount_mismatch":
      return {
        ja: `金額が一致しません: ペイジェント ${yenJa(f.paygent_amount ?? 0)}${f.manual_covered ? `（うち手動返金 ${yenJa(f.manual_covered)}）` : ""}、Medusa ${yenJa(f.expected)}、差額 ${yenJa(f.difference ?? 0)}。${successor.ja}`,
        en: `Amounts differ: Paygent ${yenEn(f.paygent_amount ?? 0)}${f.manual_covered ? ` (manual refunds ${yenEn(f.manual_covered)})` : ""}, Medusa ${yenEn(f.expected)}, difference ${yenEn(f.difference ?? 0)}.${successor.en}`,
      }
    case "captured_at_paygent_only":
      return {
        ja: `ペイジェントでは${paygent.ja}（${status.ja}、${yenJa(f.paygent_amount ?? 0)}）ですが、Medusa では「${medusa.ja}」のままです。${successor.ja}`,
        en: `Paygent shows it ${paygent.en} (${status.en}, ${yenEn(f.paygent_amount ?? 0)}) but Medusa still shows "${medusa.en}".${successor.en}`,
      }
    case "captured_in_medusa_only":
      return {
        ja: `Medusa では売上・入金済み（${yenJa(f.expected)}）ですが、ペイジェントでは${paygent.ja}（${status.ja}）です。`,
        en: `Medusa recorded a capture / payment (${yenEn(f.expected)}) but Paygent shows it ${paygent.en} (${status.en}).`,
      }
    case "canceled_at_paygent_only":
      return {
        ja: `ペイジェントでは${paygent.ja}（${status.ja}）ですが、Medusa では「${medusa.ja}」（${yenJa(f.expected)}）のままです。`,
        en: `Paygent shows it ${paygent.en} (${status.en}) but Medusa still shows "${medusa.en}" (${yenEn(f.expected)}).`,
      }
    case "canceled_in_medusa_only":
      return {
        ja: `${canceledOrder.ja}Medusa では「${medusa.ja}」ですが、ペイジェントには ${yenJa((f.paygent_amount ?? 0) - f.manual_covered)} が残っています（${status.ja}）。手動返金の記録もありません。`,
        en: `${canceledOrder.en}Medusa shows "${medusa.en}" but Paygent still holds ${yenEn((f.paygent_amount ?? 0) - f.manual_covered)} (${status.en}), and no manual refund covers it.`,
      }
    case "missing_at_paygent":
      return {
        ja: `Medusa の決済（「${medusa.ja}」、${yenJa(f.expected)}）がペイジェントに見つかりません（13001）。`,
        en: `Paygent does not know Medusa's payment ("${medusa.en}", ${yenEn(f.expected)}) (13001).`,
      }
    default:
      return { ja: DISCREPANCY_LABELS[kind].ja, en: DISCREPANCY_LABELS[kind].en }
  }
}

export interface OtherContextFacts {
  status: string | null
  amount: number | null
  session_id: string | null
  session_exists: boolean
  order_id: string | null
  order_display_id: number | null
  /** Same trading_id as a Medusa payment that has its own payment at Paygent. */
  same_trading_as_record: boolean
  /** Same payment session as a Medusa payment (an earlier checkout attempt). */
  earlier_attempt: boolean
}

/** A Paygent payment holding money with no Medusa order for it. */
export function explainPaygentOnly(f: OtherContextFacts): Bilingual {
  const head = {
    ja: `ペイジェントの決済（${statusWords(f.status).ja}、${yenJa(f.amount ?? 0)}）に対応する Medusa の注文がありません。`,
    en: `Paygent holds a payment (${statusWords(f.status).en}, ${yenEn(f.amount ?? 0)}) with no Medusa order for it.`,
  }
  const order = f.order_display_id !== null ? `#${f.order_display_id}` : (f.order_id ?? "")
  let why: Bilingual
  if (f.same_trading_as_record) {
    why = {
      ja: `同じマーチャント取引IDで注文 ${order} の決済が別にあります（二重決済の可能性）。`,
      en: `Order ${order} has another payment under the same trading_id (possibly paid twice).`,
    }
  } else if (f.earlier_attempt) {
    why = {
      ja: `注文 ${order} の以前の決済試行です（お客様が決済をやり直しました）。`,
      en: `It is an earlier checkout attempt of order ${order} (the shopper tried again).`,
    }
  } else if (!f.session_id) {
    why = {
      ja: "マーチャント取引IDがこのショップの形式ではありません（他のシステムやペイジェントオンラインで作成された決済）。",
      en: "Its trading_id is not one this shop makes (a payment from another system or made in Paygent Online).",
    }
  } else if (!f.session_exists) {
    why = { ja: `決済セッション ${f.session_id} が Medusa にありません。`, en: `Medusa has no payment session ${f.session_id}.` }
  } else if (f.order_id) {
    why = {
      ja: `決済セッションは注文 ${order} のものですが、Medusa の支払いになっていません。`,
      en: `Its payment session belongs to order ${order} but is not a payment in Medusa.`,
    }
  } else {
    why = {
      ja: "カートの決済です（注文が作成されていません。決済後に注文の確定が失敗した可能性があります）。",
      en: "It belongs to a cart that never became an order (checkout may have failed after the payment).",
    }
  }
  return { ja: head.ja + why.ja, en: `${head.en} ${why.en}` }
}

export function explainInquiryFailed(code: string | undefined, message: string): Bilingual {
  return {
    ja: `ペイジェントに照会（094）できませんでした${code ? `（${code}）` : ""}: ${message}。時間をおいて再実行してください。`,
    en: `The payment inquiry (094) failed${code ? ` (${code})` : ""}: ${message}. Run the report again later.`,
  }
}

export function explainNotChecked(limit: number): Bilingual {
  return {
    ja: `照会件数の上限（${limit} 件）に達したため照会していません。期間を短くして再実行してください。`,
    en: `Not asked: the report reached its inquiry limit (${limit}). Run it again for a shorter range.`,
  }
}

export function explainManualRefund(status: string, reason: string, amount: number): Bilingual {
  const why = MANUAL_REFUND_REASON_LABELS[reason] ?? { ja: reason, en: reason }
  if (status === "owed") {
    return {
      ja: `手動返金が未完了です（${yenJa(amount)}、理由: ${why.ja}）。銀行振込などでお客様に返金し、記録を「返金済み」にしてください。`,
      en: `A manual refund is owed (${yenEn(amount)}, reason: ${why.en}). Refund the customer (e.g. by bank transfer) and mark it refunded.`,
    }
  }
  const label = MANUAL_REFUND_STATUS_LABELS[status] ?? { ja: status, en: status }
  return {
    ja: `手動返金（${yenJa(amount)}、理由: ${why.ja}）は「${label.ja}」です。`,
    en: `Manual refund (${yenEn(amount)}, reason: ${why.en}) is "${label.en}".`,
  }
}
