/**
 * The kit's own words (labels, hints, buttons), Japanese and English. Messages about a specific problem come from
 * the framework-free checks in src/storefront; these are the words around them. The buyer fields are labelled with
 * the server's words (BUYER_FIELD_LABELS: 姓, 名, セイ, メイ, 電話番号), which its messages use.
 */
import type { Bilingual } from "../storefront/labels"

export const TEXT = {
  cardNumber: { ja: "カード番号", en: "Card number" },
  expiry: { ja: "有効期限", en: "Expiry" },
  expiryMonth: { ja: "月", en: "Month" },
  expiryYear: { ja: "年（下2桁）", en: "Year (YY)" },
  cvc: { ja: "セキュリティコード", en: "Security code" },
  cvcHint: { ja: "カード裏面（AMEXは表面）の3桁または4桁の数字", en: "3 or 4 digits on the back of the card (front for AMEX)" },
  cardName: { ja: "カード名義（半角英字）", en: "Cardholder name" },
  brand: { ja: "カードブランド", en: "Card brand" },
  paymentClass: { ja: "お支払い回数", en: "How to pay" },
  splitCount: { ja: "分割回数", en: "Number of installments" },
  splitTimes: { ja: "回", en: " payments" },
  savedCards: { ja: "保存済みのカード", en: "Saved cards" },
  newCard: { ja: "新しいカードを使う", en: "Use a new card" },
  expired: { ja: "有効期限切れ", en: "expired" },
  saveCard: { ja: "このカードを保存する（次回から入力不要）", en: "Save this card for next time" },
  tokenNote: {
    ja: "カード番号はこのページから決済代行会社（ペイジェント）へ直接送信され、当店のサーバーには保存されません。",
    en: "Your card number goes straight from this page to the payment company (Paygent); our servers never see it.",
  },
  konbiniChain: { ja: "お支払いするコンビニ", en: "Convenience store" },
  konbiniUnavailable: { ja: "ご注文金額が上限を超えるためご利用いただけません", en: "not available: the order exceeds the limit" },
  konbiniNote: {
    ja: "ご注文後にお支払い番号とお支払い期限を表示します。期限までに選択したコンビニでお支払いください。",
    en: "After the order you get the payment number(s) and the deadline; pay at the chosen store by then.",
  },
  buyer: { ja: "ご購入者様", en: "Buyer" },
  payeasyNote: {
    ja: "ご注文後に「収納機関番号」「お客様番号」「確認番号」を表示します。ペイジー対応の銀行ATMまたはネットバンキングで、お支払い期限までにお支払いください。",
    en: "After the order you get a biller number, a customer number and a confirmation number; pay at a Pay-easy bank ATM or in online banking before the deadline.",
  },
  banknetNote: {
    ja: "ご注文を確定すると銀行選択画面へ移動します。お使いの銀行のネットバンキングでお支払いを完了してください。",
    en: "When you place the order you go to a bank selection screen; finish the payment in your bank's online banking.",
  },
  placeOrder: { ja: "注文を確定する", en: "Place order" },
  processing: { ja: "処理中…", en: "Processing…" },
  toThreeDs: { ja: "カード会社の本人認証画面へ移動します…", en: "Taking you to your card issuer's authentication…" },
  toBank: { ja: "銀行選択画面へ移動します…", en: "Taking you to the bank selection screen…" },
  completing: { ja: "本人認証が完了しました。ご注文を確定しています…", en: "Authentication complete; placing your order…" },
  retryCard: { ja: "カード情報を入力し直す", en: "Enter card details again" },
  deadline: { ja: "お支払い期限", en: "Payment deadline" },
  deadlinePassed: { ja: "期限を過ぎました", en: "The deadline has passed" },
  howToPay: { ja: "お支払い方法", en: "How to pay" },
  card: { ja: "カード", en: "Card" },
  fixFields: { ja: "入力内容をご確認ください。", en: "Please check the highlighted fields." },
} satisfies Record<string, Bilingual>

export type TextKey = keyof typeof TEXT
