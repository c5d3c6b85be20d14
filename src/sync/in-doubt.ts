import type { IPaymentModuleService, Logger, MedusaContainer, PaymentDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { PaygentClient } from "../paygent/client"
import type PaygentModuleService from "../modules/paygent/service"
import { withLedgerContext } from "../modules/paygent/ledger-registry"
import { isPaygentError } from "../providers/paygent/core/errors"
import { stateOf, type PaygentState } from "../providers/paygent/core/session-data"
import { sessionOfTradingId } from "../modules/paygent/trading-id"
import { capturePaygentPaymentWorkflow } from "../workflows/capture-paygent-payment"
import { aloneUnderTradingId } from "../providers/paygent/core/operations/change-recovery"
import { PAYMENT_TYPE, STATUS } from "../paygent/statuses"
import {
  backlogAlert,
  changeUnresolvedAlert,
  DoubtSubject,
  followUpAlert,
  paidUnusedAlert,
  unresolvedAlert,
  unresolvedKey,
  unusedNumberAlert,
  voidedAlert,
  voidFailedAlert,
} from "./in-doubt-messages"
import { CHECKOUT_DOUBT_KINDS, DOUBT_KINDS, DoubtResolution, PAYMENT_TYPE_OF_KIND, planCheckoutDoubt, planFollowUpDoubt } from "./in-doubt-plan"
import { TELEGRAM_KIND } from "../paygent/telegram-kinds"


/**
 * Telegrams in doubt (docs/operations/in-doubt.md, docs/architecture.md "Telegrams in doubt"): the ledger row of a
 * money-moving telegram is written before it is sent and completed after, so a row still `pending` or
 * `unknown_outcome` is one whose outcome nobody learnt. The provider asks 094 at once; when that fails too, the row
 * is what remains. Each sync run asks Paygent (094) about every such row not settled yet and settles it:
 * - checkout (020 / 030 / 010): Paygent has nothing → not applied; a Medusa payment or order holds it → adopted; a
 *   card authorization no order took → voided (021, or 023 when captured at once) + alert; konbini / ATM numbers no
 *   order took → closed here (Paygent cannot withdraw them) + alert, and a payment on them later is owed back;
 * - 022: Medusa's capture of the payment runs (the provider sends the capture at most once, or records Paygent's);
 * - 021 / 023 / 028 / 029: Medusa is left as it is and the merchant is told what Paygent did.
 * A row 094 cannot settle raises a critical alert in the same run (resolved once it is settled), so nothing stays
 * in doubt past a sync run without the merchant knowing.
 */

/** A row still `pending` this long after it was sent was cut short (its process died): it is in doubt too. */
export const PENDING_GRACE_MS = 10 * 60_000
/** Rows settled per run, oldest first; more than this raises one alert and the rest wait for the next run. */
export const MAX_DOUBTS_PER_RUN = 200
/** Amount changes: Paygent makes a new payment under the same trading_id before it cancels the old one. */
const CHANGE_KINDS: readonly string[] = [TELEGRAM_KIND.AUTH_CHANGE, TELEGRAM_KIND.SALES_CHANGE]
/** How long the sweep waits for a checkout of the same cart (Medusa's completion holds the cart's lock). */
const CART_LOCK_TIMEOUT_S = 15

interface DoubtRow {
  id: string
  telegram_kind: string
  outcome: string
  trading_id: string | null
  paygent_payment_id: string | null
  payment_session_id: string | null
  medusa_payment_id: string | null
  order_id: string | null
  amount: number | null
  request: Record<string, string> | null
  started_at: Date | string
}

export interface DoubtSweepResult {
  settled: number
  open: number
}

interface SessionView {
  id: string
  status: string
  deleted: boolean
  provider_id: string
  payment_collection_id: string
  state?: PaygentState
  payment?: { id: string; state?: PaygentState; captured_at?: unknown; canceled_at?: unknown }
}

export class InDoubtSweep {
  private readonly payments: IPaymentModuleService
  private readonly logger: Logger

  constructor(
    private readonly container: MedusaContainer,
    private readonly service: PaygentModuleService,
    private readonly client: PaygentClient,
    private readonly options: { now: Date; siteId?: string; signal?: AbortSignal }
  ) {
    this.payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    this.logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  }

  async run(): Promise<DoubtSweepResult> {
    const found = await this.rowsInDoubt()
    const rows = found.slice(0, MAX_DOUBTS_PER_RUN)
    if (found.length > rows.length) {
      await this.service.raiseAlerts([backlogAlert(MAX_DOUBTS_PER_RUN, this.options.now)], { data: { checked: rows.length } })
    }
    const result = { settled: 0, open: 0 }
    for (const row of rows) {
      if (this.options.signal?.aborted) {
        break
      }
      let settled = false
      try {
        settled = await this.settle(row)
      } catch (error) {
        await this.stillInDoubt(row, (error as Error).message)
      }
      result[settled ? "settled" : "open"]++
    }
    return result
  }

  private async rowsInDoubt(): Promise<DoubtRow[]> {
    const rows = (await this.service.listPaygentTelegrams(
      { telegram_kind: [...DOUBT_KINDS], outcome: ["pending", "unknown_outcome"], doubt_resolved_at: null, source: { $ne: "doctor" } },
      { order: { started_at: "ASC" }, take: MAX_DOUBTS_PER_RUN + 1 }
    )) as unknown as DoubtRow[]
    const cutoff = this.options.now.getTime() - PENDING_GRACE_MS
    // A pending row may be a telegram on its way right now; only an old one was cut short.
    return rows.filter((row) => row.outcome !== "pending" || new Date(row.started_at).getTime() < cutoff)
  }

  private subject(row: DoubtRow, paymentId?: string | null): DoubtSubject {
    return {
      row_id: row.id,
      kind: row.telegram_kind,
      trading_id: row.trading_id,
      payment_id: paymentId ?? row.paygent_payment_id ?? row.request?.payment_id ?? null,
      amount: row.amount,
    }
  }

  private site(): { site_id?: string } {
    return this.options.siteId ? { site_id: this.options.siteId } : {}
  }

  /** 094; undefined when Paygent has no such payment. Any other failure is thrown (the row stays in doubt). */
  private async inquire(request: { payment_id?: string; trading_id?: string; payment_type?: string }) {
    try {
      return (await this.client.paymentInquiry({ ...request, ...this.site() })) as unknown as Record<string, string | undefined>
    } catch (error) {
      if (isPaygentError(error) && error.class === "not_found") {
        return undefined
      }
      throw new Error(`094: ${isPaygentError(error) ? `${error.class} ${error.response_code ?? ""}`.trim() : (error as Error).message}`)
    }
  }

  /** 094 by trading_id for a card payment; Paygent's refusal (13002: several payments) is thrown as it is. */
  private async inquireCardByTradingId(tradingId: string | null | undefined, row: DoubtRow): Promise<Record<string, string | undefined>> {
    if (!tradingId) {
      throw new Error(`no trading_id known for the ${row.telegram_kind} of ${row.request?.payment_id ?? row.paygent_payment_id ?? row.id}`)
    }
    const found = await this.client.paymentInquiry({ trading_id: tradingId, payment_type: PAYMENT_TYPE.CARD, ...this.site() })
    return found as unknown as Record<string, string | undefined>
  }

  private async settle(row: DoubtRow): Promise<boolean> {
    return (CHECKOUT_DOUBT_KINDS as readonly string[]).includes(row.telegram_kind) ? this.settleCheckout(row) : this.settleFollowUp(row)
  }

  // ---- checkout attempts ----

  private async settleCheckout(row: DoubtRow): Promise<boolean> {
    if (!row.trading_id) {
      return this.resolve(row, "not_applied")
    }
    const found = await this.inquire({ trading_id: row.trading_id, payment_type: PAYMENT_TYPE_OF_KIND[row.telegram_kind] })
    const status = found?.payment_status
    const paymentId = found?.payment_id
    const sessionId = row.payment_session_id ?? sessionOfTradingId(row.trading_id)?.sessionId ?? null
    const first = planCheckoutDoubt(row.telegram_kind, status, await this.held(row.telegram_kind, sessionId, paymentId))
    if ("settle" in first) {
      return this.resolve(row, first.settle)
    }
    // Closing what no order took races with a completion of the same cart: Medusa's holds the cart's lock.
    const session = await this.session(sessionId)
    const cartId = session ? await this.cartOf(session.payment_collection_id) : undefined
    const act = async (): Promise<boolean> => {
      const step = planCheckoutDoubt(row.telegram_kind, status, await this.held(row.telegram_kind, sessionId, paymentId))
      const subject = { ...this.subject(row, paymentId), amount: Number(found?.payment_amount ?? row.amount ?? 0) }
      if ("settle" in step) {
        return this.resolve(row, step.settle)
      }
      if ("void" in step) {
        return this.voidOrphan(row, subject, step.void, sessionId)
      }
      const target = this.target(row, paymentId, sessionId)
      if ("close" in step) {
        // Paygent has no telegram to withdraw numbers: closed here, never adopted by a later try of the session
        // (the provider reads this resolution), and a payment on them is owed back (src/notices/plan.ts).
        await this.service.raiseAlerts([unusedNumberAlert(subject)], target)
        return this.resolve(row, step.then)
      }
      await this.service.recordManualRefund({
        paygent_payment_id: paymentId ?? null,
        trading_id: row.trading_id,
        method: row.telegram_kind === TELEGRAM_KIND.KONBINI_APPLY ? "konbini" : "payeasy",
        amount: subject.amount ?? 0,
        reason: "paid_unused_attempt",
        reference: `paid_unused_attempt:${paymentId}`,
        note: "Paid on a number whose application was in doubt and that no order uses.",
        created_by: "paygent-sync",
      })
      await this.service.raiseAlerts([paidUnusedAlert(subject)], target)
      return this.resolve(row, step.then)
    }
    if (!cartId) {
      return act()
    }
    return this.container.resolve(Modules.LOCKING).execute(cartId, act, { timeout: CART_LOCK_TIMEOUT_S })
  }

  private async voidOrphan(row: DoubtRow, subject: DoubtSubject, telegram: "021" | "023", sessionId: string | null): Promise<boolean> {
    const paymentId = subject.payment_id!
    try {
      await withLedgerContext({ payment_session_id: sessionId }, () =>
        telegram === TELEGRAM_KIND.AUTH_CANCEL
          ? this.client.cardCancelAuthorization({ payment_id: paymentId, ...this.site() })
          : this.client.cardCancelSales({ payment_id: paymentId, ...this.site() })
      )
    } catch (error) {
      const detail = isPaygentError(error) ? `${telegram} ${error.class} ${error.response_code ?? ""}`.trim() : (error as Error).message
      await this.service.raiseAlerts([voidFailedAlert(subject, detail)], this.target(row, paymentId, sessionId))
      await this.stillInDoubt(row, detail, paymentId)
      return false
    }
    this.logger.warn(`Paygent: authorization ${paymentId} (trading_id ${row.trading_id}) was in doubt and no order took it: cancelled with ${telegram}`)
    await this.service.raiseAlerts([voidedAlert(subject, telegram)], this.target(row, paymentId, sessionId))
    return this.resolve(row, "voided")
  }

  /**
   * Whether Medusa holds Paygent's payment: a card payment made from the attempt's session, or (konbini / ATM) the
   * session that took the numbers for its order. A deleted session holds nothing.
   */
  private async held(kind: string, sessionId: string | null, paymentId: string | undefined): Promise<boolean> {
    const session = await this.session(sessionId)
    if (!session || session.deleted || !paymentId) {
      return false
    }
    const holds = (state?: PaygentState) => !!state && (state.payment_id === paymentId || (state.previous_payment_ids ?? []).includes(paymentId))
    if (kind === TELEGRAM_KIND.CARD_AUTHORIZE) {
      return holds(session.payment?.state)
    }
    return holds(session.state) && ["pending_authorization", "authorized", "captured"].includes(session.status)
  }

  private async session(sessionId: string | null): Promise<SessionView | undefined> {
    if (!sessionId) {
      return undefined
    }
    const [session] = (await this.payments.listPaymentSessions({ id: sessionId }, {
      relations: ["payment"],
      withDeleted: true,
      take: 1,
    })) as Array<Record<string, any>>
    if (!session) {
      return undefined
    }
    const payment = session.payment && !session.payment.deleted_at ? session.payment : undefined
    return {
      id: session.id,
      status: session.status,
      deleted: !!session.deleted_at,
      provider_id: session.provider_id,
      payment_collection_id: session.payment_collection_id,
      state: stateOf(session.data),
      payment: payment
        ? { id: payment.id, state: stateOf(payment.data), captured_at: payment.captured_at, canceled_at: payment.canceled_at }
        : undefined,
    }
  }

  private async cartOf(collectionId: string): Promise<string | undefined> {
    const query = this.container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "cart_payment_collection",
      fields: ["cart_id"],
      filters: { payment_collection_id: collectionId },
    })
    return (data[0] as { cart_id?: string } | undefined)?.cart_id
  }

  // ---- merchant operations ----

  private async settleFollowUp(row: DoubtRow): Promise<boolean> {
    const paymentId = row.request?.payment_id ?? row.paygent_payment_id
    if (!paymentId) {
      return this.resolve(row, "not_applied")
    }
    const found = await this.inquire({ payment_id: paymentId })
    const status = found?.payment_status ?? ""
    const payment = await this.medusaPayment(row)
    const state = stateOf(payment?.data as Record<string, unknown> | undefined)
    const step = planFollowUpDoubt(row.telegram_kind, status, {
      captured: !!payment?.captured_at,
      canceled: !!payment?.canceled_at,
      reflected: this.reflected(row.telegram_kind, paymentId, payment, state),
    })
    const target = this.target(row, paymentId, row.payment_session_id, payment?.id)
    const oldLive = status === STATUS.AUTHORIZED || status === STATUS.CLEARED
    if (CHANGE_KINDS.includes(row.telegram_kind) && oldLive && "settle" in step && step.settle === "not_applied") {
      // The old payment looks unchanged, but a 028 / 029 creates its new payment before it cancels the old one, so
      // that alone does not prove nothing was created (change-recovery.ts). Only the trading_id answering with the old
      // payment alone does; otherwise the row stays open until the merchant has checked Paygent's console.
      // The ledger row of a follow-up names the payment only; the trading_id comes from Medusa's payment.
      const tradingId = row.trading_id ?? state?.trading_id ?? null
      const verdict = await aloneUnderTradingId(paymentId, () => this.inquireCardByTradingId(tradingId, row))
      if (verdict.state === "unknown") {
        if (verdict.reason === "inquiry_failed") {
          throw new Error("094 by trading_id failed")
        }
        await this.service.raiseAlerts([changeUnresolvedAlert({ ...this.subject(row, paymentId), trading_id: tradingId })], {
          ...target,
          trading_id: tradingId,
        })
        return false
      }
    }
    if ("capture" in step) {
      if (!payment) {
        throw new Error("no Medusa payment for this capture")
      }
      // The merchant asked for this capture; the provider sees the row in doubt, asks 094, and sends 022 only if
      // Paygent never applied it.
      await withLedgerContext({ medusa_payment_id: payment.id, order_id: row.order_id }, () =>
        capturePaygentPaymentWorkflow(this.container).run({ input: { payment_id: payment.id, captured_by: "paygent-sync" } })
      )
      return this.resolve(row, "captured")
    }
    if (step.alert) {
      await this.service.raiseAlerts([followUpAlert(this.subject(row, paymentId), step.alert, status || "-")], target)
    }
    return this.resolve(row, step.settle)
  }

  /** Whether Medusa's payment already shows what the operation would have done. */
  private reflected(kind: string, paymentId: string, payment: PaymentDTO | undefined, state: PaygentState | undefined): boolean {
    if (!payment || !state) {
      return false
    }
    switch (kind) {
      // Medusa's own record decides: a notice may have brought Paygent's status into the data meanwhile.
      case TELEGRAM_KIND.AUTH_CANCEL:
        return !!payment.canceled_at
      case TELEGRAM_KIND.SALES_CANCEL:
        return !!payment.canceled_at || !!(payment as PaymentDTO & { refunds?: unknown[] }).refunds?.length
      case TELEGRAM_KIND.AUTH_CHANGE:
      case TELEGRAM_KIND.SALES_CHANGE:
        return state.payment_id !== paymentId || !!(state as { change_pending?: unknown }).change_pending
      default:
        return false
    }
  }

  private async medusaPayment(row: DoubtRow): Promise<PaymentDTO | undefined> {
    if (row.medusa_payment_id) {
      const [payment] = await this.payments.listPayments({ id: row.medusa_payment_id }, { relations: ["refunds"], take: 1 })
      if (payment) {
        return payment
      }
    }
    const session = await this.session(row.payment_session_id)
    if (!session?.payment) {
      return undefined
    }
    const [payment] = await this.payments.listPayments({ id: session.payment.id }, { relations: ["refunds"], take: 1 })
    return payment
  }

  // ---- bookkeeping ----

  private target(row: DoubtRow, paymentId?: string | null, sessionId?: string | null, medusaPaymentId?: string | null) {
    return {
      order_id: row.order_id,
      payment_session_id: sessionId ?? row.payment_session_id,
      medusa_payment_id: medusaPaymentId ?? row.medusa_payment_id,
      paygent_payment_id: paymentId ?? row.paygent_payment_id,
      trading_id: row.trading_id,
      data: { telegram_id: row.id, telegram_kind: row.telegram_kind },
    }
  }

  private async resolve(row: DoubtRow, resolution: DoubtResolution): Promise<boolean> {
    await this.service.settleDoubt(row.id, resolution)
    await this.service.resolveAlertByKey(unresolvedKey(row.id), "paygent-sync")
    this.logger.info(`Paygent: ${row.telegram_kind} ${row.trading_id ?? row.request?.payment_id ?? row.id} was in doubt: ${resolution}`)
    return true
  }

  private async stillInDoubt(row: DoubtRow, reason: string, paymentId?: string | null): Promise<void> {
    this.logger.warn(`Paygent: ${row.telegram_kind} ${row.trading_id ?? row.request?.payment_id ?? row.id} is still in doubt: ${reason}`)
    await this.service.raiseAlerts([unresolvedAlert(this.subject(row, paymentId), reason.slice(0, 200))], this.target(row, paymentId))
  }
}
