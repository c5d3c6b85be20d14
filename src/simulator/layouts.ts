/**
 * The full item layout of each telegram's answer with empty values, used for error answers: Paygent lists a
 * telegram's items even when it fails, unset ones as `key=` (fixture README choice 8); trading_id is echoed when sent.
 */
import { NOTICE_ITEM_NAMES } from "./notices"
import { param, type TelegramRequest } from "./telegram"
import { cardResponseItems, changeResponseItems } from "./telegrams/card-common"
import type { ResponseItem } from "./wire"

const empty = (...names: string[]): ResponseItem[] => names.map((name) => [name, ""])

export function errorLayout(request: TelegramRequest): ResponseItem[] {
  const tradingId = param(request, "trading_id")
  switch (request.kind) {
    case "020":
    case "021":
    case "022":
    case "023":
      return cardResponseItems("", tradingId)
    case "028":
    case "029":
      return changeResponseItems("", tradingId)
    case "025":
      return empty(
        "num_of_cards",
        "customer_card_id",
        "issur_id",
        "issur_name",
        "fingerprint",
        "masked_card_number",
        "card_valid_term",
        "cardholder_name",
        "acq_id",
        "acq_name",
      )
    case "026":
      return empty("num_of_cards")
    case "116":
      return empty("num_of_cards", "customer_card_id")
    case "010":
      return [
        ["payment_id", ""],
        ["trading_id", tradingId],
        ...empty("pay_center_number", "customer_number", "conf_number", "payment_limit_date"),
      ]
    case "030":
      return [
        ["payment_id", ""],
        ["trading_id", tradingId],
        ...empty("receipt_number", "receipt_print_url", "usable_cvs_company_id", "payment_limit_date"),
      ]
    case "060":
      return [
        ["trading_id", tradingId],
        ...empty("asp_limit_date", "asp_payment_limit_date", "asp_url", "amount", "claim_kana", "claim_kanji", "trade_generation_date"),
      ]
    case "091":
      return empty("success_code", "success_detail", ...NOTICE_ITEM_NAMES)
    case "094":
      // The payment type is unknown, so only the common block (empty).
      return empty("payment_id", "trading_id", "payment_type", "site_id", "payment_status", "payment_amount", "payment_init_date")
    case "450":
      return empty(
        "card_brand",
        "acq_id",
        "3ds_auth_id",
        "issur_class",
        "acq_name",
        "issur_name",
        "issur_id",
        "fingerprint",
        "masked_card_number",
        "out_acs_html",
      )
    default:
      return []
  }
}
