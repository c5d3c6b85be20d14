/**
 * Card telegrams 020 (authorization), 021 (authorization cancel), 022 (capture), 023 (sales cancel),
 * 028 (authorization change) and 029 (sales change), with the status machine of docs/protocol.md §6.2:
 *
 *   020 → 20 (10 while a 2003 input error may be retried with the same payment_id, 11 when declined, 40 with sales_mode=1)
 *   021: 20 → 32      022: 20 → 40      023: 40 → 60
 *   028: 20 → new payment 20, old → 32      029: 20/40 → new payment 40, old → 32/60
 *   anything else → 2004, or 2007 on an expired authorization (33) / refund deadline (41)
 */
import { randomBytes } from "crypto"
import { fieldDetail, quotedVendorCode } from "../codes"
import type { SimulatorCore } from "../core"
import type { CardData, Payment } from "../model"
import { fail, okAnswer, param, type TelegramAnswer, type TelegramRequest } from "../telegram"
import { authorizationOutcome, cancelOutcome, type CardOutcome } from "../test-cards"
import {
  cardResponseItems,
  changeResponseItems,
  describeCard,
  findFollowUpTarget,
  isCardExpired,
  resolveAuthorizationCard,
  vendorFailure,
} from "./card-common"
import { consumeThreeDsAuth, requireUsableThreeDsAuth } from "./threeds"

/** After this many input errors (2003) a retry with the same payment_id is refused with 2001 "P903". */
export const MAX_INPUT_ERRORS = 3

function amountOf(request: TelegramRequest): number {
  const amount = Number(param(request, "payment_amount"))
  if (amount <= 0) throw fail("P014")
  return amount
}

function approvalNumber(): string {
  return randomBytes(4).readUInt32BE(0).toString().padStart(7, "0").slice(-7)
}

/** Vendor outcome, with the checks the card company makes on top of the test-card rules. */
function authorize(core: SimulatorCore, card: CardData, securityCodeRequired: boolean): CardOutcome {
  if (isCardExpired(core, card.validTerm)) return { ok: false, code: "2003", vendorCode: "1G83" }
  if (securityCodeRequired && card.cvc === "") return { ok: false, code: "2003", vendorCode: "1G45" }
  return authorizationOutcome(card.number)
}

function newCardPayment(core: SimulatorCore, tradingId: string, siteId: string, amount: number, card: CardData): Payment {
  const described = describeCard(core, card)
  const payment: Payment = {
    paymentId: core.store.newPaymentId(),
    tradingId,
    paymentType: "02",
    status: "",
    amount,
    siteId,
    createdAt: core.now(),
    bankCode: "",
    history: [],
    card: {
      card,
      brand: described.brand,
      fingerprint: described.fingerprint,
      maskedNumber: described.maskedNumber,
      paymentClass: "10",
      splitCount: "",
      salesMode: false,
      threeDsRyaku: "",
      attemptKbn: "",
      threeDsMessageVersion: "",
      threeDsAuthId: "",
      authorizedNumber: "",
      johoCode: "",
      inputErrors: 0,
      lastResponseCode: "",
      lastResponseDetail: "",
      customerId: "",
      customerCardId: "",
      basePaymentId: "",
    },
  }
  core.store.addPayment(payment)
  return payment
}

/** The payment a 020 with payment_id retries (only after 2003, §12); P901–P903 otherwise. */
function retryTarget(core: SimulatorCore, request: TelegramRequest, tradingId: string): Payment | undefined {
  const paymentId = param(request, "payment_id")
  if (paymentId === "") return undefined
  const refuse = (reason: string) => vendorFailure("2001", reason, cardResponseItems("", tradingId))
  const payment = core.store.payments.get(paymentId)
  if (!payment?.card || payment.paymentType !== "02" || (tradingId !== "" && payment.tradingId !== tradingId)) {
    throw refuse("P901")
  }
  if (payment.status !== "10") throw refuse("P902")
  if (payment.card.inputErrors >= MAX_INPUT_ERRORS) {
    core.transition(payment, "11", "020")
    throw refuse("P903")
  }
  return payment
}

export function handleAuthorization(core: SimulatorCore, request: TelegramRequest): TelegramAnswer {
  const tradingId = param(request, "trading_id")
  const siteId = param(request, "site_id")
  const emptyItems = cardResponseItems("", tradingId)
  const amount = amountOf(request)
  if (amount > core.options.limits.card) throw fail("P011")

  const paymentClass = param(request, "payment_class") || "10"
  const splitCount = param(request, "split_count")
  if (paymentClass === "61" && splitCount === "") throw fail("P010", fieldDetail.invalid("split_count"))

  const useType = param(request, "3dsecure_use_type")
  const authId = param(request, "3ds_auth_id")
  const ryaku = param(request, "3dsecure_ryaku")
  if (useType === "2") {
    if (!core.options.contract.threeDs2) throw fail("P063")
    if (authId === "") throw fail("31009", undefined, emptyItems)
  } else {
    if (authId !== "") throw fail("31008", undefined, emptyItems)
    // 3-D Secure 1 ended in October 2022: without 3DS2 the authorization must say "no 3DS" (3dsecure_ryaku=1).
    if (useType === "1") throw fail("P010", fieldDetail.invalid("3dsecure_use_type"))
    if (ryaku !== "1") throw fail("P010", fieldDetail.invalid("3dsecure_ryaku"))
  }

  const retried = retryTarget(core, request, tradingId)
  const source = resolveAuthorizationCard(core, request, emptyItems)
  const threeDs = useType === "2" ? requireUsableThreeDsAuth(core, authId, siteId, emptyItems) : undefined

  const payment = retried ?? newCardPayment(core, tradingId, siteId, amount, source.card)
  const details = payment.card!
  const described = describeCard(core, source.card)
  Object.assign(details, {
    card: source.card,
    brand: described.brand,
    fingerprint: described.fingerprint,
    maskedNumber: described.maskedNumber,
    paymentClass,
    splitCount,
    salesMode: param(request, "sales_mode") === "1",
    threeDsRyaku: ryaku,
    attemptKbn: threeDs?.attemptKbn ?? "",
    threeDsMessageVersion: threeDs ? "2.2.0" : "",
    threeDsAuthId: authId,
    customerId: source.storedCard?.customerId ?? "",
    customerCardId: source.storedCard?.customerCardId ?? "",
  })
  payment.amount = amount

  const outcome = authorize(core, source.card, param(request, "security_code_use") === "1")
  if (!outcome.ok) {
    details.johoCode = outcome.vendorCode
    details.lastResponseCode = outcome.code
    details.lastResponseDetail = outcome.vendorCode
    if (outcome.code === "2003") {
      // Input error: the payment stays in 10 and may be retried with its payment_id.
      details.inputErrors++
      if (payment.status !== "10") core.transition(payment, "10", "020")
      throw vendorFailure("2003", outcome.vendorCode, cardResponseItems(payment.paymentId, tradingId))
    }
    core.transition(payment, "11", "020")
    throw vendorFailure(outcome.code, outcome.vendorCode, emptyItems)
  }

  const now = core.now()
  if (source.token) source.token.usedAt = now
  if (threeDs) consumeThreeDsAuth(threeDs, payment.paymentId)
  if (source.storedCard) source.storedCard.lastUsedAt = now
  details.authorizedAt = now
  details.authorizedNumber = approvalNumber()
  details.johoCode = "000"
  details.lastResponseCode = ""
  details.lastResponseDetail = ""
  if (details.salesMode) {
    payment.paymentDate = now
    core.transition(payment, "40", "020")
  } else {
    core.transition(payment, "20", "020")
  }
  return okAnswer(cardResponseItems(payment.paymentId, tradingId, payment))
}

/** 2007 when the authorization expired (33) or the refund deadline passed (41); 2004 for any other wrong status. */
function requireStatus(payment: Payment, allowed: string[], items: ReturnType<typeof cardResponseItems>): void {
  if (allowed.includes(payment.status)) return
  if (payment.status === "33" || payment.status === "41") throw fail("2007", undefined, items)
  throw fail("2004", undefined, items)
}

type FollowUp = "021" | "022" | "023"

export function handleFollowUp(core: SimulatorCore, request: TelegramRequest): TelegramAnswer {
  const kind = request.kind as FollowUp
  const tradingId = param(request, "trading_id")
  const emptyItems = cardResponseItems("", tradingId)
  const payment = findFollowUpTarget(core, request, emptyItems)
  const details = payment.card!
  if (kind === "022") {
    requireStatus(payment, ["20"], emptyItems)
    payment.paymentDate = core.now()
    core.transition(payment, "40", kind)
  } else {
    requireStatus(payment, kind === "021" ? ["20"] : ["40"], emptyItems)
    const outcome = cancelOutcome(details.card.number)
    if (!outcome.ok) throw vendorFailure(outcome.code, outcome.vendorCode, emptyItems)
    payment.cancelDate = core.now()
    core.transition(payment, kind === "021" ? "32" : "60", kind)
  }
  return okAnswer(cardResponseItems(payment.paymentId, tradingId))
}

/**
 * 028 / 029: a new payment (new payment_id, same trading_id) is authorized for the new, not larger, amount (029 also
 * captures it) and the old one is cancelled. base_payment_cancel_timing 1 cancels the old one first.
 */
export function handleChange(core: SimulatorCore, request: TelegramRequest): TelegramAnswer {
  const kind = request.kind as "028" | "029"
  const tradingId = param(request, "trading_id")
  const emptyItems = changeResponseItems("", tradingId)
  const old = findFollowUpTarget(core, request, emptyItems)
  requireStatus(old, kind === "028" ? ["20"] : ["20", "40"], emptyItems)

  const requested = amountOf(request)
  const newAmount = param(request, "reduction_flag") === "1" ? old.amount - requested : requested
  if (newAmount <= 0 || newAmount > old.amount) throw fail("2013", undefined, emptyItems)

  const oldDetails = old.card!
  // The CVV is not kept, so the re-authorization runs without it.
  const card: CardData = { ...oldDetails.card, cvc: "" }
  const cancelFirst = param(request, "base_payment_cancel_timing") === "1"
  const oldCancelledStatus = old.status === "40" ? "60" : "32"
  const cancelFailureCode = old.status === "40" ? "2012" : "2010"

  const cancelOld = (): CardOutcome => {
    const outcome = cancelOutcome(card.number)
    if (outcome.ok) {
      old.cancelDate = core.now()
      core.transition(old, oldCancelledStatus, kind)
    }
    return outcome
  }

  if (cancelFirst) {
    const cancelled = cancelOld()
    if (!cancelled.ok) throw fail(cancelFailureCode, quotedVendorCode(cancelled.vendorCode || cancelled.code), emptyItems)
  }

  const fresh = newCardPayment(core, old.tradingId, old.siteId, newAmount, card)
  const details = fresh.card!
  Object.assign(details, {
    paymentClass: oldDetails.paymentClass,
    splitCount: oldDetails.splitCount,
    threeDsRyaku: oldDetails.threeDsRyaku,
    customerId: oldDetails.customerId,
    customerCardId: oldDetails.customerCardId,
    basePaymentId: old.paymentId,
  })
  const outcome = authorizationOutcome(card.number)
  if (!outcome.ok) {
    details.johoCode = outcome.vendorCode
    core.transition(fresh, "11", kind)
    throw vendorFailure(outcome.code, outcome.vendorCode, emptyItems)
  }
  const now = core.now()
  details.authorizedAt = now
  details.authorizedNumber = approvalNumber()
  details.johoCode = "000"
  if (kind === "029") {
    fresh.paymentDate = now
    core.transition(fresh, "40", kind)
  } else {
    core.transition(fresh, "20", kind)
  }

  const items = changeResponseItems(fresh.paymentId, tradingId, fresh, old.paymentId, String(newAmount))
  if (!cancelFirst) {
    const cancelled = cancelOld()
    // The new payment stands even though the old one could not be cancelled (§4.3): its data comes with the error.
    if (!cancelled.ok) throw fail(cancelFailureCode, quotedVendorCode(cancelled.vendorCode || cancelled.code), items)
  }
  return okAnswer(items)
}
