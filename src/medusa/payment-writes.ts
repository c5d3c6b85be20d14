import type {
  IPaymentModuleService,
  MedusaContainer,
  PaymentCollectionDTO,
  PaymentCollectionUpdatableFields,
  PaymentDTO,
} from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/**
 * Medusa's payment module with the writes an amount change makes, typed as the module's generated methods take them:
 * the public DTOs leave out fields Medusa's own workflows write (a payment's amount and data, a collection's
 * authorized and refunded totals), and the interface leaves out two generated methods (a data-only session update that
 * does not ask the provider, a refund row without a refund telegram). Declared here once instead of an unchecked cast
 * at every call.
 */
export type PaymentModuleWrites = IPaymentModuleService & {
  updatePayment(data: { id: string; amount?: number; data?: Record<string, unknown> }): Promise<PaymentDTO>
  updatePaymentCollections(
    id: string,
    data: PaymentCollectionUpdatableFields & { authorized_amount?: number; refunded_amount?: number }
  ): Promise<PaymentCollectionDTO>
  updatePaymentSessions(data: { id: string; amount?: number }): Promise<unknown>
  createRefunds(
    data: Array<{ payment: string; amount: number; created_by?: string; note?: string }>
  ): Promise<Array<{ id: string }>>
}

export function paymentWrites(container: MedusaContainer): PaymentModuleWrites {
  return container.resolve<PaymentModuleWrites>(Modules.PAYMENT)
}
