import { PaygentCardService, PaygentKonbiniService } from "../services"
import type { PaygentProviderOptions } from "../../../options/types"

const options: PaygentProviderOptions = {
  merchantId: "123456789",
  connectId: "connect01",
  connectPassword: "SecretPassw0rd",
  // Nothing listens here: any telegram would fail, which is what these tests rely on.
  baseUrl: "https://127.0.0.1:9",
  threeDsMode: "disabled",
}
const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() } as any

describe("provider decisions taken before any telegram", () => {
  const card = new PaygentCardService({ logger }, options)
  const konbini = new PaygentKonbiniService({ logger }, options)
  const session_id = "payses_01M8GE0VHGHXMCS1MZP4ZHVBWF"

  it("completes a zero amount as captured without sending anything", async () => {
    const started = await card.initiatePayment({ amount: 0, currency_code: "jpy", data: { session_id } })
    const authorized = await card.authorizePayment({ data: started.data })
    expect(authorized.status).toBe("captured")
    expect((authorized.data as any).paygent).toMatchObject({ zero_amount: true, amount: 0 })
    await expect(card.capturePayment({ data: authorized.data })).resolves.toBeDefined()
  })

  it("refuses another currency and fractional yen with a clear message", async () => {
    await expect(card.initiatePayment({ amount: 30, currency_code: "usd", data: { session_id } })).rejects.toThrow(/^Paygent は日本円 \(JPY\) のみ対応しています。 \/ Paygent accepts JPY only/)
    await expect(card.initiatePayment({ amount: 10.5, currency_code: "jpy", data: { session_id } })).rejects.toThrow(/whole/)
  })

  it("checks konbini names and phone when the shopper chooses the method", async () => {
    const base = { session_id, cvs_company_id: "00C002", customer_family_name: "山田", customer_name: "太郎" }
    await expect(
      konbini.initiatePayment({ amount: 1000, currency_code: "jpy", data: { ...base, customer_tel: "abc" } })
    ).rejects.toThrow(/^電話番号は10桁または11桁.* \/ Phone number must be/)
    await expect(
      konbini.initiatePayment({ amount: 1000, currency_code: "jpy", data: { ...base, customer_name: "彅", customer_tel: "0312345678" } })
    ).rejects.toThrow(/^名に使用できない文字が含まれています: 「彅」.* \/ Given name contains a character/)
    const ok = await konbini.initiatePayment({
      amount: 1000,
      currency_code: "jpy",
      data: { ...base, customer_family_name_kana: "ヤマダ", customer_tel: "03-1234-5678" },
    })
    expect(ok.data).toMatchObject({ customer_family_name_kana: "ﾔﾏﾀﾞ", customer_tel: "0312345678" })
  })
})
