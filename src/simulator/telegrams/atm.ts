/**
 * 010 ATM / Pay-easy (ATM決済申込, docs/protocol.md §4.5, §9): a payment in 10 (not notified) and the three numbers the
 * buyer enters at the ATM or in online banking.
 */
import type { SimulatorCore } from "../core"
import { DAY_MS, formatJstDate } from "../jst"
import type { Payment } from "../model"
import { fail, okAnswer, param, type TelegramAnswer, type TelegramRequest } from "../telegram"
import { deadlineDays } from "./konbini"

/** 収納機関番号 (10 digits per §4.5; the real Pay-easy numbers are 5 digits, zero-padded here). One fixed value. */
export const PAY_CENTER_NUMBER = "0000058091"

export function handleAtm(core: SimulatorCore, request: TelegramRequest): TelegramAnswer {
  const amount = Number(param(request, "payment_amount"))
  if (amount <= 0) throw fail("P014")
  if (amount > core.options.limits.atm) throw fail("P011")
  const days = deadlineDays(request)
  const now = core.now()
  const paymentId = core.store.newPaymentId()
  const payment: Payment = {
    paymentId,
    tradingId: param(request, "trading_id"),
    paymentType: "01",
    status: "",
    amount,
    siteId: param(request, "site_id"),
    createdAt: now,
    bankCode: "",
    history: [],
    atm: {
      payCenterNumber: PAY_CENTER_NUMBER,
      customerNumber: paymentId.padStart(16, "0").slice(-16),
      confNumber: String((Number(paymentId) * 7919) % 1_000_000).padStart(6, "0"),
      limitDate: formatJstDate(now + days * DAY_MS),
      familyName: param(request, "customer_family_name"),
      givenName: param(request, "customer_name"),
      familyNameKana: param(request, "customer_family_name_kana"),
      givenNameKana: param(request, "customer_name_kana"),
      paymentDetail: param(request, "payment_detail"),
      paymentDetailKana: param(request, "payment_detail_kana"),
    },
  }
  core.store.addPayment(payment)
  core.transition(payment, "10", "010")
  const atm = payment.atm!
  return okAnswer([
    ["payment_id", paymentId],
    ["trading_id", payment.tradingId],
    ["pay_center_number", atm.payCenterNumber],
    ["customer_number", atm.customerNumber],
    ["conf_number", atm.confNumber],
    ["payment_limit_date", atm.limitDate],
  ])
}
