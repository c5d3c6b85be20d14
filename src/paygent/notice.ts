import { CharsetError, decodeTextStrict } from "./charset"
import { verifyNoticeHash } from "./hash"
import { setOwn } from "./redact"

/**
 * Push notices (決済情報差分通知, docs/protocol.md §7.2): Paygent POSTs the 091 record items (No. 6 onwards) plus
 * `hc` as a Windows-31J url-encoded form. The merchant must answer `result=0`.
 */

/** A difference-notice record (§7.1 items 6–76), keyed by Paygent's names; absent items are undefined. */
export interface PaygentNoticeRecord {
  payment_notice_id: string
  change_date?: string
  payment_id: string
  trading_id: string
  payment_type: string
  payment_status: string
  payment_amount: string
  payment_init_date?: string
  payment_limit_date?: string
  early_notice_date?: string
  cancel_date?: string
  user_payment_date?: string
  payment_date?: string
  bank_code?: string
  cvs_company_id?: string
  related_payment_id?: string
  bar_code?: string
  acq_id?: string
  acq_name?: string
  joho_code?: string
  joho_issur_type?: string
  payment_class?: string
  summer_bonus?: string
  winter_bonus?: string
  split_count?: string
  issur_code?: string
  issur_name?: string
  "3dsecure_ryaku"?: string
  fc_auth_nmu?: string
  daiko_code?: string
  card_shu_code?: string
  k_card_name?: string
  attempt_kbn?: string
  career_type?: string
  pc_mobile_type?: string
  career_payment_id?: string
  running_id?: string
  running_target_ym?: string
  site_id?: string
  clear_detail?: string
  claim_amount?: string
  currency_code?: string
  sales_convert_amount?: string
  cancel_convert_amount?: string
  account_transfer_result_cd?: string
  customer_id?: string
  customer_card_id?: string
  fingerprint?: string
  /** Items not listed above (virtual account, e-money, ticket extras …). */
  [item: string]: string | undefined
}

/** A verified push notice; `hc` is not kept. */
export type PaygentNotice = PaygentNoticeRecord

export class NoticeDecodeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "NoticeDecodeError"
  }
}

const HEX_DIGIT = /^[0-9A-Fa-f]$/

/** application/x-www-form-urlencoded bytes of one key or value → raw bytes ("+" is a space). */
function percentDecode(part: Buffer, what: string): Buffer {
  const out = Buffer.allocUnsafe(part.length)
  let n = 0
  for (let i = 0; i < part.length; i++) {
    const b = part[i]
    if (b === 0x2b) out[n++] = 0x20
    else if (b === 0x25) {
      const hex = part.subarray(i + 1, i + 3).toString("latin1")
      if (hex.length !== 2 || !HEX_DIGIT.test(hex[0]) || !HEX_DIGIT.test(hex[1])) {
        throw new NoticeDecodeError(`invalid percent-escape in ${what} at byte ${i}`)
      }
      out[n++] = parseInt(hex, 16)
      i += 2
    } else out[n++] = b
  }
  return out.subarray(0, n)
}

function decodePart(part: Buffer, what: string): string {
  try {
    return decodeTextStrict(percentDecode(part, what), "Windows-31J")
  } catch (e) {
    if (e instanceof CharsetError) throw new NoticeDecodeError(`${what} is not valid Windows-31J`)
    throw e
  }
}

/**
 * Decodes a notice body: "&"-separated k=v pairs, "+" = space, %XX = a Windows-31J byte. Invalid escapes,
 * bytes that are not valid Windows-31J and repeated keys throw NoticeDecodeError (messages name the key,
 * never a value).
 */
export function decodeNoticeBody(raw: Buffer): Record<string, string> {
  const out: Record<string, string> = {}
  const seen = new Set<string>()
  let start = 0
  let index = 0
  while (start <= raw.length) {
    let end = raw.indexOf(0x26, start)
    if (end === -1) end = raw.length
    const pair = raw.subarray(start, end)
    if (pair.length > 0) {
      const eq = pair.indexOf(0x3d)
      const key = decodePart(eq === -1 ? pair : pair.subarray(0, eq), `key #${index + 1}`)
      const value = eq === -1 ? "" : decodePart(pair.subarray(eq + 1), `value of ${JSON.stringify(key)}`)
      if (seen.has(key)) throw new NoticeDecodeError(`duplicate item ${JSON.stringify(key)}`)
      seen.add(key)
      setOwn(out, key, value)
      index++
    }
    start = end + 1
  }
  return out
}

export type NoticeRejection = "malformed" | "missing_field" | "bad_format" | "bad_hash"

export type ParseNoticeResult =
  | { ok: true; notice: PaygentNotice }
  | { ok: false; code: NoticeRejection; reason: string; field?: string }

const FORMATS: ReadonlyArray<[keyof PaygentNoticeRecord & string, RegExp, boolean]> = [
  // [item, format, required]
  ["payment_notice_id", /^\d{1,18}$/, true],
  ["payment_id", /^\d{1,18}$/, true],
  // Printable ASCII rather than alnum: Paygent-assigned IDs (bank net, slip barcodes) are not ours to police.
  ["trading_id", /^[\x21-\x7E]{0,25}$/, true],
  ["payment_type", /^\d{2}$/, true],
  ["payment_status", /^\d{2}$/, true],
  // Up to 13 characters; decimals only for multi-currency card payments.
  ["payment_amount", /^(?=.{1,13}$)\d+(\.\d+)?$/, true],
  ["change_date", /^(\d{14})?$/, false],
  ["payment_init_date", /^(\d{14})?$/, false],
]

/**
 * Decodes and verifies a push notice: every identifying item present and well-formed, and `hc` matching
 * sha256(payment_notice_id + payment_id + trading_id + payment_type + payment_amount + key).
 * Reasons never include the hash, the key or item values.
 */
export function parseNotice(raw: Buffer, key: string): ParseNoticeResult {
  let fields: Record<string, string>
  try {
    fields = decodeNoticeBody(raw)
  } catch (e) {
    if (e instanceof NoticeDecodeError) return { ok: false, code: "malformed", reason: e.message }
    throw e
  }
  for (const [item, format, required] of FORMATS) {
    const value = fields[item]
    if (value === undefined) {
      if (required) return { ok: false, code: "missing_field", reason: `missing ${item}`, field: item }
      continue
    }
    if (!format.test(value)) return { ok: false, code: "bad_format", reason: `malformed ${item}`, field: item }
  }
  if (fields.hc === undefined || fields.hc === "") return { ok: false, code: "missing_field", reason: "missing hc", field: "hc" }
  if (!key) return { ok: false, code: "bad_hash", reason: "no notice hash key configured", field: "hc" }
  if (!verifyNoticeHash(fields, key)) return { ok: false, code: "bad_hash", reason: "hc does not match", field: "hc" }

  const notice: Record<string, string> = {}
  for (const [k, v] of Object.entries(fields)) if (k !== "hc") setOwn(notice, k, v)
  return { ok: true, notice: notice as PaygentNotice }
}

/** What a notice endpoint must answer so Paygent stops re-sending (§7.2). */
export const NOTICE_ACK_BODY = "result=0"
