import { PaygentInputError } from "./errors"
import { msg, type LocalizedMessage } from "./messages"

/**
 * Phone numbers as Paygent wants them (customer_tel: digits only, no hyphens, ≤ 11): full-width digits,
 * hyphens/dashes, spaces and parentheses are removed, a leading +81 (or 81 after "+") becomes 0.
 * Japanese numbers have 10 (landline) or 11 (mobile, 050) digits.
 */
export function normalizePhone(field: string, value: string, label: LocalizedMessage = msg(field, field)): string {
  let v = value
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/＋/g, "+")
    .replace(/[\s\u3000\-‐‑‒–—―−－ー()（）.]/g, "")
  if (v.startsWith("+81")) v = "0" + v.slice(3).replace(/^0/, "")
  if (!/^\d{10,11}$/.test(v)) {
    throw new PaygentInputError(
      field,
      "invalid_phone",
      msg(
        `${label.ja}は10桁または11桁の数字で入力してください（例: 09012345678）。`,
        `${label.en} must be a Japanese number of 10 or 11 digits (e.g. 09012345678).`
      )
    )
  }
  return v
}
