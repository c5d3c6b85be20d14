/**
 * What a failed call means for the caller. The first ten are the classes agreed in the plugin's contract;
 * the last three are finer classes where the right reaction clearly differs:
 *
 * - declined         the card/issuer/3-D Secure refused the payment; ask for another card.
 * - input_error      2003: card data wrong (CVV, expiry, …); the SAME payment_id may be retried (3 times).
 * - retryable        transient (vendor timeout, locks, rate limit, maintenance); retry later, same request.
 * - configuration    merchant set-up problem (credentials, contract, IP, certificate, size limit); fix config.
 * - status_conflict  2004: the payment is not in a status that allows this operation.
 * - expired          deadline passed (2007 auth/refund deadline, 31013 3DS timeout).
 * - not_found        the payment / stored card / notice does not exist.
 * - not_sent         the request never reached Paygent; safe to send again.
 * - unknown_outcome  the request may have been processed; reconcile with 094 before doing anything else.
 * - rejected         any other refusal by Paygent (duplicates, amount rules, integration mistakes…).
 * - token_invalid    the card token is expired, unknown or already used; tokenize the card again.
 * - partial_failure  028/029: the new payment exists but cancelling/capturing failed (2010–2012); the error
 *                    carries the new payment's fields.
 * - validation       refused by this client before sending (a field is malformed); nothing was sent.
 */
export type PaygentErrorClass =
  | "declined"
  | "input_error"
  | "retryable"
  | "configuration"
  | "status_conflict"
  | "expired"
  | "not_found"
  | "not_sent"
  | "unknown_outcome"
  | "rejected"
  | "token_invalid"
  | "partial_failure"
  | "validation"

export const PAYGENT_ERROR_CLASSES: readonly PaygentErrorClass[] = [
  "declined",
  "input_error",
  "retryable",
  "configuration",
  "status_conflict",
  "expired",
  "not_found",
  "not_sent",
  "unknown_outcome",
  "rejected",
  "token_invalid",
  "partial_failure",
  "validation",
]

/** Classes where sending the same request again is a sensible reaction. */
export function isRetryableClass(cls: PaygentErrorClass): boolean {
  return cls === "retryable" || cls === "not_sent" || cls === "input_error"
}
