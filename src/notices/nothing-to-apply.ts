import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { paygentModule } from "../modules/paygent/container"
import type { StoredNotice } from "../modules/paygent/types"
import { PAYMENT_TYPE, STATUS } from "../paygent/statuses"
import { NoticePlan, PlanFacts, planNotice } from "./plan"
import { loadSession, readFactsOf, SessionWithPayment } from "./session-facts"

/**
 * Notices that change nothing, decided before the apply workflow starts.
 *
 * Paygent pushes a card notice (payment_type 02) with status 20 for every authorization — during the checkout's own
 * cart completion, for the 020 that completion just sent. Applied through the workflow it takes two locks, reads the
 * notice and the session twice, queries the order, writes the workflow's checkpoints, and ends `ignored_same_status`
 * (the session or payment already says 20 for that payment_id) or `ignored_no_medusa_payment` (the completion has not
 * created the Medusa payment yet; its own 020 answer carries the status) — on the same CPU as the completion it
 * races (docs/performance.md, "3. Checkout"). Here such a notice is read once and marked applied with the result the
 * workflow's planner gives.
 *
 * Why this never marks applied a notice the workflow would have acted on:
 * 1. Same read, same planner. The session and its payment are read as the workflow's plan step reads them
 *    (loadSession) and planNotice decides on them. The workflow's locks serialise it with the plugin's own
 *    notices, captures, cancels and refunds, not with Medusa's cart completion (which writes the session and creates
 *    the payment), so its read is no more current than this one: the decision is the one the workflow makes when it
 *    runs at the moment of this read — a moment at which Paygent's notice could equally have been applied.
 * 2. What is not read cannot matter. The order, whether a captured payment's capture is missing from the order and
 *    whether the numbers were closed as unused are not read here; the plan is taken only if planNotice gives the
 *    same answer for every value of those facts (PlanFacts the workflow reads besides the session and payment).
 * 3. Only "nothing to do". Taken only for action `none` with no alert and no money owed, and only the two results
 *    above; anything else — another status or payment type, no session, a plan that acts — goes through the
 *    workflow, as does any error here. Nothing in Medusa is written here, only the notice's own row.
 * 4. Later reads would not act either. For one card payment_id the recorded status only moves forward from 20
 *    (40 captured, 32 / 33 cancelled or expired, …) and never back to before it: a payment created later by the
 *    completion carries its 020 answer (20, or 40 when captured at once). An amount change or a second
 *    authorization gives the session another payment_id, and a notice about a payment_id that is not the session's
 *    is ignored. So the workflow, run at any later moment for this status-20 notice, would also change nothing
 *    (its result could read `ignored_backwards` or `ignored_other_payment`, never an action).
 * 5. Once only. Taken only for a notice this call stored (`created`): a notice seen before and still unapplied has
 *    had an apply (or one is running, e.g. the sync job's retry) and is left to the workflow, which reads
 *    `applied_at` under its lock. A notice marked applied here is never applied again: the workflow finds it
 *    applied, and receiveAndApply does not start it. The mark is written only while the notice is unapplied, so a
 *    result the workflow wrote first stands (should the sync job's retry run the workflow on the same notice at the
 *    same moment, both end in "nothing to do" by 4).
 * Not written here, unlike the workflow: the notice's order_id (the workflow's order query is what is skipped); the
 * admin's notice timeline finds a notice by its payment session and payment_id as well.
 */

/** The results a notice may be given without the workflow (see 3). */
const RESULTS_WITHOUT_WORKFLOW: ReadonlySet<string> = new Set(["ignored_same_status", "ignored_no_medusa_payment"])

/** Whether the notice is of the kind decided here (card, status 20, on a payment session of ours). */
export function mayBeDecidedWithoutWorkflow(notice: Pick<StoredNotice, "payment_type" | "payment_status" | "payment_session_id" | "applied_at">): boolean {
  return notice.payment_type === PAYMENT_TYPE.CARD && notice.payment_status === STATUS.AUTHORIZED && !!notice.payment_session_id && !notice.applied_at
}

/** The facts the workflow reads besides the session and its payment, in every combination (see 2). */
function unreadVariants(): Pick<PlanFacts, "order" | "capture_unrecorded" | "unused_attempt">[] {
  const variants: Pick<PlanFacts, "order" | "capture_unrecorded" | "unused_attempt">[] = []
  for (const order of [undefined, { id: "order", canceled: false }, { id: "order", canceled: true }]) {
    for (const capture_unrecorded of [false, true]) {
      for (const unused_attempt of [false, true]) {
        variants.push({ order, capture_unrecorded, unused_attempt })
      }
    }
  }
  return variants
}

/**
 * The plan for a notice from the session read before the workflow, when it changes nothing whatever the facts not
 * read; undefined when the workflow must decide. Pure.
 */
export function planWithoutWorkflow(
  notice: StoredNotice,
  session: SessionWithPayment | undefined,
  options: Pick<PlanFacts, "treatPreliminaryAsPaid" | "cancelAbandonedBankNet">
): NoticePlan | undefined {
  if (!mayBeDecidedWithoutWorkflow(notice) || !session) {
    return undefined
  }
  const read = readFactsOf(notice, session)
  let decided: NoticePlan | undefined
  for (const unread of unreadVariants()) {
    const plan = planNotice({
      ...read,
      ...unread,
      collection_canceled: session.payment_collection?.status === "canceled",
      treatPreliminaryAsPaid: options.treatPreliminaryAsPaid,
      cancelAbandonedBankNet: options.cancelAbandonedBankNet,
    })
    if (plan.action !== "none" || plan.alerts.length || plan.manual_refund || !RESULTS_WITHOUT_WORKFLOW.has(plan.result)) {
      return undefined
    }
    if (decided && decided.result !== plan.result) {
      return undefined
    }
    decided = plan
  }
  return decided
}

/**
 * Marks a notice this call stored applied when it changes nothing (see above). Returns the result, or undefined when
 * the workflow must apply it (also on any error here: the workflow decides again).
 */
export async function settleNothingToApply(container: MedusaContainer, notice: StoredNotice): Promise<string | undefined> {
  if (!mayBeDecidedWithoutWorkflow(notice)) {
    return undefined
  }
  try {
    const session = await loadSession(container.resolve<IPaymentModuleService>(Modules.PAYMENT), notice.payment_session_id)
    const plan = planWithoutWorkflow(notice, session, paygentModule(container).syncOptions())
    if (!plan) {
      return undefined
    }
    return (await paygentModule(container).markNoticeAppliedIfUnapplied(notice.id, plan.result)) ? plan.result : undefined
  } catch {
    return undefined
  }
}
