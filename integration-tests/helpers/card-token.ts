import type { Simulator } from "../../src/simulator"

/** A konbini / ATM buyer whose name and phone Paygent accepts. */
export const BUYER = {
  customer_family_name: "山田",
  customer_name: "太郎",
  customer_family_name_kana: "ヤマダ",
  customer_name_kana: "タロウ",
  customer_tel: "090-1234-5678",
}

/** Card test numbers by their last four digits (docs/protocol.md §11.8). */
export const TEST_CARDS = {
  ok: "4923000000001111",
  declined1G12: "4923000000008212",
  wrongCvc1G44: "4923000000008244",
}

/**
 * What a storefront sends for a card payment: a PaygentToken.js token (made by the simulator), its summary and
 * the cardholder name (which the simulator's 3-D Secure also reads its control values from, docs/protocol.md §11.3).
 */
export async function cardTokenData(sim: Simulator, cardNumber: string = TEST_CARDS.ok, cardholder = "TARO YAMADA") {
  const token = await sim.control.createToken({
    card_number: cardNumber,
    expire_month: "12",
    expire_year: "30",
    cvc: "123",
    name: cardholder,
  })
  return {
    card_token: token.token,
    masked_card_number: token.masked_card_number,
    valid_until: token.valid_until,
    fingerprint: token.fingerprint,
    token_hc: token.hc,
    cardholder_name: cardholder,
  }
}
