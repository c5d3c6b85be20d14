import type { IPaymentModuleService, MedusaContainer, PaymentDTO } from "@medusajs/framework/types"
import type { PaygentClient } from "../paygent/client"
import { captureDeadline } from "../paygent/deadlines"
import type PaygentModuleService from "../modules/paygent/service"
import type { ResolvedSyncOptions } from "../options/sync"
import { isPaygentError } from "../providers/paygent/core/errors"
import { stateOf, type PaygentState } from "../providers/paygent/core/session-data"
import { medusaFilter } from "../medusa/filters"
import { paymentTypeOfProvider } from "../notices/plan"
import type { ReportedStatus } from "../notices/reported"
import { listStaleSessions, StaleSession } from "./stale"
import type { SyncSummary } from "./summary"
import { endOfJstDay } from "../paygent/deadlines"
import { STATUS, PAYMENT_TYPE } from "../paygent/statuses"

const DAY_MS = 24 * 60 * 60 * 1000
/** Statuses after which a purge cannot have changed a payment: paid / captured, or cancelled and expired. */
const SETTLED: ReadonlySet<string> = new Set([
  STATUS.CLEARED,
  STATUS.CLEARED_NO_REFUND,
  STATUS.SALES_CANCELLED,
  STATUS.AUTH_CANCELLED,
  STATUS.AUTH_EXPIRED,
])

/** What the sweeps need of the run they are part of (run.ts). */
export interface SweepRun {
  readonly container: MedusaContainer
  readonly service: PaygentModuleService
  readonly paymentModule: IPaymentModuleService
  readonly options: ResolvedSyncOptions
  readonly now: Date
  readonly signal?: AbortSignal
  readonly summary: SyncSummary
  readonly client: PaygentClient
  readonly providerIds: string[]
  record(stage: string, error: unknown): void
  /** A status learnt by 094: stored and applied like a notice, counted on the run. */
  handle(record: ReportedStatus, via: "inquiry"): Promise<void>
  siteParams(): { site_id?: string }
}

/**
 * The sync run's sweeps over payments Paygent may have changed without us hearing (a purge, lost ids, deadlines):
 * konbini / ATM / net-bank payments past their deadline or after a purge (094), card authorizations near their
 * capture deadline (alert), sessions stuck in 決済処理中 (listed; cancelled if configured).
 */
export class PaymentSweeps {
  constructor(private readonly run: SweepRun) {}

  /** Sessions waiting for a konbini / ATM / net-bank payment: asked about when past their deadline, or all after a purge. */
  async sweepOpenPayments(): Promise<void> {
    const everything = this.run.summary.purged || this.run.summary.lost.length > 0
    if (everything) {
      await this.run.service.raiseAlerts([
          {
            kind: this.run.summary.purged ? "notices_purged" : "notices_lost",
            severity: "warning",
            dedupe_key: `notices_missing:${this.run.summary.run_id}`,
            message: {
              ja: `Paygent の差分通知の一部が取得できませんでした（${this.run.summary.purged ? "保存期間切れ" : `ID ${this.run.summary.lost.join(", ")}`}）。未決済の決済を決済情報照会（094）で照合しました。`,
              en: `Some Paygent notices could not be fetched (${this.run.summary.purged ? "purged by Paygent" : `ids ${this.run.summary.lost.join(", ")}`}). Open payments were reconciled with the payment inquiry (094).`,
            },
          },
        ],
        { data: { run_id: this.run.summary.run_id, lost: this.run.summary.lost } }
      )
    }
    const asyncProviders = this.run.providerIds.filter((id) => paymentTypeOfProvider(id) !== PAYMENT_TYPE.CARD)
    if (asyncProviders.length) {
      const sessions = await this.run.paymentModule.listPaymentSessions(
        medusaFilter({ provider_id: asyncProviders, status: "pending_authorization" }),
        { take: 1000 }
      )
      for (const session of sessions) {
        const state = stateOf(session.data)
        if (!state || this.run.signal?.aborted) {
          continue
        }
        const pastDeadline = this.pastDeadline(state)
        if (pastDeadline) {
          this.run.summary.expired_checked++
        }
        if (everything || pastDeadline) {
          await this.reconcile(session.provider_id, state, pastDeadline)
        }
      }
    }
    if (everything) {
      // Paid (速報 43) or authorized payments may have moved on too.
      const payments = await this.openPayments()
      for (const payment of payments) {
        const state = stateOf(payment.data as Record<string, unknown>)
        if (state?.payment_id && !SETTLED.has(state.payment_status ?? "")) {
          await this.reconcile(payment.provider_id, state, false)
        }
      }
    }
  }

  async openPayments(): Promise<PaymentDTO[]> {
    if (!this.run.providerIds.length) {
      return []
    }
    return this.run.paymentModule.listPayments(medusaFilter({ provider_id: this.run.providerIds, canceled_at: null }), { take: 1000 })
  }

  /** When Paygent's deadline (plus the batch's grace) has passed for a konbini / ATM / net-bank payment. */
  pastDeadline(state: PaygentState): boolean {
    const instructions = state.instructions
    const grace = this.run.options.expiryGraceHours * 60 * 60 * 1000
    let deadline: Date | undefined
    if (instructions?.kind === "konbini" || instructions?.kind === "payeasy") {
      deadline = endOfJstDay(instructions.payment_limit_date)
    } else if (instructions?.kind === "banknet" && instructions.asp_payment_limit_date) {
      const parsed = new Date(instructions.asp_payment_limit_date)
      deadline = Number.isNaN(parsed.getTime()) ? undefined : parsed
    }
    return !!deadline && this.run.now.getTime() > deadline.getTime() + grace
  }

  /** 094 for one payment; a status different from ours is applied like a notice. */
  async reconcile(providerId: string, state: PaygentState, pastDeadline: boolean): Promise<void> {
    const type = paymentTypeOfProvider(providerId)!
    let answer: Record<string, string | undefined> | undefined
    try {
      answer = (await this.run.client.paymentInquiry(
        state.payment_id
          ? { payment_id: state.payment_id, ...this.run.siteParams() }
          : { trading_id: state.trading_id, payment_type: type, ...this.run.siteParams() }
      )) as unknown as Record<string, string | undefined>
    } catch (error) {
      if (isPaygentError(error) && error.response_code === "13001" && type === PAYMENT_TYPE.BANK_NET && !state.payment_id) {
        if (!pastDeadline) {
          return // No bank chosen yet: nothing at Paygent to compare.
        }
        // Net bank, no bank ever chosen, and the payment deadline is over: nothing can arrive any more.
        answer = { payment_id: "", trading_id: state.trading_id, payment_type: PAYMENT_TYPE.BANK_NET, payment_status: STATUS.ABORTED, payment_amount: String(state.amount) }
      } else {
        this.run.record(`094 ${state.payment_id ?? state.trading_id}`, error)
        return
      }
    }
    if (!answer?.payment_status || !answer.trading_id) {
      return
    }
    let status = answer.payment_status
    if (type === PAYMENT_TYPE.BANK_NET && pastDeadline && status === STATUS.APPLIED) {
      // Past the net-bank payment deadline and still unpaid: abandoned (Paygent's 15 may come later).
      status = STATUS.ABORTED
    }
    if (status === (state.payment_status ?? STATUS.APPLIED)) {
      return
    }
    const record: ReportedStatus = {
      payment_id: answer.payment_id ?? "",
      trading_id: answer.trading_id,
      payment_type: answer.payment_type ?? type,
      payment_status: status,
      payment_amount: answer.payment_amount ?? String(state.amount),
      ...(answer.payment_date ? { payment_date: answer.payment_date } : {}),
      ...(answer.user_payment_date ? { user_payment_date: answer.user_payment_date } : {}),
    }
    this.run.summary.reconciled++
    await this.run.handle(record, "inquiry")
  }

  /** Card authorizations whose capture deadline is near: one alert per payment. */
  async flagCaptureDeadlines(): Promise<void> {
    const cards = this.run.providerIds.filter((id) => paymentTypeOfProvider(id) === PAYMENT_TYPE.CARD)
    if (!cards.length) {
      return
    }
    const payments = await this.run.paymentModule.listPayments(medusaFilter({ provider_id: cards, captured_at: null, canceled_at: null }), {
      take: 1000,
    })
    const warnMs = this.run.options.captureDeadlineWarningDays * DAY_MS
    for (const payment of payments) {
      const state = stateOf(payment.data as Record<string, unknown>)
      if (!state || state.payment_status !== STATUS.AUTHORIZED) {
        continue
      }
      const deadline = captureDeadline(state)
      if (!deadline || this.run.now.getTime() < deadline.getTime() - warnMs) {
        continue
      }
      const day = deadline.toISOString().slice(0, 10)
      await this.run.service.raiseAlerts([
          {
            kind: "capture_deadline_near",
            severity: "warning",
            dedupe_key: `capture_deadline_near:${payment.id}`,
            message: {
              ja: `カードのオーソリ（決済ID ${state.payment_id}）は ${day} に期限切れになります。それまでに売上にしてください。`,
              en: `The card authorization (payment_id ${state.payment_id}) expires on ${day}. Capture it before then.`,
            },
          },
        ],
        { medusa_payment_id: payment.id, paygent_payment_id: state.payment_id, trading_id: state.trading_id, data: { deadline: deadline.toISOString() } }
      )
    }
  }

  async sweepStaleSessions(): Promise<void> {
    const stale = await listStaleSessions(this.run.container, { now: this.run.now, olderThanMinutes: this.run.options.staleSessionMinutes })
    this.run.summary.stale = stale
    if (!this.run.options.cancelStaleSessions) {
      return
    }
    for (const session of stale) {
      await this.cancelStale(session).catch((error) => this.run.record(`stale ${session.session_id}`, error))
    }
  }

  /**
   * A stale session of an order (net bank whose screen was never used) goes through the notice workflow as
   * abandoned, which cancels the order and releases its reservations; a cart's session is deleted.
   */
  async cancelStale(session: StaleSession): Promise<void> {
    if (session.order_id && session.reason === "bank_screen_not_used" && session.trading_id) {
      await this.run.handle(
        { payment_id: "", trading_id: session.trading_id, payment_type: PAYMENT_TYPE.BANK_NET, payment_status: STATUS.ABORTED, payment_amount: String(session.amount) },
        "inquiry"
      )
      return
    }
    if (!session.order_id) {
      await this.run.paymentModule.deletePaymentSession(session.session_id)
    }
  }
}
