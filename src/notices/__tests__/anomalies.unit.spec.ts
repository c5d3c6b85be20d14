import { bodyHead, RefusalLimiter, sourceKey } from "../anomalies"

const LIMITS = { windowMs: 60_000, rowsPerSource: 2, writesPerSource: 4, rowsPerWindow: 3, writesPerWindow: 6, maxSources: 3 }

describe("refused notices, recorded bounded", () => {
  it("counts a source by its address, an IPv6 address by its /64", () => {
    expect(sourceKey("::ffff:203.0.113.9")).toBe("203.0.113.9")
    expect(sourceKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64")
    expect(sourceKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64")
    expect(sourceKey("2001:0db8:0001:0002::ffff")).toBe("2001:db8:1:2::/64")
    expect(sourceKey("")).toBe("unknown")
  })

  it("gives the first refusals of a source a row, then only a count, then nothing until the window ends", () => {
    const limiter = new RefusalLimiter(LIMITS)
    const decisions = Array.from({ length: 6 }, (_, i) => limiter.decide("203.0.113.9", "bad_hash", 1000 + i))
    expect(decisions).toEqual(["row", "row", "count", "count", "throttle", "throttle"])
    expect(limiter.takeSuppressed()).toEqual([{ source: "203.0.113.9", code: "bad_hash", count: 2 }])
    expect(limiter.takeSuppressed()).toEqual([])
    // A new window starts over; another source is not affected by the first one's flood.
    expect(limiter.decide("203.0.113.9", "bad_hash", 1000 + LIMITS.windowMs)).toBe("row")
  })

  it("bounds all sources together too (many addresses), and forgets the oldest sources first", () => {
    const limiter = new RefusalLimiter(LIMITS)
    const decisions = ["a", "b", "c", "d", "e", "f", "g"].map((source) => limiter.decide(source, "malformed", 5))
    expect(decisions).toEqual(["row", "row", "row", "count", "count", "count", "throttle"])
    expect(limiter.takeSuppressed()).toEqual([{ source: "g", code: "malformed", count: 1 }])
  })

  it("keeps only the first bytes of a body, printable, with hc and card-like numbers masked", () => {
    const body = Buffer.concat([
      Buffer.from("payment_notice_id=12&hc=abcdef0123&note=4923000000001111&x="),
      Buffer.from([0x82, 0xa0, 0x0a]),
      Buffer.alloc(500, 0x41),
    ])
    const head = bodyHead(body, 80)
    expect(head).toContain("payment_notice_id=12")
    expect(head).toContain("hc=[REDACTED]")
    expect(head).not.toContain("abcdef0123")
    expect(head).not.toContain("4923000000001111")
    expect(head).toContain("\\x82\\xa0\\x0a")
    expect(head.endsWith("…")).toBe(true)
    expect(head.length).toBeLessThan(200)
  })
})
