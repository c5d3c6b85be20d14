import { yenText } from "../amount"
import type { Bilingual } from "../errors"

/** What the merchant reads about capture, refund and cancel (Japanese first, then English). */
export const OPERATION_MESSAGES = {
  captureTooLarge: (amount: number, authorized: number): Bilingual => ({
    ja: `売上金額（${yenText(amount).ja}）がペイジェントのオーソリ金額（${yenText(authorized).ja}）を超えています。`,
    en: `The capture (${yenText(amount).en}) is larger than the authorization at Paygent (${yenText(authorized).en}).`,
  }),
  secondCapture: (capturedAmount: number): Bilingual => {
    const captured = yenText(capturedAmount)
    return {
      ja:
        `ペイジェントでは1件の決済につき売上は1回だけです。この決済は既に${captured.ja}を売上済みで、残りのオーソリは` +
        "最初の売上（補正売上 029）で取り消されています。追加で請求する場合は、新しい決済でお支払いいただいてください。",
      en:
        `Paygent captures a payment only once. This payment was already captured for ${captured.en}, and the rest of ` +
        "the authorization was released by that first (partial) capture (sales change 029). To charge more, take a new payment.",
    }
  },
  notCapturedYet: (status: string | undefined): Bilingual => ({
    ja: `ペイジェントでこの決済はまだ売上になっていません（ステータス ${status ?? "不明"}）。返金ではなく取消を行ってください。`,
    en: `Paygent has not captured this payment (status ${status ?? "unknown"}): cancel it instead of refunding.`,
  }),
  refundTooLarge: (refund: number, held: number): Bilingual => ({
    ja: `返金額（${yenText(refund).ja}）がペイジェントの売上金額（${yenText(held).ja}）を超えています。`,
    en: `The refund (${yenText(refund).en}) is larger than what Paygent holds for this payment (${yenText(held).en}).`,
  }),
  alreadyChanged: (newPaymentId: string | undefined): Bilingual => ({
    ja: `この決済は既に補正（029）されています（新しい決済ID ${newPaymentId}）。「更新」で最新の状態を取得してから操作してください。`,
    en: `This payment was already changed at Paygent (029, new payment_id ${newPaymentId}). Refresh it before trying again.`,
  }),
  cancelNotAllowed: (status: string | undefined): Bilingual => ({
    ja: `ペイジェントの決済ステータス（${status ?? "不明"}）では取消できません。`,
    en: `Paygent's status of this payment (${status ?? "unknown"}) does not allow a cancel.`,
  }),
  notPaidYet: (status: string | undefined): Bilingual => ({
    ja: `ペイジェントではこの決済はまだ入金されていません（ステータス ${status ?? "不明"}）。返金するお金がありません。`,
    en: `Paygent has no payment for this order yet (status ${status ?? "unknown"}), so there is nothing to refund.`,
  }),
  noCardAuthorization: {
    ja: "Paygent のカード決済がまだありません。",
    en: "This payment has no Paygent card authorization.",
  } as Bilingual,
  authorizationExpired: (deadline: string | undefined): Bilingual => ({
    ja: `オーソリの有効期限${deadline ? `（${deadline.slice(0, 10)}）` : ""}が切れたため、売上にできません。お客様に再度お支払いいただく必要があります。`,
    en: `The authorization has expired${deadline ? ` (${deadline.slice(0, 10)})` : ""}, so it can no longer be captured. The customer has to pay again.`,
  }),
  closed: (status: string | undefined): Bilingual => ({
    ja: `この決済はペイジェントで既に取消・失効しています（ステータス ${status}）。売上にできません。`,
    en: `Paygent has already cancelled or closed this payment (status ${status}); it cannot be captured.`,
  }),
  changeOutcomeUnknown: (paymentId: string | undefined, tradingId: string | undefined): Bilingual => ({
    ja: `補正売上（029）の応答がありませんでしたが、元の決済 ${paymentId} は変更されています。新しい決済IDを特定できないため、ペイジェントの管理画面で取引ID ${tradingId} を確認してください。`,
    en: `The sales change (029) got no answer, yet the original payment ${paymentId} has changed. The new payment_id cannot be identified: look up trading_id ${tradingId} in Paygent's console.`,
  }),
  changeAppliedIdUnknown: (paymentId: string | undefined, tradingId: string | undefined, purpose: "capture" | "refund"): Bilingual => ({
    ja:
      `補正売上（029）の応答は失われましたが、照会（094）で元の決済 ${paymentId} が取消になっていることを確認しました。` +
      `${purpose === "capture" ? "売上" : "返金"}は実行済みです。新しい決済IDをペイジェントの管理画面（取引ID ${tradingId}）で確認し、paygent_payment_id に指定して確定してください。`,
    en:
      `The sales change (029) got no answer, but an inquiry (094) shows the original payment ${paymentId} cancelled: the ` +
      `${purpose} went through. Look up the new payment id (trading id ${tradingId}) in Paygent's console and confirm it with paygent_payment_id.`,
  }),
  /** A lost 028 / 029 answer that 094 could not settle (change-recovery.ts): nothing is sent again. */
  changeUnresolved: (tradingId: string): Bilingual => ({
    ja: `ペイジェントからの応答を受け取れず、照会（094）でも結果を判断できませんでした（元の決済は変わっていませんが、取引ID ${tradingId} に別の決済があります）。二重のオーソリを避けるため再送信しません。ペイジェントの管理画面で確認してください。`,
    en: `Paygent's answer was lost and an inquiry (094) could not settle it (the original payment is unchanged, but another payment exists under trading id ${tradingId}). To avoid a second authorization nothing is re-sent: check Paygent's console.`,
  }),
  partialChangeLeftWork: (newPaymentId: string, oldPaymentId: string | undefined, problems: string[]): Bilingual => ({
    ja: `補正売上（029）で新しい決済 ${newPaymentId} は作成されましたが、続く処理に失敗しました（${problems.join("、")}）。ペイジェントの管理画面で元の決済 ${oldPaymentId} と新しい決済を確認してください。`,
    en: `The sales change (029) created the new payment ${newPaymentId}, but what follows failed (${problems.join("; ")}). Check the old payment ${oldPaymentId} and the new one in Paygent's console.`,
  }),
}

/** The note stored with a manual refund owed (for the merchant's ledger, English). */
export const MANUAL_REFUND_NOTES = {
  sales_cancel_deadline_passed:
    "Paygent refused the sales cancel: its deadline has passed (2007 / status 41). Refund the customer by bank transfer.",
  no_api_refund: "Paygent has no refund telegram for this payment method. Refund the customer by bank transfer.",
}
