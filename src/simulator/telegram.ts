/**
 * What a telegram handler receives and returns, and the failure it throws to answer with an error code.
 */
import { messageFor } from "./codes"
import type { Charset, ResponseItem } from "./wire"

export interface TelegramRequest {
  kind: string
  path: string
  charset: Charset
  params: Map<string, string>
}

export type TelegramAnswer =
  | { format: "key_value"; items: ResponseItem[] }
  | { format: "csv"; records: string[][] }

/** Thrown by handlers: answered as result=1 with the code, the detail and any extra items of the telegram's layout. */
export class TelegramFailure extends Error {
  constructor(
    readonly code: string,
    readonly detail: string = messageFor(code),
    readonly items: ResponseItem[] = [],
    readonly result: string = "1",
  ) {
    super(`${code} ${detail}`)
  }
}

export function fail(code: string, detail?: string, items?: ResponseItem[]): TelegramFailure {
  return new TelegramFailure(code, detail ?? messageFor(code), items ?? [])
}

export function okAnswer(items: ResponseItem[]): TelegramAnswer {
  return { format: "key_value", items: [["result", "0"], ["response_code", ""], ["response_detail", ""], ...items] }
}

export function failureAnswer(failure: TelegramFailure): TelegramAnswer {
  return {
    format: "key_value",
    items: [["result", failure.result], ["response_code", failure.code], ["response_detail", failure.detail], ...failure.items],
  }
}

/** Parameter value, "" when absent. */
export function param(request: TelegramRequest, name: string): string {
  return request.params.get(name) ?? ""
}

export function hasParam(request: TelegramRequest, name: string): boolean {
  return request.params.has(name)
}
