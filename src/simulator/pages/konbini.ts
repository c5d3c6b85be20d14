/** The page behind a konbini payment's receipt_print_url (Paygent's sandbox values are dummies too). */
import type { ServerResponse } from "http"
import type { SimulatorCore } from "../core"
import { sendHtml } from "../http-util"
import { COMPANY_NAMES } from "../konbini-stores"
import { escapeHtml, page } from "./html"

export function handleReceiptPage(core: SimulatorCore, res: ServerResponse, paymentId: string): void {
  const payment = core.store.payments.get(paymentId)
  const konbini = payment?.konbini
  if (!payment || !konbini) {
    sendHtml(res, 404, page("払込票", `<p class="error" id="error">決済ID ${escapeHtml(paymentId)} は存在しません。</p>`))
    return
  }
  const stores = konbini.usableCompanyIds.map((id) => `<li>${escapeHtml(COMPANY_NAMES[id] ?? id)} (${id})</li>`).join("")
  sendHtml(
    res,
    200,
    page(
      "コンビニお支払い番号",
      `<h1>コンビニでのお支払い</h1>
<dl>
<dt>お支払い番号</dt><dd id="receipt-number">${escapeHtml(konbini.receiptNumber)}</dd>
<dt>金額</dt><dd id="amount">${payment.amount}円</dd>
<dt>お支払い期限</dt><dd id="payment-limit-date">${escapeHtml(konbini.limitDate)}</dd>
<dt>状態</dt><dd id="payment-status">${escapeHtml(payment.status)}</dd>
</dl>
<p>ご利用いただけるコンビニ:</p><ul id="usable-stores">${stores}</ul>`,
    ),
  )
}
