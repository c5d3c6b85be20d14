/**
 * The routes' `?preview=true` answers in one shape for the confirmation dialog: per payment what is sent, how much,
 * and the consequences (notes from the backend, deadline passed → manual refund, 3-D Secure liability lost).
 */
import type { AmountChangePlan, Bilingual, OperationPlan } from "./types"

export interface PreviewLine {
  /** capture, capture_partial, record_only, void, sales_cancel, manual_refund, inquiry, change_authorization, change_sales … */
  action: string
  telegram: string | null
  amount: number | null
  /** Amount change: what Paygent holds now. */
  from: number | null
  deadlinePassed: boolean
  manualRefund: boolean
  threeDsLost: boolean
  notes: Bilingual[]
}

export interface PreviewSummary {
  allowed: boolean
  refusal: Bilingual | null
  lines: PreviewLine[]
}

function isOperationPlan(plan: OperationPlan | AmountChangePlan): plan is OperationPlan {
  return Array.isArray((plan as OperationPlan).operations)
}

export function summarizePreview(plan: OperationPlan | AmountChangePlan): PreviewSummary {
  if (isOperationPlan(plan)) {
    return {
      allowed: plan.allowed,
      refusal: plan.refusal ?? null,
      lines: plan.operations
        .filter((op) => op.action !== "nothing" || op.notes.length > 0)
        .map((op) => ({
          action: op.action,
          telegram: op.telegram,
          amount: typeof op.amount === "number" ? op.amount : null,
          from: null,
          deadlinePassed: !!op.deadline_passed,
          manualRefund: op.action === "manual_refund",
          threeDsLost: false,
          notes: op.notes,
        })),
    }
  }
  if (!plan.allowed) {
    return { allowed: false, refusal: plan.refusal ?? null, lines: [] }
  }
  const codes = new Set((plan.notes ?? []).map((note) => note.code))
  return {
    allowed: plan.action !== "none",
    refusal: plan.action === "none" ? (plan.notes?.[0]?.message ?? null) : null,
    lines: [
      {
        action: plan.action ?? "none",
        telegram: plan.telegram ?? null,
        amount: plan.new_amount ?? null,
        from: plan.current_amount ?? null,
        deadlinePassed: codes.has("manual_refund"),
        manualRefund: codes.has("manual_refund"),
        threeDsLost: codes.has("three_ds_liability_lost"),
        notes: (plan.notes ?? []).map((note) => note.message),
      },
    ],
  }
}
