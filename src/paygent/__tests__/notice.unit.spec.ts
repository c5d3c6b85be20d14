import { decodeNoticeBody, NoticeDecodeError, parseNotice } from "../notice"
import { noticeFixtures } from "./fixtures"

const fixtures = noticeFixtures()

describe("notice fixtures", () => {
  it("exist, valid and forged ones", () => {
    expect(fixtures.some((f) => f.valid)).toBe(true)
    expect(fixtures.some((f) => !f.valid)).toBe(true)
  })

  it.each(fixtures.map((f) => [f.file, f] as const))("%s decodes to its params", (_name, f) => {
    expect(Object.entries(decodeNoticeBody(Buffer.from(f.body, "latin1")))).toEqual(f.params)
  })

  it.each(fixtures.map((f) => [f.file, f] as const))("%s is accepted only if valid", (_name, f) => {
    const parsed = parseNotice(Buffer.from(f.body, "latin1"), f.notice_hash_key)
    expect(parsed.ok).toBe(f.valid)
    if (parsed.ok) {
      const expected = Object.fromEntries(f.params.filter(([k]) => k !== "hc"))
      expect(parsed.notice).toEqual(expected)
      expect(parsed.notice.hc).toBeUndefined()
    } else {
      expect(parsed.code).toBe("bad_hash")
      expect(parsed.reason).not.toContain(f.hc)
      expect(parsed.reason).not.toContain(f.notice_hash_key)
    }
  })
})

describe("decodeNoticeBody", () => {
  const decode = (s: string) => decodeNoticeBody(Buffer.from(s, "latin1"))

  it("treats + as space and %XX as Windows-31J bytes", () => {
    expect(decode("a=x+y&b=%8ER%93c&c=%83%5C")).toEqual({ a: "x y", b: "山田", c: "ソ" })
  })

  it("keeps empty values and items without '='", () => {
    expect(decode("a=&b&c=1")).toEqual({ a: "", b: "", c: "1" })
  })

  it.each([
    ["a truncated escape", "a=%8"],
    ["a non-hex escape", "a=%G1"],
    ["a lone lead byte", "a=%82"],
    ["an invalid trail byte", "a=%82%20"],
    ["the undefined byte 0x80", "a=%80"],
    ["an undefined byte 0xFD", "a=%FD"],
    ["a repeated item", "a=1&a=2"],
  ])("rejects %s", (_what, body) => {
    expect(() => decode(body)).toThrow(NoticeDecodeError)
  })

  it("never echoes the value in its error", () => {
    try {
      decode("card=4111111111111111%G")
    } catch (e) {
      expect(String((e as Error).message)).not.toContain("4111")
    }
  })
})

describe("parseNotice", () => {
  const base: Array<[string, string]> = [
    ["payment_notice_id", "12345"],
    ["payment_id", "123456789"],
    ["trading_id", "TRADE12345"],
    ["payment_type", "02"],
    ["payment_status", "20"],
    ["payment_amount", "1000"],
    ["hc", "6485eb02c7db9afccfe1076b740ffa87fc84f912aab24961153891e848b8cb8c"],
  ]
  const body = (pairs: Array<[string, string]>) => Buffer.from(pairs.map(([k, v]) => `${k}=${v}`).join("&"), "latin1")
  const KEY = "abcdefg1234567"

  it("accepts the spec example", () => {
    const r = parseNotice(body(base), KEY)
    expect(r.ok).toBe(true)
  })

  it.each(["payment_notice_id", "payment_id", "trading_id", "payment_type", "payment_status", "payment_amount", "hc"])("reports a missing %s", (item) => {
    const r = parseNotice(body(base.filter(([k]) => k !== item)), KEY)
    expect(r).toMatchObject({ ok: false, code: "missing_field", field: item })
  })

  it.each([
    ["payment_amount", "10.5.1"],
    ["payment_amount", "-5"],
    ["payment_type", "2"],
    ["payment_id", "12a"],
    ["change_date", "2025-06-10"],
  ])("reports a malformed %s", (item, value) => {
    const pairs = base.filter(([k]) => k !== item).concat([[item, value]])
    const r = parseNotice(body(pairs), KEY)
    expect(r).toMatchObject({ ok: false, code: "bad_format", field: item })
  })

  it("rejects a forged amount and an empty key", () => {
    const forged = base.map(([k, v]): [string, string] => [k, k === "payment_amount" ? "100" : v])
    expect(parseNotice(body(forged), KEY)).toMatchObject({ ok: false, code: "bad_hash" })
    expect(parseNotice(body(base), "")).toMatchObject({ ok: false, code: "bad_hash" })
  })

  it("reports undecodable bodies as malformed rather than throwing", () => {
    expect(parseNotice(Buffer.from("payment_id=%ZZ"), KEY)).toMatchObject({ ok: false, code: "malformed" })
  })
})
