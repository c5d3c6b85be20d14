/**
 * The simulator's side of the byte fixtures (fixtures/paygent/README.md): decoding each request body gives its params,
 * encoding each response's items/records gives exactly body_hex; notices and hashes likewise.
 */
import * as fs from "fs"
import * as path from "path"
import { noticeHash, threeDsResultHash, tokenHash } from "../hashes"
import { pushItems } from "../push"
import { isFullWidthJis, isZenginKana } from "../text-rules"
import { decodeForm, encodeCsv, encodeForm, encodeKeyValue, type Charset } from "../wire"

const FIXTURES = path.resolve(__dirname, "../../../fixtures/paygent")
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"))
const telegramFiles = fs.existsSync(path.join(FIXTURES, "telegrams"))
  ? fs.readdirSync(path.join(FIXTURES, "telegrams")).filter((f) => f.endsWith(".json"))
  : []
const noticeFiles = fs.existsSync(path.join(FIXTURES, "notices"))
  ? fs.readdirSync(path.join(FIXTURES, "notices")).filter((f) => f.endsWith(".json"))
  : []

describe("byte fixtures", () => {
  it("exist (the fixture set is part of the contract)", () => {
    expect(telegramFiles.length).toBeGreaterThanOrEqual(20)
    expect(noticeFiles.length).toBeGreaterThanOrEqual(1)
  })

  describe.each(telegramFiles)("telegram %s", (file) => {
    const fixture = read(path.join(FIXTURES, "telegrams", file))
    const charset = fixture.charset as Charset

    it("decoding the request body gives its params", () => {
      const decoded = decodeForm(Buffer.from(fixture.request.body, "latin1"), charset)
      expect(Object.fromEntries(decoded.params)).toEqual(Object.fromEntries(fixture.request.params))
      expect(decoded.order).toEqual(fixture.request.params.map(([k]: [string, string]) => k))
    })

    it("encoding the response gives exactly body_hex", () => {
      const bytes =
        fixture.response.format === "csv"
          ? encodeCsv(fixture.response.records, charset)
          : encodeKeyValue(fixture.response.items, charset)
      expect(bytes.toString("hex")).toBe(fixture.response.body_hex)
    })
  })

  describe.each(noticeFiles)("notice %s", (file) => {
    const fixture = read(path.join(FIXTURES, "notices", file))
    const params: [string, string][] = fixture.params
    const withoutHc = params.filter(([k]) => k !== "hc")

    it("encodes to exactly the POSTed body", () => {
      expect(encodeForm(params, "Windows-31J")).toBe(fixture.body)
    })

    it(`the simulator's hc ${fixture.valid ? "matches" : "differs from"} the sent hc`, () => {
      const record = { items: withoutHc } as any
      const ours = pushItems(record, fixture.notice_hash_key).find(([k]) => k === "hc")![1]
      expect(ours === fixture.hc).toBe(fixture.valid)
      const get = (k: string) => withoutHc.find(([key]) => key === k)![1]
      expect(noticeHash({
        payment_notice_id: get("payment_notice_id"),
        payment_id: get("payment_id"),
        trading_id: get("trading_id"),
        payment_type: get("payment_type"),
        payment_amount: get("payment_amount"),
      }, fixture.notice_hash_key)).toBe(ours)
    })
  })

  it("reproduces the spec's worked hash examples", () => {
    const hashes = read(path.join(FIXTURES, "hashes.json")) as any[]
    const byKind = (kind: string) => hashes.find((h) => h.kind === kind)
    const notice = byKind("notice")
    expect(noticeHash(notice.inputs, notice.key)).toBe(notice.sha256)
    const threeDs = byKind("3ds2_result")
    expect(threeDsResultHash(threeDs.inputs.result, threeDs.inputs["3ds_auth_id"], threeDs.inputs.attempt_kbn, threeDs.key)).toBe(threeDs.sha256)
    const token = byKind("token")
    expect(tokenHash(token.inputs, token.key)).toBe(token.sha256)
  })
})

describe("wire codec", () => {
  it("decodes '+' as space, keeps malformed escapes, splits only at raw '&' and the first raw '='", () => {
    const { params } = decodeForm(Buffer.from("a=x+y%26z%3D1&b=%ZZ&c==v&a=second&d"), "Windows-31J")
    expect(params.get("a")).toBe("x y&z=1")
    expect(params.get("b")).toBe("%ZZ")
    expect(params.get("c")).toBe("=v")
    expect(params.get("d")).toBe("")
  })

  it("decodes Shift_JIS escapes whose second byte is 0x5C (表, ソ)", () => {
    const { params } = decodeForm(Buffer.from("s=%95%5C%83%5C"), "Windows-31J")
    expect(params.get("s")).toBe("表ソ")
  })

  it("moves *_html items to the end, starts their value on the next line and ends every line with CRLF", () => {
    const text = encodeKeyValue([["result", "0"], ["out_acs_html", "<!DOCTYPE html>\r\n<p>x</p>"], ["a", ""]], "UTF-8").toString("utf8")
    expect(text).toBe("result=0\r\na=\r\nout_acs_html=\r\n<!DOCTYPE html>\r\n<p>x</p>\r\n")
    expect(encodeKeyValue([["result", "1"], ["out_acs_html", ""]], "UTF-8").toString("utf8")).toBe("result=1\r\nout_acs_html=\r\n")
  })

  it("applies the name rules of §8.3", () => {
    expect(isFullWidthJis("山田　太郎")).toBe(true)
    expect(isFullWidthJis("Yamada")).toBe(false)
    expect(isFullWidthJis("①")).toBe(false) // NEC special (row 13)
    expect(isFullWidthJis("髙")).toBe(false) // IBM extension
    expect(isFullWidthJis("ﾔﾏﾀﾞ")).toBe(false)
    expect(isZenginKana("ﾔﾏﾀﾞ ﾀﾛｳ")).toBe(true)
    expect(isZenginKana("ｶ)ﾍﾟｲｼﾞｴﾝﾄ")).toBe(true)
    expect(isZenginKana("ヤマダ")).toBe(false)
    expect(isZenginKana("山田")).toBe(false)
  })
})
