/**
 * A deliberately tiny Paygent client for the simulator's own tests: posts Windows-31J (UTF-8 for 450) url-encoded
 * forms the way Paygent's PHP module does and splits the raw key=value answer. Written here on purpose — it must not
 * come from src/paygent/, so that the simulator is checked against the spec, not against the production client.
 */
import * as http from "http"
import * as https from "https"
import * as iconv from "iconv-lite"

export const CREDENTIALS = {
  merchant_id: "123456789",
  connect_id: "testconnect01",
  connect_password: "TestPassw0rd99",
}

/** Paths of §1.2, typed in again here so that path mistakes in the simulator cannot hide. */
export const PATHS: Record<string, string> = {
  "010": "/n/atm/request",
  "020": "/n/card/request",
  "021": "/n/card/request",
  "022": "/n/card/request",
  "023": "/n/card/request",
  "025": "/n/card/request",
  "026": "/n/card/request",
  "027": "/n/card/request",
  "028": "/n/card/request",
  "029": "/n/card/request",
  "116": "/n/card/request",
  "030": "/n/conveni/request",
  "060": "/n/bank/requestasp",
  "091": "/n/ref/paynotice",
  "094": "/n/ref/paymentref",
  "450": "/n/threeds/request",
}

export type Params = [string, string][] | Record<string, string>

const entries = (params: Params): [string, string][] => (Array.isArray(params) ? params : Object.entries(params))

export function charsetOf(kind: string): "UTF-8" | "Windows-31J" {
  return kind === "450" ? "UTF-8" : "Windows-31J"
}

/** PHP urlencode over the charset's bytes. */
export function urlencode(text: string, charset: string): string {
  const bytes = charset === "UTF-8" ? Buffer.from(text, "utf8") : iconv.encode(text, "windows-31j")
  let out = ""
  for (const b of bytes) {
    if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2d || b === 0x5f || b === 0x2e) {
      out += String.fromCharCode(b)
    } else if (b === 0x20) out += "+"
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0")
  }
  return out
}

export function formBody(params: Params, charset: string): string {
  return entries(params)
    .map(([k, v]) => `${urlencode(k, charset)}=${urlencode(v, charset)}`)
    .join("&")
}

export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

export function rawRequest(
  url: string,
  options: { method?: string; body?: string | Buffer; headers?: Record<string, string>; tls?: https.RequestOptions } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const client = target.protocol === "https:" ? https : http
    const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, "latin1")
    const request = client.request(
      target,
      {
        method: options.method ?? (body ? "POST" : "GET"),
        headers: {
          ...(body ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(body.length) } : {}),
          ...(options.headers ?? {}),
        },
        agent: false,
        ...(options.tls ?? {}),
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on("data", (c: Buffer) => chunks.push(c))
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
        response.on("error", reject)
      },
    )
    request.on("error", reject)
    request.end(body)
  })
}

/**
 * Splits a key=value answer the way Paygent's own PHP module does: CRLF lines, first "="; an `*_html` key takes the
 * lines after its own and whatever stands after "=" on the key's own line is dropped.
 */
export function parseKeyValue(text: string): [string, string][] {
  const items: [string, string][] = []
  const lines = text.split("\r\n")
  if (lines[lines.length - 1] === "") lines.pop()
  for (let i = 0; i < lines.length; i++) {
    const eq = lines[i].indexOf("=")
    if (eq < 0) continue
    const key = lines[i].slice(0, eq)
    if (key.endsWith("_html")) {
      items.push([key, lines.slice(i + 1).join("\r\n")])
      break
    }
    items.push([key, lines[i].slice(eq + 1)])
  }
  return items
}

export interface Answer {
  status: number
  contentType: string
  text: string
  items: [string, string][]
  /** First value of each key. */
  get(key: string): string | undefined
  result: string | undefined
  code: string | undefined
  detail: string | undefined
}

export function toAnswer(response: RawResponse, charset: string): Answer {
  const text = charset === "UTF-8" ? response.body.toString("utf8") : iconv.decode(response.body, "windows-31j")
  const items = parseKeyValue(text)
  const get = (key: string) => items.find(([k]) => k === key)?.[1]
  return {
    status: response.status,
    contentType: String(response.headers["content-type"] ?? ""),
    text,
    items,
    get,
    result: get("result"),
    code: get("response_code"),
    detail: get("response_detail"),
  }
}

export interface SendOptions {
  path?: string
  tls?: https.RequestOptions
  /** Leave the credentials out (for P001 tests), or override them. */
  header?: Partial<Record<"merchant_id" | "connect_id" | "connect_password" | "telegram_version", string | null>>
}

/** Sends one telegram: the common header (§2) followed by `params`. */
export async function sendTelegram(baseUrl: string, kind: string, params: Params = {}, options: SendOptions = {}): Promise<Answer> {
  const header: [string, string][] = []
  const h = { ...CREDENTIALS, telegram_version: "1.0", ...(options.header ?? {}) }
  for (const name of ["merchant_id", "connect_id", "connect_password"] as const) {
    if (h[name] !== null) header.push([name, h[name] as string])
  }
  header.push(["telegram_kind", kind])
  if (h.telegram_version !== null) header.push(["telegram_version", h.telegram_version as string])
  const charset = charsetOf(kind)
  const body = formBody([...header, ...entries(params)], charset)
  const response = await rawRequest(`${baseUrl}${options.path ?? PATHS[kind]}`, { body, tls: options.tls })
  return toAnswer(response, charset)
}

export async function json<T = any>(url: string, method = "GET", body?: unknown): Promise<{ status: number; body: T }> {
  const response = await rawRequest(url, {
    method,
    body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)),
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
  })
  const text = response.body.toString("utf8")
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}
