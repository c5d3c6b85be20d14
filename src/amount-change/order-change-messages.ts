import type { Bilingual } from "../providers/paygent/core/errors"
import { yen } from "./messages"

/**
 * What the merchant reads about the payment of an exchange, claim or return (返品・交換・クレーム) of a Paygent
 * order: in the confirmation's answer (`paygent.message`) and in refusals.
 */
export const ORDER_CHANGE_MESSAGES = {
  unchanged: (total: number): Bilingual => ({
    ja: `お支払いいただく金額は変わりません（${yen(total).ja}）。ペイジェントの決済はそのまま残します。`,
    en: `The amount to pay is unchanged (${yen(total).en}); the Paygent payment is kept as it is.`,
  }),
  settledOnReceipt: (held: number): Bilingual => ({
    ja: `返品の依頼では決済は変更しません（ペイジェントの決済${yen(held).ja}はそのまま）。返品の受領を確定したときに、受け取った商品の分だけ減額・返金します。`,
    en: `A return request leaves the payment as it is (Paygent keeps ${yen(held).en}). When the return is received, the payment is lowered or refunded for what came back.`,
  }),
  asyncRefund: (method: Bilingual, amount: number): Bilingual => ({
    ja: `${method.ja}はペイジェントから返金できないため、差額${yen(amount).ja}を返金として記録し、「手動返金（未返金）」に残しました。銀行振込などでお客様に直接返金してください。`,
    en: `A ${method.en} payment cannot be refunded through Paygent: the difference of ${yen(amount).en} is recorded as a refund and listed as a manual refund owed. Refund the customer directly (e.g. by bank transfer).`,
  }),
  asyncUnpaid: (method: Bilingual, amount: number): Bilingual => ({
    ja: `${method.ja}のお支払いがまだのため、返品・交換・クレームで金額を変えられません。お客様には元の金額（${yen(amount).ja}）の払込番号等をお知らせしており、ペイジェントにはその番号の金額を変える手段も、番号を取り消す手段もありません。入金を待ってから行うか、注文をキャンセルして新しい金額で再注文してください。`,
    en: `The ${method.en} payment is not made yet, so a return, exchange or claim cannot change the amount: the customer holds payment numbers for the original amount (${yen(amount).en}), and Paygent can neither change nor withdraw them. Wait until it is paid, or cancel the order and place a new one for the new amount.`,
  }),
  severalPayments: {
    ja: "この注文には複数のお支払いがあるため、返品・交換・クレームの精算を自動では行えません。変更を取り消し、各支払いを個別に（返金・取消）処理してください。",
    en: "This order has several payments, so a return, exchange or claim cannot be settled automatically. Withdraw the change and settle each payment on its own (refund, cancel).",
  },
  noPaygentPayment: {
    ja: "ペイジェントのお支払いがない注文です。",
    en: "This order has no Paygent payment.",
  },
}
