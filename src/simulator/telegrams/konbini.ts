/**
 * 030 konbini number method (コンビニ決済（番号方式）申込, docs/protocol.md §4.4, §8).
 * Creates a payment in 10 (notified) with the number the buyer takes to the store.
 */
import { fieldDetail } from "../codes"
import type { SimulatorCore } from "../core"
import { DAY_MS, formatJstDate } from "../jst"
import { CVS_GROUPS, cvsTypeOfCompany, receiptNumberFor } from "../konbini-stores"
import type { Payment } from "../model"
import { fail, okAnswer, param, type TelegramAnswer, type TelegramRequest } from "../telegram"
import { isBlankName } from "../text-rules"

/** The sandbox's stub rule: this phone number makes a CVS type 02 application fail at the vendor (§Appendix A). */
export const FAILING_TEL_FOR_CVS_TYPE_02 = "99999999999"

export const DEFAULT_DEADLINE_DAYS = 30
export const MAX_DEADLINE_DAYS = 60

/** payment_limit_date (days) → P012 outside 0–60. */
export function deadlineDays(request: TelegramRequest): number {
  const raw = param(request, "payment_limit_date")
  const days = raw === "" ? DEFAULT_DEADLINE_DAYS : Number(raw)
  if (days < 0 || days > MAX_DEADLINE_DAYS) throw fail("P012")
  return days
}

function cvsTypeOf(core: SimulatorCore, request: TelegramRequest): string {
  const connectionType = core.options.konbiniConnectionType
  const cvsType = param(request, "cvs_type")
  // When both are sent, cvs_type wins.
  if (cvsType !== "") {
    if (!CVS_GROUPS[connectionType][cvsType]) throw fail("P010", fieldDetail.invalid("cvs_type"))
    return cvsType
  }
  const companyId = param(request, "cvs_company_id")
  if (companyId === "") throw fail("P010", fieldDetail.invalid("cvs_type"))
  const byCompany = cvsTypeOfCompany(connectionType, companyId)
  if (!byCompany) throw fail("P010", fieldDetail.invalid("cvs_company_id"))
  return byCompany
}

export function handleKonbini(core: SimulatorCore, request: TelegramRequest): TelegramAnswer {
  const serviceType = param(request, "service_type") || "3"
  const ticketOnly = serviceType === "2"
  const amount = Number(param(request, "payment_amount"))
  if (amount <= 0 && !ticketOnly) throw fail("P014")
  const cvsType = cvsTypeOf(core, request)
  const limit = cvsType === "03" ? core.options.limits.konbiniSevenEleven : core.options.limits.konbini
  if (amount > limit) throw fail("P011")
  if (cvsType === "03" && param(request, "sales_type") === "") throw fail("P010", fieldDetail.invalid("sales_type"))
  const days = deadlineDays(request)
  if (cvsType === "02") {
    for (const name of ["customer_family_name", "customer_name"]) {
      if (isBlankName(param(request, name))) throw fail("P010", fieldDetail.invalid(name))
    }
    if (param(request, "customer_tel") === FAILING_TEL_FOR_CVS_TYPE_02) throw fail("3002")
  }

  const now = core.now()
  const paymentId = core.store.newPaymentId()
  const payment: Payment = {
    paymentId,
    tradingId: param(request, "trading_id"),
    paymentType: "03",
    status: "",
    amount,
    siteId: param(request, "site_id"),
    createdAt: now,
    bankCode: "",
    history: [],
    konbini: {
      cvsType,
      usableCompanyIds: CVS_GROUPS[core.options.konbiniConnectionType][cvsType],
      receiptNumber: receiptNumberFor(core.options.konbiniConnectionType, cvsType, Number(paymentId)),
      receiptPrintUrl: `${core.publicUrl}/konbini/receipt/${paymentId}`,
      limitDate: ticketOnly ? "" : formatJstDate(now + days * DAY_MS),
      salesType: param(request, "sales_type"),
      paidCompanyId: "",
      familyName: param(request, "customer_family_name"),
      givenName: param(request, "customer_name"),
      familyNameKana: param(request, "customer_family_name_kana"),
      givenNameKana: param(request, "customer_name_kana"),
      tel: param(request, "customer_tel"),
    },
  }
  core.store.addPayment(payment)
  core.transition(payment, "10", "030")
  const konbini = payment.konbini!
  return okAnswer([
    ["payment_id", paymentId],
    ["trading_id", payment.tradingId],
    ["receipt_number", konbini.receiptNumber],
    ["receipt_print_url", konbini.receiptPrintUrl],
    ["usable_cvs_company_id", konbini.usableCompanyIds.join("-")],
    ["payment_limit_date", konbini.limitDate],
  ])
}
