import iconv from "iconv-lite"
import {
  assertTelegramSize,
  charsetForKind,
  encodeRequestBody,
  MAX_TELEGRAM_BYTES,
  parseCsvResponse,
  parseKeyValueResponse,
  telegramLength,
} from "../codec"
import { PaygentError, PaygentInputError } from "../errors"
import { splitCsvRecords } from "../parse-csv"
import { telegramFixtures } from "./fixtures"

const fixtures = telegramFixtures()

describe("telegram fixtures (client side: encode params, parse responses)", () => {
  it("exist", () => {
    // The fixture author writes them concurrently; at the end of the work they must be there.
    expect(fixtures.length).toBeGreaterThanOrEqual(20)
  })

  it.each(fixtures.map((f) => [f.file, f] as const))("%s: params encode to exactly the request body", (_name, f) => {
    const body = encodeRequestBody(f.request.params, f.charset)
    expect(body.toString("latin1")).toBe(f.request.body)
  })

  it.each(fixtures.map((f) => [f.file, f] as const))("%s: the response body parses to its items/records", (_name, f) => {
    const bytes = Buffer.from(f.response.body_hex, "hex")
    if (f.response.format === "key_value") {
      const parsed = parseKeyValueResponse(bytes, f.charset, f.telegram_kind)
      const items = new Map(f.response.items)
      expect(parsed.result).toBe(items.get("result"))
      expect(parsed.response_code).toBe(items.get("response_code"))
      expect(parsed.response_detail).toBe(items.get("response_detail"))
      const others = f.response.items.filter(([k]) => !["result", "response_code", "response_detail"].includes(k))
      expect(Object.entries(parsed.fields)).toEqual(others)
    } else {
      const records = f.response.records
      const parsed = parseCsvResponse(bytes, f.charset, f.telegram_kind)
      expect(splitCsvRecords(iconv.decode(bytes, "cp932"))).toEqual(records)
      const header = records.find((r) => r[0] === "1")!
      expect([parsed.result, parsed.response_code, parsed.response_detail]).toEqual(header.slice(1))
      const columns = records.find((r) => r[0] === "2")?.slice(1) ?? []
      expect(parsed.columns).toEqual(columns)
      const rows = records.filter((r) => r[0] === "3").map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i + 1]])))
      expect(parsed.rows).toEqual(rows)
      expect(parsed.count).toBe(Number(records.find((r) => r[0] === "4")![1]))
    }
  })

  it("uses the charset the kind requires", () => {
    for (const f of fixtures) expect(charsetForKind(f.telegram_kind)).toBe(f.charset)
  })
})

describe("encodeRequestBody", () => {
  it("follows PHP urlencode: only A-Z a-z 0-9 - _ . pass, space is +, upper-case hex", () => {
    const body = encodeRequestBody([["k", "a b~*'!()-_.Zz09/:"]], "Windows-31J").toString("latin1")
    expect(body).toBe("k=a+b%7E%2A%27%21%28%29-_.Zz09%2F%3A")
  })

  it("encodes the Windows-31J bytes of keys and values, in insertion order", () => {
    const body = encodeRequestBody({ z: "ア", a: "山", "3ds_auth_id": "" }, "Windows-31J").toString("latin1")
    expect(body).toBe("z=%83A&a=%8ER&3ds_auth_id=")
  })

  it("encodes 0x5C trail bytes (ソ = 83 5C) and the full-width tilde (81 60)", () => {
    expect(encodeRequestBody([["v", "ソ～"]], "Windows-31J").toString("latin1")).toBe("v=%83%5C%81%60")
  })

  it("uses UTF-8 bytes for UTF-8 telegrams", () => {
    expect(encodeRequestBody([["v", "ア"]], "UTF-8").toString("latin1")).toBe("v=%E3%82%A2")
  })

  it("refuses characters Windows-31J cannot carry instead of sending '?'", () => {
    const run = () => encodeRequestBody([["customer_name", "吉野家😀"]], "Windows-31J")
    expect(run).toThrow(PaygentInputError)
    try {
      run()
    } catch (e) {
      expect((e as PaygentInputError).field).toBe("customer_name")
      expect((e as PaygentInputError).class).toBe("validation")
    }
    // A real question mark is fine.
    expect(encodeRequestBody([["q", "?"]], "Windows-31J").toString("latin1")).toBe("q=%3F")
  })

  it("sends the Windows-31J equivalents of 〜 − ‖ ¢ £ ¬ — as Paygent's module does", () => {
    expect(encodeRequestBody([["v", "〜−‖¢£¬—"]], "Windows-31J").toString("latin1")).toBe("v=%81%60%81%7C%81a%81%91%81%92%81%CA%81%5C")
  })

  it("refuses lone surrogates in UTF-8 telegrams", () => {
    expect(() => encodeRequestBody([["v", "a\uD800b"]], "UTF-8")).toThrow(PaygentInputError)
  })
})

describe("telegram size limit (E02002)", () => {
  const url = "https://sandbox.paygent.co.jp/n/card/request"

  it("measures URL + ? + k=v&k=v before URL-encoding, in charset bytes", () => {
    expect(telegramLength(url, [["a", "1"], ["b", "山"]], "Windows-31J")).toBe(Buffer.byteLength(url) + 1 + "a=1&b=".length + 2)
    expect(telegramLength(url, [["b", "山"]], "UTF-8")).toBe(Buffer.byteLength(url) + 1 + "b=".length + 3)
  })

  it("accepts exactly 102,400 bytes and refuses one more, as configuration error E02002", () => {
    const overhead = url.length + 1 + "v=".length
    const ok: Array<[string, string]> = [["v", "x".repeat(MAX_TELEGRAM_BYTES - overhead)]]
    expect(telegramLength(url, ok, "Windows-31J")).toBe(MAX_TELEGRAM_BYTES)
    expect(() => assertTelegramSize(url, ok, "Windows-31J", "020")).not.toThrow()
    const tooLong: Array<[string, string]> = [["v", "x".repeat(MAX_TELEGRAM_BYTES - overhead + 1)]]
    try {
      assertTelegramSize(url, tooLong, "Windows-31J", "020")
      throw new Error("expected E02002")
    } catch (e) {
      expect(e).toBeInstanceOf(PaygentError)
      expect((e as PaygentError).class).toBe("configuration")
      expect((e as PaygentError).response_code).toBe("E02002")
      expect((e as PaygentError).telegram_kind).toBe("020")
    }
  })

  it("counts double-byte characters as two bytes", () => {
    const overhead = url.length + 1 + "v=".length
    const half = (MAX_TELEGRAM_BYTES - overhead) / 2
    expect(() => assertTelegramSize(url, [["v", "山".repeat(Math.floor(half) + 1)]], "Windows-31J")).toThrow(/E02002/)
  })

  it("refuses a single value above 102,400 bytes", () => {
    expect(() => assertTelegramSize("", [["v", "x".repeat(102_401)]], "Windows-31J")).toThrow(/value of v exceeds/)
  })
})

describe("parseKeyValueResponse", () => {
  const sjis = (text: string) => iconv.encode(text, "cp932")

  it("splits at the first '=', keeps empty items, does not URL-decode", () => {
    const r = parseKeyValueResponse(sjis("result=0\r\nresponse_code=\r\nresponse_detail=\r\nurl=https://x/?a=b&c=%41\r\nempty=\r\n"), "Windows-31J")
    expect(r).toEqual({ result: "0", response_code: "", response_detail: "", fields: { url: "https://x/?a=b&c=%41", empty: "" } })
  })

  it("keeps the quotes of vendor details", () => {
    const r = parseKeyValueResponse(sjis('result=1\r\nresponse_code=2001\r\nresponse_detail="1G12"\r\n'), "Windows-31J")
    expect(r.response_detail).toBe('"1G12"')
  })

  it("lets a *_html item swallow the rest of the body, stripping only the final CRLF", () => {
    const body = 'result=0\r\nout_acs_html=<form a="1">\r\n\r\nx=y\r\n</form>\r\n\r\n'
    const r = parseKeyValueResponse(sjis(body), "Windows-31J")
    expect(r.fields.out_acs_html).toBe('<form a="1">\r\n\r\nx=y\r\n</form>\r\n')
    expect(r.fields.x).toBeUndefined()
  })

  it("reads an *_html value that starts on the line after its key (Paygent's layout) without a leading line break", () => {
    const body = "result=0\r\nout_acs_html=\r\n<!DOCTYPE html>\r\n<html>x=y</html>\r\n"
    expect(parseKeyValueResponse(sjis(body), "Windows-31J").fields.out_acs_html).toBe("<!DOCTYPE html>\r\n<html>x=y</html>")
    expect(parseKeyValueResponse(sjis("result=1\r\nout_acs_html=\r\n"), "Windows-31J").fields.out_acs_html).toBe("")
    expect(parseKeyValueResponse(sjis("result=1\r\nout_acs_html="), "Windows-31J").fields.out_acs_html).toBe("")
  })

  it("decodes Windows-31J, including bytes whose trail is 0x5C or '='", () => {
    const r = parseKeyValueResponse(sjis("result=0\r\nname=表ソ能\r\n"), "Windows-31J")
    expect(r.fields.name).toBe("表ソ能")
  })

  it("ignores lines without '=' and does not let __proto__ pollute", () => {
    const r = parseKeyValueResponse(sjis("garbage\r\nresult=0\r\n__proto__=x\r\n"), "Windows-31J")
    expect(r.result).toBe("0")
    expect(Object.getPrototypeOf(r.fields)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })

  it.each([
    ["no result line", "response_code=\r\n"],
    ["empty result", "result=\r\nresponse_code=\r\n"],
    ["a blank result (spaces)", "result= \r\nresponse_code=\r\n"],
    ["a result that is not a single digit", "result=OK\r\nresponse_code=\r\n"],
    ["an HTML error page", "<html>Service Unavailable</html>"],
    ["an empty body", ""],
  ])("treats %s as unknown outcome (E02005)", (_what, body) => {
    try {
      parseKeyValueResponse(sjis(body), "Windows-31J", "022")
      throw new Error("expected failure")
    } catch (e) {
      expect(e).toBeInstanceOf(PaygentError)
      expect((e as PaygentError).class).toBe("unknown_outcome")
      expect((e as PaygentError).response_code).toBe("E02005")
      expect((e as PaygentError).telegram_kind).toBe("022")
    }
  })
})

describe("parseCsvResponse", () => {
  const sjis = (text: string) => iconv.encode(text, "cp932")

  it("reads quoted fields with \"\" escapes, commas, spaces and unquoted fields", () => {
    const body = '"1","0","",""\r\n"2","a","b"\r\n"3"," x ,y","say ""hi"""\r\n3,plain, sp \r\n"4","2"\r\n'
    const r = parseCsvResponse(sjis(body), "Windows-31J")
    expect(r.rows).toEqual([
      { a: " x ,y", b: 'say "hi"' },
      { a: "plain", b: " sp " },
    ])
    expect(r.count).toBe(2)
  })

  it.each([
    ["no header", '"4","0"\r\n'],
    ["a blank result", '"1"," ","",""\r\n"4","0"\r\n'],
    ["an empty result", '"1","","",""\r\n"4","0"\r\n'],
    ["unterminated quote", '"1","0","",""\r\n"2","a\r\n'],
    ["row/column mismatch", '"1","0","",""\r\n"2","a"\r\n"3","x","y"\r\n"4","1"\r\n'],
    ["count mismatch", '"1","0","",""\r\n"2","a"\r\n"3","x"\r\n"4","2"\r\n'],
    ["missing trailer", '"1","0","",""\r\n"2","a"\r\n"3","x"\r\n'],
    ["junk after a quote", '"1"x,"0"\r\n"4","0"\r\n'],
  ])("refuses %s as unknown outcome", (_what, body) => {
    expect(() => parseCsvResponse(sjis(body), "Windows-31J", "027")).toThrow(expect.objectContaining({ class: "unknown_outcome" }))
  })
})

describe("charsetForKind", () => {
  it("is UTF-8 for 098, 380, 410–417, 450 and Windows-31J otherwise", () => {
    for (const k of ["098", "380", "410", "413", "417", "450"]) expect(charsetForKind(k)).toBe("UTF-8")
    for (const k of ["010", "020", "027", "091", "094", "116", "409", "418", "451"]) expect(charsetForKind(k)).toBe("Windows-31J")
  })
})
