/**
 * Card tokens with Paygent's PaygentToken.js (docs/protocol.md §11.1): the card number goes from the browser straight to
 * Paygent and the storefront sends only the token to Medusa. Browser-safe: uses `document` (or a loader you pass).
 */
import type { Bilingual } from "./labels"

export const PAYGENT_TOKEN_SCRIPT_URLS = {
  production: "https://token.paygent.co.jp/js/PaygentToken.js",
  sandbox: "https://sandbox.paygent.co.jp/js/PaygentToken.js",
} as const

/** The token script of a paygent-simulator, from its public URL (e.g. `http://localhost:8089`). */
export function simulatorTokenScriptUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/js/PaygentToken.js`
}

/** What PaygentToken.js calls back with. */
export interface PaygentTokenResponse {
  result: string
  tokenizedCardObject?: { token: string; masked_card_number: string; valid_until: string; fingerprint: string }
  hc?: string
}

/** The API PaygentToken.js defines (`new PaygentToken()`). */
export interface PaygentTokenApi {
  createToken(
    merchantId: string,
    tokenGenerationKey: string,
    card: { card_number: string; expire_year: string; expire_month: string; cvc?: string; name?: string },
    callback: (response: PaygentTokenResponse) => void
  ): void
  createCvcToken(
    merchantId: string,
    tokenGenerationKey: string,
    card: { cvc: string },
    callback: (response: PaygentTokenResponse) => void
  ): void
}

export type PaygentTokenConstructor = new () => PaygentTokenApi

/** Loads a script URL into the page; resolves once it ran. */
export type ScriptLoader = (src: string) => Promise<void>

/** The part of `document` the default loader uses (a real `document` fits). */
export interface ScriptDocument {
  createElement(tagName: "script"): {
    src: string
    charset: string
    async: boolean
    onload: ((event: never) => unknown) | null
    onerror: ((event: never) => unknown) | null
  }
  head: { appendChild(node: never): unknown } | null
}

export interface LoadOptions {
  /** Where PaygentToken ends up (default `globalThis`, i.e. `window`). */
  window?: object
  /** Document to add the `<script>` to (default the global `document`). */
  document?: ScriptDocument
  /** Your own loader instead of a `<script>` tag (e.g. Next.js `<Script>` bookkeeping, tests). */
  loadScript?: ScriptLoader
}

const loading = new Map<string, Promise<PaygentTokenConstructor>>()

type TokenWindow = { PaygentToken?: PaygentTokenConstructor }

function windowOf(options: LoadOptions): TokenWindow {
  return (options.window ?? globalThis) as TokenWindow
}

function scriptTagLoader(doc: ScriptDocument | undefined): ScriptLoader {
  return (src) =>
    new Promise<void>((resolve, reject) => {
      if (!doc?.head) {
        reject(new Error("PaygentToken.js can only be loaded in a browser (no document)."))
        return
      }
      const script = doc.createElement("script")
      script.charset = "UTF-8"
      script.async = true
      script.onload = () => resolve()
      script.onerror = () => reject(new Error(`Could not load ${src}`))
      script.src = src
      doc.head.appendChild(script as never)
    })
}

/**
 * Loads PaygentToken.js from `src` once (later calls share the same load) and returns its constructor. If the
 * page already has `PaygentToken` (a `<script>` tag of your own), nothing is loaded.
 */
export function loadPaygentToken(src: string, options: LoadOptions = {}): Promise<PaygentTokenConstructor> {
  const win = windowOf(options)
  if (typeof win.PaygentToken === "function") {
    return Promise.resolve(win.PaygentToken)
  }
  const pending = loading.get(src)
  if (pending) {
    return pending
  }
  const doc = options.document ?? (globalThis as { document?: ScriptDocument }).document
  const load = options.loadScript ?? scriptTagLoader(doc)
  const started = load(src).then(() => {
    if (typeof win.PaygentToken !== "function") {
      throw new Error(`${src} loaded but did not define PaygentToken`)
    }
    return win.PaygentToken
  })
  loading.set(src, started)
  // A failed load (offline, blocked) may be tried again.
  started.catch(() => loading.delete(src))
  return started
}

/** Result codes of PaygentToken.js other than 0000, plus this module's own. */
export type PaygentTokenErrorCode =
  | "1100" | "1200" | "1201" | "1300" | "1301" | "1400" | "1401" | "1500" | "1501" | "1502"
  | "1600" | "1601" | "1700" | "7000" | "7001" | "8000" | "9000"
  /** PaygentToken.js is not loaded and no script URL was given. */
  | "not_loaded"
  /** A result code this module does not know. */
  | "unknown"

/** input: the shopper fixes the card details; configuration: the shop's setup; temporary: try again later. */
export type PaygentTokenErrorKind = "input" | "configuration" | "browser" | "temporary"

/** The card form field an input error is about (for highlighting it). */
export type CardField = "number" | "expireYear" | "expireMonth" | "expiry" | "cvc" | "name"

interface CodeInfo {
  kind: PaygentTokenErrorKind
  field?: CardField
  message: Bilingual
  detail: string
}

const UNAVAILABLE: Bilingual = {
  ja: "ただいまカード決済をご利用いただけません。別のお支払い方法をお選びいただくか、ショップへお問い合わせください。",
  en: "Card payment is not available right now. Please choose another payment method or contact the shop.",
}

const TEMPORARY: Bilingual = {
  ja: "カード情報を処理できませんでした。しばらくしてから再度お試しください。",
  en: "Your card details could not be processed. Please try again in a moment.",
}

export const TOKEN_ERRORS: Record<Exclude<PaygentTokenErrorCode, "unknown">, CodeInfo> = {
  "1100": { kind: "configuration", message: UNAVAILABLE, detail: "merchant ID (マーチャントID) missing" },
  "1200": { kind: "configuration", message: UNAVAILABLE, detail: "token generation key (トークン生成鍵) missing" },
  "1201": {
    kind: "configuration",
    message: UNAVAILABLE,
    detail: "token generation key invalid (wrong key, or a sandbox key used in production / the other way round)",
  },
  "1300": {
    kind: "input",
    field: "number",
    message: { ja: "カード番号を入力してください。", en: "Please enter the card number." },
    detail: "card number missing",
  },
  "1301": {
    kind: "input",
    field: "number",
    message: { ja: "カード番号が正しくありません。", en: "The card number is not valid." },
    detail: "card number invalid",
  },
  "1400": {
    kind: "input",
    field: "expireYear",
    message: { ja: "有効期限（年）を入力してください。", en: "Please enter the expiry year." },
    detail: "expiry year missing",
  },
  "1401": {
    kind: "input",
    field: "expireYear",
    message: { ja: "有効期限（年）が正しくありません。", en: "The expiry year is not valid." },
    detail: "expiry year invalid (YY)",
  },
  "1500": {
    kind: "input",
    field: "expireMonth",
    message: { ja: "有効期限（月）を入力してください。", en: "Please enter the expiry month." },
    detail: "expiry month missing",
  },
  "1501": {
    kind: "input",
    field: "expireMonth",
    message: { ja: "有効期限（月）が正しくありません。", en: "The expiry month is not valid." },
    detail: "expiry month invalid (MM)",
  },
  "1502": {
    kind: "input",
    field: "expiry",
    message: {
      ja: "有効期限が正しくないか、期限が切れています。",
      en: "The expiry date is not valid or has passed.",
    },
    detail: "expiry date invalid, past, or 20 years or more ahead",
  },
  "1600": {
    kind: "input",
    field: "cvc",
    message: { ja: "セキュリティコードを入力してください。", en: "Please enter the security code." },
    detail: "security code (CVV) missing",
  },
  "1601": {
    kind: "input",
    field: "cvc",
    message: {
      ja: "セキュリティコードが正しくありません（3桁または4桁の数字）。",
      en: "The security code is not valid (3 or 4 digits).",
    },
    detail: "security code (CVV) invalid",
  },
  "1700": {
    kind: "input",
    field: "name",
    message: {
      ja: "カード名義が正しくありません。カードに記載のとおり半角英字で入力してください。",
      en: "The cardholder name is not valid. Please enter it in Latin letters as shown on the card.",
    },
    detail: "cardholder name invalid (ASCII, at most 45 characters)",
  },
  "7000": {
    kind: "browser",
    message: {
      ja: "お使いのブラウザはカード決済に対応していません。別のブラウザでお試しください。",
      en: "Your browser does not support card payment. Please try another browser.",
    },
    detail: "unsupported browser",
  },
  "7001": {
    kind: "temporary",
    message: {
      ja: "カード情報の送信に失敗しました。通信環境をご確認のうえ、もう一度お試しください。",
      en: "Your card details could not be sent. Please check your connection and try again.",
    },
    detail: "communication with Paygent's token server failed",
  },
  "8000": {
    kind: "temporary",
    message: {
      ja: "ただいまカード決済はメンテナンス中です。しばらくしてから再度お試しください。",
      en: "Card payment is under maintenance. Please try again later.",
    },
    detail: "Paygent maintenance",
  },
  "9000": { kind: "temporary", message: TEMPORARY, detail: "Paygent token server internal error" },
  not_loaded: {
    kind: "configuration",
    message: UNAVAILABLE,
    detail: "PaygentToken.js is not loaded: call loadPaygentToken() or pass scriptUrl",
  },
}

/** Why no card token was made: `message` for the shopper, `detail` for the developer, `field` to highlight. */
export class PaygentTokenError extends Error {
  readonly name = "PaygentTokenError"
  readonly kind: PaygentTokenErrorKind
  readonly field?: CardField
  readonly userMessage: Bilingual
  readonly detail: string

  constructor(readonly code: PaygentTokenErrorCode | string) {
    const info = TOKEN_ERRORS[code as keyof typeof TOKEN_ERRORS] ?? {
      kind: "temporary" as const,
      message: TEMPORARY,
      detail: `unexpected PaygentToken.js result ${code}`,
    }
    super(`PaygentToken.js ${code}: ${info.detail}`)
    this.kind = info.kind
    this.field = info.field
    this.userMessage = info.message
    this.detail = info.detail
  }
}

/** Also true across bundles or when classes were down-compiled (where `instanceof` may fail). */
export function isPaygentTokenError(error: unknown): error is PaygentTokenError {
  return error instanceof PaygentTokenError || (error as { name?: unknown } | null)?.name === "PaygentTokenError"
}

export interface CardInput {
  /** Spaces and hyphens are removed. */
  number: string
  /** 1–12 or "01"–"12". */
  expireMonth: string | number
  /** Two or four digits ("30" or "2030"). */
  expireYear: string | number
  /** セキュリティコード; required when the shop's contract says so. */
  cvc?: string
  /** Cardholder name as on the card (ASCII); also used as 3-D Secure risk data. */
  name?: string
}

/** The token fields the card payment session (`pp_paygent-card_…`) expects in its `data`. */
export interface CardSessionData {
  card_token: string
  masked_card_number: string
  /** YYYYMMDDhhmmss (JST), after which the token no longer works. */
  valid_until: string
  fingerprint: string
  /** PaygentToken.js's `hc`: the server checks it with the トークン受取ハッシュ鍵. */
  token_hc: string
  cardholder_name?: string
}

export interface CreateCardTokenOptions extends LoadOptions {
  /** マーチャントID. */
  merchantId: string
  /** トークン生成鍵 (public; the provider's `tokenKey` option). */
  tokenKey: string
  card: CardInput
  /** Loads PaygentToken.js from here first if it is not loaded yet. */
  scriptUrl?: string
  /** The constructor to use instead of the page's `PaygentToken`. */
  paygentToken?: PaygentTokenConstructor
  /** Give up waiting for PaygentToken.js's answer after this many ms (default 60,000) with 7001. */
  timeoutMs?: number
}

function twoDigits(value: string | number): string {
  const text = String(value).trim()
  return /^\d$/.test(text) ? `0${text}` : text
}

function yearYY(value: string | number): string {
  const text = String(value).trim()
  return /^20\d{2}$/.test(text) ? text.slice(2) : twoDigits(text)
}

async function resolveConstructor(options: CreateCardTokenOptions): Promise<PaygentTokenConstructor> {
  if (options.paygentToken) {
    return options.paygentToken
  }
  if (options.scriptUrl) {
    return loadPaygentToken(options.scriptUrl, options)
  }
  const loaded = windowOf(options).PaygentToken
  if (typeof loaded !== "function") {
    throw new PaygentTokenError("not_loaded")
  }
  return loaded
}

type TokenCall = (api: PaygentTokenApi, done: (response: PaygentTokenResponse) => void) => void

/** Runs one PaygentToken.js call and waits for its callback; rejects with a PaygentTokenError unless it answered 0000. */
async function callPaygentToken(
  options: Omit<CreateCardTokenOptions, "card">,
  call: TokenCall
): Promise<PaygentTokenResponse & { tokenizedCardObject: NonNullable<PaygentTokenResponse["tokenizedCardObject"]> }> {
  let PaygentToken: PaygentTokenConstructor
  try {
    PaygentToken = await resolveConstructor(options as CreateCardTokenOptions)
  } catch (error) {
    throw error instanceof PaygentTokenError ? error : new PaygentTokenError("7001")
  }
  const response = await new Promise<PaygentTokenResponse>((resolve) => {
    const timer = setTimeout(() => resolve({ result: "7001" }), options.timeoutMs ?? 60_000)
    const done = (answer: PaygentTokenResponse) => {
      clearTimeout(timer)
      resolve(answer ?? { result: "9000" })
    }
    try {
      call(new PaygentToken(), done)
    } catch {
      done({ result: "7000" })
    }
  })
  if (response.result !== "0000") {
    throw new PaygentTokenError(String(response.result ?? "unknown"))
  }
  if (!response.tokenizedCardObject?.token) {
    throw new PaygentTokenError("9000")
  }
  return response as PaygentTokenResponse & { tokenizedCardObject: NonNullable<PaygentTokenResponse["tokenizedCardObject"]> }
}

/**
 * Turns the card the shopper typed into a Paygent token and returns the fields to send as the card payment
 * session's data. Rejects with a PaygentTokenError explaining the result code.
 */
export async function createCardToken(options: CreateCardTokenOptions): Promise<CardSessionData> {
  const { card } = options
  const name = card.name?.trim()
  const response = await callPaygentToken(options, (api, done) =>
    api.createToken(
      options.merchantId,
      options.tokenKey,
      {
        card_number: String(card.number ?? "").replace(/[\s-]/g, ""),
        expire_year: yearYY(card.expireYear ?? ""),
        expire_month: twoDigits(card.expireMonth ?? ""),
        cvc: card.cvc?.trim() ?? "",
        name: name ?? "",
      },
      done
    )
  )
  const tokenized = response.tokenizedCardObject
  return {
    card_token: tokenized.token,
    masked_card_number: tokenized.masked_card_number,
    valid_until: tokenized.valid_until,
    fingerprint: tokenized.fingerprint,
    token_hc: response.hc ?? "",
    ...(name ? { cardholder_name: name } : {}),
  }
}

/**
 * A security-code-only token (PaygentToken.js `createCvcToken`) for paying with a saved card when the shop asks
 * for the code (`requireSecurityCodeForSavedCards`): send it as the session's `security_code_token`.
 */
export async function createCvcToken(options: Omit<CreateCardTokenOptions, "card"> & { cvc: string }): Promise<string> {
  const response = await callPaygentToken(options, (api, done) =>
    api.createCvcToken(options.merchantId, options.tokenKey, { cvc: options.cvc.trim() }, done)
  )
  return response.tokenizedCardObject.token
}
