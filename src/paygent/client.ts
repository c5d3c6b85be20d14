import { randomUUID } from "node:crypto"
import { charsetForKind } from "./charset"
import { assertTelegramSize, encodeRequestBody } from "./codec"
import { errorFromResponse, moduleError, PaygentError, PaygentInputError } from "./errors"
import type { PaygentClientHooks, TelegramEndEvent, TelegramStartEvent } from "./events"
import { msg } from "./messages"
import { parseCsvResponse, type CsvResponse } from "./parse-csv"
import { parseKeyValueResponse, type KeyValueResponse } from "./parse-key-value"
import { redactParams } from "./redact"
import * as T from "./telegrams"
import type { ClientCertificateOptions, PaygentTlsVersion } from "./tls-context"
import { UndiciTransport, type PaygentTransport, type TransportResponse } from "./transport"
import { urlForKind, type PaygentEnvironment } from "./urls"
import { buildFields, formatField, type ParamValue } from "./validate"

export interface PaygentClientOptions {
  /** マーチャントID (digits, ≤ 9). */
  merchantId: string
  /** 接続ID. */
  connectId: string
  /** 接続パスワード. Never logged, never put into errors or events. */
  connectPassword: string
  /** Default "sandbox". Ignored when baseUrl is given. */
  environment?: PaygentEnvironment
  /** Custom base URL serving every path (the local simulator), e.g. https://127.0.0.1:8443. */
  baseUrl?: string
  clientCertificate?: ClientCertificateOptions
  /** PEM CA bundle for verifying Paygent's server certificate. */
  ca?: string | Buffer
  /** Lowest / highest TLS version offered (Node's defaults: TLS 1.2 to 1.3). */
  tlsMinVersion?: PaygentTlsVersion
  tlsMaxVersion?: PaygentTlsVersion
  /** Default true. */
  verifyHostname?: boolean
  /** Default 35 000 ms (connect and total). */
  timeoutMs?: number
  proxyUrl?: string
  /** Default false (one connection per telegram). */
  keepAlive?: boolean
  /** Default "1.0". */
  telegramVersion?: string
  hooks?: PaygentClientHooks
  /** Replaces the HTTPS transport (tests, ledgers); the TLS/proxy/timeout options are then unused. */
  transport?: PaygentTransport
}

/** A successful key=value response of a telegram without a typed method. */
export type PaygentKeyValueResult = T.PaygentResultItems & Record<string, string>

/** A successful CSV response (027). */
export type PaygentCsvResult = CsvResponse

const HEADER_KEYS = new Set(["merchant_id", "connect_id", "connect_password", "telegram_kind", "telegram_version"])
const REFERENCE_KEYS = new Set(["trading_id", "payment_id"])
const CSV_KINDS = new Set(["027", "090", "201"])

const TRADING_ID = { name: "trading_id", format: { type: "alnum", max: 25, underscore: true } } as const
const PAYMENT_ID = { name: "payment_id", format: { type: "digits", max: 18 } } as const

function configError(detail: string, ja: string, en: string): PaygentError {
  return new PaygentError({ class: "configuration", telegram_kind: "", response_code: "E02001", response_detail: detail, merchantMessage: msg(ja, en) })
}

function checkOptions(o: PaygentClientOptions): void {
  if (!/^\d{1,9}$/.test(String(o.merchantId ?? ""))) {
    throw configError("merchantId", "マーチャントIDは9桁以内の数字で設定してください。", "merchantId must be up to 9 digits.")
  }
  if (!/^[\x21-\x7e]{1,32}$/.test(String(o.connectId ?? ""))) {
    throw configError("connectId", "接続IDを正しく設定してください（32文字以内の半角英数字）。", "connectId must be 1–32 printable ASCII characters.")
  }
  if (!/^[\x21-\x7e]{1,32}$/.test(String(o.connectPassword ?? ""))) {
    throw configError("connectPassword", "接続パスワードを正しく設定してください（32文字以内の半角英数字）。", "connectPassword must be 1–32 printable ASCII characters.")
  }
}

interface Outcome {
  keyValue?: KeyValueResponse
  csv?: CsvResponse
}

/**
 * Typed Paygent module-type client. Methods take and return objects keyed by Paygent's own item names; the
 * common header (merchant_id, connect_id, connect_password, telegram_kind, telegram_version) is filled here,
 * trading_id / payment_id come from the request object. Every call resolves with a successful response or
 * throws a PaygentError (PaygentInputError for values refused before sending).
 */
export class PaygentClient {
  private readonly merchantId: string
  private readonly connectId: string
  private readonly connectPassword: string
  private readonly telegramVersion: string
  private readonly target: { environment?: PaygentEnvironment; baseUrl?: string }
  private readonly hooks: PaygentClientHooks
  private readonly transport: PaygentTransport

  constructor(options: PaygentClientOptions) {
    checkOptions(options)
    this.merchantId = String(options.merchantId)
    this.connectId = String(options.connectId)
    this.connectPassword = String(options.connectPassword)
    this.telegramVersion = options.telegramVersion ?? "1.0"
    this.target = { environment: options.environment, baseUrl: options.baseUrl }
    this.hooks = options.hooks ?? {}
    this.transport =
      options.transport ??
      new UndiciTransport({
        clientCertificate: options.clientCertificate,
        ca: options.ca,
        tlsMinVersion: options.tlsMinVersion,
        tlsMaxVersion: options.tlsMaxVersion,
        verifyHostname: options.verifyHostname,
        timeoutMs: options.timeoutMs,
        proxyUrl: options.proxyUrl,
        keepAlive: options.keepAlive,
      })
  }

  // ---- typed telegrams ----

  /** 010 ATM (Pay-easy) application. */
  atmApply(request: T.AtmApplyRequest): Promise<T.AtmApplyResponse> {
    return this.keyValueTelegram<T.AtmApplyResponse>(T.ATM_APPLY, request)
  }

  /** 020 card authorization (also the second step after 450, with 3dsecure_use_type=2). */
  cardAuthorize(request: T.CardAuthorizeRequest): Promise<T.CardAuthorizeResponse> {
    return this.keyValueTelegram<T.CardAuthorizeResponse>(T.CARD_AUTHORIZE, request)
  }

  /** 021 authorization cancel (void). */
  cardCancelAuthorization(request: T.CardFollowUpRequest): Promise<T.CardFollowUpResponse> {
    return this.keyValueTelegram<T.CardFollowUpResponse>(T.CARD_CANCEL_AUTHORIZATION, request)
  }

  /** 022 capture (売上) of the full authorized amount. */
  cardCapture(request: T.CardFollowUpRequest): Promise<T.CardFollowUpResponse> {
    return this.keyValueTelegram<T.CardFollowUpResponse>(T.CARD_CAPTURE, request)
  }

  /** 023 sales cancel (refund of a captured payment). */
  cardCancelSales(request: T.CardFollowUpRequest): Promise<T.CardFollowUpResponse> {
    return this.keyValueTelegram<T.CardFollowUpResponse>(T.CARD_CANCEL_SALES, request)
  }

  /** 025 stored card registration. */
  storedCardSet(request: T.StoredCardSetRequest): Promise<T.StoredCardSetResponse> {
    return this.keyValueTelegram<T.StoredCardSetResponse>(T.STORED_CARD_SET, request)
  }

  /** 026 stored card deletion (customer_card_id empty = all cards of the customer). */
  storedCardDelete(request: T.StoredCardDeleteRequest): Promise<T.StoredCardDeleteResponse> {
    return this.keyValueTelegram<T.StoredCardDeleteResponse>(T.STORED_CARD_DELETE, request)
  }

  /** 027 stored card inquiry (CSV). A customer without cards is Paygent error P026 (class not_found). */
  async storedCardList(request: T.StoredCardListRequest): Promise<T.StoredCardListResponse> {
    const { csv } = await this.execute(T.STORED_CARD_LIST.kind, this.prepare(T.STORED_CARD_LIST, request), T.STORED_CARD_LIST)
    return { result: csv!.result, response_code: csv!.response_code, response_detail: csv!.response_detail, columns: csv!.columns, cards: csv!.rows, count: csv!.count }
  }

  /** 028 authorization change: creates a new payment (new payment_id), cancels the old one. */
  cardChangeAuthorization(request: T.CardChangeRequest): Promise<T.CardChangeResponse> {
    return this.keyValueTelegram<T.CardChangeResponse>(T.CARD_CHANGE_AUTHORIZATION, request)
  }

  /** 029 sales change: like 028 and captures the new payment. 2010–2012 throw class partial_failure with the new payment's fields. */
  cardChangeSales(request: T.CardChangeRequest): Promise<T.CardChangeResponse> {
    return this.keyValueTelegram<T.CardChangeResponse>(T.CARD_CHANGE_SALES, request)
  }

  /** 030 konbini number-method application. */
  konbiniApply(request: T.KonbiniApplyRequest): Promise<T.KonbiniApplyResponse> {
    return this.keyValueTelegram<T.KonbiniApplyResponse>(T.KONBINI_APPLY, request)
  }

  /** 060 bank net ASP application (5010 throws class rejected but still carries the existing ASP URL in fields). */
  bankNetApply(request: T.BankNetApplyRequest): Promise<T.BankNetApplyResponse> {
    return this.keyValueTelegram<T.BankNetApplyResponse>(T.BANK_NET_APPLY, request)
  }

  /** 091 difference inquiry: one record per call; repeat until success_code "1". */
  async noticeInquiry(request: T.NoticeInquiryRequest = {}): Promise<T.NoticeInquiryResponse> {
    const response = await this.keyValueTelegram<PaygentKeyValueResult>(T.NOTICE_INQUIRY, request)
    const { result: _r, response_code: _c, response_detail: _d, success_code, success_detail, ...record } = response
    const hasRecord = (success_code === "0" || success_code === "2") && record.payment_notice_id !== undefined && record.payment_notice_id !== ""
    return {
      success_code,
      success_detail: success_detail ?? "",
      ...(hasRecord ? { record: record as unknown as T.NoticeInquiryResponse["record"] } : {}),
    }
  }

  /** 094 payment inquiry (by payment_id or trading_id); the way to reconcile an unknown outcome. */
  paymentInquiry(request: T.PaymentInquiryRequest): Promise<T.PaymentInquiryResponse> {
    return this.keyValueTelegram<T.PaymentInquiryResponse>(T.PAYMENT_INQUIRY, request)
  }

  /** 116 stored card update: omitted items stay, "" clears. */
  storedCardUpdate(request: T.StoredCardUpdateRequest): Promise<T.StoredCardUpdateResponse> {
    return this.keyValueTelegram<T.StoredCardUpdateResponse>(T.STORED_CARD_UPDATE, request)
  }

  /** 450 EMV 3-D Secure authentication (UTF-8). */
  threeDsAuthenticate(request: T.ThreeDsAuthenticateRequest): Promise<T.ThreeDsAuthenticateResponse> {
    return this.keyValueTelegram<T.ThreeDsAuthenticateResponse>(T.THREE_DS_AUTHENTICATE, request)
  }

  /**
   * Any telegram kind, with the parameters after the common header in the given order (trading_id and
   * payment_id go into the header). Only header and encoding checks are applied.
   */
  send(kind: "027" | "090" | "201", params?: Readonly<Record<string, ParamValue>> | ReadonlyArray<readonly [string, string]>): Promise<PaygentCsvResult>
  send(kind: string, params?: Readonly<Record<string, ParamValue>> | ReadonlyArray<readonly [string, string]>): Promise<PaygentKeyValueResult>
  async send(
    kind: string,
    params: Readonly<Record<string, ParamValue>> | ReadonlyArray<readonly [string, string]> = {}
  ): Promise<PaygentKeyValueResult | PaygentCsvResult> {
    const entries: Array<readonly [string, ParamValue]> = Array.isArray(params) ? [...params] : Object.entries(params)
    const reference: Record<string, ParamValue> = {}
    const fields: Array<[string, string]> = []
    for (const [key, value] of entries) {
      if (HEADER_KEYS.has(key)) {
        throw new PaygentInputError(key, "header_parameter", msg(`${key} はクライアントが設定します。`, `${key} is filled in by the client.`), kind)
      }
      if (value === undefined || value === null) continue
      if (REFERENCE_KEYS.has(key)) reference[key] = value
      else fields.push([key, String(value)])
    }
    const pairs = [...this.header(kind, reference), ...fields]
    const isCsv = CSV_KINDS.has(kind)
    const outcome = await this.execute(kind, pairs, undefined, isCsv)
    if (isCsv) return outcome.csv!
    const kv = outcome.keyValue!
    return { result: kv.result, response_code: kv.response_code, response_detail: kv.response_detail, ...kv.fields } as PaygentKeyValueResult
  }

  async close(): Promise<void> {
    await this.transport.close()
  }

  // ---- internals ----

  private header(kind: string, reference: Readonly<Record<string, ParamValue>>): Array<[string, string]> {
    const tradingId = reference.trading_id
    const paymentId = reference.payment_id
    const header: Array<[string, string]> = [
      ["merchant_id", this.merchantId],
      ["connect_id", this.connectId],
      ["connect_password", this.connectPassword],
      ["telegram_kind", kind],
      ["telegram_version", this.telegramVersion],
    ]
    // Only when known: Paygent's own module sends no empty trading_id= / payment_id= (a first 020, 091, 025 …).
    if (tradingId !== undefined && tradingId !== null && tradingId !== "") {
      header.push(["trading_id", formatField(TRADING_ID, tradingId, "Windows-31J", kind)])
    }
    if (paymentId !== undefined && paymentId !== null && paymentId !== "") {
      header.push(["payment_id", formatField(PAYMENT_ID, paymentId, "Windows-31J", kind)])
    }
    return header
  }

  private prepare(def: T.TelegramDefinition, input: object): Array<[string, string]> {
    const kind = def.kind
    const request = input as T.RequestInput
    const header = this.header(kind, request)
    if (def.requiresPaymentReference && !header.some(([key]) => REFERENCE_KEYS.has(key))) {
      throw new PaygentInputError(
        "payment_id",
        "required",
        msg("payment_id または trading_id を指定してください。", "Give payment_id or trading_id."),
        kind
      )
    }
    const fields = buildFields(def.fields, request, charsetForKind(kind), kind, {
      ignore: REFERENCE_KEYS,
      allowExtra: kind === "450",
      keepEmpty: def.keepEmpty,
    })
    for (const [key] of fields) {
      if (HEADER_KEYS.has(key)) {
        throw new PaygentInputError(key, "header_parameter", msg(`${key} はクライアントが設定します。`, `${key} is filled in by the client.`), kind)
      }
    }
    def.check?.(Object.fromEntries(fields), kind)
    return [...header, ...fields]
  }

  private async keyValueTelegram<Response>(def: T.TelegramDefinition, request: object): Promise<Response> {
    const { keyValue } = await this.execute(def.kind, this.prepare(def, request), def)
    const kv = keyValue!
    return { result: kv.result, response_code: kv.response_code, response_detail: kv.response_detail, ...kv.fields } as unknown as Response
  }

  private async execute(kind: string, pairs: Array<[string, string]>, def?: T.TelegramDefinition, csvOverride?: boolean): Promise<Outcome> {
    const isCsv = csvOverride ?? def?.responseFormat === "csv"
    const charset = charsetForKind(kind)
    const url = urlForKind(kind, this.target)
    assertTelegramSize(url.href, pairs, charset, kind)
    const body = encodeRequestBody(pairs, charset)

    const id = randomUUID()
    const started = process.hrtime.bigint()
    const base = { id, telegram_kind: kind, path: url.pathname }
    const startEvent: TelegramStartEvent = { ...base, params: redactParams(pairs), started_at: new Date() }
    try {
      await this.hooks.beforeSend?.(startEvent)
    } catch (err) {
      throw new PaygentError({
        class: "not_sent",
        telegram_kind: kind,
        response_code: "",
        response_detail: "beforeSend hook failed",
        merchantMessage: msg("送信前の記録処理（beforeSend）が失敗したため、電文は送信されていません。", "The beforeSend hook failed, so the telegram was not sent."),
        cause: err,
      })
    }

    let outcome: Outcome
    try {
      const response = await this.transport.send({ url, body, charset, telegramKind: kind })
      checkStatus(response, kind)
      outcome = isCsv
        ? { csv: parseCsvResponse(response.body, charset, kind) }
        : { keyValue: parseKeyValueResponse(response.body, charset, kind) }
    } catch (err) {
      const error = asPaygentError(err, kind)
      await this.emitEnd(base, started, error)
      throw error
    }

    const parsed = outcome.keyValue ?? outcome.csv!
    const fields = outcome.keyValue ? outcome.keyValue.fields : { record_count: String(outcome.csv!.count) }
    if (parsed.result === "1") {
      const error = errorFromResponse(kind, { response_code: parsed.response_code, response_detail: parsed.response_detail, fields: outcome.keyValue?.fields ?? {} })
      await this.emitEnd(base, started, error, parsed, fields)
      throw error
    }
    const missing = (def?.requiredOnSuccess ?? []).filter((item) => !outcome.keyValue?.fields[item])
    if (missing.length > 0) {
      const error = moduleError("E02005", "unknown_outcome", kind, `successful response lacks ${missing.join(", ")}`, { fields: outcome.keyValue?.fields })
      await this.emitEnd(base, started, error, parsed, fields)
      throw error
    }
    await this.emitEnd(base, started, undefined, parsed, fields)
    return outcome
  }

  private async emitEnd(
    base: { id: string; telegram_kind: string; path: string },
    started: bigint,
    error: PaygentError | undefined,
    parsed?: { result: string; response_code: string; response_detail: string },
    fields: Record<string, string> = {}
  ): Promise<void> {
    if (!this.hooks.afterReceive) return
    const event: TelegramEndEvent = {
      ...base,
      outcome: error ? error.class : "success",
      ...(parsed ? { result: parsed.result } : {}),
      response_code: error?.response_code ?? parsed?.response_code ?? "",
      response_detail: error?.response_detail ?? parsed?.response_detail ?? "",
      fields: redactParams(fields),
      duration_ms: Number(process.hrtime.bigint() - started) / 1e6,
      finished_at: new Date(),
      ...(error ? { error: { class: error.class, response_code: error.response_code, message: error.message, retryable: error.retryable } } : {}),
    }
    try {
      await this.hooks.afterReceive(event)
    } catch (hookError) {
      if (this.hooks.onHookError) this.hooks.onHookError(hookError, event)
      else process.emitWarning(`Paygent afterReceive hook failed for telegram ${event.telegram_kind} (${event.id})`, "PaygentHookWarning")
    }
  }
}

function checkStatus(response: TransportResponse, kind: string): void {
  if (response.status < 200 || response.status > 206) {
    throw moduleError("E02005", "unknown_outcome", kind, `HTTP ${response.status}`, { http_status: response.status })
  }
}

/** Errors from an injected transport that are not PaygentErrors cannot be proven harmless. */
function asPaygentError(err: unknown, kind: string): PaygentError {
  if (err instanceof PaygentError) return err
  return moduleError("E02005", "unknown_outcome", kind, "transport failed", { cause: err })
}
