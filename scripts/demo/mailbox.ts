/**
 * The shopper's inbox of the demo. Medusa's notification provider of the demo (mailbox-provider/) hands every
 * e-mail to `POST /_mailbox` of the demo's web server, which keeps them in memory; the test tool lists them from
 * `GET /_mailbox` and shows one. And when the tool moves the simulator's clock, the shop is asked to send what is due
 * at the simulator's new time (`POST /admin/paygent/shopper-mails/dispatch { now }`), so "+6 日" brings the reminder
 * as six days would.
 */
import type * as http from "http"
import type { CaughtMail } from "./mailbox-provider/store"

/** Mails kept (the oldest go first). */
const KEEP = 200
const MAX_BODY = 2 * 1024 * 1024

export interface DemoMailbox {
  /** Answers /_mailbox requests; false for any other path. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean>
  list(): CaughtMail[]
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" })
  res.end(JSON.stringify(body))
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new Error("mail too large")
    chunks.push(chunk as Buffer)
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"))
}

export function createDemoMailbox(): DemoMailbox {
  const mails: CaughtMail[] = []
  return {
    list: () => [...mails],
    async handle(req, res, url) {
      if (url.pathname !== "/_mailbox") {
        return false
      }
      if (req.method === "GET") {
        json(res, 200, { mails: [...mails].reverse() })
        return true
      }
      if (req.method === "POST") {
        const mail = (await readJson(req)) as CaughtMail
        if (!mail || typeof mail.to !== "string" || typeof mail.id !== "string") {
          json(res, 400, { error: "a caught mail needs id and to" })
          return true
        }
        mails.push(mail)
        mails.splice(0, Math.max(0, mails.length - KEEP))
        json(res, 201, { id: mail.id })
        return true
      }
      json(res, 405, { error: "GET or POST" })
      return true
    },
  }
}

/**
 * Asks the shop to send the mails due at the simulator's time, as the admin of the demo (a Medusa session token,
 * fetched once and again when it is refused).
 */
export function shopMailsAt(medusaUrl: string, admin: { email: string; password: string }): (now: string) => Promise<void> {
  let token: string | undefined
  const login = async () => {
    const response = await fetch(`${medusaUrl}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(admin),
    })
    if (!response.ok) throw new Error(`admin login answered ${response.status}`)
    token = ((await response.json()) as { token: string }).token
  }
  const dispatch = (now: string) =>
    fetch(`${medusaUrl}/admin/paygent/shopper-mails/dispatch`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ now }),
    })
  return async (now: string) => {
    if (!token) await login()
    let response = await dispatch(now)
    if (response.status === 401) {
      await login()
      response = await dispatch(now)
    }
    if (!response.ok) throw new Error(`the shop's mail run answered ${response.status}: ${await response.text()}`)
  }
}
