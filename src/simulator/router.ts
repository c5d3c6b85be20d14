/**
 * Telegram routing: which path each telegram kind belongs to (docs/protocol.md §1.2), the common header checks in
 * Paygent's order — P001 credentials missing, P002 wrong, P003 version, P004 kind not on this path, P007 not
 * contracted — then the field checks of validation.ts and the handler of the kind.
 */
import { messageFor } from "./codes"
import type { SimulatorCore } from "./core"
import { csvHeaderAndTrailer } from "./telegrams/stored-card"
import { handleAtm } from "./telegrams/atm"
import { handleBankNet } from "./telegrams/banknet"
import { handleAuthorization, handleChange, handleFollowUp } from "./telegrams/card"
import { handleKonbini } from "./telegrams/konbini"
import { handlePaymentInquiry } from "./telegrams/inquiry"
import { handleNoticeInquiry } from "./telegrams/notice-inquiry"
import {
  handleStoredCardDelete,
  handleStoredCardInquiry,
  handleStoredCardSet,
  handleStoredCardUpdate,
} from "./telegrams/stored-card"
import { handleThreeDs } from "./telegrams/threeds"
import {
  fail,
  failureAnswer,
  param,
  TelegramFailure,
  type TelegramAnswer,
  type TelegramRequest,
} from "./telegram"
import { validateFields } from "./validation"
import { errorLayout } from "./layouts"
import { delay } from "./delay"
import type { ContractFlags } from "./options"

/**
 * URL of a kind as Paygent's module picks it: an exact 3-character key, else the first two characters
 * (properties `paygentB2Bmodule.url.*`). Covers the kinds the simulator does not implement too, so that they get
 * P004 on a wrong path and P007 (not contracted) on the right one.
 */
const PATH_BY_KEY: Record<string, string> = {
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

export const TELEGRAM_PATHS: ReadonlySet<string> = new Set(Object.values(PATH_BY_KEY))

export function pathForKind(kind: string): string | undefined {
  if (!/^[0-9]{3}$/.test(kind)) return undefined
  return PATH_BY_KEY[kind] ?? PATH_BY_KEY[kind.slice(0, 2)]
}

type Handler = (core: SimulatorCore, request: TelegramRequest) => TelegramAnswer

interface KindSpec {
  handler: Handler
  /** Contract flag the kind needs (P007 when off). */
  contract?: keyof ContractFlags
}

const KINDS: Record<string, KindSpec> = {
  "010": { handler: handleAtm, contract: "atm" },
  "020": { handler: handleAuthorization, contract: "card" },
  "021": { handler: handleFollowUp, contract: "card" },
  "022": { handler: handleFollowUp, contract: "card" },
  "023": { handler: handleFollowUp, contract: "card" },
  "025": { handler: handleStoredCardSet, contract: "card" },
  "026": { handler: handleStoredCardDelete, contract: "card" },
  "027": { handler: handleStoredCardInquiry, contract: "card" },
  "028": { handler: handleChange, contract: "card" },
  "029": { handler: handleChange, contract: "card" },
  "030": { handler: handleKonbini, contract: "konbini" },
  "060": { handler: handleBankNet, contract: "bankNet" },
  "091": { handler: handleNoticeInquiry },
  "094": { handler: handlePaymentInquiry },
  "116": { handler: handleStoredCardUpdate, contract: "card" },
  "450": { handler: handleThreeDs, contract: "card" },
}

export const IMPLEMENTED_KINDS: readonly string[] = Object.keys(KINDS)

function checkCommonHeader(core: SimulatorCore, request: TelegramRequest): KindSpec {
  const { options } = core
  const credentials = ["merchant_id", "connect_id", "connect_password"]
  if (credentials.some((name) => param(request, name) === "")) throw fail("P001")
  if (
    param(request, "merchant_id") !== options.merchantId ||
    param(request, "connect_id") !== options.connectId ||
    param(request, "connect_password") !== options.connectPassword
  ) {
    throw fail("P002")
  }
  if (param(request, "telegram_version") !== "1.0") throw fail("P003")
  if (pathForKind(request.kind) !== request.path) throw fail("P004")
  const spec = KINDS[request.kind]
  if (!spec || (spec.contract && !options.contract[spec.contract])) throw fail("P007")
  return spec
}


/**
 * The error answer of a telegram: its full layout with empty values unless the failure carries items of its own
 * (2003's payment_id, 5010's ASP fields, a partly failed 028/029); 027 answers in CSV even when it fails.
 */
export function errorAnswer(request: TelegramRequest, failure: TelegramFailure): TelegramAnswer {
  if (request.kind === "027") {
    return { format: "csv", records: csvHeaderAndTrailer(failure.result, failure.code, failure.detail) }
  }
  if (failure.items.length > 0) return failureAnswer(failure)
  return failureAnswer(new TelegramFailure(failure.code, failure.detail, errorLayout(request), failure.result))
}

/** Answers one telegram. Never throws: every failure becomes the telegram's error answer. */
export async function dispatchTelegram(core: SimulatorCore, request: TelegramRequest): Promise<TelegramAnswer> {
  let spec: KindSpec
  try {
    spec = checkCommonHeader(core, request)
    validateFields(request)
  } catch (error) {
    await delay(core.latencyMs)
    return answerFor(request, error)
  }
  // Two 091 calls without payment_notice_id may not overlap (9004); the flag is held across the latency so that a
  // slow simulator makes overlapping calls collide as they would at Paygent.
  const exclusive = request.kind === "091" && param(request, "payment_notice_id") === ""
  if (exclusive) {
    if (core.notices.busy) {
      await delay(core.latencyMs)
      return errorAnswer(request, new TelegramFailure("9004", messageFor("9004")))
    }
    core.notices.busy = true
  }
  try {
    await delay(core.latencyMs)
    return spec.handler(core, request)
  } catch (error) {
    if (!(error instanceof TelegramFailure)) core.options.log(`error in telegram ${request.kind}: ${error instanceof Error ? error.stack : String(error)}`)
    return answerFor(request, error)
  } finally {
    if (exclusive) core.notices.busy = false
  }
}

function answerFor(request: TelegramRequest, error: unknown): TelegramAnswer {
  if (error instanceof TelegramFailure) return errorAnswer(request, error)
  const message = error instanceof Error ? error.message : String(error)
  return errorAnswer(request, new TelegramFailure("E001", `${messageFor("E001")}: ${message}`))
}
