import { MedusaError } from "@medusajs/framework/utils"
import { parseCsvResponse } from "../../../paygent"
import { startSimulator, type Simulator } from "../../../simulator"
import { authenticate } from "../../../../integration-tests/helpers/acs-browser"
import { bilingual } from "../core/errors"
import {
  authorizationCardParams,
  customerIdOfAccountHolder,
  medusaCustomerIdOf,
  parseSavedCardReference,
  paygentCustomerIdFor,
  SAVED_CARD_MESSAGES,
  savedCardErrorFromMessage,
  savedCardFromRecord,
  savedCardReferenceText,
  threeDsCardParams,
} from "../core/stored-cards"
import { PaygentCardService } from "../services"
import type { PaygentProviderOptions } from "../../../options/types"

describe("Paygent customer_id of a Medusa customer", () => {
  const customer = "cus_01JABCDEFGHJKMNPQRSTVWXYZ0"

  it("fits Paygent's customer_id (≤ 25 letters, digits and _), is stable and leads back to the customer", () => {
    const id = paygentCustomerIdFor(customer)
    expect(id).toMatch(/^[A-Za-z0-9_]{1,25}$/)
    expect(id).toHaveLength(24)
    expect(id.startsWith("c_")).toBe(true)
    expect(paygentCustomerIdFor(customer)).toBe(id)
    expect(medusaCustomerIdOf(id)).toBe(customer)
  })

  it("gives different customers different ids, the largest ULID included", () => {
    const ids = new Set(
      ["cus_01JABCDEFGHJKMNPQRSTVWXYZ0", "cus_01JABCDEFGHJKMNPQRSTVWXYZ1", "cus_7ZZZZZZZZZZZZZZZZZZZZZZZZZ", "cus_00000000000000000000000000"].map(
        paygentCustomerIdFor
      )
    )
    expect(ids.size).toBe(4)
    expect(paygentCustomerIdFor("cus_7ZZZZZZZZZZZZZZZZZZZZZZZZZ")).toHaveLength(24)
  })

  it("hashes ids that are not Medusa ULIDs (imported customers) into 25 characters, never reversible", () => {
    for (const other of ["legacy-customer-42", "cus_short", "顧客123", "x".repeat(300)]) {
      const id = paygentCustomerIdFor(other)
      expect(id).toMatch(/^h_[A-Za-z0-9]{23}$/)
      expect(paygentCustomerIdFor(other)).toBe(id)
      expect(medusaCustomerIdOf(id)).toBeUndefined()
    }
    expect(paygentCustomerIdFor("legacy-1")).not.toBe(paygentCustomerIdFor("legacy-2"))
    expect(() => paygentCustomerIdFor("")).toThrow()
  })

  it("reads the customer_id of an account holder, and nothing that is not one", () => {
    expect(customerIdOfAccountHolder({ data: { customer_id: "c_abc" }, external_id: "c_other" })).toBe("c_abc")
    expect(customerIdOfAccountHolder({ data: {}, external_id: "c_abc" })).toBe("c_abc")
    expect(customerIdOfAccountHolder({ data: { customer_id: "has space" } })).toBeUndefined()
    expect(customerIdOfAccountHolder({ data: { customer_id: "x".repeat(26) } })).toBeUndefined()
    expect(customerIdOfAccountHolder(undefined)).toBeUndefined()
  })
})

describe("027 answer as Medusa payment methods", () => {
  // As Paygent sends it: every field quoted, CRLF after every record (docs/protocol.md §5.2).
  const csv = [
    `"1","0","",""`,
    `"2","customer_id","customer_card_id","card_number","card_valid_term","card_last_use_date","card_brand","cardholder_name","add_info1","add_info2","add_info3","add_info4","card_expire_flag"`,
    `"3","c_1","000000000000000012","************1111","1230","20250610100000","VISA","TARO YAMADA","","","","","0"`,
    `"3","c_1","000000000000000011","***********0005","0124","20250101093000","AMEX","","","","","","1"`,
    `"4","2"`,
    "",
  ].join("\r\n")

  it("maps masked number, last four, brand, expiry, expiry flag and last use", () => {
    const parsed = parseCsvResponse(Buffer.from(csv, "latin1"), "Windows-31J")
    const methods = parsed.rows.map((row) => savedCardFromRecord(row))
    expect(methods[0]).toEqual({
      id: "000000000000000012",
      data: {
        customer_card_id: "000000000000000012",
        masked_card_number: "************1111",
        last4: "1111",
        card_brand: "VISA",
        card_valid_term: "1230",
        expiry_month: "12",
        expiry_year: "2030",
        expired: false,
        cardholder_name: "TARO YAMADA",
        last_used_at: "2025-06-10T10:00:00+09:00",
        valid_check_result: null,
      },
    })
    expect(methods[1]!.data).toMatchObject({ last4: "0005", card_brand: "AMEX", expiry_month: "01", expiry_year: "2024", expired: true, cardholder_name: null })
    expect(methods[1]!.data).not.toHaveProperty("customer_id")
  })

  it("keeps the validity-check result, and skips a record without a card id", () => {
    expect(savedCardFromRecord({ customer_card_id: "5", card_number: "****4444", valid_check_result: "0" })!.data.valid_check_result).toBe("0")
    expect(savedCardFromRecord({ customer_card_id: "", card_number: "****4444" })).toBeUndefined()
    expect(savedCardFromRecord({ customer_card_id: "5", card_valid_term: "9999" })!.data).toMatchObject({ expiry_month: null, expiry_year: null })
  })
})

describe("card source of 020 and 450", () => {
  it("sends a saved card with stock_card_mode=1, and its CVV-only token with security_code_token=1", () => {
    expect(authorizationCardParams({ kind: "token", token: "tok_1" })).toEqual({ card_token: "tok_1" })
    expect(authorizationCardParams({ kind: "saved", customer_id: "c_1", customer_card_id: "7" })).toEqual({
      stock_card_mode: "1",
      customer_id: "c_1",
      customer_card_id: "7",
    })
    expect(authorizationCardParams({ kind: "saved", customer_id: "c_1", customer_card_id: "7", cvc_token: "cvc_1" })).toMatchObject({
      card_token: "cvc_1",
      security_code_token: "1",
    })
    expect(threeDsCardParams({ kind: "saved", customer_id: "c_1", customer_card_id: "7", cvc_token: "cvc_1" })).toEqual({
      card_set_method: "customer",
      customer_id: "c_1",
      customer_card_id: "7",
    })
    expect(threeDsCardParams({ kind: "token", token: "tok_1" })).toEqual({ card_set_method: "token", card_token: "tok_1" })
  })

  it("reads back only well-formed saved-card references", () => {
    expect(parseSavedCardReference(savedCardReferenceText("payses_1", "c_1", "12"))).toEqual({
      session_id: "payses_1",
      customer_id: "c_1",
      customer_card_id: "12",
    })
    expect(parseSavedCardReference(savedCardReferenceText("payses_1", "c_1", "new"))?.customer_card_id).toBe("new")
    expect(parseSavedCardReference("saved-card|payses_1|bad id|12")).toBeUndefined()
    expect(parseSavedCardReference("123:payses_1")).toBeUndefined()
  })

  it("gives a saved-card refusal its type back when Medusa hands it over as a plain Error", () => {
    const restored = savedCardErrorFromMessage(new Error(bilingual(SAVED_CARD_MESSAGES.cardLimit)))
    expect(restored).toBeInstanceOf(MedusaError)
    expect((restored as MedusaError).type).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(savedCardErrorFromMessage(new Error("connection refused"))).toBeUndefined()
  })
})

describe("saved cards in the card provider, against the simulator", () => {
  const KEYS = { merchantId: "123456789", connectId: "connect01", connectPassword: "SecretPassw0rd", threeDsHashKey: "unit_3ds_hash_key" }
  const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() } as any
  let sim: Simulator
  const customer = { id: "cus_01JABCDEFGHJKMNPQRSTVWXYZ0", email: "taro@example.jp" } as any
  let holder: { id: string; external_id: string; data: Record<string, unknown> }

  beforeAll(async () => {
    sim = await startSimulator({ ...KEYS, now: "2025-06-10T01:00:00Z" })
  })
  afterAll(() => sim.close())

  function provider(extra: Partial<PaygentProviderOptions> = {}) {
    return new PaygentCardService({ logger }, {
      ...KEYS,
      baseUrl: sim.url,
      threeDsMode: "disabled",
      ...extra,
    } as PaygentProviderOptions)
  }

  function cardToken(number = "4923000000001111") {
    const token = sim.control.createToken({ card_number: number, expire_month: "12", expire_year: "30", cvc: "123", name: "TARO YAMADA" })
    return { card_token: token.token, masked_card_number: token.masked_card_number, valid_until: token.valid_until, fingerprint: token.fingerprint }
  }

  function telegrams(kind: string) {
    return sim.control.listTelegrams().filter((t: any) => t.telegram_kind === kind)
  }

  let sessionSeq = 0
  function sessionId() {
    sessionSeq += 1
    return `payses_01JABCDEFGHJKMNPQRSTVWX${String(sessionSeq).padStart(3, "0")}`
  }

  beforeEach(async () => {
    sim.control.reset()
    const created = await provider().createAccountHolder({ context: { customer } })
    holder = { id: "acchld_1", external_id: created.id, data: created.data! }
  })

  it("creates the account holder without a telegram, lists no card as an empty list (P026)", async () => {
    expect(holder.external_id).toBe(paygentCustomerIdFor(customer.id))
    expect(holder.data).toEqual({ customer_id: holder.external_id })
    const again = await provider().createAccountHolder({ context: { customer, account_holder: holder } as any })
    expect(again.id).toBe(holder.external_id)
    expect(await provider().listPaymentMethods({ context: { account_holder: holder } })).toEqual([])
    expect(telegrams("027")[0]).toMatchObject({ response_code: "P026" })
    expect(await provider().listPaymentMethods({ context: {} })).toEqual([])
  })

  it("saves (025), lists (027) and deletes (026) a card of the account holder only", async () => {
    const saved = await provider().savePaymentMethod({ data: cardToken(), context: { account_holder: holder } })
    expect(saved.id).toMatch(/^\d{1,18}$/)
    // 025 names no brand: the new card is read back with 027.
    expect(saved.data).toMatchObject({ masked_card_number: "************1111", card_brand: "VISA", expiry_month: "12", expiry_year: "2030" })
    expect(telegrams("025")[0].params).toMatchObject({ customer_id: holder.external_id })
    expect(telegrams("025")[0].params.valid_check_flg ?? "").toBe("")

    const listed = await provider().listPaymentMethods({ context: { account_holder: holder } })
    expect(listed).toHaveLength(1)
    expect(listed[0].data).toMatchObject({ customer_card_id: saved.id, card_brand: "VISA", last4: "1111", expired: false })

    const other = { id: "acchld_2", external_id: "c_other", data: { customer_id: "c_other" } }
    await expect(provider().deletePaymentMethod({ data: { id: saved.id }, context: { account_holder: other } })).rejects.toMatchObject({
      type: MedusaError.Types.NOT_FOUND,
    })
    await provider().deletePaymentMethod({ data: { id: saved.id }, context: { account_holder: holder } })
    expect(sim.control.listStoredCards({ customer_id: holder.external_id })).toEqual([])
    await expect(provider().savePaymentMethod({ data: cardToken(), context: {} })).rejects.toThrow(/log in/)
  })

  it("asks Paygent for the validity check when configured (no contract for it → the shop's neutral message)", async () => {
    await expect(
      provider({ savedCardValidityCheck: true }).savePaymentMethod({ data: cardToken(), context: { account_holder: holder } })
    ).rejects.toThrow(bilingual({ ja: "ただいま決済を受け付けられません。しばらくしてから再度お試しください。", en: "Payment cannot be accepted right now. Please try again in a moment." }))
    expect(telegrams("025")[0]).toMatchObject({ response_code: "P024" })
    expect(telegrams("025")[0].params.valid_check_flg).toBe("1")
    expect(logger.error).toHaveBeenCalled()
  })

  it("pays a saved card with 3-D Secure: 027, 450 card_set_method=customer, then 020 stock_card_mode=1 with a CVV token", async () => {
    const saved = await provider().savePaymentMethod({ data: cardToken(), context: { account_holder: holder } })
    const card = provider({ threeDsMode: "required", backendUrl: "http://localhost:9000", threeDsMerchantName: "Unit Shop", requireSecurityCodeForSavedCards: true })
    const session_id = sessionId()

    await expect(
      card.initiatePayment({ amount: 5000, currency_code: "jpy", data: { session_id, customer_card_id: saved.id }, context: { account_holder: holder } })
    ).rejects.toThrow(/security code/)

    const cvc = sim.control.createCvcToken({ cvc: "123" })
    const started = await card.initiatePayment({
      amount: 5000,
      currency_code: "jpy",
      // customer_id from the storefront is ignored: the account holder says whose card it is.
      data: { session_id, customer_card_id: saved.id, security_code_token: cvc.token, customer_id: "c_attacker" },
      context: { account_holder: holder },
    })
    expect(started.status).toBe("requires_more")
    const data = started.data as any
    expect(data.security_code_token).toBeNull()
    expect(data.customer_id).toBeNull()
    expect(data.saved_card).toMatchObject({ customer_card_id: saved.id, masked_card_number: "************1111", card_brand: "VISA" })
    expect(telegrams("450")[0].params).toMatchObject({ card_set_method: "customer", customer_id: holder.external_id, customer_card_id: saved.id })

    const term = await authenticate(data.paygent.threeds.acs_html, { appBaseUrl: "http://localhost:9000" })
    const updated = await card.updatePayment({
      amount: 5000,
      currency_code: "jpy",
      data: { ...data, paygent_3ds_result: Object.fromEntries(term.searchParams) },
    })
    expect((updated.data as any).paygent.threeds.state).toBe("authenticated")

    const authorized = await card.authorizePayment({ data: updated.data })
    expect(authorized.status).toBe("authorized")
    const auth = telegrams("020")[0]
    expect(auth.params).toMatchObject({
      stock_card_mode: "1",
      customer_id: holder.external_id,
      customer_card_id: saved.id,
      security_code_token: "1",
      "3dsecure_use_type": "2",
    })
    expect(auth.params.card_token).toBeTruthy() // the CVV-only token (the simulator's log masks it)
    expect(auth.result).toBe("0")
    expect((authorized.data as any).card_token_sealed).toBeNull()
    expect((authorized.data as any).paygent).toMatchObject({ payment_status: "20", card: { masked_card_number: "************1111" } })
  })

  it("saves at checkout with 3-D Secure: 025 first (the token is used up there), then 450 with the new saved card", async () => {
    const card = provider({ threeDsMode: "required", backendUrl: "http://localhost:9000", threeDsMerchantName: "Unit Shop" })
    const started = await card.initiatePayment({
      amount: 3000,
      currency_code: "jpy",
      data: { session_id: sessionId(), ...cardToken(), save_card: true },
      context: { account_holder: holder },
    })
    const data = started.data as any
    expect(started.status).toBe("requires_more")
    expect(data.card_save_sealed).toBeNull()
    expect(data.saved_card).toMatchObject({ saved_now: true, masked_card_number: "************1111" })
    expect(sim.control.listStoredCards({ customer_id: holder.external_id })).toHaveLength(1)
    expect(telegrams("450")[0].params).toMatchObject({ card_set_method: "customer", customer_card_id: data.saved_card.customer_card_id })
  })

  it("never uses a saved-card reference signed for another session or altered by the storefront", async () => {
    const saved = await provider().savePaymentMethod({ data: cardToken(), context: { account_holder: holder } })
    const card = provider()
    const first = await card.initiatePayment({
      amount: 3000,
      currency_code: "jpy",
      data: { session_id: sessionId(), customer_card_id: saved.id },
      context: { account_holder: holder },
    })
    const copied = { ...(first.data as any), session_id: sessionId() }
    await expect(card.authorizePayment({ data: copied })).rejects.toThrow(/card details/)
    const forged = { ...(first.data as any), saved_card: { customer_card_id: saved.id, ref: "saved-card|x|c_other|1.sig" } }
    await expect(card.authorizePayment({ data: forged })).rejects.toThrow(/card details/)
    expect(telegrams("020")).toHaveLength(0)
    // A guest (no account holder) cannot name a saved card at all.
    await expect(
      card.initiatePayment({ amount: 3000, currency_code: "jpy", data: { session_id: sessionId(), customer_card_id: saved.id } })
    ).rejects.toThrow(/log in/)
  })
})
