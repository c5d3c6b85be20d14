/**
 * 060 bank net ASP (銀行ネット決済ASP申込, docs/protocol.md §4.6, §10). The telegram only opens a bank-selection screen
 * (asp_url); each bank the buyer clicks there creates a new payment (payment_type 05, status 10). One live application
 * per trading_id: re-sending it answers 5010 (still with the ASP fields), 5009 once the screen expired, 5008 once paid.
 */
import { createHash, randomBytes } from "crypto"
import { fieldDetail, messageFor } from "../codes"
import type { SimulatorCore } from "../core"
import { addBusinessDays, DAY_MS, formatJstDateTime, HOUR_MS, MINUTE_MS, startOfJstDay } from "../jst"
import type { BankNetApplication, Payment } from "../model"
import { fail, okAnswer, param, TelegramFailure, type TelegramAnswer, type TelegramRequest } from "../telegram"
import type { ResponseItem } from "../wire"

export const MAX_BANK_SELECTIONS = 30
const DEFAULT_ASP_PAYMENT_TERM = "0050000"

/** Secret of the asp_url `hv` check, fresh per simulator process. */
const HV_SECRET = randomBytes(16).toString("hex")

export function aspHash(tradingId: string, merchantId: string): string {
  return createHash("sha256").update(`${tradingId}|${merchantId}|${HV_SECRET}`).digest("hex").slice(0, 32)
}

/** asp_payment_term: `0DDhhmm` = now + DD days hh hours mm minutes; `1DD....` = now + DD days at 23:59 (§4.6). */
export function aspLimitAt(now: number, term: string): number {
  const mode = term[0]
  const days = Number(term.slice(1, 3))
  if (mode === "0") return now + days * DAY_MS + Number(term.slice(3, 5)) * HOUR_MS + Number(term.slice(5, 7)) * MINUTE_MS
  if (mode === "1") return startOfJstDay(now + days * DAY_MS) + 23 * HOUR_MS + 59 * MINUTE_MS
  throw fail("P010", fieldDetail.invalid("asp_payment_term"))
}

/** Screen validity + 2 business days, same time of day. */
function paymentLimitAt(limitAt: number, holidays: readonly string[]): number {
  return addBusinessDays(limitAt, 2, holidays) + (limitAt - startOfJstDay(limitAt))
}

export function aspUrl(core: SimulatorCore, application: BankNetApplication): string {
  const query = new URLSearchParams({
    type: "05",
    tid: application.tradingId,
    mid: core.options.merchantId,
    hv: application.hv,
  })
  return `${core.publicUrl}/banking/asp?${query.toString()}`
}

function aspItems(core: SimulatorCore, application: BankNetApplication): ResponseItem[] {
  return [
    ["trading_id", application.tradingId],
    ["asp_limit_date", formatJstDateTime(application.limitAt)],
    ["asp_payment_limit_date", formatJstDateTime(application.paymentLimitAt)],
    ["asp_url", aspUrl(core, application)],
    ["amount", String(application.amount)],
    ["claim_kana", application.claimKana],
    ["claim_kanji", application.claimKanji],
    ["trade_generation_date", formatJstDateTime(application.createdAt)],
  ]
}

export function applicationPaid(core: SimulatorCore, application: BankNetApplication): boolean {
  return application.paymentIds.some((id) => core.store.payments.get(id)?.status === "40")
}

export function handleBankNet(core: SimulatorCore, request: TelegramRequest): TelegramAnswer {
  let tradingId = param(request, "trading_id")
  if (tradingId === "") {
    if (core.options.contract.bankNetMerchantAssignsTradingId) throw fail("P006", fieldDetail.empty("trading_id"))
    tradingId = core.store.newTradingId()
  }
  const amount = Number(param(request, "amount"))
  if (amount <= 0) throw fail("P014")
  if (amount > core.options.limits.bankNet) throw fail("P011")
  const now = core.now()
  const limitAt = aspLimitAt(now, param(request, "asp_payment_term") || DEFAULT_ASP_PAYMENT_TERM)

  const existing = core.store.bankNetApplications.get(tradingId)
  if (existing) {
    if (applicationPaid(core, existing)) throw fail("5008")
    if (now > existing.limitAt) throw fail("5009")
    // Double application: the buyer can still be sent to the existing screen.
    throw new TelegramFailure("5010", messageFor("5010"), aspItems(core, existing))
  }

  const application: BankNetApplication = {
    tradingId,
    siteId: param(request, "site_id"),
    amount,
    claimKana: param(request, "claim_kana"),
    claimKanji: param(request, "claim_kanji"),
    familyName: param(request, "customer_family_name"),
    givenName: param(request, "customer_name"),
    familyNameKana: param(request, "customer_family_name_kana"),
    givenNameKana: param(request, "customer_name_kana"),
    receiptName: param(request, "receipt_name") || "ペイジェント",
    receiptNameKana: param(request, "receipt_name_kana") || "ﾍﾟｲｼﾞｴﾝﾄ",
    returnUrl: param(request, "return_url"),
    stopReturnUrl: param(request, "stop_return_url"),
    merchantName: param(request, "merchant_name"),
    freeMemo: param(request, "free_memo"),
    copyRight: param(request, "copy_right"),
    bannerUrl: param(request, "banner_url"),
    createdAt: now,
    limitAt,
    paymentLimitAt: paymentLimitAt(limitAt, core.options.holidays),
    hv: aspHash(tradingId, core.options.merchantId),
    paymentIds: [],
  }
  core.store.bankNetApplications.set(tradingId, application)
  return okAnswer(aspItems(core, application))
}

/** Why a bank cannot be selected on the ASP screen, as a response code (5008/5009/5011), or undefined. */
export function selectionRefusal(core: SimulatorCore, application: BankNetApplication): string | undefined {
  if (applicationPaid(core, application)) return "5008"
  if (core.now() > application.limitAt) return "5009"
  if (application.paymentIds.length >= MAX_BANK_SELECTIONS) return "5011"
  return undefined
}

/** A bank click on the ASP screen: a new payment every time (§10 step 3). */
export function selectBank(core: SimulatorCore, application: BankNetApplication, bankCode: string): Payment {
  const refusal = selectionRefusal(core, application)
  if (refusal) throw fail(refusal)
  const payment: Payment = {
    paymentId: core.store.newPaymentId(),
    tradingId: application.tradingId,
    paymentType: "05",
    status: "",
    amount: application.amount,
    siteId: application.siteId,
    createdAt: core.now(),
    bankCode,
    history: [],
    bankNet: {
      familyName: application.familyName,
      givenName: application.givenName,
      familyNameKana: application.familyNameKana,
      givenNameKana: application.givenNameKana,
      claimKana: application.claimKana,
      claimKanji: application.claimKanji,
    },
  }
  core.store.addPayment(payment)
  application.paymentIds.push(payment.paymentId)
  core.transition(payment, "10", "bank-selection")
  return payment
}
