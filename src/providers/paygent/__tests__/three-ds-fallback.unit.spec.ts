import { startSimulator, type Simulator } from "../../../simulator"
import { PaygentCardService } from "../services"

const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() } as any

describe("3-D Secure unavailable for the card's brand (31012)", () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator({ tokenHashKey: "k1", threeDsHashKey: "k2" })
  })
  afterAll(() => sim.close())

  function service(fallback: boolean) {
    return new PaygentCardService(
      { logger },
      {
        merchantId: "123456789",
        connectId: "testconnect01",
        connectPassword: "TestPassw0rd99",
        baseUrl: sim.url,
        tokenHashKey: "k1",
        threeDsHashKey: "k2",
        backendUrl: "http://localhost:9000",
        threeDsMerchantName: "Test Shop",
        threeDsFallbackOn31012: fallback,
      }
    )
  }

  function discoverSession() {
    const token = sim.control.createToken({ card_number: "6440000000001111", expire_month: "12", expire_year: "30", cvc: "123", name: "TARO" })
    return {
      session_id: "payses_01M8GE0VHGHXMCS1MZP4ZHVBWF",
      card_token: token.token,
      masked_card_number: token.masked_card_number,
      valid_until: token.valid_until,
      fingerprint: token.fingerprint,
      token_hc: token.hc,
    }
  }

  it("authorizes without 3-D Secure when the merchant allows it", async () => {
    const card = service(true)
    const started = await card.initiatePayment({ amount: 3000, currency_code: "jpy", data: discoverSession() })
    expect(started.status).toBe("pending")
    expect((started.data as any).paygent.threeds).toEqual({ state: "fallback" })
    const authorized = await card.authorizePayment({ data: { ...discoverSession(), ...started.data } })
    expect(authorized.status).toBe("authorized")
    const payment = sim.control.getPayment((authorized.data as any).paygent.payment_id)!
    expect(payment.payment_status).toBe("20")
    expect(payment.card!["3dsecure_ryaku"]).toBe("1")
  })

  it("refuses the card by default, before any authorization", async () => {
    const before = sim.control.listTelegrams().filter((t) => t.telegram_kind === "020").length
    await expect(
      service(false).initiatePayment({ amount: 3000, currency_code: "jpy", data: discoverSession() })
    ).rejects.toThrow(/3-D Secure/)
    expect(sim.control.listTelegrams().filter((t) => t.telegram_kind === "020").length).toBe(before)
  })
})
