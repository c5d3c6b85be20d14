import type { PaymentProviderContext } from "@medusajs/framework/types"
import { assertZenginKana, PAYMENT_TYPE, STATUS, toHalfWidthKana } from "../../../paygent"
import { Answer, items, PaygentAsyncMethodBase } from "../core/async-method-base"
import { resolveCustomerNames } from "../core/customer-names"
import { paygentDateToIso, PaygentState, SessionData } from "../core/session-data"
import { PAYGENT_IDENTIFIERS } from "../identifiers"
import { optional, toAmount } from "./konbini"

/** Shown on the ATM when the merchant configured no store name. */
const DEFAULT_DETAIL = { kanji: "ご注文代金", kana: "ｺﾞﾁｭｳﾓﾝﾀﾞｲｷﾝ" }

/**
 * Pay-easy ATM / online banking (ATM決済, 010): the shopper gets 収納機関番号, お客様番号 and 確認番号 to pay
 * at an ATM or in their bank's online service before the deadline.
 */
export class PaygentPayeasyService extends PaygentAsyncMethodBase {
  static identifier = PAYGENT_IDENTIFIERS.payeasy
  readonly method = "payeasy" as const
  readonly paymentType = PAYMENT_TYPE.ATM
  readonly label = { ja: "ペイジー（ATM）決済", en: "Pay-easy (ATM)" }

  protected amountLimit(): number {
    return this.options_.limits.atm
  }

  protected prepareSession(data: SessionData, context: PaymentProviderContext | undefined): Record<string, unknown> {
    return { ...resolveCustomerNames(data, context, { required: false, kanjiBytes: 12, kanaBytes: 12 }) }
  }

  protected apply(data: SessionData, tradingId: string) {
    const detailKana = toHalfWidthKana(this.options_.storeNameKana ?? DEFAULT_DETAIL.kana)
    assertZenginKana("storeNameKana", detailKana)
    return this.client_.atmApply({
      trading_id: tradingId,
      payment_amount: toAmount(data),
      ...optional(data, "customer_family_name"),
      ...optional(data, "customer_name"),
      ...optional(data, "customer_family_name_kana"),
      ...optional(data, "customer_name_kana"),
      payment_detail: this.options_.storeName ?? DEFAULT_DETAIL.kanji,
      payment_detail_kana: detailKana,
      payment_limit_date: this.options_.atmDeadlineDays,
      ...this.siteParams(),
    })
  }

  protected applied(_data: SessionData, state: PaygentState, reply: Answer): PaygentState {
    const answer = items(reply)
    return {
      ...state,
      payment_id: answer.payment_id,
      payment_status: answer.payment_status ?? STATUS.APPLIED,
      instructions: {
        kind: "payeasy",
        pay_center_number: String(answer.pay_center_number ?? ""),
        customer_number: String(answer.customer_number ?? ""),
        conf_number: String(answer.conf_number ?? ""),
        payment_limit_date: paygentDateToIso(answer.payment_limit_date),
      },
    }
  }
}
