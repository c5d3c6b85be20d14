import type { IPaymentModuleService, PaymentSessionDTO } from "@medusajs/framework/types"
import { stateOf } from "../providers/paygent/core/session-data"
import type { StoredNotice } from "../modules/paygent/types"
import type { PlanFacts } from "./plan"

/**
 * The read of Medusa's records a notice is planned on, and how it becomes the planner's facts. One place for both,
 * so that the apply workflow (apply-paygent-notice.ts) and the decision made before it (nothing-to-apply.ts) read
 * the same rows and hand planNotice the same facts.
 */

export type SessionWithPayment = PaymentSessionDTO & {
  payment?: { id: string; data?: Record<string, unknown> } | null
  payment_collection?: { id: string; status?: string } | null
}

/** The notice's payment session with its Medusa payment and payment collection (undefined: none, or gone). */
export async function loadSession(paymentModule: IPaymentModuleService, sessionId: string | null): Promise<SessionWithPayment | undefined> {
  if (!sessionId) {
    return undefined
  }
  return (await paymentModule
    .retrievePaymentSession(sessionId, { relations: ["payment", "payment_collection"] })
    .catch(() => undefined)) as SessionWithPayment | undefined
}

/** The facts planNotice takes that come from the notice, the session and its payment. */
export type ReadFacts = Pick<PlanFacts, "notice" | "session" | "payment" | "attempts">

export function readFactsOf(notice: StoredNotice, session: SessionWithPayment | undefined): ReadFacts {
  const payment = session?.payment ?? undefined
  return {
    notice: {
      payment_id: notice.paygent_payment_id,
      trading_id: notice.trading_id,
      payment_type: notice.payment_type,
      payment_status: notice.payment_status,
      payment_amount: notice.payment_amount,
    },
    session: session ? { id: session.id, status: session.status, provider_id: session.provider_id, state: stateOf(session.data) } : undefined,
    payment: payment ? { id: payment.id, state: stateOf(payment.data) } : undefined,
    attempts: notice.apply_attempts ?? 0,
  }
}

/** The stored notice's lock subject: every notice of one checkout queues on its payment session. */
export function noticeLockSubject(notice: Pick<StoredNotice, "id" | "payment_session_id" | "trading_id" | "paygent_payment_id">): string {
  return notice.payment_session_id ?? notice.trading_id ?? notice.paygent_payment_id ?? notice.id
}
