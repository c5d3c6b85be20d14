/**
 * The mails the demo's notification provider caught, in this process's memory: what a person trying the demo sees
 * as the shopper's inbox (forwarded to the demo's test tool), and what the integration tests read. `failNext` makes
 * the next sends fail, as a mail server that is down would.
 */
export interface CaughtMail {
  id: string
  to: string
  from: string | null
  channel: string
  template: string | null
  subject: string | null
  text: string | null
  html: string | null
  data: Record<string, unknown> | null
  received_at: string
}

interface MailboxState {
  mails: CaughtMail[]
  failures: { remaining: number; message: string }
  sequence: number
}

const KEY = Symbol.for("medusa-payment-paygent.demo-mailbox")
type GlobalWithMailbox = typeof globalThis & { [KEY]?: MailboxState }

function state(): MailboxState {
  const g = globalThis as GlobalWithMailbox
  g[KEY] ??= { mails: [], failures: { remaining: 0, message: "" }, sequence: 0 }
  return g[KEY]!
}

export const mailbox = {
  /** Every mail caught so far, oldest first. */
  list(): CaughtMail[] {
    return [...state().mails]
  },
  /** Mails to one address, oldest first. */
  to(address: string): CaughtMail[] {
    return state().mails.filter((mail) => mail.to === address)
  },
  clear(): void {
    state().mails = []
    state().failures = { remaining: 0, message: "" }
  },
  /** The next `count` sends fail with `message` (the provider throws, as on an SMTP error). */
  failNext(count: number, message = "mail server unavailable (demo mailbox)"): void {
    state().failures = { remaining: count, message }
  },
  /** Called by the provider: throws while failures are armed, else keeps the mail. */
  accept(mail: Omit<CaughtMail, "id" | "received_at">): CaughtMail {
    const s = state()
    if (s.failures.remaining > 0) {
      s.failures.remaining--
      throw new Error(s.failures.message)
    }
    const caught: CaughtMail = { ...mail, id: `mail_${++s.sequence}`, received_at: new Date().toISOString() }
    s.mails.push(caught)
    return caught
  },
}
