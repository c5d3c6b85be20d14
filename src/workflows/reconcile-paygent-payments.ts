import { createStep, createWorkflow, StepResponse, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { raiseReconciliationAlert } from "../reconciliation/alert"
import { reportRange } from "../reconciliation/range"
import { buildReconciliationReport } from "../reconciliation/report"
import type { ReconciliationReport } from "../reconciliation/types"
import { paygentModule } from "../modules/paygent/container"

export interface ReconcilePaygentPaymentsInput {
  /** First JST day, YYYY-MM-DD (default: yesterday in JST). */
  from?: string
  /** Last JST day, included (default: `from`). */
  to?: string
  /** Raise a `reconciliation_mismatch` alert when something does not match (the nightly job does). */
  raise_alert?: boolean
  /** Whose the 094s are in the telegram ledger: "admin" (the route, default) or "sync" (the job). */
  source?: "admin" | "sync"
  /** "Now" for the default range (ISO 8601). */
  now?: string
}

export interface ReconcilePaygentPaymentsResult {
  report: ReconciliationReport
  alert_raised: boolean
}

export const reconcilePaygentPaymentsWorkflowId = "paygent-reconcile-payments"

const buildPaygentReconciliationStep = createStep(
  "paygent-reconciliation-build",
  async (input: ReconcilePaygentPaymentsInput, { container }) => {
    const now = input.now ? new Date(input.now) : new Date()
    const range = reportRange(input.from, input.to, now)
    return new StepResponse(await buildReconciliationReport(container, range, { source: input.source ?? "admin" }))
  }
)

const raisePaygentReconciliationAlertStep = createStep(
  "paygent-reconciliation-alert",
  async (input: { report: ReconciliationReport; raise: boolean }, { container }) => {
    if (!input.raise) {
      return new StepResponse(false)
    }
    return new StepResponse(await raiseReconciliationAlert(paygentModule(container), input.report))
  }
)

/**
 * 決済照合: compares Medusa's Paygent payments of a range of JST days with Paygent's view (094 per payment, the notice
 * history, the telegram ledger) and lists amount mismatches, captures and cancellations on one side only, Paygent
 * payments without a Medusa order and manual refunds owed (docs/operations/reconciliation.md). Reads only; with
 * `raise_alert` a mismatch raises one alert per range.
 */
export const reconcilePaygentPaymentsWorkflow = createWorkflow(
  reconcilePaygentPaymentsWorkflowId,
  (input: WorkflowData<ReconcilePaygentPaymentsInput>) => {
    const report = buildPaygentReconciliationStep(input)
    const alertRaised = raisePaygentReconciliationAlertStep(
      transform({ input, report }, ({ input, report }) => ({ report, raise: !!input.raise_alert }))
    )
    const result = transform({ report, alertRaised }, ({ report, alertRaised }): ReconcilePaygentPaymentsResult => ({
      report,
      alert_raised: alertRaised,
    }))
    return new WorkflowResponse(result)
  }
)
