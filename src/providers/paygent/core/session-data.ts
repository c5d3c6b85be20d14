import type { PaygentMethod } from "../../../paygent/methods"

/** What the shopper needs to pay a konbini, ATM or net-bank payment; shown by the storefront helpers. */
export type PaymentInstructions =
  | {
      kind: "konbini"
      cvs_company_id: string
      receipt_number: string
      receipt_print_url?: string
      usable_cvs_company_ids: string[]
      /** The last day payment is accepted (until 23:59:59 JST), YYYY-MM-DD. */
      payment_limit_date?: string
      /** Some chains need a second number (確認番号 400008 or the phone number), see docs/protocol.md §8.2. */
      second_number?: { kind: "confirmation" | "phone"; value: string }
    }
  | {
      kind: "payeasy"
      pay_center_number: string
      customer_number: string
      conf_number: string
      payment_limit_date?: string
    }
  | {
      kind: "banknet"
      asp_url: string
      /** Until when the bank selection screen can be opened, ISO date-time (JST). */
      asp_limit_date?: string
      /** Until when a payment can still arrive, ISO date-time (JST). */
      asp_payment_limit_date?: string
    }

export interface ThreeDsState {
  /** fallback: the card's brand has no 3-D Secure at the acquirer (31012) and the merchant allows going without. */
  state: "challenge" | "authenticated" | "failed" | "fallback"
  /** The HTML the storefront writes into the page to start the 3-D Secure authentication. */
  acs_html?: string | null
  auth_id?: string
  attempt_kbn?: string
  failure?: { response_code: string; message: { ja: string; en: string } }
  requested_at?: string
  /**
   * While waiting (challenge): the session, attempt and 450 `3ds_auth_id` this session waits for, sealed; only that
   * authentication's result is applied (three-ds-return.ts). Cleared when the result has come.
   */
  expected?: string | null
}

/**
 * Medusa deep-merges `data` when it updates a session or payment (MikroORM `mergeObjectProperties`), so a key is
 * cleared by writing `null`, never by leaving it out or writing `undefined`.
 *
 * The provider's state, kept under the `paygent` key of the payment session's data (and copied onto the
 * Medusa payment when the session is authorized). Readable by the storefront: it holds no secret.
 */
export interface PaygentState {
  method: PaygentMethod
  amount: number
  /** Attempts made for this session; each new telegram attempt gets trading_id `<session>_<attempt>`. */
  attempt: number
  trading_id?: string
  payment_id?: string
  /** Paygent's payment status (docs/protocol.md §6) as last seen by this server. */
  payment_status?: string
  authorized_at?: string
  captured_at?: string
  canceled_at?: string
  /** True when the order total was 0 and nothing was sent to Paygent. */
  zero_amount?: boolean
  /**
   * Money at Paygent after merchant operations (`amount` then follows what Paygent holds: the captured amount after
   * a partial capture, less partial refunds). `authorized_amount` is what was first authorized.
   */
  authorized_amount?: number
  captured_amount?: number
  refunded_amount?: number
  /** Earlier payment_ids of this payment, oldest first: each 補正 (029) creates a new payment at Paygent. */
  previous_payment_ids?: string[]
  /**
   * Card: the last day (ISO 8601, JST) the authorization can be captured (オーソリ有効期限: 60 days after the
   * authorization, 25 for Visa / Mastercard when the contract says so), and the last day a sale can be cancelled
   * through Paygent (売上取消期限, 60 days; some contracts count from the clearing date instead).
   */
  capture_deadline?: string
  refund_deadline?: string
  /** Money Paygent could not return (sales-cancel deadline passed, konbini / ATM / net bank): refund by hand. */
  manual_refunds?: Array<{ id?: string; amount: number; reason: string; at: string }>
  /** The last merchant operation (売上, 取消, 返金, 照会) and how it ended. */
  last_operation?: { operation: string; telegram_kind?: string; outcome: string; at: string }
  /** Something the merchant must look at (e.g. the old payment of a 補正 could not be cancelled). */
  attention?: { message: { ja: string; en: string }; at: string }
  /** When Paygent was last asked (094). */
  inquired_at?: string
  card?: {
    masked_card_number?: string
    fingerprint?: string
    card_brand?: string
    card_valid_term?: string
    payment_class: string
    split_count?: string
    acq_name?: string
  }
  threeds?: ThreeDsState | null
  instructions?: PaymentInstructions
  /** Set after an input error (2003): the storefront may send a new token with this reference to retry. */
  input_error?: { response_detail: string; message: { ja: string; en: string }; retry_ref: string } | null
  /** Why the last attempt did not go through, in words the shopper can act on. */
  last_error?: { code?: string; message: { ja: string; en: string }; at: string } | null
  /**
   * The attempt `trading_id` was sent and neither its answer nor the inquiry (094) after it came back: Paygent may or
   * may not have it. Nothing new is sent for this session until 094 has settled it (next completion, or the sync job;
   * src/sync/in-doubt.ts).
   */
  in_doubt?: { telegram_kind: string; trading_id: string; since: string } | null
  /** Konbini / ATM / net bank: when the shopper paid (Paygent's user_payment_date or payment_date), ISO 8601. */
  paid_at?: string
  /** The last Paygent notice (push, 091 or a 094 answer of the sync job) applied to this payment. */
  last_notice?: { payment_notice_id?: string; payment_status: string; change_date?: string; applied_at: string }
}

export type SessionData = Record<string, unknown> & { session_id?: string; paygent?: PaygentState }

export function stateOf(data: Record<string, unknown> | undefined): PaygentState | undefined {
  const state = data?.paygent
  return state && typeof state === "object" ? (state as PaygentState) : undefined
}

/** A Paygent date-time (YYYYMMDDhhmmss, JST) or date (YYYYMMDD) as ISO 8601, or undefined when empty. */
export function paygentDateToIso(value: string | undefined): string | undefined {
  if (!value) {
    return undefined
  }
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(value)
  if (!m) {
    return undefined
  }
  return m[4] ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+09:00` : `${m[1]}-${m[2]}-${m[3]}`
}
