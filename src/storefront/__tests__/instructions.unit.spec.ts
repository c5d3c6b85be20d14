import type { PaymentInstructions } from "../../providers/paygent/core/session-data"
import { formatDeadline, formatInstructions } from "../instructions"

type Konbini = Extract<PaymentInstructions, { kind: "konbini" }>

function konbini(overrides: Partial<Konbini>): Konbini {
  return {
    kind: "konbini",
    cvs_company_id: "00C001",
    receipt_number: "9000000000001",
    usable_cvs_company_ids: [overrides.cvs_company_id ?? "00C001"],
    payment_limit_date: "2026-12-05",
    ...overrides,
  }
}

const numbersOf = (f: ReturnType<typeof formatInstructions>) => f.numbers.map((n) => [n.key, n.label, n.value])

describe("formatInstructions: konbini", () => {
  it("Seven-Eleven: 払込票番号 and the payment slip", () => {
    const info = konbini({ receipt_print_url: "https://sim.example/konbini/slip/1" })
    const ja = formatInstructions(info, "ja")
    expect(ja.title).toBe("セブン-イレブンでのお支払い")
    expect(ja.chain).toEqual({ id: "00C001", name: "セブン-イレブン" })
    expect(numbersOf(ja)).toEqual([["receipt_number", "払込票番号", "9000000000001"]])
    expect(ja.links).toEqual([{ key: "payment_slip", label: "払込票を表示する", url: "https://sim.example/konbini/slip/1" }])
    expect(ja.deadline).toEqual({ label: "お支払い期限", text: "2026年12月05日 23:59まで", iso: "2026-12-05" })
    expect(ja.steps[0]).toMatch(/インターネット代金/)
    expect(ja.notes).toEqual(["お支払い期限を過ぎると、この番号ではお支払いいただけません。"])

    const en = formatInstructions(info, "en")
    expect(en.title).toBe("Pay at Seven-Eleven")
    expect(numbersOf(en)).toEqual([["receipt_number", "Payment slip number (払込票番号)", "9000000000001"]])
    expect(en.links[0].label).toBe("Show the payment slip")
    expect(en.deadline).toEqual({ label: "Payment deadline", text: "Pay by 5 Dec 2026, 23:59 JST", iso: "2026-12-05" })
    expect(en.steps.join(" ")).toMatch(/payment slip/)
  })

  it("FamilyMart (types A/D/F): 収納番号 with the barcode page", () => {
    const info = konbini({ cvs_company_id: "00C005", receipt_number: "12345-123456789012", receipt_print_url: "https://sim.example/bc" })
    const ja = formatInstructions(info, "ja")
    expect(ja.title).toBe("ファミリーマートでのお支払い")
    expect(numbersOf(ja)).toEqual([["receipt_number", "収納番号", "12345-123456789012"]])
    expect(ja.links).toEqual([{ key: "barcode", label: "バーコードを表示する", url: "https://sim.example/bc" }])
    expect(ja.steps.join("")).toMatch(/マルチコピー機/)
    const en = formatInstructions(info, "en")
    expect(numbersOf(en)).toEqual([["receipt_number", "Payment number (収納番号)", "12345-123456789012"]])
    expect(en.links[0].label).toBe("Show the barcode")
  })

  it("FamilyMart (type B): お客様番号 + 確認番号 400008, also payable at the other CVS-02 chains", () => {
    const info = konbini({
      cvs_company_id: "00C005",
      receipt_number: "00000000042",
      usable_cvs_company_ids: ["00C002", "00C004", "00C005", "00C014"],
      second_number: { kind: "confirmation", value: "400008" },
    })
    const ja = formatInstructions(info, "ja")
    expect(numbersOf(ja)).toEqual([
      ["receipt_number", "お客様番号", "00000000042"],
      ["confirmation_number", "確認番号", "400008"],
    ])
    expect(ja.links).toEqual([])
    expect(ja.steps[1]).toBe("お客様番号と確認番号を入力してください。")
    expect(ja.notes[0]).toBe("この番号はローソン・ミニストップ・デイリーヤマザキでもお支払いいただけます。")
    const en = formatInstructions(info, "en")
    expect(en.steps[1]).toBe("Enter the customer number and confirmation number.")
    expect(en.notes[0]).toBe("You can also pay with these numbers at Lawson, Ministop, Daily Yamazaki.")
  })

  it("Lawson (types A/B): お客様番号 + 確認番号 on Loppi", () => {
    const info = konbini({ cvs_company_id: "00C002", receipt_number: "00000000042", second_number: { kind: "confirmation", value: "400008" } })
    const ja = formatInstructions(info, "ja")
    expect(ja.title).toBe("ローソンでのお支払い")
    expect(numbersOf(ja)).toEqual([
      ["receipt_number", "お客様番号", "00000000042"],
      ["confirmation_number", "確認番号", "400008"],
    ])
    expect(ja.steps[0]).toBe("店内のLoppiで「各種番号をお持ちの方」を選んでください。")
    const en = formatInstructions(info, "en")
    expect(numbersOf(en)).toEqual([
      ["receipt_number", "Customer number (お客様番号)", "00000000042"],
      ["confirmation_number", "Confirmation number (確認番号)", "400008"],
    ])
    expect(en.steps[0]).toMatch(/Loppi/)
  })

  it("Lawson / Ministop (type D): お支払い受付番号 + the phone number", () => {
    const info = konbini({
      cvs_company_id: "00C004",
      receipt_number: "123456",
      usable_cvs_company_ids: ["00C016", "00C002", "00C004"],
      second_number: { kind: "phone", value: "09012345678" },
    })
    const ja = formatInstructions(info, "ja")
    expect(ja.title).toBe("ミニストップでのお支払い")
    expect(numbersOf(ja)).toEqual([
      ["receipt_number", "お支払い受付番号", "123456"],
      ["phone", "電話番号（ご注文時にご入力の番号）", "09012345678"],
    ])
    expect(ja.steps[1]).toBe("お支払い受付番号と電話番号（ご注文時にご入力の番号）をお伝えください。")
    expect(ja.notes[0]).toBe("この番号はセイコーマート・ローソンでもお支払いいただけます。")
    const en = formatInstructions(info, "en")
    expect(numbersOf(en)[0]).toEqual(["receipt_number", "Payment reception number (お支払い受付番号)", "123456"])
    expect(numbersOf(en)[1]).toEqual(["phone", "Phone number (the one you gave at checkout)", "09012345678"])
    expect(en.steps[1]).toBe("Give the clerk the payment reception number and phone number.")
  })

  it("Lawson / Ministop (type F, CVS 05): 支払番号 + phone, P-codes named", () => {
    const info = konbini({
      cvs_company_id: "00C002",
      receipt_number: "PG00000042",
      usable_cvs_company_ids: ["P0C002"],
      second_number: { kind: "phone", value: "09012345678" },
    })
    const ja = formatInstructions(info, "ja")
    expect(numbersOf(ja)[0]).toEqual(["receipt_number", "支払番号", "PG00000042"])
    expect(ja.notes[0]).toBe("この番号はローソン・ミニストップでもお支払いいただけます。")
    expect(numbersOf(formatInstructions(info, "en"))[0]).toEqual(["receipt_number", "Payment number (支払番号)", "PG00000042"])
  })

  it("Seicomart (not type F): お支払い受付番号 + phone at the register", () => {
    const info = konbini({ cvs_company_id: "00C016", receipt_number: "654321", second_number: { kind: "phone", value: "0311112222" } })
    const ja = formatInstructions(info, "ja")
    expect(ja.title).toBe("セイコーマートでのお支払い")
    expect(numbersOf(ja)).toEqual([
      ["receipt_number", "お支払い受付番号", "654321"],
      ["phone", "電話番号（ご注文時にご入力の番号）", "0311112222"],
    ])
    expect(ja.steps[0]).toMatch(/レジ/)
    expect(formatInstructions(info, "en").title).toBe("Pay at Seicomart")
  })

  it("Seicomart (type F): オンライン決済番号", () => {
    const info = konbini({ cvs_company_id: "00C016", receipt_number: "12345678901", usable_cvs_company_ids: ["00C014", "P0C016"] })
    const ja = formatInstructions(info, "ja")
    expect(numbersOf(ja)).toEqual([["receipt_number", "オンライン決済番号", "12345678901"]])
    // P0C016 is Seicomart itself: only Daily Yamazaki is "another" chain.
    expect(ja.notes[0]).toBe("この番号はデイリーヤマザキでもお支払いいただけます。")
  })

  it("Daily Yamazaki: オンライン決済番号 at the register", () => {
    const info = konbini({ cvs_company_id: "00C014", receipt_number: "12345678901" })
    const ja = formatInstructions(info, "ja")
    expect(ja.title).toBe("デイリーヤマザキでのお支払い")
    expect(numbersOf(ja)).toEqual([["receipt_number", "オンライン決済番号", "12345678901"]])
    expect(ja.steps[0]).toBe("レジで「オンライン決済」とお伝えください。")
    const en = formatInstructions(info, "en")
    expect(en.title).toBe("Pay at Daily Yamazaki")
    expect(numbersOf(en)).toEqual([["receipt_number", "Online payment number (オンライン決済番号)", "12345678901"]])
  })

  it("ignores a print URL for chains that have none to show and omits a missing deadline", () => {
    const info = konbini({ cvs_company_id: "00C014", receipt_number: "1", receipt_print_url: "https://dummy", payment_limit_date: undefined })
    const formatted = formatInstructions(info, "en")
    expect(formatted.links).toEqual([])
    expect(formatted.deadline).toBeUndefined()
  })

  it("takes the shop's own steps per chain", () => {
    const steps = { "00C001": { ja: ["独自の手順"], en: ["Our own steps"] } }
    expect(formatInstructions(konbini({}), "ja", { steps }).steps).toEqual(["独自の手順"])
    expect(formatInstructions(konbini({}), "en", { steps }).steps).toEqual(["Our own steps"])
  })
})

describe("formatInstructions: Pay-easy (ATM)", () => {
  const info: PaymentInstructions = {
    kind: "payeasy",
    pay_center_number: "58091",
    customer_number: "12345678901234567890",
    conf_number: "123456",
    payment_limit_date: "2026-01-09",
  }

  it("in Japanese", () => {
    const ja = formatInstructions(info, "ja")
    expect(ja.title).toBe("ペイジー（Pay-easy）でのお支払い")
    expect(numbersOf(ja)).toEqual([
      ["pay_center_number", "収納機関番号", "58091"],
      ["customer_number", "お客様番号", "12345678901234567890"],
      ["conf_number", "確認番号", "123456"],
    ])
    expect(ja.deadline?.text).toBe("2026年01月09日 23:59まで")
    expect(ja.steps[0]).toMatch(/ペイジー.*ATM/)
    expect(ja.notes[0]).toMatch(/インターネットバンキング/)
  })

  it("in English", () => {
    const en = formatInstructions(info, "en")
    expect(en.title).toBe("Pay with Pay-easy")
    expect(numbersOf(en)).toEqual([
      ["pay_center_number", "Biller number (収納機関番号)", "58091"],
      ["customer_number", "Customer number (お客様番号)", "12345678901234567890"],
      ["conf_number", "Confirmation number (確認番号)", "123456"],
    ])
    expect(en.deadline?.text).toBe("Pay by 9 Jan 2026, 23:59 JST")
    expect(en.steps[1]).toMatch(/biller number, customer number and confirmation number/)
  })
})

describe("formatInstructions: net bank", () => {
  const info: PaymentInstructions = {
    kind: "banknet",
    asp_url: "https://service.paygent.co.jp/banking/asp?type=05&tid=T1&mid=123456789&hv=x",
    asp_limit_date: "2026-12-05T15:30:00+09:00",
    asp_payment_limit_date: "2026-12-09T23:59:59+09:00",
  }

  it("in Japanese", () => {
    const ja = formatInstructions(info, "ja")
    expect(ja.title).toBe("銀行ネット決済でのお支払い")
    expect(ja.numbers).toEqual([])
    expect(ja.links).toEqual([{ key: "bank_selection", label: "お支払い手続きへ進む（銀行を選択）", url: info.asp_url }])
    expect(ja.deadline).toEqual({ label: "お手続き期限", text: "2026年12月05日 15:30まで", iso: info.asp_limit_date })
    expect(ja.steps[0]).toMatch(/銀行を選んで/)
  })

  it("in English", () => {
    const en = formatInstructions(info, "en")
    expect(en.title).toBe("Pay by online bank transfer")
    expect(en.links[0].label).toBe("Continue to payment (choose your bank)")
    expect(en.deadline?.text).toBe("Choose your bank by 5 Dec 2026, 15:30 JST")
  })
})

describe("formatDeadline", () => {
  it.each([
    ["2026-12-05", "ja", "2026年12月05日 23:59まで"],
    ["2026-12-05", "en", "by 5 Dec 2026, 23:59 JST"],
    ["20261205", "en", "by 5 Dec 2026, 23:59 JST"],
    ["20261205153000", "ja", "2026年12月05日 15:30まで"],
    ["2026-12-05T15:30:00+09:00", "en", "by 5 Dec 2026, 15:30 JST"],
    ["2026-12-05T15:30:00", "en", "by 5 Dec 2026, 15:30 JST"],
    ["2026-12-05T15:30:00Z", "ja", "2026年12月06日 00:30まで"],
    ["2026-12-31T20:00:00-05:00", "en", "by 1 Jan 2027, 10:00 JST"],
  ] as const)("%s (%s) → %s", (value, locale, text) => {
    expect(formatDeadline(value, locale)).toBe(text)
  })

  it("is undefined for text that is not a date", () => {
    expect(formatDeadline("soon", "ja")).toBeUndefined()
  })
})
