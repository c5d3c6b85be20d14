import { PaygentClient } from "../client"
import { PaygentError } from "../errors"
import { FakeTransport } from "./fake-transport"
import { telegramFixtures, type TelegramFixture } from "./fixtures"

/**
 * Every telegram fixture driven through the typed client: the typed request built from the fixture's
 * parameters must produce exactly the fixture's body on exactly the fixture's path, and the fixture's
 * response must come back as the typed result (or as the right error class).
 */

const HEADER = ["merchant_id", "connect_id", "connect_password", "telegram_kind", "telegram_version"]

function clientFor(f: TelegramFixture, transport: FakeTransport): PaygentClient {
  const p = new Map(f.request.params)
  return new PaygentClient({
    merchantId: p.get("merchant_id")!,
    connectId: p.get("connect_id")!,
    connectPassword: p.get("connect_password")!,
    telegramVersion: p.get("telegram_version")!,
    baseUrl: "https://simulator.test:8443",
    transport,
  })
}

function requestOf(f: TelegramFixture): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of f.request.params) {
    if (HEADER.includes(k)) continue
    // The header's empty trading_id/payment_id mean "not given".
    if ((k === "trading_id" || k === "payment_id") && v === "") continue
    out[k] = v
  }
  return out
}

function call(client: PaygentClient, kind: string, req: Record<string, string>): Promise<unknown> {
  const r = req as never
  switch (kind) {
    case "010": return client.atmApply(r)
    case "020": return client.cardAuthorize(r)
    case "021": return client.cardCancelAuthorization(r)
    case "022": return client.cardCapture(r)
    case "023": return client.cardCancelSales(r)
    case "025": return client.storedCardSet(r)
    case "026": return client.storedCardDelete(r)
    case "027": return client.storedCardList(r)
    case "028": return client.cardChangeAuthorization(r)
    case "029": return client.cardChangeSales(r)
    case "030": return client.konbiniApply(r)
    case "060": return client.bankNetApply(r)
    case "091": return client.noticeInquiry(r)
    case "094": return client.paymentInquiry(r)
    case "116": return client.storedCardUpdate(r)
    case "450": return client.threeDsAuthenticate(r)
    default: throw new Error(`no typed method for ${kind}`)
  }
}

// Expected error class for the fixtures whose response is result=1.
const EXPECTED_ERRORS: Record<string, { class: string; response_code: string; response_detail: string; payment_id?: string }> = {
  "020-declined-2001.json": { class: "declined", response_code: "2001", response_detail: "1G12" },
  "020-input-error-2003.json": { class: "input_error", response_code: "2003", response_detail: "1G44", payment_id: "210000104" },
  "020-param-error-P010.json": { class: "configuration", response_code: "P010", response_detail: '"[payment_class]"パラメータの値は不正です' },
  "022-status-conflict-2004.json": { class: "status_conflict", response_code: "2004", response_detail: "" },
  "027-no-cards-P026.json": { class: "not_found", response_code: "P026", response_detail: "該当するカード情報が存在しません" },
  "094-not-found-13001.json": { class: "not_found", response_code: "13001", response_detail: "該当する決済情報が存在しません" },
  "450-brand-unsupported-31012.json": { class: "rejected", response_code: "31012", response_detail: "3Dセキュア未対応ブランドです" },
}

// Fixtures whose request the typed client refuses before sending (and rightly so); they go through send().
const REFUSED_BY_VALIDATION: Record<string, string> = {
  "020-param-error-P010.json": "payment_class",
}

const fixtures = telegramFixtures()

describe("typed client against the telegram fixtures", () => {
  it("has an expectation for every error fixture", () => {
    for (const f of fixtures) {
      const result = f.response.format === "key_value" ? new Map(f.response.items).get("result") : f.response.records[0][1]
      expect([f.file, result === "1"]).toEqual([f.file, f.file in EXPECTED_ERRORS])
    }
  })

  it.each(fixtures.map((f) => [f.file, f] as const))("%s", async (_name, f) => {
    const transport = new FakeTransport().reply(Buffer.from(f.response.body_hex, "hex"))
    const client = clientFor(f, transport)
    const expectedError = EXPECTED_ERRORS[f.file]

    let result: unknown
    let error: unknown
    const refusedField = REFUSED_BY_VALIDATION[f.file]
    if (refusedField) {
      await expect(call(client, f.telegram_kind, requestOf(f))).rejects.toMatchObject({ class: "validation", field: refusedField })
      expect(transport.requests).toHaveLength(0)
    }
    try {
      result = refusedField ? await client.send(f.telegram_kind, requestOf(f)) : await call(client, f.telegram_kind, requestOf(f))
    } catch (e) {
      error = e
    }

    expect(transport.requests).toHaveLength(1)
    const sent = transport.requests[0]
    expect(sent.url.pathname).toBe(f.path)
    expect(sent.charset).toBe(f.charset)
    expect(sent.body.toString("latin1")).toBe(f.request.body)

    if (expectedError) {
      expect(error).toBeInstanceOf(PaygentError)
      const e = error as PaygentError
      expect({ class: e.class, response_code: e.response_code, response_detail: e.response_detail, payment_id: e.payment_id }).toEqual({
        payment_id: undefined,
        ...expectedError,
      })
      expect(e.telegram_kind).toBe(f.telegram_kind)
      return
    }
    expect(error).toBeUndefined()
    if (f.response.format === "csv") {
      const records = f.response.records
      const columns = records.find((r) => r[0] === "2")!.slice(1)
      const cards = records.filter((r) => r[0] === "3").map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i + 1]])))
      expect(result).toMatchObject({ result: "0", cards, count: cards.length })
    } else if (f.telegram_kind === "091") {
      const items = Object.fromEntries(f.response.items)
      const { result: _r, response_code: _c, response_detail: _d, success_code, success_detail, ...record } = items
      expect(result).toEqual(success_code === "1" ? { success_code, success_detail } : { success_code, success_detail, record })
    } else {
      expect(result).toEqual(Object.fromEntries(f.response.items))
    }
  })
})
