import type { PaygentErrorClass } from "./error-classes"

/** Emitted (and awaited) right before a telegram is written; a ledger records its entry here. */
export interface TelegramStartEvent {
  /** Unique per telegram (UUID v4); the matching TelegramEndEvent carries the same id. */
  id: string
  telegram_kind: string
  /** URL path the telegram goes to, e.g. /n/card/request. */
  path: string
  /** Everything sent, common header included, with secrets redacted. */
  params: Record<string, string>
  started_at: Date
}

/** Emitted after the telegram finished, successfully or not. */
export interface TelegramEndEvent {
  id: string
  telegram_kind: string
  path: string
  /** "success", or the class of the error that was thrown. */
  outcome: "success" | PaygentErrorClass
  /** Paygent's result item when a response was parsed. */
  result?: string
  response_code: string
  response_detail: string
  /** Response items (redacted); for CSV responses only record_count. */
  fields: Record<string, string>
  duration_ms: number
  finished_at: Date
  error?: { class: PaygentErrorClass; response_code: string; message: string; retryable: boolean }
}

export interface PaygentClientHooks {
  /** Awaited before sending; if it throws, nothing is sent and the call fails with class not_sent. */
  beforeSend?(event: TelegramStartEvent): Promise<void> | void
  /** Awaited after every telegram that was handed to the transport. */
  afterReceive?(event: TelegramEndEvent): Promise<void> | void
  /**
   * Called when afterReceive throws. The telegram's outcome is already decided at that point, so the
   * hook's failure must not turn a successful payment into an error; default: process.emitWarning.
   */
  onHookError?(error: unknown, event: TelegramEndEvent): void
}
