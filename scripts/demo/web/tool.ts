/**
 * The demo's test tool: a page over the simulator's control API (/_sim, proxied by the demo server so the page
 * stays on one origin). Pays or expires konbini / ATM / net-bank payments and moves the simulated clock, as
 * Paygent's 試験環境ツール does.
 */
import { PAYMENT_STATUSES, PAYMENT_TYPES } from "../../../src/paygent/statuses"
import { startMailboxView } from "./mailbox"

interface Payment {
  payment_id: string
  trading_id: string
  payment_type: string
  payment_status: string
  payment_amount: number
  created_at: string | null
  konbini?: { payment_limit_date?: string; receipt_number?: string }
  atm?: { payment_limit_date?: string }
}

interface Notice {
  payment_notice_id: number
  payment_id: string
  created_at: string | null
  push: { state: string; attempts: number; deliveredAt?: number | string }
  items: Record<string, string>
}

const PAYABLE: Record<string, string[]> = { "01": ["10"], "03": ["10", "43"], "05": ["10", "15"] }
const EXPIRABLE: Record<string, string[]> = { "01": ["10"], "03": ["10"], "05": ["10"] }

const highlight = new URL(location.href).searchParams.get("payment_id")
let scrolled = false

function h(text: unknown): string {
  return String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

async function sim<T = any>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/_sim${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await response.json().catch(() => ({}))
  if (!response.ok) throw new Error(json.error ?? `HTTP ${response.status}`)
  return json as T
}

function showError(error: unknown): void {
  document.getElementById("error")!.innerHTML = error
    ? `<div class="error">${h(error instanceof Error ? error.message : error)}</div>`
    : ""
}

function jstDate(value: string | undefined): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?/.exec(value ?? "")
  if (!m) return value ?? ""
  return `${m[1]}-${m[2]}-${m[3]}${m[4] ? ` ${m[4]}:${m[5]}` : ""}`
}

function jst(iso: string | null): string {
  if (!iso) return ""
  return new Date(iso).toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" })
}

function statusBadge(status: string): string {
  const label = PAYMENT_STATUSES[status]
  return `<span class="badge s${h(status)}">${h(status)} ${h(label?.ja ?? "")}</span> <small>${h(label?.en ?? "")}</small>`
}

function row(p: Payment): string {
  const type = PAYMENT_TYPES[p.payment_type]
  const deadline = p.konbini?.payment_limit_date ?? p.atm?.payment_limit_date
  const actions = [
    PAYABLE[p.payment_type]?.includes(p.payment_status)
      ? `<button class="pay" data-id="${h(p.payment_id)}">入金する <small style="color:inherit">Pay</small></button>`
      : "",
    EXPIRABLE[p.payment_type]?.includes(p.payment_status)
      ? `<button class="secondary expire" data-id="${h(p.payment_id)}">期限切れにする <small>Expire</small></button>`
      : "",
  ].join(" ")
  return `<tr data-payment-id="${h(p.payment_id)}" data-status="${h(p.payment_status)}" class="${p.payment_id === highlight ? "highlight" : ""}">
    <td>${h(p.payment_id)}</td>
    <td>${h(type?.ja ?? p.payment_type)}</td>
    <td>¥${Number(p.payment_amount).toLocaleString("ja-JP")}</td>
    <td class="status">${statusBadge(p.payment_status)}</td>
    <td>${h(jstDate(deadline))}</td>
    <td><small>${h(p.trading_id)}</small></td>
    <td class="actions-cell">${actions}</td>
  </tr>`
}

async function refresh(): Promise<void> {
  const [clock, payments, notices, push] = await Promise.all([
    sim("/clock"),
    sim<Payment[]>("/payments"),
    sim<Notice[]>("/notices"),
    sim("/push"),
  ])
  document.getElementById("clock-now")!.textContent = `${jst(clock.now)} JST`
  payments.sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)))
  const tbody = document.querySelector("#payments tbody")!
  tbody.innerHTML = payments.length
    ? payments.map(row).join("")
    : `<tr><td colspan="7">まだ決済はありません <small>no payments yet: place an order on the checkout page</small></td></tr>`
  if (highlight && !scrolled) {
    document.querySelector(`tr[data-payment-id="${highlight}"]`)?.scrollIntoView({ block: "center" })
    scrolled = true
  }
  const delivered = notices.filter((n) => n.push.state === "delivered").length
  const pending = notices.filter((n) => n.push.state === "pending").length
  document.getElementById("push-state")!.innerHTML =
    `送信先 <small>push to</small> <code>${h(push.url ?? "")}</code> — 送信済み ${delivered} / 未達 ${pending}` +
    (push.paused ? ` — <b>一時停止中</b> <small>paused after ${h(push.consecutive_failures)} failures</small> <button class="secondary" id="resume-push">再開 <small>resume</small></button>` : "") +
    (push.consecutive_failures && !push.paused ? ` — <small>失敗 ${h(push.consecutive_failures)} 回 (the shop did not answer result=0; retrying)</small>` : "")
  document.getElementById("resume-push")?.addEventListener("click", () => act(() => sim("/push", { paused: false })))
  document.querySelector("#notices tbody")!.innerHTML = notices
    .slice(-20)
    .reverse()
    .map(
      (n) => `<tr><td>${n.payment_notice_id}</td><td>${h(n.payment_id)}</td><td>${statusBadge(n.items.payment_status ?? "")}</td>
        <td>${h(jst(n.created_at))}</td><td>${h(n.push.state)} <small>(${n.push.attempts})</small></td></tr>`
    )
    .join("")
}

async function act(action: () => Promise<unknown>): Promise<void> {
  try {
    showError(undefined)
    await action()
  } catch (error) {
    showError(error)
  }
  await refresh().catch(showError)
}

document.addEventListener("click", (event) => {
  const target = (event.target as HTMLElement).closest("button") as HTMLButtonElement | null
  if (!target) return
  if (target.classList.contains("pay")) {
    void act(() => sim(`/payments/${target.dataset.id}/pay`, {}))
  } else if (target.classList.contains("expire")) {
    void act(() => sim(`/payments/${target.dataset.id}/expire`, {}))
  } else if (target.dataset.advance) {
    void act(() => sim("/clock/advance", JSON.parse(target.dataset.advance!)))
  }
})

async function start(): Promise<void> {
  const config = await (await fetch("/config.json")).json()
  ;(document.getElementById("nav-admin") as HTMLAnchorElement).href = config.adminUrl
  startMailboxView()
  await refresh()
  setInterval(() => void refresh().catch(showError), 2000)
}

start().catch(showError)
