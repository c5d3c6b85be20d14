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
 * authorized and refunded totals). Declared here once instead of an unchecked cast at every call.
 */
export type PaymentModuleWrites = IPaymentModuleService & {
  updatePayment(data: { id: string; amount?: number; data?: Record<string, unknown> }): Promise<PaymentDTO>
  updatePaymentCollections(
    id: string,
    data: PaymentCollectionUpdatableFields & { authorized_amount?: number; refunded_amount?: number }
  ): Promise<PaymentCollectionDTO>
}

export function paymentWrites(container: MedusaContainer): PaymentModuleWrites {
  return container.resolve<PaymentModuleWrites>(Modules.PAYMENT)
}
