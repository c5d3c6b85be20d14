/**
 * Storefront helpers for medusa-payment-paygent (import from "medusa-payment-paygent/storefront"): browser-safe,
 * no Medusa server code and no dependencies beyond fetch/document.
 */
export {
  PAYGENT_TOKEN_SCRIPT_URLS,
  simulatorTokenScriptUrl,
  loadPaygentToken,
  createCardToken,
  PaygentTokenError,
  isPaygentTokenError,
  TOKEN_ERRORS,
} from "./token"
export type {
  PaygentTokenApi,
  PaygentTokenConstructor,
  PaygentTokenResponse,
  PaygentTokenErrorCode,
  PaygentTokenErrorKind,
  CardField,
  CardInput,
  CardSessionData,
  CreateCardTokenOptions,
  LoadOptions,
  ScriptDocument,
  ScriptLoader,
} from "./token"

export { cardPaymentData, buyerFromAddress, konbiniPaymentData } from "./payment-data"
export type { CardPaymentOptions, CardPaymentData, AddressLike, BuyerKana, BuyerData } from "./payment-data"

export { startThreeDs, readThreeDsReturn, stripThreeDsReturn, threeDsHtmlOf, ThreeDsNotPendingError } from "./three-ds"
export type { ThreeDsReturn, WritableDocument } from "./three-ds"

export { nextPaygentAction, readPaygentState, findPaygentSession, splitBilingualMessage } from "./session-state"
export type { PaygentAction, PaygentSessionLike, PaygentState, PaymentInstructions } from "./session-state"

export { formatInstructions, formatDeadline } from "./instructions"
export type { FormattedInstructions, InstructionNumber, InstructionLink, FormatOptions, StepOverrides } from "./instructions"

export {
  KONBINI_CHAINS,
  PAYMENT_CLASSES,
  PAYMENT_METHOD_NAMES,
  COMMON_SPLIT_COUNTS,
  konbiniChainName,
  paymentClassName,
  paygentProviderId,
  paygentMethodOf,
  localize,
} from "./labels"
export type { Bilingual, Locale, KonbiniChainId, PaymentClass } from "./labels"
