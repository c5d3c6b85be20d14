import { moduleError } from "./errors"

export type PaygentEnvironment = "production" | "sandbox"

export const PRODUCTION_BASE_URL = "https://module.paygent.co.jp"
export const SANDBOX_BASE_URL = "https://sandbox.paygent.co.jp"

/**
 * The module's URL properties (`paygentB2Bmodule.url.<key>`, §1.2): key → path on the module host.
 * Keys are either a full telegram kind (091) or its first two characters (02 for 020–029).
 */
export const URL_PATHS: Readonly<Record<string, string>> = {
  "01": "/n/atm/request",
  "02": "/n/card/request",
  "03": "/n/conveni/request",
  "04": "/n/conveni/request_print",
  "05": "/n/bank/request",
  "06": "/n/bank/requestasp",
  "07": "/n/virtualaccount/request",
  "09": "/n/ref/request",
  "091": "/n/ref/paynotice",
  "093": "/n/ref/runnotice",
  "094": "/n/ref/paymentref",
  "095": "/n/ref/cardnoref",
  "096": "/n/card/request",
  "098": "/n/token/request",
  "10": "/n/c/request",
  "11": "/n/card/request",
  "12": "/n/c/request",
  "13": "/n/paypal/request",
  "15": "/n/emoney/request",
  "18": "/n/card/request",
  "19": "/n/card/request",
  "20": "/n/o/requestdata",
  "22": "/n/later/request",
  "26": "/n/accounttransfer/request",
  "263": "/n/accounttransfer/receipt",
  "264": "/n/accounttransfer/receipt",
  "265": "/n/accounttransfer/receipt",
  "27": "/n/rakutenid/request",
  "28": "/n/card/request",
  "29": "/n/jcbpremo/request",
  "30": "/n/upop/request",
  "31": "/n/alipay/request",
  "32": "/n/applepay/request",
  "34": "/n/paidy/request",
  "35": "/n/googlepay/request",
  "38": "/n/illegal_detect/request",
  "41": "/n/pi/request",
  "42": "/n/paypay/request",
  "43": "/n/tokimekiPoint/request",
  "45": "/n/threeds/request",
}

// In production two keys live on other hosts; in the sandbox everything is on the sandbox host.
const PRODUCTION_HOST_OVERRIDES: Readonly<Record<string, string>> = {
  "20": "https://online.paygent.co.jp",
  "098": "https://token.paygent.co.jp",
}

const FIRST_CHARS = 2

/** The properties key the module would use: the exact kind if listed, else its first two characters. */
export function urlKeyForKind(kind: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(URL_PATHS, kind)) return kind
  const prefix = kind.slice(0, FIRST_CHARS)
  return kind.length >= FIRST_CHARS && Object.prototype.hasOwnProperty.call(URL_PATHS, prefix) ? prefix : undefined
}

/** Path for a telegram kind; throws module error E02003 (configuration) when the module knows no URL. */
export function pathForKind(kind: string): string {
  const key = urlKeyForKind(kind)
  if (key === undefined) throw moduleError("E02003", "configuration", kind, `no URL for telegram kind ${JSON.stringify(kind)}`)
  return URL_PATHS[key]
}

export interface UrlTarget {
  /** production, sandbox, or a custom base URL (e.g. the local simulator) that then serves every path. */
  environment?: PaygentEnvironment
  baseUrl?: string
}

/** Full URL for a telegram kind. A custom baseUrl wins over the environment and may carry a path prefix. */
export function urlForKind(kind: string, target: UrlTarget = {}): URL {
  const path = pathForKind(kind)
  if (target.baseUrl) {
    const base = target.baseUrl.replace(/\/+$/, "")
    return new URL(base + path)
  }
  if ((target.environment ?? "sandbox") === "production") {
    const key = urlKeyForKind(kind)!
    return new URL((PRODUCTION_HOST_OVERRIDES[key] ?? PRODUCTION_BASE_URL) + path)
  }
  return new URL(SANDBOX_BASE_URL + path)
}
