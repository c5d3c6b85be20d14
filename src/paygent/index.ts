/**
 * Paygent (ペイジェント) module-type protocol client. Standalone: no Medusa imports.
 */
export { PaygentClient, type PaygentClientOptions, type PaygentKeyValueResult, type PaygentCsvResult } from "./client"
export type { PaygentClientHooks, TelegramStartEvent, TelegramEndEvent } from "./events"

export {
  UndiciTransport,
  DEFAULT_TIMEOUT_MS,
  type PaygentTransport,
  type TransportRequest,
  type TransportResponse,
  type UndiciTransportOptions,
} from "./transport"
export { createTlsContext, type ClientCertificateOptions, type TlsContextOptions, type PaygentTlsVersion } from "./tls-context"

export {
  encodeRequestBody,
  parseKeyValueResponse,
  parseCsvResponse,
  charsetForKind,
  telegramLength,
  assertTelegramSize,
  MAX_TELEGRAM_BYTES,
  MAX_VALUE_BYTES,
  type RequestParams,
  type KeyValueResponse,
  type CsvResponse,
} from "./codec"
export { splitCsvRecords } from "./parse-csv"
export {
  encodeText,
  decodeText,
  decodeTextStrict,
  byteLength,
  findUnencodable,
  toWindows31JEquivalents,
  WINDOWS_31J_EQUIVALENTS,
  CharsetError,
  type PaygentCharset,
} from "./charset"
export {
  urlForKind,
  pathForKind,
  urlKeyForKind,
  URL_PATHS,
  PRODUCTION_BASE_URL,
  SANDBOX_BASE_URL,
  type PaygentEnvironment,
  type UrlTarget,
} from "./urls"

export {
  PaygentError,
  PaygentInputError,
  classifyResponse,
  errorFromResponse,
  shopperMessageForClass,
  PAYGENT_ERROR_CLASSES,
  isRetryableClass,
  type PaygentErrorClass,
  type PaygentErrorInit,
  type Classification,
} from "./errors"
export { RESPONSE_CODES, responseCodeInfo, type ResponseCodeInfo } from "./error-codes"
export { vendorDetailInfo, stripQuotes, type VendorDetailInfo } from "./vendor-details"
export type { LocalizedMessage } from "./messages"

export {
  PAYMENT_STATUSES,
  PAYMENT_TYPES,
  statusName,
  statusLabel,
  paymentTypeLabel,
  statusesForType,
  isKnownStatus,
  isTerminal,
  statusRank,
  canTransition,
  compareTransition,
  isBackwards,
  type TransitionVerdict,
  STATUS,
  PAYMENT_TYPE,
  CAPTURED_STATUSES,
  CARD_CLOSED_STATUSES,
  PAID_STATUSES,
  UNPAID_ENDED_STATUSES,
  isCaptured,
  isAuthorized,
  isCardClosed,
  isCardHolding,
  type CardHoldingStatus,
  isPaid,
  isUnpaidEnded,
  isPastRefundDeadline,
} from "./statuses"
export { TELEGRAM_KIND, type TelegramKindName } from "./telegram-kinds"
export { retryTransient, type RetryOptions } from "./retry"
export { AUTH_VALIDITY_DAYS, SALES_CANCEL_DAYS, cardDeadlines, captureDeadline, endOfJstDay } from "./deadlines"
export {
  PAYGENT_METHODS,
  PAYGENT_IDENTIFIERS,
  PAYMENT_TYPE_OF,
  METHOD_LABELS,
  paygentMethodOf,
  paygentPaymentLockKey,
  noticeSubjectLockKey,
  type PaygentMethod,
} from "./methods"

export {
  decodeNoticeBody,
  parseNotice,
  NoticeDecodeError,
  NOTICE_ACK_BODY,
  type PaygentNotice,
  type PaygentNoticeRecord,
  type ParseNoticeResult,
  type NoticeRejection,
} from "./notice"
export {
  noticeHash,
  verifyNoticeHash,
  threeDsResultHash,
  verifyThreeDsResultHash,
  threeDs1ResultHash,
  verifyThreeDs1ResultHash,
  tokenHash,
  verifyTokenHash,
  fileNoticeHash,
  hashesEqual,
} from "./hash"

export { toHalfWidthKana, toZenginKana, isZenginKana, assertZenginKana, normalizeZenginKana } from "./kana"
export { assertJisX0208, isJisX0208, toFullWidth, toFullWidthField, toFreeTextField, type JisCheckOptions } from "./jis"
export { standardForm, toStandardForms, VARIANT_STANDARD_FORMS } from "./standard-forms"
export { isJisX0208Char, isVendorExtension } from "./jis-rows"
export { normalizePhone } from "./phone"
export { redactParams, redactValue, maskPans, isSecretKey, REDACTED } from "./redact"
export { formatField, buildFields, type FieldSpec, type FieldFormat, type ParamValue } from "./validate"

export * from "./telegrams"
