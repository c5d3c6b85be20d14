/**
 * Stored cards (カード情報お預り, docs/protocol.md §4.9, §11.7): 025 set, 026 delete, 027 inquiry (CSV), 116 update.
 * Cards belong to (site_id, customer_id); at most 10 per customer (P023).
 */
import { brandOf, issuerOf, maskCardNumber } from "../card-brands"
import { fieldDetail, messageFor } from "../codes"
import type { SimulatorCore } from "../core"
import { formatJstDateTime } from "../jst"
import type { CardData, StoredCard } from "../model"
import { fail, hasParam, okAnswer, param, TelegramFailure, type TelegramAnswer, type TelegramRequest } from "../telegram"
import { authorizationOutcome } from "../test-cards"
import { cardFingerprint } from "../tokens"
import { CARD_TOKEN_CODES, isCardExpired, usableToken, vendorFailure } from "./card-common"

export const MAX_STORED_CARDS = 10

function requireContract(core: SimulatorCore): void {
  if (!core.options.contract.storedCards) throw fail("P021")
}

function cardToStore(core: SimulatorCore, request: TelegramRequest): { card: CardData; use: () => void } {
  const token = param(request, "card_token")
  const raw = ["card_number", "card_valid_term", "card_conf_number"].some((name) => param(request, name) !== "")
  if (token !== "") {
    if (raw) throw fail("2024")
    const record = usableToken(core, token, CARD_TOKEN_CODES)
    if (record.kind !== "card") throw fail("2026")
    return { card: { ...record.card }, use: () => (record.usedAt = core.now()) }
  }
  if (raw) {
    if (!core.options.contract.rawCardNumber) throw fail("2023")
    const validTerm = param(request, "card_valid_term")
    if (!/^(0[1-9]|1[0-2])[0-9]{2}$/.test(validTerm)) throw fail("P010", fieldDetail.invalid("card_valid_term"))
    const card = { number: param(request, "card_number"), validTerm, cvc: param(request, "card_conf_number"), holderName: "" }
    return { card, use: () => undefined }
  }
  throw fail("P010", fieldDetail.invalid("card_token"))
}

export function handleStoredCardSet(core: SimulatorCore, request: TelegramRequest): TelegramAnswer {
  requireContract(core)
  const siteId = param(request, "site_id")
  const customerId = param(request, "customer_id")
  const cards = core.store.storedCardsOf(siteId, customerId)
  if (cards.length >= MAX_STORED_CARDS) throw fail("P023")
  const { card, use } = cardToStore(core, request)
  if (isCardExpired(core, card.validTerm)) throw vendorFailure("2003", "1G83", [])

  const now = core.now()
  let validCheckResult = ""
  if (param(request, "valid_check_flg") === "1") {
    if (!core.options.contract.validityCheck) throw fail("P024")
    const outcome = authorizationOutcome(card.number)
    validCheckResult = outcome.ok ? "0" : "1"
    if (!outcome.ok) throw vendorFailure(outcome.code, outcome.vendorCode, [])
  }
  const holderName = hasParam(request, "cardholder_name") ? param(request, "cardholder_name") : card.holderName
  const stored: StoredCard = {
    siteId,
    customerId,
    customerCardId: core.store.newCustomerCardId(),
    card: { ...card, cvc: "", holderName },
    brand: param(request, "card_brand") || brandOf(card.number).brand,
    fingerprint: cardFingerprint(core.options.merchantId, card.number),
    addInfo: [1, 2, 3, 4].map((n) => param(request, `add_info${n}`)) as StoredCard["addInfo"],
    registeredAt: now,
    lastUsedAt: now,
    validCheckResult,
    validCheckDate: validCheckResult ? now : undefined,
  }
  use()
  core.store.setStoredCardsOf(siteId, customerId, [...cards, stored])
  const brand = brandOf(card.number)
  const issuer = issuerOf(card.number)
  return okAnswer([
    ["num_of_cards", String(cards.length + 1)],
    ["customer_card_id", stored.customerCardId],
    ["issur_id", issuer.issurId],
    ["issur_name", issuer.issurName],
    ["fingerprint", stored.fingerprint],
    ["masked_card_number", maskCardNumber(card.number)],
    ["card_valid_term", card.validTerm],
    ["cardholder_name", holderName],
    ["acq_id", brand.acqId],
    ["acq_name", brand.acqName],
  ])
}

export function handleStoredCardDelete(core: SimulatorCore, request: TelegramRequest): TelegramAnswer {
  requireContract(core)
  const siteId = param(request, "site_id")
  const customerId = param(request, "customer_id")
  const customerCardId = param(request, "customer_card_id")
  const cards = core.store.storedCardsOf(siteId, customerId)
  // An empty customer_card_id deletes all cards of the customer.
  const remaining = customerCardId === "" ? [] : cards.filter((c) => c.customerCardId !== customerCardId)
  if (cards.length === 0 || remaining.length === cards.length) throw fail("P022")
  core.store.setStoredCardsOf(siteId, customerId, remaining)
  return okAnswer([["num_of_cards", String(remaining.length)]])
}

export function handleStoredCardUpdate(core: SimulatorCore, request: TelegramRequest): TelegramAnswer {
  requireContract(core)
  const siteId = param(request, "site_id")
  const customerId = param(request, "customer_id")
  const cards = core.store.storedCardsOf(siteId, customerId)
  const stored = cards.find((c) => c.customerCardId === param(request, "customer_card_id"))
  if (!stored) throw fail("P022")
  // An omitted parameter leaves the value alone; an empty one clears it, which the expiry does not allow.
  if (hasParam(request, "card_valid_term")) {
    const validTerm = param(request, "card_valid_term")
    if (validTerm === "") throw fail("P006", fieldDetail.empty("card_valid_term"))
    if (!/^(0[1-9]|1[0-2])[0-9]{2}$/.test(validTerm)) throw fail("P010", fieldDetail.invalid("card_valid_term"))
  }
  const token = param(request, "card_token")
  if (token !== "") {
    const record = usableToken(core, token, CARD_TOKEN_CODES)
    if (record.kind !== "cvc") throw fail("2026")
    record.usedAt = core.now()
  }
  if (hasParam(request, "card_valid_term")) stored.card.validTerm = param(request, "card_valid_term")
  if (hasParam(request, "cardholder_name")) stored.card.holderName = param(request, "cardholder_name")
  for (const n of [1, 2, 3, 4]) {
    if (hasParam(request, `add_info${n}`)) stored.addInfo[n - 1] = param(request, `add_info${n}`)
  }
  return okAnswer([
    ["num_of_cards", String(cards.length)],
    ["customer_card_id", stored.customerCardId],
  ])
}

/** 027 answers in CSV: header record 1, column names 2, one record 3 per card, trailer 4 (§5.2). */
export function csvHeaderAndTrailer(result: string, code: string, detail: string): string[][] {
  return [
    ["1", result, code, detail],
    ["4", "0"],
  ]
}

export function handleStoredCardInquiry(core: SimulatorCore, request: TelegramRequest): TelegramAnswer {
  requireContract(core)
  const siteId = param(request, "site_id")
  const customerCardId = param(request, "customer_card_id")
  const withFingerprint = param(request, "return_fingerprint_flg") === "1"
  const withValidity = core.options.contract.validityCheck
  const cards = core.store
    .storedCardsOf(siteId, param(request, "customer_id"))
    .filter((c) => customerCardId === "" || c.customerCardId === customerCardId)
    .sort((a, b) => b.lastUsedAt - a.lastUsedAt)
  if (cards.length === 0) throw new TelegramFailure("P026", messageFor("P026"))

  const columns = [
    "customer_id",
    "customer_card_id",
    "card_number",
    "card_valid_term",
    "card_last_use_date",
    "card_brand",
    "cardholder_name",
    "add_info1",
    "add_info2",
    "add_info3",
    "add_info4",
    "card_expire_flag",
    ...(withValidity ? ["valid_check_result", "valid_update_cd", "valid_check_date", "issur_name"] : []),
    ...(withFingerprint ? ["fingerprint"] : []),
  ]
  const rows = cards.map((c) => [
    "3",
    c.customerId,
    c.customerCardId,
    maskCardNumber(c.card.number),
    c.card.validTerm,
    formatJstDateTime(c.lastUsedAt),
    c.brand,
    c.card.holderName,
    ...c.addInfo,
    isCardExpired(core, c.card.validTerm) ? "1" : "0",
    ...(withValidity
      ? [c.validCheckResult, "", c.validCheckDate ? formatJstDateTime(c.validCheckDate) : "", c.validCheckResult ? issuerOf(c.card.number).issurName : ""]
      : []),
    ...(withFingerprint ? [c.fingerprint] : []),
  ])
  return {
    format: "csv",
    records: [["1", "0", "", ""], ["2", ...columns], ...rows, ["4", String(rows.length)]],
  }
}
