import iconv from "iconv-lite"

/**
 * Where a character sits in Windows-31J: JIS X 0208 proper (rows 1–8 and 16–84 — what Paygent's full-width fields
 * accept) or one of the vendor extensions Windows-31J adds (NEC row 13 at lead byte 0x87, NEC-selected IBM
 * extensions at 0xED–0xEE, IBM extensions at 0xFA–0xFC).
 */

/** JIS X 0208 row (区) of a double-byte Shift_JIS code, 0 if the lead byte is outside the JIS mapping. */
export function jisRow(lead: number, trail: number): number {
  const second = trail >= 0x9f ? 1 : 0
  if (lead >= 0x81 && lead <= 0x9f) return (lead - 0x81) * 2 + 1 + second
  if (lead >= 0xe0 && lead <= 0xef) return (lead - 0xc1) * 2 + 1 + second
  return 0
}

export function isJisX0208Row(row: number): boolean {
  return (row >= 1 && row <= 8) || (row >= 16 && row <= 84)
}

/** Whether one character is in JIS X 0208 as Windows-31J encodes it. */
export function isJisX0208Char(ch: string): boolean {
  const bytes = iconv.encode(ch, "cp932")
  return bytes.length === 2 && isJisX0208Row(jisRow(bytes[0], bytes[1]))
}

/** Whether one character is a Windows-31J vendor extension (NEC row 13, NEC-selected IBM, IBM). */
export function isVendorExtension(ch: string): boolean {
  const bytes = iconv.encode(ch, "cp932")
  if (bytes.length !== 2) return false
  const lead = bytes[0]
  return lead === 0x87 || lead === 0xed || lead === 0xee || (lead >= 0xfa && lead <= 0xfc)
}
