import { sessionOfTradingId, tradingIdFor } from "../../../modules/paygent/trading-id"

describe("trading_id derived from the payment session", () => {
  const session = "payses_01M8GE0VHGHXMCS1MZP4ZHVBWF"

  it("fits Paygent's format (≤25, alphanumeric and _) and leads back to the session and attempt", () => {
    for (const attempt of [1, 2, 9, 10, 99]) {
      const id = tradingIdFor(session, attempt)
      expect(id).toMatch(/^[A-Za-z0-9_]{1,25}$/)
      expect(sessionOfTradingId(id)).toEqual({ sessionId: session, attempt })
    }
  })

  it("never gives two attempts or two sessions the same id", () => {
    const other = "payses_01M8GE0VHGHXMCS1MZP4ZHVBWG"
    const ids = new Set([1, 2, 3].flatMap((n) => [tradingIdFor(session, n), tradingIdFor(other, n)]))
    expect(ids.size).toBe(6)
  })

  it("keeps the largest ULID within 22 base62 characters", () => {
    expect(tradingIdFor("payses_7ZZZZZZZZZZZZZZZZZZZZZZZZZ", 99)).toHaveLength(25)
  })

  it("refuses what is not a Medusa session id, and ignores foreign trading_ids", () => {
    expect(() => tradingIdFor("cart_123", 1)).toThrow()
    expect(() => tradingIdFor(session, 0)).toThrow()
    expect(() => tradingIdFor(session, 100)).toThrow()
    expect(sessionOfTradingId("ORDER-2024-0001")).toBeUndefined()
    expect(sessionOfTradingId("TRADE12345")).toBeUndefined()
  })
})
