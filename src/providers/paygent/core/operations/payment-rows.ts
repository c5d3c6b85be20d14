import { toYen } from "../amount"
import type { OperationsHost } from "./follow-up"

export interface PaymentRow {
  id: string
  amount: number
  payment_id?: string
}

/**
 * One of the payment module's internal services. The payment module registers them in the container it gives its
 * providers (as it does `paymentSessionService`, see failAttempt in paygent-base.ts): Medusa hands capturePayment
 * only the capture's id (`context.idempotency_key`), and the amount of a partial capture lives on that row. If a
 * future Medusa stops offering the service, every capture is treated as a full one (022).
 */
function service(host: OperationsHost, name: string): { retrieve?: Function; list?: Function } | undefined {
  try {
    return host.container()[name] as { retrieve?: Function; list?: Function } | undefined
  } catch {
    return undefined
  }
}

/** A row of one of the payment module's own services (capture, refund) by id, or undefined. */
export async function readRow(
  host: OperationsHost,
  serviceName: "captureService" | "refundService",
  id: string | undefined
): Promise<PaymentRow | undefined> {
  if (!id) {
    return undefined
  }
  const rows = service(host, serviceName)
  if (typeof rows?.retrieve !== "function") {
    return undefined
  }
  try {
    const row = (await rows.retrieve(id)) as Record<string, any>
    return {
      id: row.id,
      amount: toYen(row.raw_amount ?? row.amount),
      payment_id: row.payment_id ?? row.payment?.id,
    }
  } catch (error) {
    host.logger.warn(`Paygent: ${serviceName} has no ${id}: ${(error as Error).message}`)
    return undefined
  }
}

/** Has Medusa recorded a capture of this payment before this one (the first one went through)? */
export async function hasOtherCaptures(host: OperationsHost, capture: { id: string; payment_id?: string }): Promise<boolean> {
  if (!capture.payment_id) {
    return false
  }
  const captures = service(host, "captureService")
  if (typeof captures?.list !== "function") {
    return false
  }
  const rows = (await captures.list({ payment_id: capture.payment_id })) as Array<{ id: string }>
  return rows.some((row) => row.id !== capture.id)
}
