/**
 * Storefront helpers for medusa-payment-paygent (import from "medusa-payment-paygent/storefront"): browser-safe,
 * no Medusa server code and no dependencies beyond fetch/document.
 */
export {
  PAYGENT_TOKEN_SCRIPT_URLS,
  simulatorTokenScriptUrl,
  loadPaygentToken,
  createCardToken,
  createCvcToken,
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

export { startThreeDs, writeThreeDsPage, readThreeDsReturn, stripThreeDsReturn, threeDsHtmlOf, ThreeDsNotPendingError } from "./three-ds"
export type { ThreeDsReturn, WritableDocument } from "./three-ds"

export { nextPaygentAction, readPaygentState, findPaygentSession, splitBilingualMessage } from "./session-state"
export type { PaygentAction, PaygentSessionLike, PaygentState, PaymentInstructions } from "./session-state"

export { formatInstructions, formatDeadline, deadlineTime, formatRemaining } from "./instructions"
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
export type { Bilingual, Locale, KonbiniChainId, PaymentClass, PaygentMethod } from "./labels"

// Server-side steps (Next.js server actions, or a browser SPA): errors are returned as values, never thrown.
export { setPaygentPayment, placePaygentOrder, readPaygentOrderPayment } from "./checkout-steps"
export type {
  MedusaClientLike,
  SetPaymentInput,
  SetPaymentResult,
  PlaceOrderResult,
  PlacedOrder,
  PaygentOrderPayment,
} from "./checkout-steps"
export { listPaygentSavedCards } from "./saved-cards"
export type { SavedCard } from "./saved-cards"
export { toPaygentError, failure } from "./errors"
export type { PaygentError, PaygentErrorCode, PaygentResult } from "./errors"

// Checks of the shopper's input before anything is sent (messages name the field, ja/en).
export { checkCardInput, cardBrandOf, formatCardNumber, normalizeCardNumber, CARD_BRAND_NAMES, CARD_FIELD_LABELS } from "./card-input"
export type { CardBrand, CardCheckOptions } from "./card-input"
export { checkBuyer, checkBuyerName, checkBuyerKana, normalizeBuyerPhone, buyerAsSent, sentFormNote, BUYER_RULES, BUYER_FIELD_LABELS } from "./buyer-input"
export type { BuyerField, InputProblem } from "./buyer-input"
export { firstRefusedNameChar, nameCharProblem, shiftJisLength } from "./jis-x0208"
export type { NameCharProblem } from "./jis-x0208"
export { toPaygentName, toPaygentKana } from "./sent-forms"
export { DEFAULT_PAYGENT_LIMITS, paygentLimit, checkAmount, limitLabel } from "./limits"
export type { PaygentLimits } from "./limits"

// The order's payment as the shopper sees it, and the storefront's payment table.
export { describePaygentPayment, paymentStatusText } from "./payment-view"
export type { PaygentPaymentView, PaygentPaymentStatus, PaygentRecordLike } from "./payment-view"
export { paygentPaymentInfoMap, isPaygentProvider, PAYGENT_METHODS } from "./payment-info"
