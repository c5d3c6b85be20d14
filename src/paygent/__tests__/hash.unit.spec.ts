import {
  fileNoticeHash,
  hashesEqual,
  noticeHash,
  threeDs1ResultHash,
  threeDsResultHash,
  tokenHash,
  verifyNoticeHash,
  verifyThreeDs1ResultHash,
  verifyThreeDsResultHash,
  verifyTokenHash,
} from "../hash"
import { hashFixtures } from "./fixtures"

describe("spec worked examples", () => {
  it("notice hc (§7.2)", () => {
    const fields = { payment_notice_id: "12345", payment_id: "123456789", trading_id: "TRADE12345", payment_type: "02", payment_amount: "1000" }
    expect(noticeHash(fields, "abcdefg1234567")).toBe("6485eb02c7db9afccfe1076b740ffa87fc84f912aab24961153891e848b8cb8c")
  })

  it("EMV 3-D Secure result hc (§11.3)", () => {
    expect(threeDsResultHash({ result: "0", "3ds_auth_id": "11111111-1111-1111-1111-111111111111", attempt_kbn: "0" }, "test_1234567890123456789")).toBe(
      "e3f5400fb96b6ae955ac16f58cc81ba33e93f5ae35ec4a07bac6f0496c51bc43"
    )
  })

  it("token hc (§11.1)", () => {
    const fields = { token: "tok_aaaabbbbccccdddd", masked_card_number: "************4242", valid_until: "20181121185202", fingerprint: "A1b2C3d4E5f6G7h8I9j0K" }
    expect(tokenHash(fields, "ch_eeeeffffgggghhhhiiii")).toBe("4d3c9a7b3f8dd69787e35491f0fa9e750b9642413ad6bc2100af9bba4edaaad9")
  })

  it("3-D Secure 1 result hc (§11.2)", () => {
    expect(threeDs1ResultHash({ result: "0", payment_id: "11111", attempt_kbn: "0" }, "test_1234567890123456789")).toBe(
      "132b364ea2ce9eeba96dd845363cc0a7ad749fcf2a7a6cbaece7008417896976"
    )
  })

  it("file-payment notice hc (§7.3)", () => {
    const fields = { file_receipt_id: "123456789", event_id: "file.process.done", receipt_date: "20190201154356", occur_date: "20190201160428" }
    expect(fileNoticeHash(fields, "abcdefg1234567")).toBe("832ca786cebaecfb8831c38ba5ae4cd140d36075ef9ab348fb749602a5263572")
  })
})

describe("hashes.json fixtures", () => {
  const fixtures = hashFixtures()
  const fn = { notice: noticeHash, "3ds2_result": threeDsResultHash, token: tokenHash, "3ds1_result": threeDs1ResultHash } as const
  const verify = { notice: verifyNoticeHash, "3ds2_result": verifyThreeDsResultHash, token: verifyTokenHash, "3ds1_result": verifyThreeDs1ResultHash } as const

  it("cover all four kinds", () => {
    expect(new Set(fixtures.map((f) => f.kind))).toEqual(new Set(Object.keys(fn)))
  })

  it.each(fixtures.map((f) => [f.name, f] as const))("%s", (_name, f) => {
    expect(fn[f.kind](f.inputs, f.key)).toBe(f.sha256)
    expect(verify[f.kind]({ ...f.inputs, hc: f.sha256 }, f.key)).toBe(true)
    expect(verify[f.kind]({ ...f.inputs, hc: f.sha256 }, f.key + "x")).toBe(false)
  })
})

describe("verification", () => {
  const fields = { payment_notice_id: "12345", payment_id: "123456789", trading_id: "TRADE12345", payment_type: "02", payment_amount: "1000" }
  const hc = "6485eb02c7db9afccfe1076b740ffa87fc84f912aab24961153891e848b8cb8c"

  it("accepts the right hash, also upper-case", () => {
    expect(verifyNoticeHash({ ...fields, hc }, "abcdefg1234567")).toBe(true)
    expect(verifyNoticeHash({ ...fields, hc: hc.toUpperCase() }, "abcdefg1234567")).toBe(true)
  })

  it("rejects a changed field, a wrong key, a truncated or missing hash", () => {
    expect(verifyNoticeHash({ ...fields, payment_amount: "100", hc }, "abcdefg1234567")).toBe(false)
    expect(verifyNoticeHash({ ...fields, hc }, "abcdefg123456")).toBe(false)
    expect(verifyNoticeHash({ ...fields, hc: hc.slice(0, 63) }, "abcdefg1234567")).toBe(false)
    expect(verifyNoticeHash({ ...fields }, "abcdefg1234567")).toBe(false)
    expect(hashesEqual("zz".repeat(32), hc)).toBe(false)
  })

  it("trims values with PHP's trim set (like Welcart) but not the key", () => {
    expect(noticeHash({ ...fields, trading_id: " TRADE12345\r\n" }, "abcdefg1234567")).toBe(hc)
    expect(noticeHash(fields, " abcdefg1234567")).not.toBe(hc)
  })

  it("treats a missing item as empty (an empty trading_id is legal)", () => {
    const { trading_id: _t, ...rest } = fields
    expect(noticeHash(rest, "k")).toBe(noticeHash({ ...rest, trading_id: "" }, "k"))
  })
})
