import * as fs from "fs"
import * as path from "path"
import { KONBINI_CHAINS as PROVIDER_CHAINS } from "../../providers/paygent/core/konbini-chains"
import { PAYGENT_IDENTIFIERS } from "../../providers/paygent/identifiers"
import {
  KONBINI_CHAINS,
  konbiniChainName,
  localize,
  PAYMENT_CLASSES,
  PAYMENT_METHOD_NAMES,
  paygentMethodOf,
  paygentProviderId,
  paymentClassName,
} from "../labels"
import { buyerFromAddress, cardPaymentData, konbiniPaymentData } from "../payment-data"

const TOKEN = {
  card_token: "tok_1",
  masked_card_number: "************1111",
  valid_until: "20250610103000",
  fingerprint: "fp",
  token_hc: "hc",
}

describe("cardPaymentData", () => {
  it("defaults to 一括 (10) and adds only what is given", () => {
    expect(cardPaymentData(TOKEN)).toEqual({ ...TOKEN, payment_class: "10" })
    expect(
      cardPaymentData(TOKEN, { paymentClass: "80", returnUrl: "https://shop.example.jp/checkout/3ds", email: "taro@example.jp", retryRef: "r" })
    ).toEqual({
      ...TOKEN,
      payment_class: "80",
      return_url: "https://shop.example.jp/checkout/3ds",
      email: "taro@example.jp",
      retry_ref: "r",
    })
  })

  it("requires a split count for 分割 (61) and sends it as text", () => {
    expect(cardPaymentData(TOKEN, { paymentClass: "61", splitCount: 3 })).toMatchObject({ payment_class: "61", split_count: "3" })
    expect(() => cardPaymentData(TOKEN, { paymentClass: "61" })).toThrow(/splitCount/)
    expect(() => cardPaymentData(TOKEN, { paymentClass: "61", splitCount: 1 })).toThrow(/splitCount/)
    expect(cardPaymentData(TOKEN, { paymentClass: "23", splitCount: 3 })).not.toHaveProperty("split_count")
  })
})

describe("buyerFromAddress / konbiniPaymentData", () => {
  const address = { first_name: " 太郎 ", last_name: "山田", phone: "090-1234-5678" }

  it("maps a Japanese address (姓 = last_name) and the kana the form asked for", () => {
    expect(buyerFromAddress(address, { familyNameKana: "ヤマダ", givenNameKana: "タロウ" })).toEqual({
      customer_family_name: "山田",
      customer_name: "太郎",
      customer_family_name_kana: "ヤマダ",
      customer_name_kana: "タロウ",
      customer_tel: "090-1234-5678",
    })
  })

  it("leaves out what is empty", () => {
    expect(buyerFromAddress({ first_name: "", last_name: null })).toEqual({})
    expect(buyerFromAddress(undefined)).toEqual({})
  })

  it("adds the chosen chain for konbini", () => {
    expect(konbiniPaymentData("00C002", address)).toEqual({
      cvs_company_id: "00C002",
      customer_family_name: "山田",
      customer_name: "太郎",
      customer_tel: "090-1234-5678",
    })
  })
})

describe("labels", () => {
  it("offers exactly the chains the provider accepts, with the same names", () => {
    expect(Object.fromEntries(KONBINI_CHAINS.map((chain) => [chain.id, chain.name]))).toEqual(PROVIDER_CHAINS)
  })

  it("names chains, including the type-F answer codes", () => {
    expect(konbiniChainName("00C001", "ja")).toBe("セブン-イレブン")
    expect(konbiniChainName("00C005", "en")).toBe("FamilyMart")
    expect(konbiniChainName("P0C002", "ja")).toBe("ローソン・ミニストップ")
    expect(konbiniChainName("XXXX", "en")).toBe("XXXX")
  })

  it("names the payment classes 一括/分割/ボーナス一括/リボ by their codes", () => {
    expect(PAYMENT_CLASSES.map((c) => [c.code, c.short.ja])).toEqual([
      ["10", "一括"],
      ["61", "分割"],
      ["23", "ボーナス一括"],
      ["80", "リボ"],
    ])
    expect(paymentClassName("61", "ja", 3)).toBe("分割払い（3回）")
    expect(paymentClassName("61", "en", "12")).toBe("Installments (12 payments)")
    expect(paymentClassName("10", "en", 3)).toBe("One-time payment")
    expect(paymentClassName("99", "ja")).toBe("99")
  })

  it("builds and reads the provider ids", () => {
    expect(paygentProviderId("card")).toBe(`pp_${PAYGENT_IDENTIFIERS.card}_paygent`)
    expect(paygentProviderId("konbini", "pg")).toBe("pp_paygent-konbini_pg")
    expect(paygentMethodOf("pp_paygent-banknet_paygent")).toBe("banknet")
    expect(paygentMethodOf("pp_stripe_stripe")).toBeUndefined()
    expect(paygentMethodOf(undefined)).toBeUndefined()
    expect(localize(PAYMENT_METHOD_NAMES.payeasy, "en")).toMatch(/Pay-easy/)
  })
})

describe("browser safety", () => {
  const dir = path.join(__dirname, "..")
  const files = fs.readdirSync(dir).filter((file) => file.endsWith(".ts"))

  /** The one server file the kit may import values from: Paygent's status names, a file that imports nothing. */
  const statusNames = "../paygent/status-codes"

  it("may use the status names: their file imports nothing", () => {
    const source = fs.readFileSync(path.join(dir, `${statusNames}.ts`), "utf8")
    expect(source).not.toMatch(/^\s*(import|export)\s[^;]*?from\s+"/m)
    expect(source).not.toMatch(/require\(/)
  })

  it.each(files)("%s imports only types from outside src/storefront (status names aside) and no Node or Medusa modules", (file) => {
    const source = fs.readFileSync(path.join(dir, file), "utf8")
    const imports = [...source.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms)]
    for (const [, , typeOnly, from] of imports) {
      if (!from.startsWith("./") && from !== statusNames) {
        expect({ file, from, typeOnly: Boolean(typeOnly) }).toEqual({ file, from, typeOnly: true })
      }
    }
    expect(source).not.toMatch(/require\(/)
  })
})
