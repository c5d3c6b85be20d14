import type { MedusaContainer } from "@medusajs/framework/types"
import { PAYGENT_MODULE } from "../modules/paygent"
import type PaygentModuleService from "../modules/paygent/service"
import { loadOrderPaygent } from "./order-payments"

/**
 * Fills in the order and the customer's e-mail / name on manual refunds owed that the provider recorded: the provider
 * knows Medusa's payment but not its order (it sees only the payment module). Called after the plugin's operations
 * and from the subscriber on Medusa's own order cancel / refund events. Returns how many rows were completed.
 */
export async function linkManualRefundsToOrder(container: MedusaContainer, orderId: string): Promise<number> {
  const paygent = container.resolve<PaygentModuleService>(PAYGENT_MODULE)
  const order = await loadOrderPaygent(container, orderId)
  const paymentIds = order.payments.map((p) => p.medusa_payment_id).filter((id): id is string => !!id)
  const paygentIds = order.payments.flatMap((p) => [p.paygent.payment_id, ...(p.paygent.previous_payment_ids ?? [])]).filter(
    (id): id is string => !!id
  )
  if (!paymentIds.length && !paygentIds.length) {
    return 0
  }
  const or: Record<string, unknown>[] = []
  if (paymentIds.length) {
    or.push({ medusa_payment_id: paymentIds })
  }
  if (paygentIds.length) {
    or.push({ paygent_payment_id: paygentIds })
  }
  const rows = await paygent.listPaygentManualRefunds({ $or: or } as any, { take: 200 })
  const updates = rows
    .filter((row) => !row.order_id || !row.customer_email || !row.customer_name)
    .map((row) => ({
      id: row.id,
      order_id: row.order_id ?? order.id,
      customer_email: row.customer_email ?? order.email,
      customer_name: row.customer_name ?? order.customer_name,
    }))
  if (updates.length) {
    await paygent.updatePaygentManualRefunds(updates)
  }
  return updates.length
}
