/**
 * What shoppers really type, through each method against the simulator: romaji names (converted to full width by the
 * telegram, so they count twice the bytes), names with extension kanji (髙橋), characters of Mac keyboards, and the
 * errors they get — a 400 at session start, Japanese first, naming the field as the form showed it — instead of a
 * telegram the client refuses later ("temporarily unavailable").
 */
import { startSimulator, type Simulator } from "../../../simulator"
import { PaygentBanknetService, PaygentCardService, PaygentKonbiniService, PaygentPayeasyService } from "../services"
import type { PaygentProviderOptions } from "../../../options/types"

const KEYS = { merchantId: "123456789", connectId: "testconnect01", connectPassword: "TestPassw0rd99" }
const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() } as any

let sim: Simulator
let options: PaygentProviderOptions
beforeAll(async () => {
  sim = await startSimulator({ ...KEYS, now: "2025-06-10T01:00:00Z" })
  options = { ...KEYS, baseUrl: sim.url, threeDsMode: "disabled" }
})
afterAll(() => sim.close())
beforeEach(() => logger.error.mockClear())

let sessions = 0
const sessionId = () => `payses_01JTEST${String(++sessions).padStart(19, "0")}`

type Service = PaygentKonbiniService | PaygentPayeasyService | PaygentBanknetService

/** Session start (the names are checked there) and authorization (the telegram); returns the telegram's names. */
async function pay(service: Service, data: Record<string, unknown>) {
  const started = await service.initiatePayment({ amount: 1000, currency_code: "jpy", data: { session_id: sessionId(), ...data } })
  const authorized = await service.authorizePayment({ data: started.data })
  expect(authorized.status).toBe("pending_authorization")
  const tradingId = (authorized.data as any).paygent.trading_id
  const telegram = sim.control.listTelegrams().find((t) => t.params.trading_id === tradingId)!
  expect(telegram.result).toBe("0")
  return { stored: started.data as Record<string, unknown>, sent: telegram.params }
}

async function refusal(service: Service, data: Record<string, unknown>): Promise<string> {
  try {
    await service.initiatePayment({ amount: 1000, currency_code: "jpy", data: { session_id: sessionId(), ...data } })
  } catch (error) {
    expect((error as { type?: string }).type).toBe("invalid_data")
    return (error as Error).message
  }
  throw new Error("expected a 400")
}

const METHODS = [
  // [name, service, family-name limit in full-width characters, extra data]
  ["konbini", () => new PaygentKonbiniService({ logger }, options), 10, { cvs_company_id: "00C005", customer_tel: "09012345678" }],
  ["Pay-easy", () => new PaygentPayeasyService({ logger }, options), 6, {}],
  ["net bank", () => new PaygentBanknetService({ logger }, options), 6, {}],
] as const

describe.each(METHODS)("%s", (_name, make, limit, extra) => {
  let service: Service
  beforeAll(() => {
    service = make()
  })

  it(`sends a romaji name of ${limit} letters in full width, as Paygent receives it`, async () => {
    const family = "YAMAMOTOYAMA".slice(0, limit)
    const { stored, sent } = await pay(service, { ...extra, customer_family_name: family, customer_name: "Taro" })
    const fullWidth = [...family].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join("")
    expect(stored.customer_family_name).toBe(fullWidth)
    expect(sent.customer_family_name).toBe(fullWidth)
    expect(sent.customer_name).toBe("Ｔａｒｏ")
  })

  it(`answers a romaji name of ${limit + 1} letters with a 400 naming 姓, before any telegram`, async () => {
    const before = sim.control.listTelegrams().length
    const message = await refusal(service, { ...extra, customer_family_name: "YAMAMOTOYAMAX".slice(0, limit + 1), customer_name: "Taro" })
    expect(message).toBe(`姓が長すぎます（全角${limit}文字まで）。 / Family name is too long (at most ${limit} full-width characters).`)
    expect(sim.control.listTelegrams()).toHaveLength(before)
    expect(logger.error).not.toHaveBeenCalled()
  })

  it("sends 髙橋 as 高橋 and a Mac's 〜 as ～, and refuses 彅 naming 名", async () => {
    const { sent } = await pay(service, { ...extra, customer_family_name: "髙橋", customer_name: "〜" })
    expect([sent.customer_family_name, sent.customer_name]).toEqual(["高橋", "～"])
    const message = await refusal(service, { ...extra, customer_family_name: "草", customer_name: "彅" })
    expect(message).toMatch(/^名に使用できない文字が含まれています: 「彅」 \(U\+5F45\) — 機種依存文字.* \/ Given name contains a character that cannot be used/)
  })

  it("converts kana names to half-width and names セイ / メイ when one cannot be sent", async () => {
    const { sent } = await pay(service, { ...extra, customer_family_name: "山田", customer_name: "太郎", customer_family_name_kana: "やまだ", customer_name_kana: "タロウ" })
    expect([sent.customer_family_name_kana, sent.customer_name_kana]).toEqual(["ﾔﾏﾀﾞ", "ﾀﾛｳ"])
    expect(await refusal(service, { ...extra, customer_family_name: "山田", customer_name: "太郎", customer_name_kana: "太郎" })).toMatch(
      /^メイはカタカナ・英大文字・数字で入力してください。使用できない文字: 「太」.* \/ Given name \(kana\) must be katakana/
    )
  })
})

it("konbini: a wrong phone number is a 400 naming 電話番号, Japanese first", async () => {
  const konbini = new PaygentKonbiniService({ logger }, options)
  const message = await refusal(konbini, { cvs_company_id: "00C005", customer_family_name: "山田", customer_name: "太郎", customer_tel: "12-34" })
  expect(message).toBe(
    "電話番号は10桁または11桁の数字で入力してください（例: 09012345678）。 / Phone number must be a Japanese number of 10 or 11 digits (e.g. 09012345678)."
  )
})

it("card: a cardholder name PaygentToken.js would refuse is a 400 naming カード名義", async () => {
  const card = new PaygentCardService({ logger }, options)
  const token = sim.control.createToken({ card_number: "4111111111111111", expire_month: "12", expire_year: "29", cvc: "123", name: "TARO" })
  await expect(
    card.initiatePayment({ amount: 1000, currency_code: "jpy", data: { session_id: sessionId(), ...token, cardholder_name: "山田太郎" } })
  ).rejects.toThrow(/^カード名義はカードに記載のとおり半角英字.* \/ Cardholder name must be written as on the card/)
})

it("over a method's limit the message is Japanese first", async () => {
  const konbini = new PaygentKonbiniService({ logger }, options)
  await expect(
    konbini.initiatePayment({ amount: 600_000, currency_code: "jpy", data: { session_id: sessionId(), cvs_company_id: "00C005" } })
  ).rejects.toThrow(/^コンビニ決済でお支払いいただける金額は1回あたり500,000円までです。 \/ Konbini payment accepts at most/)
})
