/**
 * Sends one queued mail through Medusa's Notification Module, once: the row is claimed first (store.ts), the payment
 * is read again and the mail skipped when it is no longer wanted (plan.ts), and each attempt carries its own
 * idempotency key (`paygent-mail:<row>:<attempt>`), so a retry is a new notification and a crash during an attempt
 * can be looked up afterwards. A failure is retried with back-off and, after the last attempt, raised as an alert
 * (the 決済処理中 inbox lists it). Never throws: nothing about a payment waits for a mail.
 */
import { hostname } from "node:os"
import { randomUUID } from "node:crypto"
import type { INotificationModuleService, Logger, MedusaContainer, NotificationDTO } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { paygentModule } from "../modules/paygent/container"

import { loadMailPayments, shopNameOf } from "./facts"
import type { ResolvedShopperMailOptions } from "../options/shopper-mails"
import { cancelReason, localeOf, nextAttemptAt, skipReason } from "./plan"
import { renderMail } from "./render"
import { claimMail, finishMail, reclaimStale, type MailOutcome } from "./store"
import type { MailKind, ShopperMailRow } from "./types"
import { medusaFilter } from "../medusa/filters"

/** The channel of Medusa's Notification Module the mails go to. */
export const MAIL_CHANNEL = "email"
/** A mail claimed longer ago than this is taken over: its sender stopped (provider calls finish well before). */
export const SENDING_LEASE_MS = 10 * 60 * 1000

export type DeliveryOutcome = "sent" | "retry" | "failed" | "skipped" | "unknown" | "not_claimed"

export interface Delivery {
  id: string
  outcome: DeliveryOutcome
  error?: string
}

const KIND_NAMES: Record<MailKind, { ja: string; en: string }> = {
  instructions: { ja: "お支払い方法のご案内", en: "payment instructions" },
  reminder: { ja: "お支払い期限のお知らせ", en: "payment reminder" },
  paid: { ja: "ご入金確認", en: "payment received" },
  canceled: { ja: "ご注文取消", en: "order cancelled" },
}

/** The idempotency key of one attempt at Medusa's Notification Module. */
export function attemptKey(mailId: string, attempt: number): string {
  return `paygent-mail:${mailId}:${attempt}`
}

function ownerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID()}`
}

function knexOf(container: MedusaContainer): Knex {
  return container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
}

/** The error's message, without the wrapper Medusa's Notification Module puts around the provider's own. */
function messageOf(error: unknown): string {
  return String((error as Error)?.message ?? error ?? "unknown error")
    .replace(/^Failed to send notification with id \S+:\s*/, "")
    .slice(0, 1000)
}

function isNoProvider(message: string): boolean {
  return /Could not find a notification provider for channel/i.test(message)
}

async function notificationByKey(container: MedusaContainer, key: string): Promise<NotificationDTO | undefined> {
  const [row] = await container
    .resolve<INotificationModuleService>(Modules.NOTIFICATION)
    .listNotifications(medusaFilter({ idempotency_key: key }), { take: 1 })
  return row
}

class Sender {
  private readonly knex: Knex
  private readonly logger: Logger
  private readonly options: ResolvedShopperMailOptions

  constructor(
    private readonly container: MedusaContainer,
    private readonly owner: string
  ) {
    this.knex = knexOf(container)
    this.logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    this.options = paygentModule(container).shopperMailOptions()
  }

  private async finish(row: ShopperMailRow, outcome: MailOutcome, result: DeliveryOutcome, error?: string): Promise<Delivery> {
    const written = await this.finishSafely(row.id, outcome)
    return { id: row.id, outcome: written ? result : "not_claimed", ...(error ? { error } : {}) }
  }

  private async finishSafely(id: string, outcome: MailOutcome): Promise<boolean> {
    try {
      return await finishMail(this.knex, id, this.owner, outcome)
    } catch (error) {
      // The claim runs out and the next run looks the attempt up at Medusa.
      this.logger.error(`Paygent: shopper mail ${id}: could not record the outcome (${outcome.status}): ${messageOf(error)}`)
      return false
    }
  }

  /** A claimed mail: sent, skipped, or its failure recorded. */
  async send(row: ShopperMailRow, now: Date): Promise<Delivery> {
    let rendered: ReturnType<typeof renderMail>
    let to: string
    let locale: "ja" | "en"
    let customerId: string | null
    let reason: string | null
    try {
      const payment = row.order_id
        ? (await loadMailPayments(this.container, [row.order_id])).find((p) => p.payment_session_id === row.payment_session_id)
        : undefined
      if (!payment) {
        return this.finish(row, { status: "skipped", skip_reason: "payment_gone", uncount: true }, "skipped")
      }
      const skip = skipReason(row, payment, this.options, now)
      if (skip) {
        return this.finish(row, { status: "skipped", skip_reason: skip, uncount: true }, "skipped")
      }
      locale = localeOf(payment, this.options.defaultLocale)
      // Expired or cancelled as the payment says now (an event can be read before the notice's own record).
      reason = row.kind === "canceled" ? cancelReason(payment.state) : row.reason
      rendered = renderMail({
        kind: row.kind,
        reason,
        payment,
        locale,
        shopName: await shopNameOf(this.container, this.options.shopName),
        options: this.options,
      })
      to = payment.order.email!
      customerId = payment.order.customer_id
    } catch (error) {
      return this.failed(row, messageOf(error))
    }
    const template = this.options.templates[row.kind]
    const key = attemptKey(row.id, row.attempts)
    const addressed = { recipient: to, locale, template, subject: rendered.content.subject, reason }
    try {
      const created = await this.container.resolve<INotificationModuleService>(Modules.NOTIFICATION).createNotifications({
        to,
        from: this.options.from ?? null,
        channel: MAIL_CHANNEL,
        template,
        data: rendered.data,
        ...(this.options.sendContent ? { content: rendered.content } : {}),
        trigger_type: `paygent.shopper_mail.${row.kind}`,
        resource_id: row.order_id,
        resource_type: "order",
        receiver_id: customerId,
        idempotency_key: key,
      })
      // Medusa answers nothing for a key it already has: that attempt's row tells what happened.
      const notification = created ?? (await notificationByKey(this.container, key))
      if (notification?.status === "failure") {
        return this.failed(row, "the notification provider reported a failure", addressed)
      }
      return this.finish(
        row,
        { status: "sent", sent_at: new Date(), notification_id: notification?.id ?? null, last_error: null, ...addressed },
        "sent"
      )
    } catch (error) {
      return this.failed(row, messageOf(error), addressed)
    }
  }

  /** A failed attempt: tried again later, or given up after the last attempt (an alert for the inbox). */
  async failed(row: ShopperMailRow, error: string, addressed: Partial<MailOutcome> = {}): Promise<Delivery> {
    const noProvider = isNoProvider(error)
    if (!noProvider && row.attempts < this.options.maxAttempts) {
      this.logger.warn(`Paygent: shopper mail ${row.id} (${row.kind}) attempt ${row.attempts} failed, will retry: ${error}`)
      return this.finish(row, { status: "pending", due_at: nextAttemptAt(row.attempts, new Date()), last_error: error, ...addressed }, "retry", error)
    }
    this.logger.error(`Paygent: shopper mail ${row.id} (${row.kind}) not sent after ${row.attempts} attempts: ${error}`)
    const delivery = await this.finish(row, { status: "failed", last_error: error, ...addressed }, "failed", error)
    await this.alert(row, error, noProvider)
    return delivery
  }

  private async alert(row: ShopperMailRow, error: string, noProvider: boolean): Promise<void> {
    const kind = KIND_NAMES[row.kind]
    try {
      await paygentModule(this.container).raiseAlerts([
          noProvider
            ? {
                kind: "shopper_mail_no_provider",
                severity: "warning",
                // One a day: every mail fails the same way until a provider is configured.
                dedupe_key: `shopper_mail_no_provider:${new Date().toISOString().slice(0, 10)}`,
                message: {
                  ja: "お客様へのメールを送れません。Medusa の通知モジュールに email チャネルのプロバイダーがありません。プロバイダーを設定するか、shopperMails.enabled を false にしてください。",
                  en: "Shopper e-mails cannot be sent: Medusa's Notification Module has no provider for the email channel. Configure one, or set shopperMails.enabled to false.",
                },
              }
            : {
                kind: "shopper_mail_failed",
                severity: "warning",
                dedupe_key: `shopper_mail_failed:${row.id}`,
                message: {
                  ja: `お客様へのメール（${kind.ja}）を ${row.attempts} 回送信できませんでした: ${error}`,
                  en: `The shopper mail (${kind.en}) could not be sent after ${row.attempts} attempts: ${error}`,
                },
              },
        ],
        { order_id: row.order_id, payment_session_id: row.payment_session_id, data: { mail_id: row.id, mail_kind: row.kind } }
      )
    } catch (alertError) {
      this.logger.error(`Paygent: could not raise the alert for shopper mail ${row.id}: ${messageOf(alertError)}`)
    }
  }

  /**
   * A mail left in `sending` by a process that stopped: Medusa's notification of that attempt says whether it went
   * out. None: it never reached the provider, so it is sent again. Still pending at Medusa: the provider may or may
   * not have sent it; it is not sent again (a duplicate payment mail confuses more than a missing one, which the
   * merchant can resend) and raised as an alert.
   */
  async recover(row: ShopperMailRow): Promise<Delivery> {
    const notification = await notificationByKey(this.container, attemptKey(row.id, row.attempts))
    if (!notification) {
      return this.finish(row, { status: "pending", due_at: new Date(), last_error: "the sending process stopped before the provider was called" }, "retry")
    }
    if (notification.status === "success") {
      return this.finish(row, { status: "sent", sent_at: new Date(notification.created_at ?? Date.now()), notification_id: notification.id }, "sent")
    }
    if (notification.status === "failure") {
      return this.failed(row, "the notification provider reported a failure")
    }
    const error = "the sending process stopped during the provider's call; whether the mail went out is unknown"
    const delivery = await this.finish(row, { status: "unknown", last_error: error, notification_id: notification.id }, "unknown", error)
    try {
      await paygentModule(this.container).raiseAlerts([
          {
            kind: "shopper_mail_unknown",
            severity: "warning",
            dedupe_key: `shopper_mail_unknown:${row.id}`,
            message: {
              ja: `お客様へのメール（${KIND_NAMES[row.kind].ja}）が送信されたか分かりません（送信中に処理が止まりました）。必要なら注文画面から再送してください。`,
              en: `Whether the shopper mail (${KIND_NAMES[row.kind].en}) went out is unknown (the process stopped while sending). Resend it from the order page if needed.`,
            },
          },
        ],
        { order_id: row.order_id, payment_session_id: row.payment_session_id, data: { mail_id: row.id, mail_kind: row.kind } }
      )
    } catch (alertError) {
      this.logger.error(`Paygent: could not raise the alert for shopper mail ${row.id}: ${messageOf(alertError)}`)
    }
    return delivery
  }
}

/** Claims and sends one mail if it is due at `now`; another caller's claim wins and this one does nothing. */
export async function deliverMail(container: MedusaContainer, mailId: string, now: Date = new Date()): Promise<Delivery> {
  const owner = ownerId()
  let row: ShopperMailRow | undefined
  try {
    row = await claimMail(knexOf(container), mailId, owner, now)
  } catch (error) {
    container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).error(`Paygent: shopper mail ${mailId} could not be claimed: ${messageOf(error)}`)
    return { id: mailId, outcome: "not_claimed", error: messageOf(error) }
  }
  if (!row) {
    return { id: mailId, outcome: "not_claimed" }
  }
  return new Sender(container, owner).send(row, now)
}

/** Takes over one mail stuck in `sending` past the lease and settles it (recover above). */
export async function recoverMail(container: MedusaContainer, mailId: string, leaseMs = SENDING_LEASE_MS): Promise<Delivery> {
  const owner = ownerId()
  try {
    const row = await reclaimStale(knexOf(container), mailId, owner, leaseMs)
    return row ? await new Sender(container, owner).recover(row) : { id: mailId, outcome: "not_claimed" }
  } catch (error) {
    container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).error(`Paygent: shopper mail ${mailId} could not be recovered: ${messageOf(error)}`)
    return { id: mailId, outcome: "not_claimed", error: messageOf(error) }
  }
}
