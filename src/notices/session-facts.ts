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

type NoticeIds = Pick<StoredNotice, "id" | "payment_session_id" | "trading_id" | "paygent_payment_id">

/**
 * Which payment a stored notice is about, as best its ids tell: the payment session its trading_id names, else the
 * trading id, else Paygent's payment id, else the notice alone. The apply workflow locks on it and the sync job's
 * apply pipeline queues on it (src/sync/apply-pipeline.ts), so both group a payment's notices the same way.
 */
export function noticeSubject(notice: NoticeIds): { kind: "session" | "trading" | "payment" | "notice"; id: string } {
  if (notice.payment_session_id) return { kind: "session", id: notice.payment_session_id }
  if (notice.trading_id) return { kind: "trading", id: notice.trading_id }
  if (notice.paygent_payment_id) return { kind: "payment", id: notice.paygent_payment_id }
  return { kind: "notice", id: notice.id }
}

/** The stored notice's lock subject: every notice of one checkout queues on its payment session. */
export function noticeLockSubject(notice: NoticeIds): string {
  return noticeSubject(notice).id
}
