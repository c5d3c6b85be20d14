import type { PaymentProviderContext } from "@medusajs/framework/types"
import { assertZenginKana, PAYMENT_TYPE, STATUS, toHalfWidthKana } from "../../../paygent"
import { Answer, items, PaygentAsyncMethodBase } from "../core/async-method-base"
import { resolveCustomerNames } from "../core/customer-names"
import { isPaygentError } from "../core/errors"
import { paygentDateToIso, PaygentState, SessionData } from "../core/session-data"
import { PAYGENT_IDENTIFIERS } from "../identifiers"
import { optional, toAmount } from "./konbini"

const DEFAULT_CLAIM = { kanji: "ご注文代金", kana: "ｺﾞﾁｭｳﾓﾝﾀﾞｲｷﾝ" }

/**
 * Net bank (銀行ネット決済 ASP, 060): the shopper is sent to Paygent's bank selection screen (`asp_url`) and pays
 * in their bank's online service. There is no payment_id until the shopper picks a bank.
 */
export class PaygentBanknetService extends PaygentAsyncMethodBase {
  static identifier = PAYGENT_IDENTIFIERS.banknet
  readonly method = "banknet" as const
  readonly paymentType = PAYMENT_TYPE.BANK_NET
  readonly label = { ja: "銀行ネット決済", en: "Net bank" }

  protected amountLimit(): number {
    return this.options_.limits.bankNet
  }

  protected prepareSession(data: SessionData, context: PaymentProviderContext | undefined): Record<string, unknown> {
    return { ...resolveCustomerNames(data, context, { required: false, kanjiBytes: 12, kanaBytes: 12 }) }
  }

  protected apply(data: SessionData, tradingId: string) {
    const claimKana = toHalfWidthKana(this.options_.storeNameKana ?? DEFAULT_CLAIM.kana)
    assertZenginKana("storeNameKana", claimKana)
    return this.client_.bankNetApply({
      trading_id: tradingId,
      amount: toAmount(data),
      claim_kana: claimKana,
      claim_kanji: this.options_.storeName ?? DEFAULT_CLAIM.kanji,
      ...optional(data, "customer_family_name"),
      ...optional(data, "customer_name"),
      ...optional(data, "customer_family_name_kana"),
      ...optional(data, "customer_name_kana"),
      ...(this.options_.bankNetReturnUrl ? { return_url: this.options_.bankNetReturnUrl } : {}),
      ...(this.options_.bankNetStopReturnUrl ? { stop_return_url: this.options_.bankNetStopReturnUrl } : {}),
      ...(this.options_.threeDsMerchantName ? { merchant_name: this.options_.threeDsMerchantName } : {}),
      asp_payment_term: this.options_.bankNetScreenValidity,
      ...this.siteParams(),
    })
  }

  /**
   * The answer was lost. Paygent refuses a second live application with the same trading_id (5010) but still
   * returns its screen URL, so sending it again is the safe way to learn the outcome.
   */
  protected async recover(data: SessionData, state: PaygentState, original: unknown): Promise<Answer> {
    try {
      return await this.apply(data, state.trading_id!)
    } catch (error) {
      if (isPaygentError(error) && error.response_code === "5010" && error.fields?.asp_url) {
        return error.fields
      }
      throw this.applicationError(original, state)
    }
  }

  protected applied(_data: SessionData, state: PaygentState, reply: Answer): PaygentState {
    const answer = items(reply)
    return {
      ...state,
      payment_status: STATUS.APPLIED,
      instructions: {
        kind: "banknet",
        asp_url: String(answer.asp_url ?? ""),
        asp_limit_date: paygentDateToIso(answer.asp_limit_date),
        asp_payment_limit_date: paygentDateToIso(answer.asp_payment_limit_date),
      },
    }
  }
}
