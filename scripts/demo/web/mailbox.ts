/**
 * The test tool's "shopper's inbox": the e-mails the shop sent through Medusa's Notification Module, caught by the
 * demo's provider and kept by the demo's web server (GET /_mailbox). A click shows a mail as the shopper would see
 * it (its HTML in a sandboxed frame, no scripts).
 */
interface Mail {
  id: string
  to: string
  subject: string | null
  text: string | null
  html: string | null
  template: string | null
  data: { kind?: string; order?: { id?: string; display_id?: number } } | null
  received_at: string
}

function h(text: unknown): string {
  return String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function jst(iso: string): string {
  return new Date(iso).toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" })
}

const KIND_LABELS: Record<string, string> = {
  instructions: "お支払い方法のご案内",
  reminder: "お支払い期限のお知らせ",
  paid: "ご入金確認",
  canceled: "ご注文取消",
}

export function startMailboxView(): void {
  const tbody = document.querySelector("#mails tbody")!
  const view = document.getElementById("mail-view")!
  let mails: Mail[] = []
  let shown = ""

  const open = (id: string) => {
    const mail = mails.find((m) => m.id === id)
    if (!mail) return
    document.querySelectorAll("#mails tr.mail").forEach((row) => row.classList.toggle("highlight", (row as HTMLElement).dataset.mailId === id))
    document.getElementById("mail-subject")!.textContent = mail.subject ?? mail.template ?? ""
    document.getElementById("mail-meta")!.textContent = `To: ${mail.to} — ${jst(mail.received_at)} — template ${mail.template ?? "-"}`
    const frame = document.getElementById("mail-frame") as HTMLIFrameElement
    frame.srcdoc = mail.html ?? `<pre>${h(mail.text)}</pre>`
    view.dataset.mailId = id
    view.hidden = false
  }

  const refresh = async () => {
    const answer = await (await fetch("/_mailbox")).json()
    const next: Mail[] = answer.mails ?? []
    const key = next.map((m) => m.id).join(",")
    if (key === shown) return
    shown = key
    mails = next
    tbody.innerHTML = mails.length
      ? mails
          .map(
            (m) => `<tr class="mail" data-mail-id="${h(m.id)}" data-kind="${h(m.data?.kind)}" data-order-id="${h(m.data?.order?.id)}" style="cursor:pointer">
              <td>${h(jst(m.received_at))}</td><td>${h(m.to)}</td>
              <td>${h(m.subject ?? m.template)} <small>${h(KIND_LABELS[m.data?.kind ?? ""] ?? "")}</small></td></tr>`
          )
          .join("")
      : `<tr><td colspan="3">まだメールはありません <small>no mail yet: a konbini / Pay-easy / net-bank order sends its payment instructions</small></td></tr>`
    if (view.dataset.mailId) {
      document.querySelector(`#mails tr[data-mail-id="${view.dataset.mailId}"]`)?.classList.add("highlight")
    }
  }

  tbody.addEventListener("click", (event) => {
    const row = (event.target as HTMLElement).closest("tr.mail") as HTMLElement | null
    if (row?.dataset.mailId) open(row.dataset.mailId)
  })
  void refresh().catch(() => undefined)
  setInterval(() => void refresh().catch(() => undefined), 2000)
}
