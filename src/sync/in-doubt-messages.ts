import { yenText } from "../providers/paygent/core/amount"
import { operationName } from "../providers/paygent/core/operation-names"
import type { PlannedAlert } from "../notices/plan"

/** The merchant's alerts of the in-doubt sweep (src/sync/in-doubt.ts), Japanese first. */

const op = operationName

function yen(amount: number | null | undefined) {
  return yenText(Number(amount ?? 0))
}

export interface DoubtSubject {
  row_id: string
  kind: string
  trading_id?: string | null
  payment_id?: string | null
  amount?: number | null
}

/** The dedupe key of the "still in doubt" alert of one ledger row (resolved once the row is settled). */
export function unresolvedKey(rowId: string): string {
  return `payment_in_doubt:${rowId}`
}

export function unresolvedAlert(s: DoubtSubject, reason: string): PlannedAlert {
  return {
    kind: "payment_in_doubt",
    severity: "critical",
    dedupe_key: unresolvedKey(s.row_id),
    message: {
      ja: `${op(s.kind).ja}（${s.kind}、取引ID ${s.trading_id ?? "-"}、決済ID ${s.payment_id ?? "-"}）の結果が不明のままです（${reason}）。同期のたびに照会（094）を続けます。それまでこの決済に対して新たな電文は送信しません。長く続く場合はペイジェントの管理画面で確認してください。`,
      en: `The outcome of the ${op(s.kind).en} (${s.kind}, trading_id ${s.trading_id ?? "-"}, payment_id ${s.payment_id ?? "-"}) is still unknown (${reason}). Every sync run asks Paygent again (094); nothing new is sent for it until then. If this lasts, check it in Paygent's console.`,
    },
  }
}

/** The dedupe key of the alert of an amount change Paygent cannot tell about (resolving it settles the row). */
export function changeUnresolvedKey(rowId: string): string {
  return `amount_change_in_doubt:${rowId}`
}

/**
 * A 028 / 029 whose answer was lost: the old payment is unchanged, but its trading_id holds other payments (an earlier
 * change), so 094 cannot show whether this change created a new one. Nothing more is sent for the payment until the
 * merchant has looked in Paygent's console and resolved this alert (src/operations/resolve-alert.ts).
 */
export function changeUnresolvedAlert(s: DoubtSubject): PlannedAlert {
  return {
    kind: "amount_change_in_doubt",
    severity: "critical",
    dedupe_key: changeUnresolvedKey(s.row_id),
    message: {
      ja: `結果不明の${op(s.kind).ja}（${s.kind}、取引ID ${s.trading_id ?? "-"}、決済ID ${s.payment_id ?? "-"}、変更後 ${yen(s.amount).ja}）は、元の決済は変わっていませんが、同じ取引IDに以前の変更の決済もあるため、新しい決済が作られたかを照会（094）で確かめられません。それまでこの決済の売上・変更は送信しません。ペイジェントの管理画面でこの取引IDを開き、${yen(s.amount).ja}の新しい決済がないことを確認してから、このアラートを「対応済み」にしてください（変更は「未実行」として確定し、もう一度行えます）。新しい決済がある場合は対応済みにせず、ペイジェントにお問い合わせください。`,
      en: `The ${op(s.kind).en} (${s.kind}, trading_id ${s.trading_id ?? "-"}, payment_id ${s.payment_id ?? "-"}, new amount ${yen(s.amount).en}) whose answer was lost left the old payment unchanged, but the trading_id also holds the payments of an earlier change, so an inquiry (094) cannot show whether this change created a new payment. Nothing more is captured or changed for this payment until then. Open the trading_id in Paygent's console and check that there is no new payment of ${yen(s.amount).en}; then mark this alert resolved (the change is settled as not made and can be made again). If there is such a payment, do not resolve this alert: contact Paygent.`,
    },
  }
}

/** More telegrams in doubt than one run settles (one alert per hour while it lasts). */
export function backlogAlert(perRun: number, now: Date): PlannedAlert {
  return {
    kind: "payments_in_doubt_backlog",
    severity: "critical",
    dedupe_key: `payments_in_doubt_backlog:${now.toISOString().slice(0, 13)}`,
    message: {
      ja: `結果不明の電文が ${perRun} 件を超えています。古いものから同期のたびに ${perRun} 件ずつ照会しています。ペイジェントとの通信状態を確認してください。`,
      en: `More than ${perRun} telegrams are in doubt. Each sync run settles ${perRun}, oldest first. Check the connection to Paygent.`,
    },
  }
}

export function voidedAlert(s: DoubtSubject, telegram: "021" | "023"): PlannedAlert {
  return {
    kind: "orphan_authorization_voided",
    severity: "warning",
    dedupe_key: `orphan_authorization_voided:${s.row_id}`,
    message: {
      ja: `結果不明だったカードのオーソリ（取引ID ${s.trading_id}、決済ID ${s.payment_id}、${yen(s.amount).ja}）はペイジェントで成立していましたが、どの注文にも使われていないため取り消しました（${telegram}）。お客様への請求はありません。`,
      en: `A card authorization whose outcome was unknown (trading_id ${s.trading_id}, payment_id ${s.payment_id}, ${yen(s.amount).en}) had gone through at Paygent but no order took it, so it was cancelled (${telegram}). The customer is not charged.`,
    },
  }
}

export function voidFailedAlert(s: DoubtSubject, detail: string): PlannedAlert {
  return {
    kind: "orphan_authorization_void_failed",
    severity: "critical",
    dedupe_key: `orphan_authorization_void_failed:${s.row_id}`,
    message: {
      ja: `どの注文にも使われていないカードのオーソリ（取引ID ${s.trading_id}、決済ID ${s.payment_id}、${yen(s.amount).ja}）を取り消せませんでした（${detail}）。次回の同期で再度試みます。続く場合はペイジェントの管理画面で取り消してください。`,
      en: `A card authorization no order took (trading_id ${s.trading_id}, payment_id ${s.payment_id}, ${yen(s.amount).en}) could not be cancelled (${detail}). The next sync run tries again; if this lasts, cancel it in Paygent's console.`,
    },
  }
}

export function unusedNumberAlert(s: DoubtSubject): PlannedAlert {
  return {
    kind: "unused_payment_number",
    severity: "warning",
    dedupe_key: `unused_payment_number:${s.row_id}`,
    message: {
      ja: `結果不明だった${op(s.kind).ja}（取引ID ${s.trading_id}、決済ID ${s.payment_id}、${yen(s.amount).ja}）はペイジェントで番号が発行されていましたが、注文には使われていません。ペイジェントには番号を取り消す電文がないため、この番号は注文に結び付けず、期限切れを待ちます。お客様には表示されていません。万一この番号で入金があった場合は返金が必要になり、改めてお知らせします。`,
      en: `The ${op(s.kind).en} whose outcome was unknown (trading_id ${s.trading_id}, payment_id ${s.payment_id}, ${yen(s.amount).en}) had issued a payment number at Paygent, but no order uses it. Paygent has no telegram to withdraw it, so it is never linked to an order and is left to expire; the customer was never shown it. Should a payment arrive on it anyway, it is owed back and you will be alerted.`,
    },
  }
}

export function paidUnusedAlert(s: DoubtSubject): PlannedAlert {
  return {
    kind: "paid_unused_attempt",
    severity: "critical",
    dedupe_key: `paid_unused_attempt:${s.payment_id ?? s.row_id}`,
    message: {
      ja: `注文に使われていない番号（取引ID ${s.trading_id}、決済ID ${s.payment_id}）に${yen(s.amount).ja}の入金がありました。注文は変わりません。お客様へ返金してください（手動返金に記録しました）。`,
      en: `A payment of ${yen(s.amount).en} arrived on a number no order uses (trading_id ${s.trading_id}, payment_id ${s.payment_id}). No order changes; refund the customer (recorded as a manual refund owed).`,
    },
  }
}

export function followUpAlert(s: DoubtSubject, finding: "applied" | "not_applied" | "closed", status: string): PlannedAlert {
  const name = op(s.kind)
  const message =
    finding === "applied"
      ? {
          ja: `結果不明だった${name.ja}（${s.kind}、決済ID ${s.payment_id}）は、ペイジェントで実行されていました（ステータス ${status}）。Medusa には記録されていないため、同じ操作をもう一度行ってください（ペイジェントには二重に送信されません）。補正（028・029）の場合は新しい決済IDを確認して確定してください。`,
          en: `The ${name.en} (${s.kind}) of payment ${s.payment_id} whose outcome was unknown went through at Paygent (status ${status}). Medusa does not show it: repeat the operation to record it (nothing is sent to Paygent twice); for an amount change (028 / 029) confirm the new payment id.`,
        }
      : finding === "not_applied"
        ? {
            ja: `結果不明だった${name.ja}（${s.kind}、決済ID ${s.payment_id}）は、ペイジェントで実行されていませんでした（ステータス ${status}）。必要であればもう一度行ってください。`,
            en: `The ${name.en} (${s.kind}) of payment ${s.payment_id} whose outcome was unknown did not go through at Paygent (status ${status}). Repeat it if it is still wanted.`,
          }
        : {
            ja: `結果不明だった${name.ja}（${s.kind}、決済ID ${s.payment_id}）は完了できません。ペイジェントでこの決済はステータス ${status} です。注文を確認してください。`,
            en: `The ${name.en} (${s.kind}) of payment ${s.payment_id} whose outcome was unknown cannot be completed: Paygent has the payment in status ${status}. Check the order.`,
          }
  return {
    kind: "operation_outcome_settled",
    severity: finding === "not_applied" ? "info" : "warning",
    dedupe_key: `operation_outcome_settled:${s.row_id}`,
    message,
  }
}
