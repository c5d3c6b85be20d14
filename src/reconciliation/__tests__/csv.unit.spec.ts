import { COLUMNS, columnList, formatJst } from "../columns"
import { reconcile } from "../compare"
import { csvField, csvFileName, renderCsv, UTF8_BOM } from "../csv"
import { found, manualRefund, record } from "./fixtures"

/** RFC 4180 parsing, to read the CSV back as Excel would. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') {
        quoted = false
      } else {
        field += c
      }
    } else if (c === '"') {
      quoted = true
    } else if (c === ",") {
      row.push(field)
      field = ""
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field)
      rows.push(row)
      row = []
      field = ""
      i++
    } else {
      field += c
    }
  }
  return rows
}

function report() {
  return reconcile({
    records: [
      { medusa: record(), lookup: found({ payment_status: "40", payment_date: "20261127153000" }) },
      { medusa: record({ medusa_payment_id: "pay_2", payment_id: "1000002", order_display_id: 2 }), lookup: found({ payment_id: "1000002" }) },
    ],
    others: [],
    manual_refunds: [manualRefund({ medusa_payment_id: "pay_9", paygent_payment_id: "9", customer_name: 'Yamada, "Taro"' })],
    notices: [],
    preliminary_is_paid: true,
    inquiries: 2,
    max_inquiries: 2000,
  })
}

describe("CSV for Excel", () => {
  it("starts with a UTF-8 BOM, a Japanese header row named as in Paygent Online, and ends lines with CRLF", () => {
    const csv = renderCsv(report().rows)
    expect(csv.startsWith(UTF8_BOM)).toBe(true)
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const lines = csv.slice(1).split("\r\n")
    expect(lines.pop()).toBe("")
    expect(lines).toHaveLength(4)
    const header = lines[0].split(",")
    expect(header.slice(0, 10)).toEqual([
      "照合結果",
      "不一致の種類",
      "不一致コード",
      "説明",
      "決済ID",
      "マーチャント取引ID",
      "決済種別",
      "決済ステータス",
      "ステータスコード",
      "決済金額",
    ])
    expect(header).toEqual(expect.arrayContaining(["申込日時", "オーソリ日時", "売上日時/支払日時", "注文番号", "差額", "手動返金状態"]))
    expect(csv).not.toMatch(/[^\r]\n/)
  })

  it("writes one line per row with Paygent's values, JST dates as YYYY/MM/DD HH:MM:SS and bare numbers", () => {
    const lines = parseCsv(renderCsv(report().rows).slice(1))
    const header = lines[0]
    const col = (line: string[], name: string) => line[header.indexOf(name)]
    const mismatch = lines[1]
    expect(col(mismatch, "照合結果")).toBe("不一致")
    expect(col(mismatch, "不一致の種類")).toBe("ペイジェントのみ売上・入金済み")
    expect(col(mismatch, "不一致コード")).toBe("captured_at_paygent_only")
    expect(col(mismatch, "決済ID")).toBe("1000001")
    expect(col(mismatch, "決済種別")).toBe("クレジットカード決済")
    expect(col(mismatch, "決済ステータス")).toBe("消込済")
    expect(col(mismatch, "決済金額")).toBe("3000")
    expect(col(mismatch, "申込日時")).toBe("2026/11/27 10:00:00")
    expect(col(mismatch, "売上日時/支払日時")).toBe("2026/11/27 15:30:00")
    expect(col(mismatch, "注文番号")).toBe("1")
    expect(col(mismatch, "差額")).toBe("0")
    // Needing action first: the mismatch and the manual refund owed (warnings), then what matches.
    expect(col(lines[2], "照合結果")).toBe("手動返金")
    expect(col(lines[2], "手動返金状態")).toBe("未返金")
    expect(col(lines[2], "お客様名")).toBe('Yamada, "Taro"')
    expect(lines[3].slice(0, 5)).toEqual(["一致", "", "", "一致しています。", "1000002"])
    expect(lines.every((line) => line.length === header.length)).toBe(true)
  })

  it("quotes commas, quotes and line breaks, and defuses formulas in text (not in numbers)", () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""')
    expect(csvField("line\nbreak")).toBe('"line\nbreak"')
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)")
    expect(csvField("-1000")).toBe("'-1000")
    expect(csvField(-1000, "number")).toBe("-1000")
    expect(csvField(null)).toBe("")
    expect(csvField(Number.NaN, "number")).toBe("")
    const csv = renderCsv(report().rows)
    expect(csv).toContain('"Yamada, ""Taro"""')
  })

  it("formats ISO dates in JST whatever the instant's zone", () => {
    expect(formatJst("2026-11-27T10:00:00+09:00")).toBe("2026/11/27 10:00:00")
    expect(formatJst("2026-11-27T15:00:00.000Z")).toBe("2026/11/28 00:00:00")
    expect(formatJst("2026-12-04")).toBe("2026/12/04")
    expect(formatJst(null)).toBeNull()
  })

  it("lists every column with its Japanese and English name, and names the file after the range", () => {
    expect(columnList()).toHaveLength(COLUMNS.length)
    expect(columnList()).toContainEqual({ key: "trading_id", ja: "マーチャント取引ID", en: "Merchant trading ID" })
    expect(new Set(COLUMNS.map((c) => c.key)).size).toBe(COLUMNS.length)
    expect(csvFileName("2026-11-01", "2026-11-30")).toBe("paygent-reconciliation_2026-11-01_2026-11-30.csv")
  })
})
