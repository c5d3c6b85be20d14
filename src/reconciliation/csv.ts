import { COLUMNS, type ColumnSpec } from "./columns"
import type { ReconciliationRow } from "./types"

/** Byte order mark: Excel (Japanese Windows) reads a CSV as UTF-8 only when it starts with one; otherwise Shift_JIS. */
export const UTF8_BOM = "\uFEFF"

/**
 * A field as RFC 4180 wants it (quoted when it holds a comma, a quote or a line break). A text that a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR at the start: CSV injection) is prefixed with an apostrophe.
 */
export function csvField(value: string | number | null | undefined, type: ColumnSpec["type"] = "text"): string {
  if (value === null || value === undefined) {
    return ""
  }
  if (type === "number" && typeof value === "number") {
    return Number.isFinite(value) ? String(value) : ""
  }
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The report as CSV: BOM, Japanese header row, one line per row, CRLF line ends (what Excel writes). */
export function renderCsv(rows: ReconciliationRow[], columns: ColumnSpec[] = COLUMNS): string {
  const lines = [columns.map((c) => csvField(c.ja)).join(",")]
  for (const row of rows) {
    lines.push(columns.map((c) => csvField(c.value(row), c.type)).join(","))
  }
  return UTF8_BOM + lines.join("\r\n") + "\r\n"
}

/** paygent-reconciliation_2026-11-27_2026-11-27.csv */
export function csvFileName(from: string, to: string): string {
  return `paygent-reconciliation_${from}_${to}.csv`
}
