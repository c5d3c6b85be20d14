/**
 * The notices bench's baseline, inside the bench app (bench/lib/app.ts mounts it as a local plugin at
 * `POST /bench/process-payment`; never part of the plugin or of the demo).
 *
 * What Medusa's payment webhook subscriber (`payment-webhook-handler`, event `payment.webhook_received`) does once a
 * provider has turned a webhook into an action: run `processPaymentWorkflow` through the workflow engine. The body is
 * that action directly — `{ session_id, amount }` with the action `captured` (Stripe's `payment_intent.succeeded`) —
 * so no provider webhook parsing, telegram or notice body is involved: the workflow authorizes the session (the
 * provider answers `captured` from the session's data without asking Paygent) and records the capture.
 */
"use strict"
const { processPaymentWorkflowId } = require("@medusajs/core-flows")
const { Modules, PaymentActions } = require("@medusajs/framework/utils")

async function POST(req, res) {
  const { session_id: sessionId, amount } = req.body ?? {}
  if (typeof sessionId !== "string") {
    res.status(400).json({ message: "session_id required" })
    return
  }
  const engine = req.scope.resolve(Modules.WORKFLOW_ENGINE)
  const { errors } = await engine.run(processPaymentWorkflowId, {
    input: { action: PaymentActions.SUCCESSFUL, data: { session_id: sessionId, amount } },
    throwOnError: false,
  })
  if (errors && errors.length) {
    res.status(500).json({ message: errors.map((e) => e.error?.message ?? String(e.error ?? e)).join("; ") })
    return
  }
  res.json({ ok: true })
}

module.exports = { POST }
