/**
 * HTTP side of a telegram: decode the body, apply any injected fault, dispatch, encode the answer, log it.
 */
import type { IncomingMessage, ServerResponse } from "http"
import { messageFor } from "./codes"
import type { SimulatorCore } from "./core"
import { delay } from "./delay"
import { formatJstDateTime } from "./jst"
import type { TelegramLogEntry } from "./model"
import { dispatchTelegram, errorAnswer } from "./router"
import { TelegramFailure, type TelegramAnswer, type TelegramRequest } from "./telegram"
import { charsetForKind, decodeForm, encodeCsv, encodeKeyValue, peekAsciiParam } from "./wire"

/** The telegram log keeps the most recent entries only, so long benchmarks do not grow without bound. */
const MAX_LOGGED_TELEGRAMS = 10_000

const SECRET_PARAMS = new Set(["connect_password", "card_token", "card_conf_number", "hc", "google_payment_method_token"])

function maskParams(params: Map<string, string>): Record<string, string> {
  const masked: Record<string, string> = {}
  for (const [key, value] of params) {
    if (key === "card_number") masked[key] = value === "" ? "" : "*".repeat(Math.max(0, value.length - 4)) + value.slice(-4)
    else masked[key] = SECRET_PARAMS.has(key) && value !== "" ? "****" : value
  }
  return masked
}

function statusOf(answer: TelegramAnswer | undefined): { result: string; code: string; detail: string } {
  if (!answer) return { result: "", code: "", detail: "" }
  if (answer.format === "csv") {
    const header = answer.records[0] ?? []
    return { result: header[1] ?? "", code: header[2] ?? "", detail: header[3] ?? "" }
  }
  const get = (key: string) => answer.items.find(([k]) => k === key)?.[1] ?? ""
  return { result: get("result"), code: get("response_code"), detail: get("response_detail") }
}

const FAULT_CODES: Record<string, string> = { maintenance: "P017", rate_limited: "E002", busy: "9004" }

export async function handleTelegram(
  core: SimulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: Buffer,
): Promise<void> {
  const started = Date.now()
  const kind = peekAsciiParam(body, "telegram_kind") ?? ""
  const charset = kind === "" && path === "/n/threeds/request" ? "UTF-8" : charsetForKind(kind)
  const request: TelegramRequest = { kind, path, charset, params: decodeForm(body, charset).params }
  const fault = core.faults.take(kind)

  const log = (answer: TelegramAnswer | undefined) => {
    const status = statusOf(answer)
    const entry: TelegramLogEntry = {
      seq: ++core.store.telegramSeq,
      receivedAt: new Date(started).toISOString(),
      simulatedAt: formatJstDateTime(core.now()),
      telegramKind: kind,
      path,
      params: maskParams(request.params),
      result: status.result,
      responseCode: status.code,
      responseDetail: status.detail,
      fault: fault?.mode,
      durationMs: Date.now() - started,
    }
    core.store.telegrams.push(entry)
    if (core.store.telegrams.length > MAX_LOGGED_TELEGRAMS) core.store.telegrams.shift()
    core.options.log(
      `telegram ${kind || "?"} ${path} → result=${status.result} ${status.code}${fault ? ` [fault ${fault.mode}]` : ""}`,
    )
  }

  const send = (answer: TelegramAnswer) => {
    const bytes = answer.format === "csv" ? encodeCsv(answer.records, charset) : encodeKeyValue(answer.items, charset)
    res.writeHead(200, { "Content-Type": `text/plain; charset=${charset}`, "Content-Length": bytes.length })
    res.end(bytes)
  }

  switch (fault?.mode) {
    case "drop_before":
      log(undefined)
      req.socket.destroy()
      return
    case "http_500":
      log(undefined)
      res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" })
      res.end("Internal Server Error")
      return
    case "garbage":
      log(undefined)
      res.writeHead(200, { "Content-Type": `text/plain; charset=${charset}` })
      // A body without a result line (what a proxy error page looks like to the module: E02005).
      res.end("<html><body>Service Temporarily Unavailable</body></html>\r\n")
      return
    case "maintenance":
    case "rate_limited":
    case "busy": {
      await delay(core.latencyMs)
      const code = FAULT_CODES[fault.mode]
      const answer = errorAnswer(request, new TelegramFailure(code, messageFor(code)))
      log(answer)
      send(answer)
      return
    }
  }

  const answer = await dispatchTelegram(core, request)
  log(answer)
  if (fault?.mode === "process_then_drop") {
    req.socket.destroy()
    return
  }
  if (fault?.mode === "delay") await delay(fault.delay_ms)
  send(answer)
}
