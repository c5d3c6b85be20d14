import { encodeText } from "../charset"
import { PaygentClient } from "../client"
import { encodeRequestBody } from "../codec"
import { PaygentInputError } from "../errors"
import { formatField, type FieldSpec } from "../validate"
import { FakeTransport } from "./fake-transport"
import { characterFixture } from "./fixtures"

/**
 * fixtures/paygent/characters.json (made with Python's cp932 codec and its own mapping tables): what a kanji, free-text
 * or kana field sends for what a shopper typed — the Windows-31J equivalents of Mac/iOS characters, the yen sign,
 * vendor extension characters in their standard form — byte for byte.
 */

const SPECS: Record<string, FieldSpec> = {
  kanji: { name: "customer_family_name", format: { type: "kanji", max: 100 } },
  text: { name: "site_info", format: { type: "text", max: 100 } },
  kana: { name: "customer_name_kana", format: { type: "kana", max: 100 } },
}

const fixture = characterFixture()

describe("character fixtures", () => {
  it.each(fixture.cases.map((c) => [`${c.field_type}: ${c.typed} (${c.why})`, c] as const))("%s", (_name, c) => {
    const sent = formatField(SPECS[c.field_type], c.typed, "Windows-31J")
    expect(sent).toBe(c.sent)
    expect(encodeText(sent, "Windows-31J").toString("hex")).toBe(c.bytes_hex)
    expect(encodeRequestBody([["v", sent]], "Windows-31J").toString("latin1")).toBe(`v=${c.urlencoded}`)
  })

  it.each(fixture.refused.map((c) => [c.typed, c] as const))("refuses %s in a kanji field, naming the field", (_name, c) => {
    let error: unknown
    try {
      formatField(SPECS[c.field_type], c.typed, "Windows-31J")
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(PaygentInputError)
    expect((error as PaygentInputError).field).toBe("customer_family_name")
    expect((error as PaygentInputError).reason).toBe("not_jis_x0208")
  })

  it("sends a konbini application typed on a Mac with 髙橋 and ① as Windows-31J standard forms", async () => {
    const transport = new FakeTransport().reply(
      "result=0\r\nresponse_code=\r\nresponse_detail=\r\npayment_id=1\r\ntrading_id=T1\r\nreceipt_number=1\r\n"
    )
    const client = new PaygentClient({ merchantId: "1", connectId: "c", connectPassword: "p", transport })
    await client.konbiniApply({
      trading_id: "T1",
      payment_amount: 1000,
      cvs_company_id: "00C005",
      customer_family_name: "髙橋",
      customer_name: "①〜",
      customer_family_name_kana: "タカハシ",
      customer_tel: "0312345678",
      site_info: "¥1,000—",
    })
    const body = transport.requests[0].body.toString("latin1")
    const byCase = (typed: string) => fixture.cases.find((c) => c.typed === typed)!.urlencoded
    expect(body).toContain(`&customer_family_name=${byCase("髙橋")}&`)
    // ① → １ (82 50), 〜 → ～ (81 60) in a full-width field.
    expect(body).toContain("&customer_name=%82P%81%60&")
    expect(body).toContain("&site_info=%81%8F1%2C000%81%5C")
    expect(body).not.toContain("payment_id=")
  })
})
