import type {
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  RefundPaymentInput,
  RefundPaymentOutput,
} from "@medusajs/framework/types"
import { cancelCard } from "./operations/cancel"
import { captureCard } from "./operations/capture"
import { FollowUp, type Items, type OperationsHost } from "./operations/follow-up"
import { refundCard } from "./operations/refund"
import { cancelWithoutApi, refundWithoutApi } from "./operations/without-api"
import type { PaygentState } from "./session-data"

export type { OperationsHost } from "./operations/follow-up"

/**
 * The merchant's operations on a payment that already exists at Paygent — 売上 (capture, 022 / 029), 取消 (021 /
 * 023), 返金 (023 / 029) and 手動返金 (manual refund owed) — as the provider runs them for Medusa's capture, refund and
 * cancel. Rules, in this order, for every operation:
 *
 * 1. What is already known wins: `data.paygent` and the telegram ledger (a successful 022 for this payment_id means
 *    captured, whatever Medusa's copy of the data says). Nothing is sent twice.
 * 2. Transient refusals (2008, 9005, E002, P017, 2002 on follow-ups, not sent) are sent again after a short back-off,
 *    three tries in all.
 * 3. An unknown outcome (timeout, dropped connection) is followed by 094 before anything else; the truth is recorded,
 *    and a telegram Paygent never applied is sent once more. When 094 fails too, the operation answers "outcome
 *    pending" (outcome-pending.ts) and the telegram stays in doubt in the ledger until the sync job settles it.
 * 4. Past the sales-cancel deadline (2007 / status 41), and for paid konbini / ATM / net-bank payments (no refund
 *    telegram), Medusa's operation still succeeds and a manual refund owed is recorded in the ledger module.
 * 5. Anything else is thrown as a MedusaError with a Japanese / English explanation for the merchant.
 */

/** Brands an acquirer code leaves no doubt about (docs/protocol.md §4.1): JCB, Diners, AMEX process their own cards. */
const BRAND_BY_ACQUIRER: Record<string, string> = { "99661": "JCB", "99660": "DINERS", "99819": "AMEX" }

/** The card brand as far as it is known: from the 3-D Secure answer, else from an unambiguous acquirer. */
export function cardBrandOf(threeDsBrand: string | undefined, acqId: string | undefined): string | undefined {
  if (threeDsBrand) {
    return threeDsBrand.toUpperCase()
  }
  return acqId ? BRAND_BY_ACQUIRER[acqId] : undefined
}

/** The operations as the providers call them; each lives in its own file under operations/. */
export class PaygentOperations {
  private readonly followUp: FollowUp

  constructor(host: OperationsHost) {
    this.followUp = new FollowUp(host)
  }

  captureCard(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    return captureCard(this.followUp, input)
  }

  refundCard(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    return refundCard(this.followUp, input)
  }

  cancelCard(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    return cancelCard(this.followUp, input)
  }

  refundWithoutApi(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    return refundWithoutApi(this.followUp, input)
  }

  cancelWithoutApi(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    return cancelWithoutApi(this.followUp, input)
  }

  /** 094 for the payment, for the operation `forKind`. */
  inquire(forKind: string, state: PaygentState): Promise<Items> {
    return this.followUp.inquire(forKind, state)
  }

  /** The Paygent state with what 094 answered. */
  withInquiry(state: PaygentState, answer: Items): PaygentState {
    return this.followUp.withInquiry(state, answer)
  }
}
