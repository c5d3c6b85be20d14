import { randomUUID } from "node:crypto"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { withLedgerContext } from "../modules/paygent/ledger-registry"
import { outcomePendingAs409 } from "../operations/outcome-pending-http"
import { orderIdOfPayment, paygentMethodOf, paygentPaymentLockKey } from "../operations/order-payments"
import { alreadyCapturedError } from "../workflows/capture-paygent-payment"

/** How long Medusa's capture button waits for another operation on the same payment (the plugin's own wait). */
const CAPTURE_LOCK_WAIT_MS = 30_000

/**
 * `POST /admin/payments/:id/capture` (Medusa's own capture button) of a Paygent payment runs under the payment's
 * lock (`paygent:payment:<id>`, which the plugin's capture, cancel, refund and notice workflows take too), held until
 * the answer is sent; a payment already fully captured is refused with a 400, as Medusa refuses it while the first
 * capture is under way. Without this, Medusa's capture workflow answers a click that comes just after a capture
 * finished with 200 and adds the existing capture to the order's transactions a second time, so the order summary
 * counts the money twice (found by the fault campaign's capture race, docs/reliability.md). A capture whose outcome
 * Paygent did not confirm is answered 409 "outcome pending", as on the plugin's route.
 */
export async function paygentCaptureGuard(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
  const payments = req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const read = () => payments.retrievePayment(req.params.id, { select: ["id", "provider_id", "captured_at"] })
  let payment: Awaited<ReturnType<typeof read>>
  try {
    payment = await read()
  } catch {
    return next() // Unknown payment: Medusa's route answers.
  }
  if (!paygentMethodOf(payment.provider_id)) {
    return next()
  }
  const locking = req.scope.resolve(Modules.LOCKING)
  const key = paygentPaymentLockKey(payment.id)
  const ownerId = `medusa-capture:${randomUUID()}`
  const until = Date.now() + CAPTURE_LOCK_WAIT_MS
  for (;;) {
    try {
      await locking.acquire(key, { ownerId, expire: 120 })
      break
    } catch {
      if (Date.now() >= until) {
        return next(
          new MedusaError(
            MedusaError.Types.CONFLICT,
            "この支払いには別の処理が実行中です。しばらくしてからもう一度お試しください。 / Another operation on this payment is in progress; try again shortly."
          )
        )
      }
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
  }
  let released = false
  const release = () => {
    if (!released) {
      released = true
      locking.release(key, { ownerId }).catch(() => undefined)
    }
  }
  res.on("finish", release)
  res.on("close", release)
  outcomePendingAs409(res)
  try {
    payment = await read()
  } catch (error) {
    release()
    return next(error)
  }
  if (payment.captured_at) {
    release()
    return next(alreadyCapturedError())
  }
  // The ledger rows of Medusa's capture name the order, as those of the plugin's 売上 do (one ledger for both).
  const orderId = await orderIdOfPayment(req.scope, payment.id).catch(() => undefined)
  return withLedgerContext({ order_id: orderId, medusa_payment_id: payment.id }, async () => next())
}
