/**
 * Bank net ASP screens (docs/protocol.md §10): the bank-selection page behind asp_url, the confirmation page a bank click
 * opens (creating a new payment in status 10 each time), and the bank's "pay" / "cancel" buttons.
 *   #pay → 40 (+ notice); directly connected banks then redirect to return_url with result=0&payment_id&trading_id
 *   #cancel → stays 10 (15 by batch later); directly connected banks redirect to return_url with result=1
 *   #stop-return → the merchant's stop_return_url ("back to shop")
 */
import type { ServerResponse } from "http"
import { messageFor } from "../codes"
import type { SimulatorCore } from "../core"
import { redirect, sendHtml } from "../http-util"
import type { BankNetApplication } from "../model"
import { selectBank, selectionRefusal } from "../telegrams/banknet"
import { TelegramFailure } from "../telegram"
import { escapeHtml, hiddenInputs, page } from "./html"

interface Bank {
  code: string
  name: string
  /** Directly connected banks send the buyer back to return_url. */
  direct: boolean
}

export const BANKS: readonly Bank[] = [
  { code: "D009", name: "三井住友銀行", direct: true },
  { code: "D033", name: "PayPay銀行", direct: true },
  { code: "D034", name: "セブン銀行", direct: true },
  { code: "D036", name: "楽天銀行", direct: true },
  { code: "D038", name: "住信SBIネット銀行", direct: true },
  { code: "D039", name: "auじぶん銀行", direct: true },
  { code: "0001", name: "みずほ銀行", direct: false },
  { code: "0005", name: "三菱UFJ銀行", direct: false },
  { code: "0010", name: "りそな銀行", direct: false },
  { code: "9900", name: "ゆうちょ銀行", direct: false },
]

function stopReturnLink(application: BankNetApplication): string {
  return application.stopReturnUrl
    ? `<p><a id="stop-return" href="${escapeHtml(application.stopReturnUrl)}">ショップに戻る</a></p>`
    : ""
}

function errorPage(res: ServerResponse, status: number, code: string, message: string, application?: BankNetApplication): void {
  sendHtml(
    res,
    status,
    page(
      "銀行ネット決済",
      `<p class="error" id="error" data-response-code="${escapeHtml(code)}">${escapeHtml(message)}${code ? ` (${escapeHtml(code)})` : ""}</p>${application ? stopReturnLink(application) : ""}`,
    ),
  )
}

/** The application an ASP link stands for, if its tid/mid/hv are genuine. */
function applicationOf(core: SimulatorCore, query: URLSearchParams): BankNetApplication | undefined {
  const application = core.store.bankNetApplications.get(query.get("tid") ?? "")
  if (!application || query.get("mid") !== core.options.merchantId || query.get("hv") !== application.hv) return undefined
  return application
}

function linkQuery(core: SimulatorCore, application: BankNetApplication, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ type: "05", tid: application.tradingId, mid: core.options.merchantId, hv: application.hv, ...extra }).toString()
}

/** GET /banking/asp — the bank list. */
export function handleBankSelection(core: SimulatorCore, res: ServerResponse, query: URLSearchParams): void {
  const application = applicationOf(core, query)
  if (!application) return errorPage(res, 404, "", "この画面は無効です。")
  const refusal = selectionRefusal(core, application)
  if (refusal) return errorPage(res, 200, refusal, messageFor(refusal), application)
  const banks = BANKS.map(
    (bank) =>
      `<li><a class="bank" data-bank-code="${bank.code}" href="/banking/kakunin?${escapeHtml(linkQuery(core, application, { bankCode: bank.code }))}">${escapeHtml(bank.name)}</a></li>`,
  ).join("\n")
  sendHtml(
    res,
    200,
    page(
      "銀行ネット決済 — 金融機関の選択",
      `<h1>${escapeHtml(application.merchantName || "銀行ネット決済")}</h1>
<p>ご請求内容: <span id="claim">${escapeHtml(application.claimKanji)}</span> / 金額: <span id="amount">${application.amount}</span>円</p>
${application.freeMemo ? `<p id="free-memo">${escapeHtml(application.freeMemo)}</p>` : ""}
<p>お支払いに利用する金融機関を選択してください。</p>
<ul class="banks">
${banks}
</ul>
${stopReturnLink(application)}
${application.copyRight ? `<footer>${escapeHtml(application.copyRight)}</footer>` : ""}`,
    ),
  )
}

/** GET /banking/kakunin — a bank was clicked: a new payment, and the bank's confirmation screen. */
export function handleBankConfirmation(core: SimulatorCore, res: ServerResponse, query: URLSearchParams): void {
  const application = applicationOf(core, query)
  if (!application) return errorPage(res, 404, "", "この画面は無効です。")
  const bank = BANKS.find((b) => b.code === query.get("bankCode"))
  if (!bank) return errorPage(res, 400, "", "金融機関を選択してください。", application)
  let paymentId: string
  try {
    paymentId = selectBank(core, application, bank.code).paymentId
  } catch (error) {
    if (error instanceof TelegramFailure) return errorPage(res, 200, error.code, error.detail, application)
    throw error
  }
  const fields = { tid: application.tradingId, mid: core.options.merchantId, hv: application.hv, payment_id: paymentId }
  sendHtml(
    res,
    200,
    page(
      `${bank.name} — お支払いの確認`,
      `<h1 id="bank-name" data-bank-code="${bank.code}">${escapeHtml(bank.name)}</h1>
<p>決済ID: <span id="payment-id">${paymentId}</span></p>
<p>お支払い先: ${escapeHtml(application.receiptName)} / 金額: ${application.amount}円</p>
<form method="POST" action="/banking/pay" id="pay-form">
${hiddenInputs(fields)}
<button type="submit" id="pay">支払う</button>
</form>
<form method="POST" action="/banking/cancel" id="cancel-form">
${hiddenInputs(fields)}
<button type="submit" id="cancel">支払わずに戻る</button>
</form>
<p><a id="back-to-banks" href="/banking/asp?${escapeHtml(linkQuery(core, application))}">金融機関の選択に戻る</a></p>
${stopReturnLink(application)}`,
    ),
  )
}

function returnTo(application: BankNetApplication, result: string, paymentId: string): string {
  const query = new URLSearchParams({ result, payment_id: paymentId, trading_id: application.tradingId }).toString()
  const url = application.returnUrl
  return `${url}${url.includes("?") ? "&" : "?"}${query}`
}

/** POST /banking/pay or /banking/cancel — the buyer's choice at the bank. */
export function handleBankDecision(core: SimulatorCore, res: ServerResponse, form: URLSearchParams, pay: boolean): void {
  const application = applicationOf(core, form)
  const paymentId = form.get("payment_id") ?? ""
  const payment = core.store.payments.get(paymentId)
  if (!application || !payment || payment.tradingId !== application.tradingId || payment.paymentType !== "05") {
    return errorPage(res, 404, "", "この画面は無効です。")
  }
  const bank = BANKS.find((b) => b.code === payment.bankCode)
  if (pay) {
    if (payment.status !== "10" && payment.status !== "15") {
      return errorPage(res, 409, "5008", messageFor("5008"), application)
    }
    const now = core.now()
    payment.userPaymentDate = now
    payment.paymentDate = now
    core.transition(payment, "40", "bank-page")
  }
  if (bank?.direct && application.returnUrl) return redirect(res, returnTo(application, pay ? "0" : "1", paymentId))
  const back = application.returnUrl || application.stopReturnUrl
  sendHtml(
    res,
    200,
    page(
      "銀行ネット決済",
      `<p id="outcome" data-result="${pay ? "0" : "1"}">${pay ? "お支払いが完了しました。" : "お支払いは行われませんでした。"}</p>
${back ? `<p><a id="back-to-shop" href="${escapeHtml(back)}">ショップに戻る</a></p>` : ""}
${pay ? "" : `<p><a id="back-to-banks" href="/banking/asp?${escapeHtml(linkQuery(core, application))}">金融機関の選択に戻る</a></p>`}`,
    ),
  )
}
