import type { PaymentProviderContext } from "@medusajs/framework/types"
import { Answer, items, PaygentAsyncMethodBase } from "../core/async-method-base"
import { resolveCustomerNames, resolvePhone } from "../core/customer-names"
import { invalidData } from "../core/errors"
import { KONBINI_CHAINS, secondNumberFor, SEVEN_ELEVEN } from "../core/konbini-chains"
import { paygentDateToIso, PaygentState, SessionData } from "../core/session-data"
import { PAYGENT_IDENTIFIERS } from "../identifiers"
import { PAYMENT_TYPE, STATUS } from "../../../paygent"

/**
 * Konbini payment, number method (コンビニ決済 番号方式, 030): the shopper gets a receipt number to pay at the
 * chosen chain before the deadline.
 */
export class PaygentKonbiniService extends PaygentAsyncMethodBase {
  static identifier = PAYGENT_IDENTIFIERS.konbini
  readonly method = "konbini" as const
  readonly paymentType = PAYMENT_TYPE.KONBINI
  readonly label = { ja: "コンビニ決済", en: "Konbini payment" }

  protected amountLimit(data: SessionData): number {
    return data.cvs_company_id === SEVEN_ELEVEN ? this.options_.limits.konbiniSevenEleven : this.options_.limits.konbini
  }

  protected prepareSession(data: SessionData, context: PaymentProviderContext | undefined): Record<string, unknown> {
    const chain = String(data.cvs_company_id ?? "")
    if (!KONBINI_CHAINS[chain]) {
      throw invalidData({
        ja: "お支払いするコンビニを選択してください。",
        en: `cvs_company_id must be one of ${Object.keys(KONBINI_CHAINS).join(", ")}.`,
      })
    }
    return {
      cvs_company_id: chain,
      ...resolveCustomerNames(data, context, { required: true, kanjiBytes: 20, kanaBytes: 14 }),
      customer_tel: resolvePhone(data, context),
    }
  }

  protected apply(data: SessionData, tradingId: string) {
    const chain = String(data.cvs_company_id)
    return this.client_.konbiniApply({
      trading_id: tradingId,
      payment_amount: toAmount(data),
      cvs_company_id: chain,
      // Seven-Eleven requires a sales type; an online shop's order is paid before delivery (1 = 前払い).
      ...(chain === SEVEN_ELEVEN ? { sales_type: "1" } : {}),
      customer_family_name: String(data.customer_family_name),
      customer_name: String(data.customer_name),
      ...optional(data, "customer_family_name_kana"),
      ...optional(data, "customer_name_kana"),
      customer_tel: String(data.customer_tel),
      payment_limit_date: this.options_.konbiniDeadlineDays,
      ...this.siteParams(),
    })
  }

  protected applied(data: SessionData, state: PaygentState, reply: Answer): PaygentState {
    const answer = items(reply)
    const chain = String(data.cvs_company_id)
    return {
      ...state,
      payment_id: answer.payment_id,
      payment_status: answer.payment_status ?? STATUS.APPLIED,
      instructions: {
        kind: "konbini",
        cvs_company_id: chain,
        receipt_number: String(answer.receipt_number ?? ""),
        receipt_print_url: answer.receipt_print_url || undefined,
        usable_cvs_company_ids: String(answer.usable_cvs_company_id || chain).split("-").filter(Boolean),
        payment_limit_date: paygentDateToIso(answer.payment_limit_date),
        second_number: secondNumberFor(chain, this.options_.konbiniConnectionType, String(data.customer_tel)),
      },
    }
  }
}

export function toAmount(data: SessionData): number {
  return Number((data.paygent as PaygentState).amount)
}

export function optional(data: SessionData, key: string): Record<string, string> {
  return typeof data[key] === "string" && data[key] !== "" ? { [key]: String(data[key]) } : {}
}
