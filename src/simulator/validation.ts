/**
 * Per-telegram field tables (docs/protocol.md §2, §4) and the generic field checks Paygent runs before any business logic:
 * P005 parameter missing (○ fields), P006 required value empty, P008 type, P009 length in bytes of the telegram's
 * charset, P010 value (enumerations and the character rules of §8.3). Each class of check runs over the whole table
 * before the next class, and the first offending field is named in response_detail.
 */
import { fieldDetail } from "./codes"
import { fail, type TelegramRequest } from "./telegram"
import { isFullWidthJis, isZenginKana } from "./text-rules"
import { byteLength } from "./wire"

export type FieldType =
  /** 0-9 */
  | "digits"
  /** 0-9 A-Z a-z */
  | "alnum"
  /** 0-9 A-Z a-z and "_" (trading_id, customer_id: "only _ allowed as symbol") */
  | "alnum_"
  /** digits with an optional decimal part (450 payment_amount) */
  | "decimal"
  /** printable ASCII (URLs, tokens, ASCII names) */
  | "ascii"
  /** anything the charset can carry */
  | "text"
  /** full-width JIS X 0208 only (kanji name fields) — violations are P010 */
  | "fullwidth"
  /** Zengin half-width kana characters only — violations are P010 */
  | "kana"

/** ○ required (P005 when absent, P006 when empty), △ conditional and ▲ optional (checked only when non-empty). */
export type Requirement = "required" | "conditional" | "optional"

export interface FieldSpec {
  name: string
  req: Requirement
  type: FieldType
  /** Maximum length in bytes (Windows-31J, or UTF-8 for 450). */
  max?: number
  /** Minimum length in characters, when the format fixes one (card numbers, MMYY). */
  min?: number
  /** Allowed values (P010 otherwise). */
  values?: readonly string[]
  /** A required field whose empty value means "default" (e.g. payment_class → 10). */
  emptyAllowed?: boolean
}

const f = (name: string, req: Requirement, type: FieldType, max?: number, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  req,
  type,
  max,
  ...extra,
})

/** Common header items 6–7 that every telegram may carry. */
const HEADER: FieldSpec[] = [f("trading_id", "conditional", "alnum_", 25), f("payment_id", "conditional", "digits", 18)]

const FLAG = ["0", "1"] as const

const CARD_AUTH: FieldSpec[] = [
  ...HEADER,
  f("payment_amount", "required", "digits", 7),
  f("card_number", "conditional", "digits", 16, { min: 14 }),
  f("card_valid_term", "conditional", "digits", 4, { min: 4 }),
  f("card_conf_number", "optional", "digits", 4, { min: 3 }),
  f("payment_class", "required", "digits", 2, { values: ["10", "23", "61", "80"], emptyAllowed: true }),
  f("split_count", "conditional", "digits", 2),
  f("3dsecure_ryaku", "conditional", "digits", 1, { values: FLAG }),
  f("3dsecure_use_type", "conditional", "digits", 1, { values: ["1", "2"] }),
  f("http_accept", "conditional", "text"),
  f("http_user_agent", "conditional", "text"),
  f("term_url", "conditional", "ascii", 256),
  f("ref_trading_id", "optional", "alnum_", 25),
  f("stock_card_mode", "optional", "digits", 1, { values: FLAG }),
  f("customer_id", "conditional", "alnum_", 25),
  f("customer_card_id", "conditional", "digits", 18),
  f("site_id", "optional", "alnum", 4),
  f("card_token", "conditional", "ascii", 30),
  f("sales_mode", "optional", "digits", 1, { values: FLAG }),
  f("security_code_token", "conditional", "digits", 1, { values: FLAG }),
  f("security_code_use", "optional", "digits", 1, { values: FLAG }),
  f("3ds_auth_id", "conditional", "ascii", 36),
]

const CARD_FOLLOW_UP: FieldSpec[] = [...HEADER]

const CARD_CHANGE: FieldSpec[] = [
  ...HEADER,
  f("payment_amount", "required", "digits", 7),
  f("reduction_flag", "required", "digits", 1, { values: FLAG }),
  f("base_payment_cancel_timing", "optional", "digits", 1, { values: FLAG }),
]

const ADD_INFO = [1, 2, 3, 4].map((n) => f(`add_info${n}`, "optional", "text", 64))

const STORED_CARD_SET: FieldSpec[] = [
  ...HEADER,
  f("customer_id", "required", "alnum_", 25),
  f("card_number", "conditional", "digits", 16, { min: 14 }),
  f("card_valid_term", "conditional", "digits", 4, { min: 4 }),
  f("card_conf_number", "optional", "digits", 4, { min: 3 }),
  f("card_brand", "optional", "ascii", 10, { values: ["VISA", "MASTER", "JCB", "AMEX", "DINERS", "DISCOVER", "HOUSE"] }),
  f("cardholder_name", "optional", "ascii", 64),
  ...ADD_INFO,
  f("site_id", "optional", "alnum", 4),
  f("valid_check_flg", "optional", "digits", 1, { values: FLAG }),
  f("card_token", "conditional", "ascii", 30),
  f("security_code_use", "optional", "digits", 1, { values: FLAG }),
]

const STORED_CARD_DELETE: FieldSpec[] = [
  ...HEADER,
  f("customer_id", "required", "alnum_", 25),
  f("customer_card_id", "optional", "digits", 18),
  f("site_id", "optional", "alnum", 4),
]

const STORED_CARD_INQUIRY: FieldSpec[] = [
  ...STORED_CARD_DELETE,
  f("return_fingerprint_flg", "optional", "digits", 1, { values: FLAG }),
]

const STORED_CARD_UPDATE: FieldSpec[] = [
  ...HEADER,
  f("customer_id", "required", "alnum_", 25),
  f("customer_card_id", "required", "digits", 18),
  f("site_id", "optional", "alnum", 4),
  f("card_valid_term", "optional", "digits", 4, { min: 4 }),
  f("cardholder_name", "optional", "ascii", 64),
  ...ADD_INFO,
  f("card_token", "optional", "ascii", 30),
  f("security_code_use", "optional", "digits", 1, { values: FLAG }),
]

const KONBINI: FieldSpec[] = [
  ...HEADER,
  f("payment_amount", "required", "digits", 9),
  f("cvs_type", "conditional", "digits", 2),
  f("customer_family_name", "required", "fullwidth", 20),
  f("customer_name", "required", "fullwidth", 20),
  f("customer_family_name_kana", "optional", "kana", 14),
  f("customer_name_kana", "optional", "kana", 14),
  f("customer_tel", "required", "digits", 11),
  f("site_info", "optional", "text", 50),
  f("payment_limit_date", "optional", "digits", 2),
  f("cvs_company_id", "conditional", "alnum", 6),
  f("sales_type", "conditional", "digits", 1, { values: ["1", "3"] }),
  f("site_id", "optional", "alnum", 4),
  ...Array.from({ length: 10 }, (_, i) => f(`customer_notice_${i + 1}`, "optional", "text", 60)),
  f("service_type", "optional", "digits", 1, { values: ["1", "2", "3"] }),
]

const ATM: FieldSpec[] = [
  ...HEADER,
  f("payment_amount", "required", "digits", 9),
  f("customer_family_name", "optional", "fullwidth", 12),
  f("customer_name", "optional", "fullwidth", 12),
  f("customer_family_name_kana", "optional", "kana", 12),
  f("customer_name_kana", "optional", "kana", 12),
  f("payment_detail", "required", "fullwidth", 24),
  f("payment_detail_kana", "required", "kana", 24),
  f("payment_limit_date", "optional", "digits", 2),
  f("site_id", "optional", "alnum", 4),
]

const BANK_NET: FieldSpec[] = [
  ...HEADER,
  f("amount", "required", "digits", 11),
  f("claim_kana", "required", "kana", 24),
  f("claim_kanji", "required", "fullwidth", 24),
  f("customer_family_name", "optional", "fullwidth", 12),
  f("customer_name", "optional", "fullwidth", 12),
  f("customer_family_name_kana", "optional", "kana", 12),
  f("customer_name_kana", "optional", "kana", 12),
  f("receipt_name_kana", "optional", "kana", 24),
  f("receipt_name", "optional", "fullwidth", 24),
  f("return_url", "optional", "ascii", 256),
  f("merchant_name", "optional", "text", 64),
  f("banner_url", "optional", "ascii", 256),
  f("free_memo", "optional", "text", 256),
  f("asp_payment_term", "optional", "digits", 7, { min: 7 }),
  f("stop_return_url", "optional", "ascii", 256),
  f("copy_right", "optional", "text", 64),
  f("site_id", "optional", "alnum", 4),
]

// 091 ignores trading_id and payment_id (§2), so no header fields are checked.
const NOTICE_INQUIRY: FieldSpec[] = [f("payment_notice_id", "optional", "digits", 18), f("site_id", "optional", "alnum", 4)]

const PAYMENT_INQUIRY: FieldSpec[] = [...HEADER, f("payment_type", "optional", "digits", 2)]

const THREE_DS: FieldSpec[] = [
  ...HEADER,
  f("term_url", "required", "ascii", 256),
  f("merchant_name", "required", "ascii", 40),
  f("authentication_type", "required", "digits", 2, { values: ["01"] }),
  f("card_set_method", "required", "ascii", 8, { values: ["token", "customer", "direct", "google"] }),
  f("payment_amount", "required", "decimal", 13),
  f("card_token", "conditional", "ascii", 30),
  f("customer_id", "conditional", "alnum_", 25),
  f("customer_card_id", "conditional", "digits", 18),
  f("card_number", "conditional", "digits", 16, { min: 14 }),
  f("card_valid_term", "conditional", "digits", 4, { min: 4 }),
  f("google_payment_method_token", "conditional", "text"),
  f("site_id", "optional", "alnum", 4),
  f("payment_date", "optional", "digits", 14),
  f("currency_code", "optional", "alnum", 3),
  f("transaction_type", "optional", "digits", 2),
  f("cardholder_name", "optional", "ascii", 45, { min: 2 }),
]

export const FIELD_TABLES: Record<string, readonly FieldSpec[]> = {
  "010": ATM,
  "020": CARD_AUTH,
  "021": CARD_FOLLOW_UP,
  "022": CARD_FOLLOW_UP,
  "023": CARD_FOLLOW_UP,
  "025": STORED_CARD_SET,
  "026": STORED_CARD_DELETE,
  "027": STORED_CARD_INQUIRY,
  "028": CARD_CHANGE,
  "029": CARD_CHANGE,
  "030": KONBINI,
  "060": BANK_NET,
  "091": NOTICE_INQUIRY,
  "094": PAYMENT_INQUIRY,
  "116": STORED_CARD_UPDATE,
  "450": THREE_DS,
}

const TYPE_PATTERNS: Partial<Record<FieldType, { pattern: RegExp; what: string }>> = {
  digits: { pattern: /^[0-9]+$/, what: "半角数字" },
  alnum: { pattern: /^[0-9A-Za-z]+$/, what: "半角英数字" },
  alnum_: { pattern: /^[0-9A-Za-z_]+$/, what: "半角英数字（記号は_のみ）" },
  decimal: { pattern: /^[0-9]+(\.[0-9]+)?$/, what: "半角数字" },
  ascii: { pattern: /^[\x20-\x7e]+$/, what: "半角英数記号" },
}

/** Runs the field checks of the request's telegram kind; throws the first failure. */
export function validateFields(request: TelegramRequest, table: readonly FieldSpec[] = FIELD_TABLES[request.kind] ?? []): void {
  const value = (spec: FieldSpec) => request.params.get(spec.name) ?? ""
  for (const spec of table) {
    if (spec.req === "required" && !request.params.has(spec.name)) throw fail("P005", fieldDetail.missing(spec.name))
  }
  for (const spec of table) {
    if (spec.req === "required" && !spec.emptyAllowed && value(spec) === "") throw fail("P006", fieldDetail.empty(spec.name))
  }
  for (const spec of table) {
    const v = value(spec)
    const rule = TYPE_PATTERNS[spec.type]
    if (v !== "" && rule && !rule.pattern.test(v)) throw fail("P008", fieldDetail.type(spec.name, rule.what))
  }
  for (const spec of table) {
    const v = value(spec)
    if (v === "") continue
    if (spec.max !== undefined && byteLength(v, request.charset) > spec.max) {
      throw fail("P009", fieldDetail.length(spec.name, spec.max))
    }
    if (spec.min !== undefined && [...v].length < spec.min) throw fail("P009", fieldDetail.length(spec.name, spec.max ?? spec.min))
  }
  for (const spec of table) {
    const v = value(spec)
    if (v === "") continue
    if (spec.values && !spec.values.includes(v)) throw fail("P010", fieldDetail.invalid(spec.name))
    if (spec.type === "fullwidth" && !isFullWidthJis(v)) throw fail("P010", fieldDetail.invalid(spec.name))
    if (spec.type === "kana" && !isZenginKana(v)) throw fail("P010", fieldDetail.invalid(spec.name))
  }
}
