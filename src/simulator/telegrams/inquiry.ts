/**
 * 094 payment information inquiry (決済情報照会, docs/protocol.md §4.10): the common block plus the block of the payment's
 * type — card (02), konbini (03), ATM (01), bank net (05).
 */
import { brandOf, issuerOf } from "../card-brands"
import { fieldDetail } from "../codes"
import type { SimulatorCore } from "../core"
import { formatJstDateTime } from "../jst"
import type { Payment } from "../model"
import { fail, okAnswer, param, type TelegramAnswer, type TelegramRequest } from "../telegram"
import type { ResponseItem } from "../wire"

const dateTime = (ms: number | undefined) => (ms === undefined ? "" : formatJstDateTime(ms))

function findPayment(core: SimulatorCore, request: TelegramRequest): Payment {
  const paymentId = param(request, "payment_id")
  const tradingId = param(request, "trading_id")
  const paymentType = param(request, "payment_type")
  if (paymentId === "" && tradingId === "") throw fail("P006", fieldDetail.empty("payment_id"))
  if (paymentId !== "") {
    const payment = core.store.payments.get(paymentId)
    if (!payment || (tradingId !== "" && payment.tradingId !== tradingId) || (paymentType !== "" && payment.paymentType !== paymentType)) {
      throw fail("13001")
    }
    return payment
  }
  const candidates = core.store.paymentsByTradingId(tradingId).filter((p) => paymentType === "" || p.paymentType === paymentType)
  if (candidates.length === 0) throw fail("13001")
  if (candidates.length > 1) throw fail("13002")
  return candidates[0]
}

function cardBlock(payment: Payment): ResponseItem[] {
  const card = payment.card!
  const brand = brandOf(card.card.number)
  const issuer = issuerOf(card.card.number)
  return [
    ["authorized_date", dateTime(card.authorizedAt)],
    ["cancel_date", dateTime(payment.cancelDate)],
    ["payment_date", dateTime(payment.paymentDate)],
    ["acq_id", brand.acqId],
    ["acq_name", brand.acqName],
    ["joho_code", card.johoCode],
    ["joho_issur_type", ""],
    ["payment_class", card.paymentClass],
    ["summer_bonus", ""],
    ["winter_bonus", ""],
    ["split_count", card.splitCount],
    ["issur_code", issuer.issurId],
    ["issur_name", issuer.issurName],
    ["3dsecure_ryaku", card.threeDsRyaku],
    ["attempt_kbn", card.attemptKbn],
    ["authrized_number", card.authorizedNumber],
    ["receipt_number", ""],
    ["currency_code", ""],
    ["sales_convert_amount", ""],
    ["cancel_convert_amount", ""],
    ["running_id", ""],
    ["fingerprint", card.fingerprint],
    ["masked_card_number", card.maskedNumber],
    ["card_valid_term", card.card.validTerm],
    ["customer_id", card.customerId],
    ["customer_card_id", card.customerCardId],
    ["3dsecure_message_version", card.threeDsMessageVersion],
  ]
}

function konbiniBlock(payment: Payment): ResponseItem[] {
  const konbini = payment.konbini!
  return [
    ["payment_limit_date", konbini.limitDate],
    ["early_notice_date", dateTime(payment.earlyNoticeDate)],
    ["cancel_date", dateTime(payment.cancelDate)],
    ["user_payment_date", dateTime(payment.userPaymentDate)],
    ["payment_date", dateTime(payment.paymentDate)],
    ["cvs_company_id", konbini.paidCompanyId],
    ["customer_family_name", konbini.familyName],
    ["customer_name", konbini.givenName],
    ["customer_family_name_kana", konbini.familyNameKana],
    ["customer_name_kana", konbini.givenNameKana],
    ["customer_tel", konbini.tel],
    ["receipt_number", konbini.receiptNumber],
    ["confirm_notice_date", payment.status === "40" ? dateTime(payment.paymentDate) : ""],
  ]
}

function atmBlock(payment: Payment): ResponseItem[] {
  const atm = payment.atm!
  return [
    ["payment_limit_date", atm.limitDate],
    ["payment_date", dateTime(payment.paymentDate)],
    ["bank_code", payment.bankCode],
    ["pay_center_number", atm.payCenterNumber],
    ["customer_number", atm.customerNumber],
    ["conf_number", atm.confNumber],
    ["customer_family_name", atm.familyName],
    ["customer_name", atm.givenName],
    ["customer_family_name_kana", atm.familyNameKana],
    ["customer_name_kana", atm.givenNameKana],
  ]
}

function bankNetBlock(payment: Payment): ResponseItem[] {
  const bank = payment.bankNet!
  return [
    ["payment_date", dateTime(payment.paymentDate)],
    ["bank_code", payment.bankCode],
    ["customer_family_name", bank.familyName],
    ["customer_name", bank.givenName],
    ["customer_family_name_kana", bank.familyNameKana],
    ["customer_name_kana", bank.givenNameKana],
    ["user_payment_date", dateTime(payment.userPaymentDate)],
  ]
}

export function inquiryItems(payment: Payment): ResponseItem[] {
  const common: ResponseItem[] = [
    ["payment_id", payment.paymentId],
    ["trading_id", payment.tradingId],
    ["payment_type", payment.paymentType],
    ["site_id", payment.siteId],
    ["payment_status", payment.status],
    ["payment_amount", String(payment.amount)],
    ["payment_init_date", formatJstDateTime(payment.createdAt)],
  ]
  const block =
    payment.paymentType === "02"
      ? cardBlock(payment)
      : payment.paymentType === "03"
        ? konbiniBlock(payment)
        : payment.paymentType === "01"
          ? atmBlock(payment)
          : bankNetBlock(payment)
  return [...common, ...block]
}

export function handlePaymentInquiry(core: SimulatorCore, request: TelegramRequest): TelegramAnswer {
  return okAnswer(inquiryItems(findPayment(core, request)))
}
