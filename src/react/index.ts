/**
 * medusa-payment-paygent/react: client components and hooks for a Paygent checkout in a React storefront (Next.js
 * App Router or Vite). No Next.js imports; the framework-free steps and types are in
 * "medusa-payment-paygent/storefront".
 */
export { PaygentProvider, usePaygentConfig } from "./config"
export type { PaygentKitConfig, PaygentClassNames, PaygentSlot } from "./config"
export { usePaygentCheckout } from "./use-paygent-checkout"
export type {
  PaygentCheckout,
  PaygentCheckoutActions,
  PaygentCartSummary,
  UsePaygentCheckoutOptions,
  CardForm,
  BuyerForm,
  CheckoutStatus,
} from "./use-paygent-checkout"
export { PaygentPaymentFields } from "./payment-fields"
export { PaygentCardFields } from "./card-fields"
export type { PaygentCardFieldsProps } from "./card-fields"
export { KonbiniChainPicker } from "./konbini-picker"
export { PaygentBuyerFields } from "./buyer-fields"
export { PayEasyNote, BankNetNote } from "./method-notes"
export { PaygentErrorMessage } from "./error-message"
export { PaygentPlaceOrderButton } from "./place-order-button"
export { PaygentThreeDsReturn, usePaygentThreeDsReturn } from "./three-ds-return"
export type { ThreeDsReturnState } from "./three-ds-return"
export { PaygentPaymentInstructions, useNow } from "./instructions"
export { PaygentMethodIcon } from "./icons"
export { TEXT as PAYGENT_KIT_TEXT } from "./text"
