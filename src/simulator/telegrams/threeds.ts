/**
 * 450 EMV 3-D Secure authentication (docs/protocol.md §11.3, §11.4) and the life of a 3ds_auth_id:
 * 450 creates it (pending) → the ACS page completes it (result 0/1) or the 30-minute timeout does → a 020 with
 * 3dsecure_use_type=2 consumes it once.
 */
import { randomUUID } from "crypto"
import { brandOf, issuerOf, issurClassOf } from "../card-brands"
import { messageFor } from "../codes"
import type { SimulatorCore } from "../core"
import { threeDsResultHash } from "../hashes"
import type { CardData, ThreeDsAuth, ThreeDsOutcome } from "../model"
import { plannedOutcome } from "../threeds-control"
import { fail, okAnswer, param, type TelegramAnswer, type TelegramRequest } from "../telegram"
import type { ResponseItem } from "../wire"
import { describeCard, findStoredCard, usableToken } from "./card-common"

const THREE_DS_TOKEN_CODES = { unknown: "31004", used: "31005", expired: "31003" }

function cardFor450(core: SimulatorCore, request: TelegramRequest): CardData {
  const method = param(request, "card_set_method")
  const has = (name: string) => param(request, name) !== ""
  const sources = {
    token: has("card_token"),
    customer: has("customer_id") || has("customer_card_id"),
    direct: has("card_number") || has("card_valid_term"),
    google: has("google_payment_method_token"),
  }
  // The parameters of exactly the chosen card_set_method, and no other card source (31002).
  for (const [name, present] of Object.entries(sources)) {
    if (name !== method && present) throw fail("31002")
  }
  switch (method) {
    case "token": {
      if (!sources.token) throw fail("31002")
      const record = usableToken(core, param(request, "card_token"), THREE_DS_TOKEN_CODES)
      if (record.kind !== "card") throw fail("31002")
      // 450 does not consume the token (使用回数をカウントしません): the 020 that follows uses it.
      return { ...record.card }
    }
    case "customer": {
      if (!has("customer_id") || !has("customer_card_id")) throw fail("31002")
      if (!core.options.contract.storedCards) throw fail("P021")
      const stored = findStoredCard(core, param(request, "site_id"), param(request, "customer_id"), param(request, "customer_card_id"))
      if (!stored) throw fail("31006")
      return { ...stored.card }
    }
    case "direct": {
      if (!has("card_number") || !has("card_valid_term")) throw fail("31002")
      if (!core.options.contract.rawCardNumber) throw fail("2023")
      return { number: param(request, "card_number"), validTerm: param(request, "card_valid_term"), cvc: "", holderName: "" }
    }
    default:
      // Google Pay tokens are outside what this simulator offers.
      throw fail("P018")
  }
}

/** The auto-submitting form the merchant hands to the browser (stand-in for the CAFIS 3DS connector). */
export function acsHtml(core: SimulatorCore, authId: string): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="ja"><head><meta charset="UTF-8"><title>3-D Secure</title></head>',
    '<body onload="document.getElementById(\'acs-form\').submit()">',
    `<form id="acs-form" method="POST" action="${core.publicUrl}/3ds/acs">`,
    `<input type="hidden" name="3ds_auth_id" value="${authId}">`,
    '<noscript><button type="submit" id="acs-continue">Continue</button></noscript>',
    "</form>",
    "</body></html>",
  ].join("\r\n")
}

export function handleThreeDs(core: SimulatorCore, request: TelegramRequest): TelegramAnswer {
  if (!core.options.contract.threeDs2) throw fail("P063")
  const card = cardFor450(core, request)
  const described = describeCard(core, card)
  const brand = brandOf(card.number)
  // [U] The sandbox documents no trigger for 31012 ("the acquirer has no 3-D Secure for this brand"); here Discover
  // cards stand for it, so a merchant's fallback choice (authorize without 3DS or refuse) can be exercised.
  if (brand.brand === "DISCOVER") throw fail("31012")
  const issuer = issuerOf(card.number)
  const auth: ThreeDsAuth = {
    authId: randomUUID(),
    siteId: param(request, "site_id"),
    tradingId: param(request, "trading_id"),
    amount: param(request, "payment_amount"),
    cardholderName: param(request, "cardholder_name"),
    termUrl: param(request, "term_url"),
    card,
    brand: brand.brand,
    fingerprint: described.fingerprint,
    maskedNumber: described.maskedNumber,
    createdAt: core.now(),
    planned: plannedOutcome(param(request, "payment_amount"), param(request, "cardholder_name")),
    state: "pending",
    timeoutDeliveries: [],
  }
  core.store.threeDsAuths.set(auth.authId, auth)
  return okAnswer([
    ["card_brand", brand.brand],
    ["acq_id", brand.acqId],
    ["3ds_auth_id", auth.authId],
    ["issur_class", issurClassOf(card.number)],
    ["acq_name", brand.acqName],
    ["issur_name", issuer.issurName],
    ["issur_id", issuer.issurId],
    ["fingerprint", auth.fingerprint],
    ["masked_card_number", auth.maskedNumber],
    ["out_acs_html", acsHtml(core, auth.authId)],
  ])
}

/** Records how the authentication ended (browser flow or timeout). */
export function completeThreeDsAuth(auth: ThreeDsAuth, outcome: Exclude<ThreeDsOutcome, { kind: "challenge" }>): void {
  auth.state = "completed"
  auth.result = outcome.result
  if (outcome.result === "0") auth.attemptKbn = outcome.attemptKbn
  else auth.responseCode = outcome.responseCode
}

/** The query parameters Paygent sends to term_url (§11.3 step 4), hc last. */
export function termUrlParams(core: SimulatorCore, auth: ThreeDsAuth): [string, string][] {
  const brand = brandOf(auth.card.number)
  const issuer = issuerOf(auth.card.number)
  const timedOut = auth.state === "timed_out"
  const result = auth.result ?? "1"
  const attemptKbn = result === "0" ? auth.attemptKbn ?? "" : ""
  const params: [string, string][] = [
    ["result", result],
    ["3ds_auth_id", auth.authId],
    ["card_brand", timedOut ? "" : brand.brand],
    ["issur_class", timedOut ? "" : issurClassOf(auth.card.number)],
    ["acq_name", timedOut ? "" : brand.acqName],
    ["acq_id", timedOut ? "" : brand.acqId],
    ["issur_name", timedOut ? "" : issuer.issurName],
    ["issur_id", timedOut ? "" : issuer.issurId],
    ["fingerprint", timedOut ? "XXXX" : auth.fingerprint],
    ["masked_card_number", timedOut ? "XXXX" : auth.maskedNumber],
    ["3dsecure_requestor_error_code", ""],
    ["3dsecure_server_error_code", ""],
    ["3dsecure_ds_transaction_id", timedOut ? "" : auth.authId],
  ]
  if (result === "0") params.push(["attempt_kbn", attemptKbn])
  else params.push(["response_code", auth.responseCode ?? ""], ["response_detail", messageFor(auth.responseCode ?? "")])
  if (core.options.threeDsHashKey) {
    params.push(["hc", threeDsResultHash(result, auth.authId, attemptKbn, core.options.threeDsHashKey)])
  }
  return params
}

/** term_url with the result appended to any query it already has. */
export function termUrlWithResult(core: SimulatorCore, auth: ThreeDsAuth): string {
  const query = termUrlParams(core, auth)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&")
  const [base, fragment] = auth.termUrl.split("#", 2)
  const separator = base.includes("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?"
  return `${base}${separator}${query}${fragment !== undefined ? `#${fragment}` : ""}`
}

/** The 3DS2 result a 020 with 3dsecure_use_type=2 may use: known (31011), same site, successful and unused (31010). */
export function requireUsableThreeDsAuth(core: SimulatorCore, authId: string, siteId: string, items: ResponseItem[]): ThreeDsAuth {
  const auth = core.store.threeDsAuths.get(authId)
  if (!auth || auth.siteId !== siteId) throw fail("31011", undefined, items)
  if (auth.usedByPaymentId !== undefined || auth.state !== "completed" || auth.result !== "0") {
    throw fail("31010", undefined, items)
  }
  return auth
}

export function consumeThreeDsAuth(auth: ThreeDsAuth, paymentId: string): void {
  auth.usedByPaymentId = paymentId
}
