import { PaygentInputError } from "../errors"
import { msg } from "../messages"
import { CARD_NUMBER, CARD_TOKEN, CARD_VALID_TERM, CUSTOMER_CARD_ID, CUSTOMER_ID, SITE_ID, type Numeric, type PaygentResultItems, type PaymentReference, type TelegramDefinition } from "./definition"

/**
 * 450 EMV 3Dセキュア認証 (§11.3), UTF-8. Does not consume the card token. After the buyer returns to
 * term_url (verify its hc with threeDsResultHash), authorize with 020 + 3dsecure_use_type=2 + 3ds_auth_id.
 */
export interface ThreeDsAuthenticateRequest extends PaymentReference {
  /** Where Paygent sends the browser back (GET), ≤ 256. */
  term_url: string
  /** ≤ 40 printable ASCII. */
  merchant_name: string
  /** "01" (default). */
  authentication_type?: "01"
  card_set_method: "token" | "customer" | "direct" | "google"
  card_token?: string
  customer_id?: string
  customer_card_id?: Numeric
  card_number?: string
  card_valid_term?: string
  google_payment_method_token?: string
  /** ≤ 13 characters; integer yen for JPY (0 or 1 for card registration). */
  payment_amount: Numeric
  /** Must equal the later 020's site_id. */
  site_id?: string
  /** UTC. */
  payment_date?: string
  currency_code?: string
  transaction_type?: string
  /** Risk-based authentication items (2–45 chars for the name); an e-mail or a phone is expected by the brands. */
  cardholder_name?: string
  email_address?: string
  /** Any other risk-based item of the 450 sheet, by its Paygent name. */
  [riskItem: string]: Numeric | undefined
}

export interface ThreeDsAuthenticateResponse extends PaygentResultItems {
  card_brand?: string
  acq_id?: string
  "3ds_auth_id": string
  issur_class?: string
  acq_name?: string
  issur_name?: string
  issur_id?: string
  fingerprint?: string
  masked_card_number?: string
  /** Auto-posting form for the browser; always the last item. */
  out_acs_html: string
}

const NEEDS: Record<string, readonly string[]> = {
  token: ["card_token"],
  customer: ["customer_id", "customer_card_id"],
  direct: ["card_number", "card_valid_term"],
  google: ["google_payment_method_token"],
}

export const THREE_DS_AUTHENTICATE: TelegramDefinition = {
  kind: "450",
  title: "EMV 3-D Secure authentication",
  responseFormat: "key_value",
  requiredOnSuccess: ["3ds_auth_id", "out_acs_html"],
  fields: [
    { name: "term_url", required: true, format: { type: "ascii", max: 256 } },
    { name: "merchant_name", required: true, format: { type: "ascii", max: 40 } },
    { name: "authentication_type", required: true, default: "01", format: { type: "enum", values: ["01"] } },
    { name: "card_set_method", required: true, format: { type: "enum", values: ["token", "customer", "direct", "google"] } },
    CARD_TOKEN,
    CUSTOMER_ID,
    CUSTOMER_CARD_ID,
    CARD_NUMBER,
    CARD_VALID_TERM,
    { name: "google_payment_method_token", format: { type: "text", max: 102_400 } },
    { name: "payment_amount", required: true, format: { type: "decimal", maxChars: 13 } },
    SITE_ID,
    { name: "payment_date", format: { type: "digits", max: 14 } },
    { name: "currency_code", format: { type: "alnum", max: 3 } },
    { name: "transaction_type", format: { type: "digits", max: 2 } },
    { name: "cardholder_name", format: { type: "ascii", max: 45 } },
    { name: "email_address", format: { type: "ascii", max: 254 } },
  ],
  check(values, kind) {
    for (const field of NEEDS[values.card_set_method] ?? []) {
      if (!values[field]) {
        throw new PaygentInputError(
          field,
          "required",
          msg(`${field} は必須です（card_set_method=${values.card_set_method}）。`, `${field} is required for card_set_method=${values.card_set_method}.`),
          kind
        )
      }
    }
  },
}
