import type { Bilingual } from "../providers/paygent/core/errors"
import { OPERATION_MESSAGES } from "../providers/paygent/core/operations/messages"

/** ¥1,234 in both languages' usual notation. */
export function yen(amount: number): { ja: string; en: string } {
  return { ja: `${amount.toLocaleString("ja-JP")}円`, en: `¥${amount.toLocaleString("en-US")}` }
}

/**
 * What the merchant reads about a change of a Paygent payment's amount (オーソリ変更 / 売上変更), in the merchant's
 * words. Returned by the change-amount route, its preview and the order-edit confirmation.
 */
export const AMOUNT_CHANGE_MESSAGES = {
  changeAuthorization: (from: number, to: number): Bilingual => ({
    ja: `補正オーソリ（オーソリ変更, 028）でオーソリ金額を${yen(from).ja}から${yen(to).ja}に減額します。同じカードのオーソリのまま金額だけが変わり、お客様に再度のお支払いをお願いすることはありません。`,
    en: `An authorization change (028) lowers the authorized amount from ${yen(from).en} to ${yen(to).en}. The same card authorization is kept; the customer is not asked to pay again.`,
  }),
  changeSales: (from: number, to: number): Bilingual => ({
    ja: `売上確定済みのため、補正売上（売上変更, 029）で売上金額を${yen(from).ja}から${yen(to).ja}に減額し、差額${yen(from - to).ja}を返金として記録します。`,
    en: `The payment is captured: a sales change (029) lowers the sale from ${yen(from).en} to ${yen(to).en}, and the difference of ${yen(from - to).en} is recorded as a refund.`,
  }),
  cancelAuthorizationAll: (amount: number): Bilingual => ({
    ja: `お支払いいただく金額がなくなったため、オーソリ取消（021）でカードのオーソリ${yen(amount).ja}を取り消します。`,
    en: `Nothing is left to pay, so an authorization cancel (021) releases the card authorization of ${yen(amount).en}.`,
  }),
  salesCancelAll: (amount: number): Bilingual => ({
    ja: `お支払いいただく金額がなくなったため、売上取消（023）で売上${yen(amount).ja}の全額をカードに返金し、返金として記録します。`,
    en: `Nothing is left to pay, so a sales cancel (023) returns the whole sale of ${yen(amount).en} to the card; it is recorded as a refund.`,
  }),
  refundDeadlinePassed: (difference: number): Bilingual => ({
    ja: `売上取消期限を過ぎているため、ペイジェントでは金額を変更できません。差額${yen(difference).ja}は返金として記録し、お客様への手動返金（銀行振込など）として残します。`,
    en: `The sales-cancel deadline has passed, so Paygent cannot change the amount. The difference of ${yen(difference).en} is recorded as a refund and listed as a manual refund owed (pay it back by bank transfer).`,
  }),
  newPaymentId: {
    ja: "補正オーソリ・補正売上はペイジェントに新しい決済IDを作り、元の決済は取消になります（マーチャント取引IDは変わりません）。再オーソリはセキュリティコードなしで行われるため、カード会社に拒否されることがあります（その場合、元の決済はそのまま残ります）。",
    en: "An authorization or sales change creates a new Paygent payment id and cancels the original payment (the trading id stays the same). The re-authorization runs without the security code and may be declined (the original payment then stays as it is).",
  },
  threeDsLiabilityLost: {
    ja: "この決済は3Dセキュアで本人認証されています。金額変更で作られる新しい決済には3Dセキュアの責任移転（チャージバック保護）が引き継がれません。",
    en: "This payment was authenticated with 3-D Secure. The 3-D Secure liability shift is lost on a change: the new payment is not covered against chargebacks.",
  },
  noChange: (amount: number): Bilingual => ({
    ja: `ペイジェントの金額は既に${yen(amount).ja}です。変更は送信しません。`,
    en: `Paygent already holds ${yen(amount).en}; nothing is sent.`,
  }),
  belowOrderTotal: (amount: number, total: number): Bilingual => ({
    ja: `変更後の金額${yen(amount).ja}は注文合計${yen(total).ja}より少ないため、注文には未払い分が残ります。`,
    en: `The new amount ${yen(amount).en} is below the order total ${yen(total).en}: the order will show an outstanding balance.`,
  }),
  cannotIncrease: (current: number, requested: number): Bilingual => ({
    ja: `ペイジェントのカード決済は金額を増やせません（補正オーソリ・補正売上は減額のみ。エラー2013）。現在${yen(current).ja}、指定${yen(requested).ja}です。増額分は受注編集で差額の支払いとして請求してください。`,
    en: `Paygent cannot raise the amount of a card payment (an authorization or sales change may only lower it; error 2013). It holds ${yen(current).en}; ${yen(requested).en} was asked. Collect the increase as a separate payment through an order edit.`,
  }),
  orderEditIncrease: (paygentAmount: number, total: number, difference: number): Bilingual => ({
    ja: `注文合計が${yen(total).ja}に増えました。ペイジェントは決済金額を増やせないため、カードのオーソリ（${yen(paygentAmount).ja}）はそのまま残し、差額${yen(difference).ja}の支払いを新しく作成しました。お客様に差額のお支払いをご依頼ください。`,
    en: `The order total rose to ${yen(total).en}. Paygent cannot raise a payment's amount, so the card authorization (${yen(paygentAmount).en}) is kept as it is and a new payment of ${yen(difference).en} was created for the difference: ask the customer to pay it.`,
  }),
  orderEditSameTotal: (amount: number): Bilingual => ({
    ja: `注文合計は変わりません（${yen(amount).ja}）。ペイジェントの決済はそのまま残します。`,
    en: `The order total is unchanged (${yen(amount).en}); the Paygent payment is kept as it is.`,
  }),
  differenceCollectionClosed: {
    ja: "未払いだった差額のお支払いは不要になったため取り消しました。",
    en: "The unpaid difference payment is no longer needed and was canceled.",
  },
  zeroAmount: {
    ja: "金額を0円にはできません。全額を取り消す場合は注文のキャンセル（オーソリ取消・売上取消）を行ってください。",
    en: "The amount cannot become 0. To release the whole payment, cancel the order (authorization cancel or sales cancel).",
  },
  asyncMethodRefused: (method: Bilingual, amount: number): Bilingual => ({
    ja: `${method.ja}のお支払いは金額を変更できません。お客様には既に元の金額（${yen(amount).ja}）の払込番号等をお知らせしており、ペイジェントには金額を変える手段がありません。注文をキャンセルし、新しい金額で再注文してください。`,
    en: `The amount of a ${method.en} payment cannot be changed: the customer already has payment numbers for the original amount (${yen(amount).en}) and Paygent offers no way to change them. Cancel the order and place a new one for the new amount.`,
  }),
  asyncMethodPaid: (method: Bilingual): Bilingual => ({
    ja: `${method.ja}は入金済みです。ペイジェントから金額を変更・返金することはできません。`,
    en: `This ${method.en} payment is already paid; Paygent cannot change or refund it.`,
  }),
  notCard: {
    ja: "ペイジェントのカード決済がない注文です。",
    en: "This order has no Paygent card payment.",
  },
  severalPayments: {
    ja: "この注文には複数のお支払いがあるため、金額の変更を自動では行えません。ペイジェントの管理画面と Medusa の各支払いで個別に対応してください。",
    en: "This order has several payments, so its amount cannot be changed automatically. Handle each payment in Paygent's console and in Medusa.",
  },
  statusRefused: (status: string, label?: Bilingual): Bilingual => ({
    ja: `ペイジェントの決済ステータス ${status}${label ? `（${label.ja}）` : ""} では金額を変更できません（オーソリOK(20)・売上済み(40/41)のみ変更できます）。`,
    en: `A Paygent payment in status ${status}${label ? ` (${label.en})` : ""} cannot change its amount (only authorized (20) or captured (40/41) payments can).`,
  }),
  changePending: (tradingId: string, amount: number): Bilingual => ({
    ja: `前回の金額変更（${yen(amount).ja}）はペイジェントで実行されましたが、新しい決済IDが分かっていません。ペイジェントの管理画面で取引ID ${tradingId} の新しい決済IDを確認し、paygent_payment_id に指定して確定してください。確定するまで、この決済への操作は送信しません。`,
    en: `The previous amount change (${yen(amount).en}) went through at Paygent, but its new payment id is not known. Look up the new payment id of trading id ${tradingId} in Paygent's console and confirm it with paygent_payment_id. Nothing more is sent for this payment until then.`,
  }),
  notPending: {
    ja: "確定待ちの金額変更はありません。",
    en: "There is no amount change waiting for its payment id.",
  },
  pendingMismatch: (why: string): Bilingual => ({
    ja: `指定の決済IDは確定待ちの金額変更と一致しません（${why}）。`,
    en: `The payment id given does not match the pending amount change (${why}).`,
  }),
  outcomeUnknownNotApplied: {
    ja: "ペイジェントからの応答を受け取れませんでした。照会（094）で元の決済が変わっていないことを確認したため、もう一度送信しました。",
    en: "Paygent's answer was lost. An inquiry (094) showed the original payment unchanged, so the change was sent once more.",
  },
  outcomeUnknownFound: (paymentId: string): Bilingual => ({
    ja: `ペイジェントからの応答を受け取れませんでしたが、照会（094）で金額変更の実行と新しい決済ID（${paymentId}）を確認しました。`,
    en: `Paygent's answer was lost, but an inquiry (094) showed the change went through, with the new payment id ${paymentId}.`,
  }),
  /** The one text of the recovery rule (provider and action alike). */
  outcomeUnknownUnresolved: OPERATION_MESSAGES.changeUnresolved,
  outcomeUnknownInquiryFailed: {
    ja: "ペイジェントからの応答を受け取れず、照会（094）にも失敗しました。二重処理を避けるため再送信しません。しばらくしてから再度お試しください（再実行時はまず照会します）。",
    en: "Paygent's answer was lost and the inquiry (094) failed too. Nothing is re-sent, to avoid a double change. Try again later (a new attempt starts with an inquiry).",
  },
  appliedUnidentified: (tradingId: string): Bilingual => ({
    ja: `ペイジェントからの応答は失われましたが、照会（094）で元の決済が取消になっていることを確認しました。金額変更は実行済みです。新しい決済IDはペイジェントの管理画面（取引ID ${tradingId}）で確認し、paygent_payment_id に指定して確定してください。`,
    en: `Paygent's answer was lost, but an inquiry (094) shows the original payment cancelled: the change went through. Look up the new payment id (trading id ${tradingId}) in Paygent's console and confirm it with paygent_payment_id.`,
  }),
  oldNotCancelled: (oldPaymentId: string): Bilingual => ({
    ja: `新しい決済は作成されましたが、元の決済（${oldPaymentId}）の取消に失敗しました。お客様のカードに二重の枠が残らないよう、ペイジェントの管理画面で元の決済を取り消してください。`,
    en: `The new payment was created but cancelling the original payment (${oldPaymentId}) failed. Cancel the original payment in Paygent's console so the customer's card does not keep two holds.`,
  }),
}
