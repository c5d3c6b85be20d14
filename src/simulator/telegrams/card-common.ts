/**
 * What the card telegrams share: finding the target of a follow-up, resolving where the card comes from (token,
 * CVV token + stored card, stored card, ref_trading_id, raw number), and the common response layout (§4.1).
 */
import { brandOf, issuerOf, issurClassOf, maskCardNumber } from "../card-brands"
import { fieldDetail, quotedVendorCode } from "../codes"
import type { SimulatorCore } from "../core"
import { jstYearMonth } from "../jst"
import type { CardData, Payment, StoredCard, TokenRecord } from "../model"
import { fail, param, type TelegramRequest } from "../telegram"
import { cardFingerprint, findUsableToken } from "../tokens"
import type { ResponseItem } from "../wire"

/**
 * The 020 response layout shared by 020–023 (§4.1, §4.2). For 021–023 only the first five carry values; the card
 * items are still sent, empty. `out_acs_html` is always last; 028/029 (`leading` = base_payment_id, reduced_amount)
 * have none (§4.3).
 */
export function cardResponseItems(
  paymentId: string,
  tradingId: string,
  payment?: Payment,
  leading: ResponseItem[] = [],
): ResponseItem[] {
  const withAcsHtml = leading.length === 0
  const card = payment?.card
  const brand = card ? brandOf(card.card.number) : undefined
  const issuer = card ? issuerOf(card.card.number) : undefined
  return [
    ["payment_id", paymentId],
    ["trading_id", tradingId],
    ...leading,
    ["issur_class", card ? issurClassOf(card.card.number) : ""],
    ["acq_id", brand?.acqId ?? ""],
    ["acq_name", brand?.acqName ?? ""],
    ["issur_name", issuer?.issurName ?? ""],
    ["fc_auth_umu", ""],
    ["daiko_code", ""],
    ["card_shu_code", ""],
    ["k_card_name", ""],
    ["issur_id", issuer?.issurId ?? ""],
    ["attempt_kbn", card?.attemptKbn ?? ""],
    ["fingerprint", card?.fingerprint ?? ""],
    ["masked_card_number", card?.maskedNumber ?? ""],
    ["card_valid_term", card?.card.validTerm ?? ""],
    ...(withAcsHtml ? ([["out_acs_html", ""]] as ResponseItem[]) : []),
  ]
}

/** The 028/029 layout: 020's items with base_payment_id and reduced_amount after trading_id, no out_acs_html. */
export function changeResponseItems(paymentId: string, tradingId: string, payment?: Payment, basePaymentId = "", reducedAmount = ""): ResponseItem[] {
  return cardResponseItems(paymentId, tradingId, payment, [
    ["base_payment_id", basePaymentId],
    ["reduced_amount", reducedAmount],
  ])
}

/** A declined card telegram: the vendor code goes in quotes into response_detail (fixture README choice 4). */
export function vendorFailure(code: string, vendorCode: string, items: ResponseItem[]) {
  return fail(code, vendorCode ? quotedVendorCode(vendorCode) : undefined, items)
}

/**
 * The payment a follow-up telegram (021–023, 028, 029) targets: by payment_id and/or trading_id; both must match when
 * both are sent; a trading_id shared by several payments is ambiguous (2005).
 */
export function findFollowUpTarget(core: SimulatorCore, request: TelegramRequest, emptyItems: ResponseItem[]): Payment {
  const paymentId = param(request, "payment_id")
  const tradingId = param(request, "trading_id")
  if (paymentId === "" && tradingId === "") throw fail("P006", fieldDetail.empty("payment_id"))
  let payment: Payment | undefined
  if (paymentId !== "") {
    payment = core.store.payments.get(paymentId)
    if (payment && tradingId !== "" && payment.tradingId !== tradingId) payment = undefined
  } else {
    const candidates = core.store.paymentsByTradingId(tradingId).filter((p) => p.paymentType === "02")
    if (candidates.length > 1) throw fail("2005", undefined, emptyItems)
    payment = candidates[0]
  }
  if (!payment || payment.paymentType !== "02" || !payment.card) throw fail("2006", undefined, emptyItems)
  return payment
}

export interface CardSource {
  card: CardData
  token?: TokenRecord
  storedCard?: StoredCard
  refPayment?: Payment
}

/** Codes a telegram family uses for token problems: 2020–2022 for 020/025/116, 31003–31005 for 450. */
export interface TokenCodes {
  unknown: string
  used: string
  expired: string
}

export const CARD_TOKEN_CODES: TokenCodes = { unknown: "2021", used: "2022", expired: "2020" }

export function usableToken(core: SimulatorCore, token: string, codes: TokenCodes, items: ResponseItem[] = []): TokenRecord {
  const found = findUsableToken(core, token)
  if (found === "unknown") throw fail(codes.unknown, undefined, items)
  if (found === "used") throw fail(codes.used, undefined, items)
  if (found === "expired") throw fail(codes.expired, undefined, items)
  return found
}

export function findStoredCard(core: SimulatorCore, siteId: string, customerId: string, customerCardId: string): StoredCard | undefined {
  return core.store.storedCardsOf(siteId, customerId).find((c) => c.customerCardId === customerCardId)
}

/** Where the card of an 020 comes from (§4.1 card-data rules). */
export function resolveAuthorizationCard(core: SimulatorCore, request: TelegramRequest, items: ResponseItem[]): CardSource {
  const token = param(request, "card_token")
  const cvcTokenMode = param(request, "security_code_token") === "1"
  const stockMode = param(request, "stock_card_mode") === "1"
  const cardNumber = param(request, "card_number")
  const validTerm = param(request, "card_valid_term")
  const confNumber = param(request, "card_conf_number")
  const refTradingId = param(request, "ref_trading_id")
  const customerId = param(request, "customer_id")
  const customerCardId = param(request, "customer_card_id")
  const siteId = param(request, "site_id")

  if (stockMode && !core.options.contract.storedCards) throw fail("P021")

  if (cvcTokenMode) {
    // A CVV token only together with a stored card (2025), and it must be a CVV token (2026).
    if (!stockMode || customerId === "" || customerCardId === "" || token === "") throw fail("2025", undefined, items)
    const record = usableToken(core, token, CARD_TOKEN_CODES, items)
    if (record.kind !== "cvc") throw fail("2026", undefined, items)
    const stored = findStoredCard(core, siteId, customerId, customerCardId)
    if (!stored) throw fail("P025")
    return { card: { ...stored.card, cvc: record.card.cvc }, token: record, storedCard: stored }
  }
  if (token !== "") {
    if (cardNumber !== "" || validTerm !== "" || confNumber !== "" || stockMode || refTradingId !== "") {
      throw fail("2024", undefined, items)
    }
    const record = usableToken(core, token, CARD_TOKEN_CODES, items)
    if (record.kind !== "card") throw fail("2026", undefined, items)
    return { card: { ...record.card }, token: record }
  }
  if (stockMode) {
    if (confNumber !== "" && !core.options.contract.rawCardNumber) throw fail("2023", undefined, items)
    const stored = findStoredCard(core, siteId, customerId, customerCardId)
    if (!stored) throw fail("P025")
    return { card: { ...stored.card, cvc: confNumber }, storedCard: stored }
  }
  if (cardNumber !== "" || validTerm !== "" || confNumber !== "") {
    if (!core.options.contract.rawCardNumber) throw fail("2023", undefined, items)
    if (cardNumber === "") throw fail("P010", fieldDetail.invalid("card_number"))
    if (!/^(0[1-9]|1[0-2])[0-9]{2}$/.test(validTerm)) throw fail("P010", fieldDetail.invalid("card_valid_term"))
    return { card: { number: cardNumber, validTerm, cvc: confNumber, holderName: "" } }
  }
  if (refTradingId !== "") {
    // The card of an earlier card payment; payments still in 10/11 do not count; the largest payment_id wins.
    const earlier = core.store
      .paymentsByTradingId(refTradingId)
      .filter((p) => p.paymentType === "02" && p.card && !["10", "11"].includes(p.status))
      .sort((a, b) => Number(b.paymentId) - Number(a.paymentId))[0]
    if (!earlier?.card) throw fail("2009", undefined, items)
    return { card: { ...earlier.card.card, cvc: "" }, refPayment: earlier }
  }
  throw fail("P010", fieldDetail.invalid("card_token"))
}

/** True when the MMYY expiry lies before the current month of the simulated clock. */
export function isCardExpired(core: SimulatorCore, validTerm: string): boolean {
  if (!/^[0-9]{4}$/.test(validTerm)) return false
  const month = Number(validTerm.slice(0, 2))
  const year = 2000 + Number(validTerm.slice(2))
  const now = jstYearMonth(core.now())
  return year * 12 + month < now.year * 12 + now.month
}

export function describeCard(core: SimulatorCore, card: CardData) {
  return {
    brand: brandOf(card.number).brand,
    fingerprint: cardFingerprint(core.options.merchantId, card.number),
    maskedNumber: maskCardNumber(card.number),
  }
}
