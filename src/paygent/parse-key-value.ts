import { decodeText, type PaygentCharset } from "./charset"
import { moduleError } from "./errors"
import { setOwn } from "./redact"

export interface KeyValueResponse {
  result: string
  response_code: string
  response_detail: string
  /** Every other item, in body order, values exactly as sent (not URL-decoded, quotes kept). */
  fields: Record<string, string>
}

const CRLF = "\r\n"

/**
 * Parses a key=value response body (§5.1): CRLF-separated lines split at the first "=", empty values kept,
 * nothing URL-decoded. A key ending in "_html" takes the rest of the body, CRLFs included, minus the final
 * CRLF (Paygent always puts such an item last). Paygent's layout starts that value on the line after the key
 * (`out_acs_html=` CRLF `<!DOCTYPE html>` …, what the official module reads); a value that starts right after
 * the "=" is read too. Lines without "=" are ignored, as the official module does.
 * A body whose result is missing, blank or not a single digit is module error E02005: the request may have
 * been processed, and nothing in the body says how.
 */
export function parseKeyValueResponse(body: Buffer, charset: PaygentCharset, telegramKind = ""): KeyValueResponse {
  const text = decodeText(body, charset)
  let result: string | undefined
  let responseCode = ""
  let responseDetail = ""
  const fields: Record<string, string> = {}

  let start = 0
  while (start < text.length) {
    let end = text.indexOf(CRLF, start)
    if (end === -1) end = text.length
    const eq = text.indexOf("=", start)
    if (eq !== -1 && eq < end) {
      const key = text.slice(start, eq)
      if (key.endsWith("_html")) {
        // Value on the following lines (Paygent's layout), or starting on the key's own line (older layout).
        const rest = eq + 1 === end ? text.slice(Math.min(end + CRLF.length, text.length)) : text.slice(eq + 1)
        setOwn(fields, key, rest.endsWith(CRLF) ? rest.slice(0, -CRLF.length) : rest)
        break
      }
      const value = text.slice(eq + 1, end)
      if (key === "result") result = value
      else if (key === "response_code") responseCode = value
      else if (key === "response_detail") responseDetail = value
      else setOwn(fields, key, value)
    }
    start = end + CRLF.length
  }

  if (result === undefined) {
    throw moduleError("E02005", "unknown_outcome", telegramKind, "response has no result line")
  }
  if (!/^[0-9]$/.test(result)) {
    throw moduleError("E02005", "unknown_outcome", telegramKind, result.trim() === "" ? "response has a blank result" : "response has an unknown result value")
  }
  return { result, response_code: responseCode, response_detail: responseDetail, fields }
}
