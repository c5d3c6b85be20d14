/**
 * Brand, acquirer and issuer of a card number. Paygent's sandbox picks them from the prefix (§11.8); the acquirer codes
 * are the ones the spec lists for acq_id (§4.1). Names are half-width kana, as in Paygent's responses.
 */

export interface BrandInfo {
  brand: "VISA" | "MASTER" | "JCB" | "AMEX" | "DINERS" | "DISCOVER"
  acqId: string
  acqName: string
}

const BRANDS: Record<BrandInfo["brand"], BrandInfo> = {
  VISA: { brand: "VISA", acqId: "50001", acqName: "ﾆｺｽ" },
  MASTER: { brand: "MASTER", acqId: "50001", acqName: "ﾆｺｽ" },
  JCB: { brand: "JCB", acqId: "99661", acqName: "ｼﾞｪｰｼｰﾋﾞｰ" },
  AMEX: { brand: "AMEX", acqId: "99819", acqName: "ｱﾒﾘｶﾝｴｷｽﾌﾟﾚｽ" },
  DINERS: { brand: "DINERS", acqId: "99660", acqName: "ﾀﾞｲﾅｰｽｸﾗﾌﾞ" },
  DISCOVER: { brand: "DISCOVER", acqId: "99660", acqName: "ﾀﾞｲﾅｰｽｸﾗﾌﾞ" },
}

export function brandOf(cardNumber: string): BrandInfo {
  if (cardNumber.startsWith("4")) return BRANDS.VISA
  if (/^(5[1-5]|2[2-7])/.test(cardNumber)) return BRANDS.MASTER
  if (cardNumber.startsWith("35")) return BRANDS.JCB
  if (/^3[47]/.test(cardNumber)) return BRANDS.AMEX
  if (/^3(0|6|8|9)/.test(cardNumber)) return BRANDS.DINERS
  if (cardNumber.startsWith("6")) return BRANDS.DISCOVER
  return BRANDS.VISA
}

/** `4000…` is the sandbox's foreign card (issur_class 1); everything else is domestic (0). */
export function issurClassOf(cardNumber: string): "0" | "1" {
  return cardNumber.startsWith("4000") ? "1" : "0"
}

export function issuerOf(cardNumber: string): { issurId: string; issurName: string } {
  return { issurId: cardNumber.slice(0, 5), issurName: "ｼﾐｭﾚｰﾀｶｰﾄﾞ" }
}

export function maskCardNumber(cardNumber: string): string {
  return "*".repeat(Math.max(0, cardNumber.length - 4)) + cardNumber.slice(-4)
}
