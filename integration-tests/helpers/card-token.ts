import type { Simulator } from "../../src/simulator"

/** A konbini / ATM buyer whose name and phone Paygent accepts. */
export const BUYER = {
  customer_family_name: "山田",
  customer_name: "太郎",
  customer_family_name_kana: "ヤマダ",
  customer_name_kana: "タロウ",
  customer_tel: "090-1234-5678",
}

/** What a storefront sends for a card payment: a PaygentToken.js token (made by the simulator) and its summary. */
export async function cardTokenData(sim: Simulator, cardNumber: string) {
  const token = await sim.control.createToken({
    card_number: cardNumber,
    expire_month: "12",
    expire_year: "30",
    cvc: "123",
    name: "TARO YAMADA",
  })
  return {
    card_token: token.token,
    masked_card_number: token.masked_card_number,
    valid_until: token.valid_until,
    fingerprint: token.fingerprint,
    token_hc: token.hc,
  }
}
