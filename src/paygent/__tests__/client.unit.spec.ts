import iconv from "iconv-lite"
import { PaygentClient, type PaygentClientOptions } from "../client"
import { PaygentError, PaygentInputError } from "../errors"
import type { TelegramEndEvent, TelegramStartEvent } from "../events"
import { decodeNoticeBody } from "../notice"
import { FakeTransport } from "./fake-transport"

const PASSWORD = "Sup3rSecretPw"
const TOKEN = "tok_SECRETSECRETSECRET0001"

const OK_020 = iconv.encode(
  "result=0\r\nresponse_code=\r\nresponse_detail=\r\npayment_id=210000101\r\ntrading_id=ORDER_1\r\nmasked_card_number=************1234\r\nout_acs_html=\r\n",
  "cp932"
)

function client(transport: FakeTransport, extra: Partial<PaygentClientOptions> = {}): PaygentClient {
  return new PaygentClient({ merchantId: "123456789", connectId: "conn01", connectPassword: PASSWORD, transport, ...extra })
}

// decodeNoticeBody is the Windows-31J form decoder, tested on its own against the notice fixtures.
function sentParams(transport: FakeTransport, i = 0): Map<string, string> {
  return new Map(Object.entries(decodeNoticeBody(transport.requests[i].body)))
}

function rawSent(transport: FakeTransport, i = 0): string {
  return transport.requests[i].body.toString("latin1")
}

async function rejection(p: Promise<unknown>): Promise<PaygentError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(PaygentError)
    return e as PaygentError
  }
  throw new Error("expected rejection")
}

describe("request building", () => {
  it("fills the common header in the spec's order and converts numbers", async () => {
    const t = new FakeTransport().reply(OK_020)
    await client(t).cardAuthorize({ trading_id: "ORDER_1", payment_amount: 12800, card_token: TOKEN, "3dsecure_ryaku": "1" })
    expect(rawSent(t)).toBe(
      `merchant_id=123456789&connect_id=conn01&connect_password=${PASSWORD}&telegram_kind=020&telegram_version=1.0&trading_id=ORDER_1&payment_amount=12800&payment_class=10&3dsecure_ryaku=1&card_token=${TOKEN}`
    )
    expect(t.requests[0].url.href).toBe("https://sandbox.paygent.co.jp/n/card/request")
  })

  it("sends to production or a custom base URL", async () => {
    const t = new FakeTransport().reply(OK_020, OK_020)
    await client(t, { environment: "production" }).cardAuthorize({ payment_amount: 1, card_token: TOKEN })
    await client(t, { baseUrl: "https://localhost:9443" }).cardAuthorize({ payment_amount: 1, card_token: TOKEN })
    expect(t.requests.map((r) => r.url.href)).toEqual(["https://module.paygent.co.jp/n/card/request", "https://localhost:9443/n/card/request"])
  })

  it("converts kana and full-width fields before sending", async () => {
    const reply = "result=0\r\nresponse_code=\r\nresponse_detail=\r\npayment_id=1\r\nreceipt_number=123\r\n"
    const t = new FakeTransport().reply(iconv.encode(reply, "cp932"))
    await client(t).konbiniApply({
      payment_amount: 1200,
      cvs_company_id: "00C005",
      customer_family_name: "ｽｽﾞｷ",
      customer_name: "Ichiro",
      customer_family_name_kana: "スズキ",
      customer_name_kana: "いちろう",
      customer_tel: "080-1111-2222",
    })
    const p = sentParams(t)
    expect(p.get("customer_family_name")).toBe("スズキ")
    expect(p.get("customer_name")).toBe("Ｉｃｈｉｒｏ")
    expect(p.get("customer_family_name_kana")).toBe("ｽｽﾞｷ")
    expect(p.get("customer_name_kana")).toBe("ｲﾁﾛｳ")
    expect(p.get("customer_tel")).toBe("08011112222")
  })

  it("omits undefined items but sends explicit empty strings (116: omit = unchanged, empty = clear)", async () => {
    const t = new FakeTransport().reply("result=0\r\nresponse_code=\r\nresponse_detail=\r\nnum_of_cards=1\r\n")
    await client(t).storedCardUpdate({ customer_id: "C1", customer_card_id: 5, add_info1: "", add_info2: undefined })
    expect(rawSent(t)).toMatch(/&customer_id=C1&customer_card_id=5&add_info1=$/)
  })
})

describe("validation before sending", () => {
  const cases: Array<[string, string, string, (c: PaygentClient) => Promise<unknown>]> = [
    ["amount with 8 digits on a card", "payment_amount", "invalid_amount", (c) => c.cardAuthorize({ payment_amount: 10_000_000, card_token: TOKEN })],
    ["fractional amount", "payment_amount", "not_integer", (c) => c.cardAuthorize({ payment_amount: 10.5, card_token: TOKEN })],
    ["negative amount", "payment_amount", "invalid_amount", (c) => c.konbiniApply({ payment_amount: -1, cvs_type: "01", customer_family_name: "山", customer_name: "太", customer_tel: "0312345678" })],
    ["konbini amount over 9 digits", "payment_amount", "invalid_amount", (c) => c.konbiniApply({ payment_amount: "1000000000", cvs_type: "01", customer_family_name: "山", customer_name: "太", customer_tel: "0312345678" })],
    ["trading_id with a hyphen", "trading_id", "not_alphanumeric", (c) => c.cardAuthorize({ trading_id: "ORDER-1", payment_amount: 1, card_token: TOKEN })],
    ["trading_id of 26 characters", "trading_id", "not_alphanumeric", (c) => c.cardAuthorize({ trading_id: "A".repeat(26), payment_amount: 1, card_token: TOKEN })],
    ["payment_id with letters", "payment_id", "not_digits", (c) => c.cardCapture({ payment_id: "12a" })],
    ["capture without a reference", "payment_id", "required", (c) => c.cardCapture({})],
    ["authorization without a card", "card_token", "missing_card_source", (c) => c.cardAuthorize({ payment_amount: 1 })],
    ["installments without split_count", "split_count", "required", (c) => c.cardAuthorize({ payment_amount: 1, card_token: TOKEN, payment_class: "61" })],
    ["3DS2 without 3ds_auth_id", "3ds_auth_id", "required", (c) => c.cardAuthorize({ payment_amount: 1, card_token: TOKEN, "3dsecure_use_type": "2" })],
    ["konbini name with 彅 (an extension kanji without a standard form)", "customer_family_name", "not_jis_x0208", (c) => c.konbiniApply({ payment_amount: 1, cvs_type: "01", customer_family_name: "草彅", customer_name: "太", customer_tel: "0312345678" })],
    ["konbini name too long", "customer_family_name", "too_long", (c) => c.konbiniApply({ payment_amount: 1, cvs_type: "01", customer_family_name: "山".repeat(11), customer_name: "太", customer_tel: "0312345678" })],
    ["kana with kanji", "payment_detail_kana", "not_zengin_kana", (c) => c.atmApply({ payment_amount: 1, payment_detail: "ご注文", payment_detail_kana: "ご注文" })],
    ["bad phone", "customer_tel", "invalid_phone", (c) => c.konbiniApply({ payment_amount: 1, cvs_type: "01", customer_family_name: "山", customer_name: "太", customer_tel: "12-34" })],
    ["konbini without store", "cvs_type", "required", (c) => c.konbiniApply({ payment_amount: 1, customer_family_name: "山", customer_name: "太", customer_tel: "0312345678" })],
    ["ATM deadline of 61 days", "payment_limit_date", "out_of_range", (c) => c.atmApply({ payment_amount: 1, payment_detail: "ご注文", payment_detail_kana: "ｺﾞﾁﾕｳﾓﾝ", payment_limit_date: 61 })],
    ["unknown parameter (typo)", "sales_mod", "unknown_parameter", (c) => c.cardAuthorize({ payment_amount: 1, card_token: TOKEN, sales_mod: "1" } as never)],
    ["header item smuggled in", "connect_password", "header_parameter", (c) => c.send("020", { connect_password: "x" })],
    ["card number with spaces", "card_number", "not_digits", (c) => c.cardAuthorize({ payment_amount: 1, card_number: "4111 1111 1111 1111" })],
    ["450 without token", "card_token", "required", (c) => c.threeDsAuthenticate({ term_url: "https://x/", merchant_name: "Shop", card_set_method: "token", payment_amount: 1 })],
  ]

  it.each(cases)("%s → PaygentInputError on %s (%s)", async (_what, field, reason, run) => {
    const t = new FakeTransport()
    const e = await rejection(run(client(t)))
    expect(e).toBeInstanceOf(PaygentInputError)
    expect({ field: (e as PaygentInputError).field, reason: (e as PaygentInputError).reason, class: e.class, retryable: e.retryable }).toEqual({
      field,
      reason,
      class: "validation",
      retryable: false,
    })
    expect(e.merchantMessage.ja).toContain(field)
    expect(e.merchantMessage.en).toContain(field)
    expect(t.requests).toHaveLength(0)
  })

  it("refuses bad credentials at construction without echoing them", () => {
    expect(() => new PaygentClient({ merchantId: "12345678901", connectId: "c", connectPassword: "p", transport: new FakeTransport() })).toThrow(PaygentError)
    try {
      new PaygentClient({ merchantId: "1", connectId: "c", connectPassword: "bad password with spaces", transport: new FakeTransport() })
      throw new Error("expected failure")
    } catch (e) {
      expect((e as PaygentError).class).toBe("configuration")
      expect((e as Error).message).not.toContain("bad password")
    }
  })
})

describe("responses", () => {
  it("throws unknown_outcome when a successful 020 lacks payment_id", async () => {
    const t = new FakeTransport().reply("result=0\r\nresponse_code=\r\nresponse_detail=\r\npayment_id=\r\n")
    const e = await rejection(client(t).cardAuthorize({ payment_amount: 1, card_token: TOKEN }))
    expect(e.class).toBe("unknown_outcome")
    expect(e.response_detail).toContain("payment_id")
  })

  it.each([
    ["an empty", "result=\r\nresponse_code=\r\nresponse_detail=\r\npayment_id=210000101\r\n"],
    ["a blank", "result= \r\nresponse_code=\r\nresponse_detail=\r\npayment_id=210000101\r\n"],
  ])("never reads %s result as a success: a capture answered so is an unknown outcome (reconcile with 094)", async (_what, body) => {
    const t = new FakeTransport().reply(body)
    const e = await rejection(client(t).cardCapture({ payment_id: 210000101 }))
    expect(e.class).toBe("unknown_outcome")
    expect(e.response_code).toBe("E02005")
  })

  it("treats a non-2xx status from an injected transport as unknown outcome", async () => {
    const t = new FakeTransport().reply({ status: 503, headers: {}, body: Buffer.from("result=0\r\n") })
    expect((await rejection(client(t).cardCapture({ payment_id: 1 }))).class).toBe("unknown_outcome")
  })

  it("treats a foreign error from an injected transport as unknown outcome", async () => {
    const t = new FakeTransport().reply(new Error("boom"))
    const e = await rejection(client(t).cardCapture({ payment_id: 1 }))
    expect(e.class).toBe("unknown_outcome")
    expect(e.response_code).toBe("E02005")
  })

  it("passes the transport's own classification through", async () => {
    const notSent = new PaygentError({ class: "not_sent", telegram_kind: "022", response_code: "E02005", merchantMessage: { ja: "x", en: "y" } })
    const t = new FakeTransport().reply(notSent)
    expect(await rejection(client(t).cardCapture({ payment_id: 1 }))).toBe(notSent)
  })

  it("send() returns CSV kinds as CSV and others as key=value", async () => {
    const csv = iconv.encode('"1","0","",""\r\n"2","customer_id"\r\n"3","C1"\r\n"4","1"\r\n', "cp932")
    const t = new FakeTransport().reply(csv, "result=0\r\nresponse_code=\r\nresponse_detail=\r\nfoo=bar\r\n")
    const c = client(t)
    expect(await c.send("027", { customer_id: "C1" })).toMatchObject({ rows: [{ customer_id: "C1" }], count: 1 })
    expect(await c.send("094", { payment_id: 5 })).toEqual({ result: "0", response_code: "", response_detail: "", foo: "bar" })
    expect(rawSent(t, 1)).toContain("&telegram_version=1.0&payment_id=5")
    expect(rawSent(t, 1)).not.toContain("trading_id")
  })

  it("close() closes the transport", async () => {
    const t = new FakeTransport()
    await client(t).close()
    expect(t.closed).toBe(true)
  })
})

describe("hooks", () => {
  it("awaits beforeSend before the request is handed to the transport, then reports afterReceive", async () => {
    const order: string[] = []
    const t = new FakeTransport().reply(OK_020)
    const realSend = t.send.bind(t)
    t.send = async (r) => {
      order.push("send")
      return realSend(r)
    }
    let start: TelegramStartEvent | undefined
    let end: TelegramEndEvent | undefined
    const c = client(t, {
      hooks: {
        beforeSend: async (e) => {
          await new Promise((r) => setTimeout(r, 20))
          order.push("beforeSend")
          start = e
        },
        afterReceive: (e) => {
          order.push("afterReceive")
          end = e
        },
      },
    })
    await c.cardAuthorize({ trading_id: "ORDER_1", payment_amount: 100, card_token: TOKEN })
    expect(order).toEqual(["beforeSend", "send", "afterReceive"])
    expect(start).toMatchObject({ telegram_kind: "020", path: "/n/card/request" })
    expect(start!.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(start!.params).toMatchObject({ merchant_id: "123456789", connect_password: "[REDACTED]", card_token: "[REDACTED]", payment_amount: "100" })
    expect(start!.started_at).toBeInstanceOf(Date)
    expect(end).toMatchObject({ id: start!.id, telegram_kind: "020", outcome: "success", result: "0", response_code: "", fields: { payment_id: "210000101" } })
    expect(end!.duration_ms).toBeGreaterThanOrEqual(0)
  })

  it("sends nothing when beforeSend throws, and says not_sent", async () => {
    const t = new FakeTransport().reply(OK_020)
    const c = client(t, {
      hooks: {
        beforeSend: () => {
          throw new Error("ledger down")
        },
      },
    })
    const e = await rejection(c.cardAuthorize({ payment_amount: 1, card_token: TOKEN }))
    expect(e.class).toBe("not_sent")
    expect(e.retryable).toBe(true)
    expect(t.requests).toHaveLength(0)
  })

  it("reports errors to afterReceive with their class", async () => {
    const events: TelegramEndEvent[] = []
    const t = new FakeTransport().reply('result=1\r\nresponse_code=2001\r\nresponse_detail="1G12"\r\npayment_id=\r\n')
    const c = client(t, { hooks: { afterReceive: (e) => void events.push(e) } })
    await rejection(c.cardAuthorize({ payment_amount: 1, card_token: TOKEN }))
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ outcome: "declined", result: "1", response_code: "2001", response_detail: "1G12", error: { class: "declined", retryable: false } })
  })

  it("does not turn a success into a failure when afterReceive throws", async () => {
    const hookErrors: unknown[] = []
    const t = new FakeTransport().reply(OK_020)
    const c = client(t, {
      hooks: {
        afterReceive: () => {
          throw new Error("ledger write failed")
        },
        onHookError: (err) => hookErrors.push(err),
      },
    })
    await expect(c.cardAuthorize({ payment_amount: 1, card_token: TOKEN })).resolves.toMatchObject({ payment_id: "210000101" })
    expect(hookErrors).toHaveLength(1)
  })
})

describe("secrets never leak", () => {
  const PAN = "4111111111111111"
  const CVV = "987"

  it("into thrown errors or hook events, on success or on any failure", async () => {
    const events: unknown[] = []
    const errors: PaygentError[] = []
    const hooks = {
      beforeSend: (e: TelegramStartEvent) => void events.push(e),
      afterReceive: (e: TelegramEndEvent) => void events.push(e),
    }
    const replies = [
      OK_020,
      Buffer.from('result=1\r\nresponse_code=2003\r\nresponse_detail="1G44"\r\npayment_id=210000104\r\n'),
      Buffer.from(`result=1\r\nresponse_code=P010\r\nresponse_detail=card_number ${PAN} is wrong\r\n`),
      Buffer.from("<html>oops</html>"),
      new Error(`socket hang up ${PASSWORD}`),
    ]
    for (const reply of replies) {
      const t = new FakeTransport().reply(reply)
      const c = client(t, { hooks })
      try {
        await c.cardAuthorize({ payment_amount: 1, card_number: PAN, card_valid_term: "1229", card_conf_number: CVV, card_token: TOKEN })
      } catch (e) {
        errors.push(e as PaygentError)
      }
    }
    // Validation errors must not echo the value either.
    try {
      await client(new FakeTransport(), { hooks }).cardAuthorize({ payment_amount: 1, card_number: `${PAN}x`, card_token: TOKEN })
    } catch (e) {
      errors.push(e as PaygentError)
    }
    expect(errors).toHaveLength(5)
    expect(events.length).toBeGreaterThanOrEqual(10)
    const haystack = [
      ...events.map((e) => JSON.stringify(e)),
      ...errors.flatMap((e) => [e.message, String(e.stack), JSON.stringify(e), JSON.stringify(e.merchantMessage), JSON.stringify(e.shopperMessage), JSON.stringify(e.fields ?? {})]),
    ].join("\n")
    for (const secret of [PASSWORD, TOKEN, PAN, `conf_number":"${CVV}`]) expect(haystack).not.toContain(secret)
  })
})
