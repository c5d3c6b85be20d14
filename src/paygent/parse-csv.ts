import { decodeText, type PaygentCharset } from "./charset"
import { moduleError, type PaygentError } from "./errors"
import { setOwn } from "./redact"

export interface CsvResponse {
  result: string
  response_code: string
  response_detail: string
  /** Column names from the data-header record (type 2). */
  columns: string[]
  /** One object per data record (type 3), keyed by column name. */
  rows: Record<string, string>[]
  /** Record count from the trailer (type 4). */
  count: number
}

/**
 * Splits CSV text into records of fields: CRLF between records, fields separated by ",", a field either
 * quoted ("" is a quote inside; CRLF and commas allowed) or unquoted (spaces are part of the value).
 * Returns undefined on malformed quoting.
 */
export function splitCsvRecords(text: string): string[][] | undefined {
  const records: string[][] = []
  let record: string[] = []
  let i = 0
  const n = text.length
  let atRecordStart = true
  while (i < n) {
    if (atRecordStart && text.startsWith("\r\n", i)) {
      i += 2 // tolerate blank lines between records
      continue
    }
    atRecordStart = false
    let value: string
    if (text[i] === '"') {
      let j = i + 1
      let buf = ""
      for (;;) {
        const q = text.indexOf('"', j)
        if (q === -1) return undefined
        buf += text.slice(j, q)
        if (text[q + 1] === '"') {
          buf += '"'
          j = q + 2
        } else {
          i = q + 1
          break
        }
      }
      value = buf
    } else {
      let j = i
      while (j < n && text[j] !== "," && !(text[j] === "\r" && text[j + 1] === "\n")) {
        if (text[j] === '"') return undefined
        j++
      }
      value = text.slice(i, j)
      i = j
    }
    record.push(value)
    if (i >= n) break
    if (text[i] === ",") {
      i++
      if (i >= n) record.push("")
      continue
    }
    if (text.startsWith("\r\n", i)) {
      i += 2
      records.push(record)
      record = []
      atRecordStart = true
      continue
    }
    return undefined // junk after a closing quote
  }
  if (record.length > 0) records.push(record)
  return records
}

/**
 * Parses a CSV response (027 stored-card inquiry, §5.2): record type 1 header (result, response_code,
 * response_detail), 2 column names, 3 data rows, 4 trailer with the count. Anything that does not fit
 * this shape is module error E02005 (class unknown_outcome).
 */
export function parseCsvResponse(body: Buffer, charset: PaygentCharset, telegramKind = ""): CsvResponse {
  const malformed = (why: string): PaygentError => moduleError("E02005", "unknown_outcome", telegramKind, `malformed CSV response: ${why}`)
  const records = splitCsvRecords(decodeText(body, charset))
  if (!records) throw malformed("bad quoting")

  let header: string[] | undefined
  let columns: string[] = []
  const rows: Record<string, string>[] = []
  let count: number | undefined
  for (const record of records) {
    const type = record[0]
    if (type === "1") header = record
    else if (type === "2") columns = record.slice(1)
    else if (type === "3") {
      const values = record.slice(1)
      if (values.length !== columns.length) throw malformed(`data record has ${values.length} fields, header ${columns.length}`)
      const row: Record<string, string> = {}
      columns.forEach((c, idx) => setOwn(row, c, values[idx]))
      rows.push(row)
    } else if (type === "4") {
      if (!/^\d+$/.test(record[1] ?? "")) throw malformed("bad trailer count")
      count = Number(record[1])
    } else throw malformed(`unknown record type ${JSON.stringify(type ?? "")}`)
  }
  if (!header || header[1] === undefined) {
    throw moduleError("E02005", "unknown_outcome", telegramKind, "response has no result line")
  }
  if (!/^[0-9]$/.test(header[1])) {
    throw moduleError("E02005", "unknown_outcome", telegramKind, header[1].trim() === "" ? "response has a blank result" : "response has an unknown result value")
  }
  if (count === undefined) throw malformed("no trailer record")
  if (count !== rows.length) throw malformed(`trailer says ${count} records, body has ${rows.length}`)
  return {
    result: header[1],
    response_code: header[2] ?? "",
    response_detail: header[3] ?? "",
    columns,
    rows,
    count,
  }
}
