import type { Logger, ProviderSendNotificationDTO, ProviderSendNotificationResultsDTO } from "@medusajs/framework/types"
import { AbstractNotificationProviderService } from "@medusajs/framework/utils"
import { mailbox } from "./store"

export interface MailboxOptions {
  channels?: string[]
  /** Where to POST each caught mail as JSON (the demo's test tool keeps the shopper's inbox); unset = memory only. */
  forwardUrl?: string
}

/**
 * A notification provider for the demo and the tests: it sends nothing anywhere, it catches each mail in memory
 * (store.ts) and, in the demo, hands it to the test tool's inbox. A failed hand-over fails the send, as a mail server
 * that does not answer would.
 */
export class MailboxNotificationService extends AbstractNotificationProviderService {
  static identifier = "paygent-demo-mailbox"

  private readonly logger_: Logger
  private readonly options_: MailboxOptions

  constructor({ logger }: { logger: Logger }, options: MailboxOptions) {
    super()
    this.logger_ = logger
    this.options_ = options ?? {}
  }

  async send(notification: ProviderSendNotificationDTO): Promise<ProviderSendNotificationResultsDTO> {
    const caught = mailbox.accept({
      to: notification.to,
      from: notification.from ?? null,
      channel: notification.channel,
      template: notification.template ?? null,
      subject: notification.content?.subject ?? null,
      text: notification.content?.text ?? null,
      html: notification.content?.html ?? null,
      data: (notification.data as Record<string, unknown> | null | undefined) ?? null,
    })
    if (this.options_.forwardUrl) {
      const response = await fetch(this.options_.forwardUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(caught),
        signal: AbortSignal.timeout(10_000),
      })
      if (!response.ok) {
        throw new Error(`the demo mailbox answered ${response.status}`)
      }
    }
    this.logger_.info(`demo mailbox: "${caught.subject ?? caught.template}" to ${caught.to}`)
    return { id: caught.id }
  }
}
