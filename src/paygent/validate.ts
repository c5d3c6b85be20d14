import { byteLength, findUnencodable, type PaygentCharset } from "./charset"
import { PaygentInputError } from "./errors"
import { assertJisX0208, toFreeTextField, toFullWidthField } from "./jis"
import { describeChar, normalizeZenginKana } from "./kana"
import { msg, type LocalizedMessage } from "./messages"
import { normalizePhone } from "./phone"

/**
 * Field formats of the spec tables (§2, §4) that can be checked before sending, and the conversions the
 * official module (or Paygent itself) would apply anyway. Lengths are bytes in the telegram's charset.
 */
export type FieldFormat =
  /** Digits only; `min`/`max` are digit counts. */
  | { type: "digits"; max: number; min?: number }
  /** Integer yen, non-negative, at most `maxDigits` digits. */
  | { type: "amount"; maxDigits: number }
  /** Amount that may carry decimals (450 payment_amount), at most `maxChars` characters. */
  | { type: "decimal"; maxChars: number }
  /** Integer within [min, max] (e.g. payment_limit_date 0–60 days). */
  | { type: "range"; min: number; max: number }
  | { type: "enum"; values: readonly string[] }
  /** Letters and digits (and "_" if `underscore`). */
  | { type: "alnum"; max: number; underscore?: boolean }
  /** Printable ASCII (URLs, 450 merchant_name …). */
  | { type: "ascii"; max: number }
  /** Half-width kana (Zengin) field: converted from full-width, then checked. */
  | { type: "kana"; max: number }
  /**
   * Full-width (JIS X 0208) field: mapped as toFullWidthField does (〜 → ～, ¥ → ￥, 髙 → 高, half-width → full-width),
   * then checked.
   */
  | { type: "kanji"; max: number }
  /** Anything the charset can carry, after the same character mappings as a kanji field (ASCII stays ASCII). */
  | { type: "text"; max: number }
  /** Japanese phone number, normalised to digits. */
  | { type: "phone" }
  | { type: "pattern"; pattern: RegExp; max: number; expected: LocalizedMessage }

export interface FieldSpec {
  name: string
  format: FieldFormat
  /** ○ in the spec: must be present and non-empty. */
  required?: boolean
  /** Sent when the caller gives nothing. */
  default?: string
  /** An empty value means something here (026/027 customer_card_id: all cards), so "" is sent rather than left out. */
  sendEmpty?: boolean
}

export type ParamValue = string | number | null | undefined

function fail(field: string, reason: string, ja: string, en: string, kind: string): never {
  throw new PaygentInputError(field, reason, msg(ja, en), kind)
}

function asString(field: string, value: string | number, integerOnly: boolean, kind: string): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || (integerOnly && !Number.isSafeInteger(value))) {
      fail(field, "not_integer", `${field} は整数で指定してください。`, `${field} must be an integer.`, kind)
    }
    return String(value)
  }
  if (typeof value !== "string") {
    fail(field, "not_string", `${field} の型が不正です。`, `${field} must be a string or a number.`, kind)
  }
  return value
}

function checkBytes(field: string, value: string, max: number, charset: PaygentCharset, kind: string): void {
  const bad = findUnencodable(value, charset)
  if (bad !== undefined) {
    fail(
      field,
      "unencodable_character",
      `${field} に送信できない文字が含まれています: ${describeChar(bad)}`,
      `${field} contains a character that cannot be sent: ${describeChar(bad)}`,
      kind
    )
  }
  const n = byteLength(value, charset)
  if (n > max) {
    fail(
      field,
      "too_long",
      `${field} は${max}バイト以内で入力してください（現在${n}バイト）。`,
      `${field} must be at most ${max} bytes (${charset}); it is ${n}.`,
      kind
    )
  }
}

/** Checks and converts one value; returns the string to send. `value` must not be null/undefined. */
export function formatField(spec: FieldSpec, value: string | number, charset: PaygentCharset, kind = ""): string {
  const f = spec.format
  const name = spec.name
  const integerOnly = f.type === "digits" || f.type === "amount" || f.type === "range"
  let v = asString(name, value, integerOnly, kind)
  if (v === "") {
    if (spec.required) fail(name, "required", `${name} は必須です。`, `${name} is required.`, kind)
    return v
  }
  switch (f.type) {
    case "digits":
      if (!/^\d+$/.test(v) || v.length > f.max || v.length < (f.min ?? 1)) {
        const len = f.min && f.min !== f.max ? `${f.min}〜${f.max}` : f.min === f.max ? `${f.max}` : `${f.max}以内の`
        const lenEn = f.min && f.min !== f.max ? `${f.min}–${f.max}` : f.min === f.max ? `exactly ${f.max}` : `at most ${f.max}`
        fail(name, "not_digits", `${name} は数字${len}桁で入力してください。`, `${name} must be ${lenEn} digits.`, kind)
      }
      return v
    case "amount":
      if (!/^\d+$/.test(v) || v.length > f.maxDigits) {
        fail(
          name,
          "invalid_amount",
          `${name} は0以上の整数（円、${f.maxDigits}桁以内）で指定してください。`,
          `${name} must be a non-negative integer amount in yen of at most ${f.maxDigits} digits.`,
          kind
        )
      }
      return v
    case "decimal":
      if (!/^\d+(\.\d+)?$/.test(v) || v.length > f.maxChars) {
        fail(name, "invalid_amount", `${name} は${f.maxChars}文字以内の金額で指定してください。`, `${name} must be an amount of at most ${f.maxChars} characters.`, kind)
      }
      return v
    case "range":
      if (!/^\d+$/.test(v) || Number(v) < f.min || Number(v) > f.max) {
        fail(name, "out_of_range", `${name} は${f.min}〜${f.max}の整数で指定してください。`, `${name} must be an integer from ${f.min} to ${f.max}.`, kind)
      }
      return String(Number(v))
    case "enum":
      if (!f.values.includes(v)) {
        fail(name, "invalid_value", `${name} の値が不正です（${f.values.join(", ")}）。`, `${name} must be one of ${f.values.join(", ")}.`, kind)
      }
      return v
    case "alnum": {
      const re = f.underscore ? /^[A-Za-z0-9_]+$/ : /^[A-Za-z0-9]+$/
      if (!re.test(v) || v.length > f.max) {
        const sym = f.underscore ? "（記号は _ のみ）" : ""
        const symEn = f.underscore ? " and _" : ""
        fail(name, "not_alphanumeric", `${name} は半角英数字${sym}${f.max}文字以内で入力してください。`, `${name} must be at most ${f.max} letters, digits${symEn}.`, kind)
      }
      return v
    }
    case "ascii":
      if (!/^[\x20-\x7e]*$/.test(v)) {
        fail(name, "not_ascii", `${name} は半角英数記号で入力してください。`, `${name} must be printable ASCII.`, kind)
      }
      checkBytes(name, v, f.max, charset, kind)
      return v
    case "kana":
      v = normalizeZenginKana(name, v)
      checkBytes(name, v, f.max, charset, kind)
      return v
    case "kanji":
      v = toFullWidthField(v)
      assertJisX0208(name, v)
      checkBytes(name, v, f.max, charset, kind)
      return v
    case "text":
      if (charset === "Windows-31J") v = toFreeTextField(v)
      if (/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(v)) {
        fail(name, "control_character", `${name} に制御文字が含まれています。`, `${name} contains a control character.`, kind)
      }
      checkBytes(name, v, f.max, charset, kind)
      return v
    case "phone":
      return normalizePhone(name, v)
    case "pattern":
      if (!f.pattern.test(v) || v.length > f.max) {
        fail(name, "invalid_format", `${name} の形式が不正です（${f.expected.ja}）。`, `${name} has the wrong format (${f.expected.en}).`, kind)
      }
      return v
  }
}

/**
 * Turns a caller's object into ordered [name, value] pairs following `specs` (the spec's item order):
 * undefined/null items are left out, and so is "" for an optional item (Paygent's own module sends no empty
 * optional parameters), unless the item's "" means something (`sendEmpty`) or the telegram keeps empty values
 * (`keepEmpty`: 116, where omitted = unchanged and "" = clear). Defaults fill missing items. Unknown keys are
 * refused — a typo must not silently disappear.
 */
export function buildFields(
  specs: readonly FieldSpec[],
  input: Readonly<Record<string, ParamValue>>,
  charset: PaygentCharset,
  kind: string,
  options: { allowExtra?: boolean; ignore?: ReadonlySet<string>; keepEmpty?: boolean } = {}
): Array<[string, string]> {
  const out: Array<[string, string]> = []
  const known = new Set<string>()
  for (const spec of specs) {
    known.add(spec.name)
    const raw = input[spec.name]
    if (raw === undefined || raw === null) {
      if (spec.default !== undefined) out.push([spec.name, spec.default])
      else if (spec.required) fail(spec.name, "required", `${spec.name} は必須です。`, `${spec.name} is required.`, kind)
      continue
    }
    const value = formatField(spec, raw, charset, kind)
    if (value === "" && !spec.required && !spec.sendEmpty && !options.keepEmpty) continue
    out.push([spec.name, value])
  }
  for (const [key, raw] of Object.entries(input)) {
    if (known.has(key) || options.ignore?.has(key) || raw === undefined || raw === null) continue
    if (!options.allowExtra) {
      fail(key, "unknown_parameter", `${key} はこの電文では送信できません。`, `${key} is not a parameter of this telegram.`, kind)
    }
    const v = asString(key, raw, false, kind)
    if (v === "" && !options.keepEmpty) continue
    checkBytes(key, v, 102_400, charset, kind)
    out.push([key, v])
  }
  return out
}
