import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import type { AccountHolderDTO, IPaymentModuleService, PaymentCustomerDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { paygentCustomerIdFor, savedCardErrorFromMessage } from "../../../../../providers/paygent/core/stored-cards"
import { PAYGENT_IDENTIFIERS } from "../../../../../providers/paygent/identifiers"

/**
 * Shared by the saved-card store routes (`/store/customers/me/paygent-cards`). Medusa 2.21 has no store route for
 * payment methods (account holders are only created when a logged-in customer starts a payment session), so the
 * plugin offers these; they call the payment module exactly as Medusa's own checkout does. `/store/customers/me*`
 * is authenticated by Medusa's own middleware (customer, session or bearer).
 */

export type Scope = AuthenticatedMedusaRequest["scope"]

/** The logged-in customer; the middleware already refused anonymous requests, this is a second lock. */
export function customerIdOf(req: AuthenticatedMedusaRequest): string {
  const id = req.auth_context?.actor_id
  if (!id || req.auth_context?.actor_type !== "customer") {
    throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "ログインが必要です / Log in to manage saved cards.")
  }
  return id
}

/** The Paygent card provider's id (`pp_paygent-card_<id>`), as registered in medusa-config. */
export async function cardProviderId(scope: Scope): Promise<string> {
  const payments = scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const providers = await payments.listPaymentProviders({ is_enabled: true })
  const card = providers.map((p) => p.id).find((id) => id.startsWith(`pp_${PAYGENT_IDENTIFIERS.card}_`))
  if (!card) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "Paygent のカード決済が設定されていません / The Paygent card provider is not configured.")
  }
  return card
}

interface CustomerWithHolders extends PaymentCustomerDTO {
  addresses?: Array<Record<string, unknown> & { is_default_billing?: boolean }>
  account_holders?: Array<AccountHolderDTO | null>
}

async function customerWithHolders(scope: Scope, customerId: string): Promise<CustomerWithHolders> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "customer",
    fields: ["id", "email", "company_name", "first_name", "last_name", "phone", "metadata", "addresses.*", "account_holders.*"],
    filters: { id: customerId },
  })
  const customer = data[0] as CustomerWithHolders | undefined
  if (!customer) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "会員が見つかりません / Customer not found.")
  }
  return customer
}

/**
 * The customer's account holder with the Paygent card provider. With `create`, one is made and linked when there is
 * none, as `createPaymentSessionsWorkflow` does at checkout (the provider answers with the customer_id derived from
 * the customer). Without `create`, undefined: a customer without one has no saved card.
 */
export async function accountHolderFor(
  scope: Scope,
  customerId: string,
  providerId: string,
  options: { create: boolean }
): Promise<AccountHolderDTO | undefined> {
  const customer = await customerWithHolders(scope, customerId)
  const existing = (customer.account_holders ?? []).find((holder) => holder?.provider_id === providerId)
  if (existing || !options.create) {
    return existing ?? undefined
  }
  const payments = scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const paymentCustomer: PaymentCustomerDTO = {
    ...customer,
    billing_address: (customer.addresses?.find((a) => a.is_default_billing) ?? customer.addresses?.[0]) as PaymentCustomerDTO["billing_address"],
  }
  let holder: AccountHolderDTO
  try {
    holder = await payments.createAccountHolder({ provider_id: providerId, context: { customer: paymentCustomer } })
  } catch (error) {
    // Created at the same moment by a checkout of the same customer (unique provider_id + external_id): use it.
    const query = scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "account_holder",
      fields: ["*"],
      filters: { provider_id: providerId, external_id: paygentCustomerIdFor(customerId) },
    })
    if (!data[0]) {
      throw error
    }
    holder = data[0] as AccountHolderDTO
  }
  if (!holder?.id) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Paygent account holder could not be created.")
  }
  const link = scope.resolve(ContainerRegistrationKeys.LINK)
  await link.create({
    [Modules.CUSTOMER]: { customer_id: customerId },
    [Modules.PAYMENT]: { account_holder_id: holder.id },
  })
  return holder
}

/**
 * Medusa's `createPaymentMethods` / `deletePaymentMethods` hand provider errors back as a plain Error (the type is
 * lost); a saved-card refusal (10-card limit, card not found, …) keeps its 400 / 404 this way.
 */
export function restoreSavedCardError(error: unknown): unknown {
  return savedCardErrorFromMessage(error) ?? error
}
