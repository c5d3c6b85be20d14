import { advanceCursor, countGaps, findGaps, splitPlausible } from "../gaps"
import { padNoticeId, unpadNoticeId } from "../../notices/notice-id"

describe("payment_notice_id sequence", () => {
  it("pads ids to 18 digits so text order is number order, and strips the padding again", () => {
    expect(padNoticeId("42")).toBe("000000000000000042")
    expect(padNoticeId(7n)).toBe("000000000000000007")
    expect(padNoticeId("123456789012345678")).toBe("123456789012345678")
    expect(padNoticeId("9") < padNoticeId("10")).toBe(true)
    expect(unpadNoticeId("000000000000000042")).toBe("42")
    expect(() => padNoticeId("1234567890123456789")).toThrow()
    expect(() => padNoticeId("12a")).toThrow()
  })

  it("finds the ids missing below the highest one stored, after the cursor", () => {
    expect(findGaps(0n, [1n, 2n, 4n, 7n])).toEqual([3n, 5n, 6n])
    expect(findGaps(3n, [1n, 2n, 4n, 7n])).toEqual([5n, 6n])
    expect(findGaps(7n, [1n, 2n, 4n, 7n])).toEqual([])
    expect(findGaps(0n, [])).toEqual([])
  })

  it("starts the sequence at the first id it knows when there is no cursor yet", () => {
    // Notices 1–4999 were made before this server received any.
    expect(findGaps(null, [5000n, 5002n])).toEqual([5001n])
    expect(findGaps(null, [5000n])).toEqual([])
  })

  it("does not count an id twice and stops at the limit", () => {
    expect(findGaps(0n, [5n, 5n, 1n])).toEqual([2n, 3n, 4n])
    expect(findGaps(0n, [100n], 3)).toEqual([1n, 2n, 3n])
  })

  it("handles 18-digit ids beyond Number's exact range", () => {
    const base = 900000000000000000n
    expect(findGaps(base, [base + 1n, base + 3n])).toEqual([base + 2n])
  })

  it("advances the cursor over the contiguous run only", () => {
    expect(advanceCursor(0n, [1n, 2n, 4n])).toBe(2n)
    expect(advanceCursor(2n, [1n, 2n, 4n])).toBe(2n)
    expect(advanceCursor(2n, [3n, 4n, 6n])).toBe(4n)
    expect(advanceCursor(null, [10n, 11n, 13n])).toBe(11n)
    expect(advanceCursor(null, [])).toBeNull()
    expect(advanceCursor(5n, [])).toBe(5n)
  })

  it("moves past ids known to be lost (purged) so they are not fetched forever", () => {
    const stored = [1n, 2n, 5n]
    const lost = [3n, 4n]
    expect(findGaps(0n, [...stored, ...lost])).toEqual([])
    expect(advanceCursor(0n, [...stored, ...lost])).toBe(5n)
  })
})

describe("bounded gap repair (issue #15)", () => {
  it("counts the missing ids without listing them, also across a huge jump", () => {
    expect(countGaps(0n, [1n, 2n, 4n, 7n])).toBe(3n)
    expect(countGaps(null, [5000n, 5002n])).toBe(1n)
    expect(countGaps(10n, [])).toBe(0n)
    expect(countGaps(100n, [101n, 1_000_100n])).toBe(999_998n)
  })

  it("leaves out ids far beyond the contiguous sequence, and keeps the near ones", () => {
    expect(splitPlausible(100n, [101n, 103n, 1_000_100n], 100_000n)).toEqual({ plausible: [101n, 103n], implausible: [1_000_100n] })
    expect(splitPlausible(100n, [100_100n], 100_000n)).toEqual({ plausible: [100_100n], implausible: [] })
    // No cursor yet: the lowest stored id starts the sequence, also when the absurd id came first.
    expect(splitPlausible(null, [1_000_005n, 5n, 6n], 1000n)).toEqual({ plausible: [5n, 6n], implausible: [1_000_005n] })
    expect(splitPlausible(null, [], 1000n)).toEqual({ plausible: [], implausible: [] })
  })
})
