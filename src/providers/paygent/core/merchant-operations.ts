import type {
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  Logger,
  RefundPaymentInput,
  RefundPaymentOutput,
} from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { isCaptured, isCardClosed, isCardHolding, isPaid, type PaygentClient, STATUS, TELEGRAM_KIND } from "../../../paygent"
import {
  LedgerTelegram,
  ManualRefundReason,
  telegramLedger,
  withLedgerContext,
} from "../../../modules/paygent/ledger-registry"
import type { PaygentMethod } from "../types"
import { toYen, yenText } from "./amount"
import { Bilingual, bilingual, isPaygentError, PaygentErrorLike } from "./errors"
import type { ResolvedPaygentOptions } from "./options"
import { OPERATION_NAMES } from "./operation-names"
import { outcomePending } from "./outcome-pending"
import { paygentDateToIso, PaygentState, SessionData, stateOf } from "./session-data"

/**
 * The merchant's operations on a payment that already exists at Paygent — 売上 (capture, 022 / 029), 取消 (021 /
 * 023), 返金 (023 / 029) and 手動返金 (manual refund owed) — as the provider runs them for Medusa's capture, refund and
 * cancel. Rules, in this order, for every operation:
 *
 * 1. What is already known wins: `data.paygent` and the telegram ledger (a successful 022 for this payment_id means
 *    captured, whatever Medusa's copy of the data says). Nothing is sent twice.
 * 2. Transient refusals (2008, 9005, E002, P017, 2002 on follow-ups, not sent) are sent again after a short back-off,
 *    three tries in all.
 * 3. An unknown outcome (timeout, dropped connection) is followed by 094 before anything else; the truth is recorded,
 *    and a telegram Paygent never applied is sent once more. When 094 fails too, the operation answers "outcome
 *    pending" (outcome-pending.ts) and the telegram stays in doubt in the ledger until the sync job settles it.
 * 4. Past the sales-cancel deadline (2007 / status 41), and for paid konbini / ATM / net-bank payments (no refund
 *    telegram), Medusa's operation still succeeds and a manual refund owed is recorded in the ledger module.
 * 5. Anything else is thrown as a MedusaError with a Japanese / English explanation for the merchant.
 */

const TRIES = 3
const BACKOFF_MS = [250, 750]

/** What the operations need from the provider that runs them. */
export interface OperationsHost {
  client: PaygentClient
  logger: Logger
  options: ResolvedPaygentOptions
  /** The payment module's container (the provider's `this.container`). */
  container: () => Record<string, unknown>
  siteParams(): { site_id?: string }
}

type Items = Record<string, string | undefined>

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Brands an acquirer code leaves no doubt about (docs/protocol.md §4.1): JCB, Diners, AMEX process their own cards. */
const BRAND_BY_ACQUIRER: Record<string, string> = { "99661": "JCB", "99660": "DINERS", "99819": "AMEX" }

/** The card brand as far as it is known: from the 3-D Secure answer, else from an unambiguous acquirer. */
export function cardBrandOf(threeDsBrand: string | undefined, acqId: string | undefined): string | undefined {
  if (threeDsBrand) {
    return threeDsBrand.toUpperCase()
  }
  return acqId ? BRAND_BY_ACQUIRER[acqId] : undefined
}

/**
 * A telegram Paygent applied: answered with success, or found applied afterwards by the sync job's 094 (its answer was
 * lost; src/sync/in-doubt.ts). Such a telegram is never sent again.
 */
function wentThrough(row: LedgerTelegram): boolean {
  return row.outcome === "success" || row.doubt_resolution === "applied" || row.doubt_resolution === "captured"
}

function now(): string {
  return new Date().toISOString()
}

function notAllowed(message: Bilingual): MedusaError {
  return new MedusaError(MedusaError.Types.NOT_ALLOWED, bilingual(message))
}

/** A customer's name as Paygent has it on the payment (konbini / ATM names), when the session carries one. */
function customerNameOf(data: SessionData): string | null {
  const family = typeof data.customer_family_name === "string" ? data.customer_family_name : ""
  const given = typeof data.customer_name === "string" ? data.customer_name : ""
  const name = `${family} ${given}`.trim()
  if (name) {
    return name
  }
  return typeof data.cardholder_name === "string" && data.cardholder_name ? data.cardholder_name : null
}

export class PaygentOperations {
  constructor(private readonly host: OperationsHost) {}

  // ---------------------------------------------------------------------------------------------------------------
  // Card: capture (売上)

  async captureCard({ data, context }: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const input = (data ?? {}) as SessionData
    const first = this.requireCard(input)
    if (first.zero_amount) {
      return { data: input }
    }
    // Medusa's capture id: its amount says whether this is a full (022) or a partial (029) capture.
    const capture = await this.readRow("captureService", context?.idempotency_key)
    return withLedgerContext({ medusa_payment_id: capture?.payment_id, payment_session_id: input.session_id }, async () => {
      let state = first
      if (isCaptured(state.payment_status)) {
        if (capture && (await this.hasOtherCaptures(capture))) {
          throw this.secondCapture(state)
        }
        // Captured at Paygent already: Medusa asking again about a captured payment, or recording a capture whose
        // first record was lost. Either way nothing is sent.
        return { data: input }
      }
      if (state.payment_status === STATUS.AUTH_EXPIRED) {
        throw this.authorizationExpired(state)
      }
      if (isCardClosed(state.payment_status)) {
        throw this.closed(state)
      }
      const rows = await this.ledgerRows(state, ["022", "029"])
      const known = this.capturedPerLedger(input, state, rows)
      if (known) {
        return { data: known }
      }
      if (this.doubtful(rows)) {
        // An earlier capture of this payment never got its answer (another request, another server): ask first.
        const truth = this.withInquiry(state, await this.inquireInDoubt("022", state))
        if (isCaptured(truth.payment_status)) {
          return { data: this.captured(input, truth, truth.amount, "094") }
        }
        if (truth.payment_status === STATUS.AUTH_EXPIRED) {
          throw this.authorizationExpired(truth)
        }
        if (truth.payment_status !== STATUS.AUTHORIZED) {
          throw this.doubtful(rows, "029") ? this.changeOutcomeUnknown(state) : this.closed(truth)
        }
        state = truth
      }
      const amount = capture ? capture.amount : state.amount
      if (amount > state.amount) {
        throw notAllowed({
          ja: `売上金額（${yenText(amount).ja}）がペイジェントのオーソリ金額（${yenText(state.amount).ja}）を超えています。`,
          en: `The capture (${yenText(amount).en}) is larger than the authorization at Paygent (${yenText(state.amount).en}).`,
        })
      }
      return amount < state.amount ? this.captureChange(input, state, amount) : this.fullCapture(input, state)
    })
  }

  /** Has Medusa recorded a capture of this payment before this one (the first one went through)? */
  private async hasOtherCaptures(capture: { id: string; payment_id?: string }): Promise<boolean> {
    if (!capture.payment_id) {
      return false
    }
    const service = this.service("captureService")
    if (typeof service?.list !== "function") {
      return false
    }
    const rows = (await service.list({ payment_id: capture.payment_id })) as Array<{ id: string }>
    return rows.some((row) => row.id !== capture.id)
  }

  private secondCapture(state: PaygentState): MedusaError {
    const captured = yenText(state.captured_amount ?? state.amount)
    return notAllowed({
      ja:
        `ペイジェントでは1件の決済につき売上は1回だけです。この決済は既に${captured.ja}を売上済みで、残りのオーソリは` +
        "最初の売上（補正売上 029）で取り消されています。追加で請求する場合は、新しい決済でお支払いいただいてください。",
      en:
        `Paygent captures a payment only once. This payment was already captured for ${captured.en}, and the rest of ` +
        "the authorization was released by that first (partial) capture (sales change 029). To charge more, take a new payment.",
    })
  }

  /** The ledger remembers a successful 022 / 029 for this payment_id that the payment's data does not show yet. */
  private capturedPerLedger(data: SessionData, state: PaygentState, all: LedgerTelegram[]): SessionData | undefined {
    const rows = all.filter(wentThrough)
    if (rows.some((row) => row.telegram_kind === TELEGRAM_KIND.CAPTURE)) {
      this.host.logger.info(`Paygent: payment ${state.payment_id} was already captured (ledger); 022 not sent again`)
      return this.captured(data, state, state.amount, "022")
    }
    const change = rows.find((row) => row.telegram_kind === TELEGRAM_KIND.SALES_CHANGE && row.response?.payment_id)
    if (change) {
      const amount = Number(change.response!.reduced_amount ?? change.request?.payment_amount ?? state.amount)
      return this.changed(data, state, change.response!.payment_id!, amount, "capture")
    }
    return undefined
  }

  private async fullCapture(data: SessionData, state: PaygentState): Promise<CapturePaymentOutput> {
    for (let round = 1; ; round++) {
      try {
        await this.call("022", () => this.host.client.cardCapture({ payment_id: state.payment_id!, ...this.host.siteParams() }))
        return { data: this.captured(data, state, state.amount, "022") }
      } catch (error) {
        if (!isPaygentError(error)) {
          throw error
        }
        if (error.class === "unknown_outcome" || error.class === "status_conflict") {
          const truth = await this.truthAfter("022", state, error)
          if (isCaptured(truth.payment_status)) {
            return { data: this.captured(data, this.withInquiry(state, truth), state.amount, "022") }
          }
          if (truth.payment_status === STATUS.AUTHORIZED && error.class === "unknown_outcome" && round === 1) {
            // Paygent never applied the capture: send it once more.
            continue
          }
          if (truth.payment_status === STATUS.AUTH_EXPIRED) {
            throw this.authorizationExpired(state)
          }
        }
        if (error.class === "expired") {
          throw this.authorizationExpired(state)
        }
        throw this.failure("022", error)
      }
    }
  }

  /** A partial capture: 補正売上 (029) re-authorizes the lower amount as a new payment, captures it, voids the old. */
  private async captureChange(data: SessionData, state: PaygentState, amount: number): Promise<CapturePaymentOutput> {
    for (let round = 1; ; round++) {
      try {
        const answer = await this.call("029", () =>
          this.host.client.cardChangeSales({
            payment_id: state.payment_id!,
            payment_amount: amount,
            reduction_flag: "0",
            ...this.host.siteParams(),
          })
        )
        const reply = answer as unknown as Items
        return { data: this.changed(data, state, reply.payment_id!, Number(reply.reduced_amount || amount), "capture") }
      } catch (error) {
        if (!isPaygentError(error)) {
          throw error
        }
        if (error.class === "partial_failure") {
          return { data: await this.settlePartialChange(data, state, error, amount, "capture") }
        }
        if (error.class === "unknown_outcome") {
          const truth = await this.truthAfter("029", state, error)
          if (truth.payment_status === STATUS.AUTHORIZED && round === 1) {
            continue
          }
          if (truth.payment_status === STATUS.AUTH_CANCELLED) {
            // The authorization was released by the change: Paygent captured `amount` under a new payment_id.
            return { data: this.changePending(data, state, amount, "capture") }
          }
          throw this.changeOutcomeUnknown(state)
        }
        if (error.class === "expired") {
          throw this.authorizationExpired(state)
        }
        throw this.failure("029", error)
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Card: refund (返金)

  async refundCard({ data, amount, context }: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const input = (data ?? {}) as SessionData
    const first = this.requireCard(input)
    const yen = toYen(amount)
    if (first.zero_amount) {
      return { data: input }
    }
    const refund = await this.readRow("refundService", context?.idempotency_key)
    const reference = refund?.id ?? context?.idempotency_key ?? null
    return withLedgerContext({ medusa_payment_id: refund?.payment_id, payment_session_id: input.session_id }, async () => {
      let state = first
      if (!isCaptured(state.payment_status) && !isCardClosed(state.payment_status)) {
        state = this.withInquiry(state, await this.inquire("023", state))
      }
      const owed = { amount: yen, medusaPaymentId: refund?.payment_id, reference }
      switch (state.payment_status) {
        case STATUS.CLEARED_NO_REFUND:
          return { data: await this.owe(input, state, { ...owed, reason: "sales_cancel_deadline_passed" }) }
        case STATUS.SALES_CANCELLED:
        case STATUS.AUTH_CANCELLED:
        case STATUS.AUTH_EXPIRED:
          // The money was already returned (or never taken): nothing to send, Medusa records its refund.
          this.host.logger.info(`Paygent: refund of ${state.payment_id} asked while Paygent has it in ${state.payment_status}; nothing sent`)
          return { data: { ...input, paygent: this.noted(state, "refund", undefined, "already_closed") } }
        case STATUS.CLEARED:
          break
        default:
          throw notAllowed({
            ja: `ペイジェントでこの決済はまだ売上になっていません（ステータス ${state.payment_status ?? "不明"}）。返金ではなく取消を行ってください。`,
            en: `Paygent has not captured this payment (status ${state.payment_status ?? "unknown"}): cancel it instead of refunding.`,
          })
      }
      const rows = await this.ledgerRows(state, ["023", "029"])
      const fromLedger = this.refundedPerLedger(input, state, yen, rows)
      if (fromLedger) {
        return { data: fromLedger }
      }
      if (this.doubtful(rows)) {
        // An earlier refund of this payment never got its answer: ask before sending anything.
        const truth = this.withInquiry(state, await this.inquireInDoubt("023", state))
        switch (truth.payment_status) {
          case STATUS.CLEARED:
            state = truth
            break
          case STATUS.CLEARED_NO_REFUND:
            return { data: await this.owe(input, truth, { ...owed, reason: "sales_cancel_deadline_passed" }) }
          case STATUS.SALES_CANCELLED:
            if (!this.doubtful(rows, "029")) {
              return { data: { ...input, paygent: this.closedState(truth, "60", state.amount, "023") } }
            }
          // falls through: a 029 moved the sale to a payment_id nobody knows
          default:
            throw this.changeOutcomeUnknown(state)
        }
      }
      if (yen > state.amount) {
        throw notAllowed({
          ja: `返金額（${yenText(yen).ja}）がペイジェントの売上金額（${yenText(state.amount).ja}）を超えています。`,
          en: `The refund (${yenText(yen).en}) is larger than what Paygent holds for this payment (${yenText(state.amount).en}).`,
        })
      }
      if (yen === state.amount) {
        return { data: await this.salesCancel(input, state, owed) }
      }
      return { data: await this.refundChange(input, state, yen, owed) }
    })
  }

  /** A 023 / 029 of this payment_id that the payment's data does not show (its answer was recorded, Medusa's was not). */
  private refundedPerLedger(data: SessionData, state: PaygentState, yen: number, all: LedgerTelegram[]): SessionData | undefined {
    const rows = all.filter(wentThrough)
    if (rows.some((row) => row.telegram_kind === TELEGRAM_KIND.SALES_CANCEL)) {
      return { ...data, paygent: this.closedState(state, "60", state.amount, "023") }
    }
    const change = rows.find((row) => row.telegram_kind === TELEGRAM_KIND.SALES_CHANGE && row.response?.payment_id)
    if (!change) {
      return undefined
    }
    const newAmount = Number(change.response!.reduced_amount ?? change.request?.payment_amount)
    if (newAmount === state.amount - yen) {
      return this.changed(data, state, change.response!.payment_id!, newAmount, "refund")
    }
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      bilingual({
        ja: `この決済は既に補正（029）されています（新しい決済ID ${change.response!.payment_id}）。「更新」で最新の状態を取得してから操作してください。`,
        en: `This payment was already changed at Paygent (029, new payment_id ${change.response!.payment_id}). Refresh it before trying again.`,
      })
    )
  }

  /** 023: returns the whole sale. Past the deadline (2007 / 41) a manual refund owed is recorded instead. */
  private async salesCancel(
    data: SessionData,
    state: PaygentState,
    owed: { amount: number; medusaPaymentId?: string; reference: string | null }
  ): Promise<SessionData> {
    for (let round = 1; ; round++) {
      try {
        await this.call("023", () => this.host.client.cardCancelSales({ payment_id: state.payment_id!, ...this.host.siteParams() }))
        return { ...data, paygent: this.closedState(state, "60", state.amount, "023") }
      } catch (error) {
        if (!isPaygentError(error)) {
          throw error
        }
        if (error.class === "expired") {
          return this.owe(data, state, { ...owed, reason: "sales_cancel_deadline_passed" })
        }
        if (error.class === "unknown_outcome" || error.class === "status_conflict") {
          const truth = await this.truthAfter("023", state, error)
          if (truth.payment_status === STATUS.SALES_CANCELLED) {
            return { ...data, paygent: this.closedState(this.withInquiry(state, truth), "60", state.amount, "023") }
          }
          if (truth.payment_status === STATUS.CLEARED_NO_REFUND) {
            return this.owe(data, this.withInquiry(state, truth), { ...owed, reason: "sales_cancel_deadline_passed" })
          }
          if (truth.payment_status === STATUS.CLEARED && error.class === "unknown_outcome" && round === 1) {
            continue
          }
        }
        throw this.failure("023", error)
      }
    }
  }

  /** A partial refund: 補正売上 (029) lowers the sale to what the customer keeps paying, as a new payment_id. */
  private async refundChange(
    data: SessionData,
    state: PaygentState,
    yen: number,
    owed: { amount: number; medusaPaymentId?: string; reference: string | null }
  ): Promise<SessionData> {
    const remaining = state.amount - yen
    for (let round = 1; ; round++) {
      try {
        const answer = await this.call("029", () =>
          this.host.client.cardChangeSales({
            payment_id: state.payment_id!,
            payment_amount: remaining,
            reduction_flag: "0",
            ...this.host.siteParams(),
          })
        )
        const reply = answer as unknown as Items
        return this.changed(data, state, reply.payment_id!, Number(reply.reduced_amount || remaining), "refund")
      } catch (error) {
        if (!isPaygentError(error)) {
          throw error
        }
        if (error.class === "expired") {
          return this.owe(data, state, { ...owed, reason: "sales_cancel_deadline_passed" })
        }
        if (error.class === "partial_failure") {
          return this.settlePartialChange(data, state, error, remaining, "refund")
        }
        if (error.class === "unknown_outcome") {
          const truth = await this.truthAfter("029", state, error)
          if (truth.payment_status === STATUS.CLEARED && round === 1) {
            continue
          }
          if (truth.payment_status === STATUS.CLEARED_NO_REFUND) {
            return this.owe(data, this.withInquiry(state, truth), { ...owed, reason: "sales_cancel_deadline_passed" })
          }
          if (truth.payment_status === STATUS.SALES_CANCELLED) {
            // The old sale was cancelled by the change: Paygent holds `remaining` under a new payment_id.
            return this.changePending(data, state, remaining, "refund")
          }
          throw this.changeOutcomeUnknown(state)
        }
        throw this.failure("029", error)
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Card: cancel (取消)

  /**
   * Medusa's cancel of a payment it has not captured (order cancel, collection cancel): 021 for an authorization,
   * 023 when Paygent holds a sale after all, a manual refund owed past the sales-cancel deadline.
   */
  async cancelCard({ data, context }: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const input = (data ?? {}) as SessionData
    const first = stateOf(input)
    if (!first?.payment_id || first.zero_amount) {
      return { data: input }
    }
    const medusaPaymentId = context?.idempotency_key?.startsWith("pay_") ? context.idempotency_key : undefined
    return withLedgerContext({ medusa_payment_id: medusaPaymentId, payment_session_id: input.session_id }, async () => {
      let state = first
      if (isCardClosed(state.payment_status)) {
        return { data: { ...input, paygent: { ...state, canceled_at: state.canceled_at ?? now() } } }
      }
      if (!isCardHolding(state.payment_status)) {
        state = this.withInquiry(state, await this.inquire("021", state))
      }
      const all = await this.ledgerRows(state, ["021", "023"])
      const rows = all.filter(wentThrough)
      if (rows.some((row) => row.telegram_kind === TELEGRAM_KIND.AUTH_CANCEL)) {
        return { data: { ...input, paygent: this.closedState(state, "32", 0, "021") } }
      }
      if (rows.some((row) => row.telegram_kind === TELEGRAM_KIND.SALES_CANCEL)) {
        return { data: { ...input, paygent: this.closedState(state, "60", state.amount, "023") } }
      }
      if (this.doubtful(all)) {
        // An earlier cancel of this payment never got its answer: Paygent's status decides what is left to do.
        state = this.withInquiry(state, await this.inquireInDoubt("021", state))
      }
      const owed = { amount: state.amount, medusaPaymentId, reference: medusaPaymentId ?? null }
      switch (state.payment_status) {
        case STATUS.AUTHORIZED:
          return { data: await this.voidAuthorization(input, state, owed) }
        case STATUS.CLEARED:
          return { data: await this.salesCancel(input, state, owed) }
        case STATUS.CLEARED_NO_REFUND:
          return { data: await this.owe(input, state, { ...owed, reason: "sales_cancel_deadline_passed" }) }
        default:
          if (isCardClosed(state.payment_status)) {
            return { data: { ...input, paygent: { ...state, canceled_at: state.canceled_at ?? now() } } }
          }
          throw notAllowed({
            ja: `ペイジェントの決済ステータス（${state.payment_status ?? "不明"}）では取消できません。`,
            en: `Paygent's status of this payment (${state.payment_status ?? "unknown"}) does not allow a cancel.`,
          })
      }
    })
  }

  private async voidAuthorization(
    data: SessionData,
    state: PaygentState,
    owed: { amount: number; medusaPaymentId?: string; reference: string | null }
  ): Promise<SessionData> {
    for (let round = 1; ; round++) {
      try {
        await this.call("021", () =>
          this.host.client.cardCancelAuthorization({ payment_id: state.payment_id!, ...this.host.siteParams() })
        )
        return { ...data, paygent: this.closedState(state, "32", 0, "021") }
      } catch (error) {
        if (!isPaygentError(error)) {
          throw error
        }
        if (error.class === "expired") {
          // 2007 on 021: the authorization has expired (33) — nothing is held any more.
          return { ...data, paygent: this.closedState(state, "33", 0, "021") }
        }
        if (error.class === "unknown_outcome" || error.class === "status_conflict") {
          const truth = await this.truthAfter("021", state, error)
          const status = truth.payment_status ?? ""
          if (status === STATUS.AUTH_CANCELLED || status === STATUS.AUTH_EXPIRED) {
            return { ...data, paygent: this.closedState(this.withInquiry(state, truth), status, 0, "021") }
          }
          if (status === STATUS.CLEARED) {
            return this.salesCancel(data, this.withInquiry(state, truth), owed)
          }
          if (status === STATUS.AUTHORIZED && error.class === "unknown_outcome" && round === 1) {
            continue
          }
        }
        throw this.failure("021", error)
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Konbini, ATM (Pay-easy), net bank: no refund telegram exists

  /** A refund of a paid konbini / ATM / net-bank payment: Medusa's refund completes, the money is owed by hand. */
  async refundWithoutApi({ data, amount, context }: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const input = (data ?? {}) as SessionData
    const first = stateOf(input)
    const yen = toYen(amount)
    if (!first || first.zero_amount) {
      return { data: input }
    }
    const refund = await this.readRow("refundService", context?.idempotency_key)
    return withLedgerContext({ medusa_payment_id: refund?.payment_id, payment_session_id: input.session_id }, async () => {
      let state = first
      if (!isPaid(state.payment_status) && state.payment_id) {
        state = this.withInquiry(state, await this.inquire("094", state))
      }
      if (!isPaid(state.payment_status)) {
        throw notAllowed({
          ja: `ペイジェントではこの決済はまだ入金されていません（ステータス ${state.payment_status ?? "不明"}）。返金するお金がありません。`,
          en: `Paygent has no payment for this order yet (status ${state.payment_status ?? "unknown"}), so there is nothing to refund.`,
        })
      }
      return {
        data: await this.owe(input, state, {
          amount: yen,
          reason: "no_api_refund",
          medusaPaymentId: refund?.payment_id,
          reference: refund?.id ?? context?.idempotency_key ?? null,
        }),
      }
    })
  }

  /**
   * Cancelling a konbini / ATM / net-bank payment: an unpaid application simply expires (Paygent has no telegram to
   * withdraw it); a paid one becomes a manual refund owed.
   */
  async cancelWithoutApi({ data, context }: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const input = (data ?? {}) as SessionData
    const first = stateOf(input)
    if (!first) {
      return { data: input }
    }
    const medusaPaymentId = context?.idempotency_key?.startsWith("pay_") ? context.idempotency_key : undefined
    return withLedgerContext({ medusa_payment_id: medusaPaymentId, payment_session_id: input.session_id }, async () => {
      let state = first
      if (state.payment_id && !isPaid(state.payment_status) && !first.zero_amount) {
        try {
          state = this.withInquiry(state, await this.inquire("094", state))
        } catch (error) {
          // Cancelling an unpaid application needs no telegram; the order must not stay open because 094 failed.
          this.host.logger.warn(`Paygent: could not ask about ${state.payment_id} while cancelling: ${(error as Error).message}`)
        }
      }
      if (isPaid(state.payment_status) && !state.manual_refunds?.length) {
        const owedData = await this.owe(input, state, {
          amount: state.amount,
          reason: "no_api_refund",
          medusaPaymentId,
          reference: medusaPaymentId ?? null,
        })
        return { data: { ...owedData, paygent: { ...stateOf(owedData)!, canceled_at: now() } } }
      }
      return { data: { ...input, paygent: { ...state, canceled_at: state.canceled_at ?? now() } } }
    })
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Shared pieces

  /** Sends a telegram; transient refusals are sent again after a short back-off (three tries in all). */
  async call<T>(kind: string, send: () => Promise<T>, retryUnknown = false): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await send()
      } catch (error) {
        const again =
          isPaygentError(error) &&
          (error.class === "retryable" || error.class === "not_sent" || (retryUnknown && error.class === "unknown_outcome"))
        if (!again || attempt >= TRIES) {
          throw error
        }
        this.host.logger.warn(
          `Paygent ${kind}: ${(error as PaygentErrorLike).response_code || (error as PaygentErrorLike).class}, sending again (${attempt + 1}/${TRIES})`
        )
        await sleep(BACKOFF_MS[attempt - 1] ?? 1000)
      }
    }
  }

  /** 094 for the payment (read-only, so a lost answer is simply asked again). */
  async inquire(forKind: string, state: PaygentState): Promise<Items> {
    try {
      const answer = await this.call(
        "094",
        () => this.host.client.paymentInquiry({ payment_id: state.payment_id!, ...this.host.siteParams() }),
        true
      )
      return answer as unknown as Items
    } catch (error) {
      throw this.failure("094", error, forKind)
    }
  }

  /**
   * After an unknown outcome or a status conflict: what Paygent really did (094). When the inquiry fails too, the
   * telegram stays in doubt in the ledger and the sync job settles it (src/sync/in-doubt.ts); the merchant is told
   * so (outcome pending, a 409), not given a server error.
   */
  private async truthAfter(kind: string, state: PaygentState, original: PaygentErrorLike): Promise<Items> {
    try {
      return await this.inquire(kind, state)
    } catch (error) {
      this.host.logger.error(
        `Paygent ${kind} for ${state.payment_id}: ${original.class}, and the inquiry (094) failed too: ${(error as Error).message}; the sync job settles it`
      )
      throw outcomePending(kind, state.payment_id)
    }
  }

  /** 094 before an operation, because an earlier telegram of it is still in doubt: unanswered, it stays pending. */
  private async inquireInDoubt(kind: string, state: PaygentState): Promise<Items> {
    try {
      return await this.inquire(kind, state)
    } catch (error) {
      this.host.logger.warn(`Paygent ${kind} for ${state.payment_id}: an earlier ${kind} is in doubt and 094 failed: ${(error as Error).message}`)
      throw outcomePending(kind, state.payment_id)
    }
  }

  /** The Paygent state with what 094 answered. */
  withInquiry(state: PaygentState, answer: Items): PaygentState {
    const amount = Number(answer.payment_amount)
    const authorizedAt = paygentDateToIso(answer.authorized_date)
    return {
      ...state,
      payment_status: answer.payment_status ?? state.payment_status,
      ...(Number.isFinite(amount) && answer.payment_amount ? { amount } : {}),
      ...(!state.authorized_at && authorizedAt ? { authorized_at: authorizedAt } : {}),
      inquired_at: now(),
    }
  }

  /** Telegrams of these kinds sent for the payment's current payment_id (any outcome), newest first. */
  private async ledgerRows(state: PaygentState, kinds: string[]): Promise<LedgerTelegram[]> {
    const ledger = telegramLedger()
    if (!ledger || !state.payment_id) {
      return []
    }
    try {
      const rows = await ledger.telegramsFor({
        paygent_payment_ids: [state.payment_id],
        trading_ids: state.trading_id ? [state.trading_id] : [],
        telegram_kinds: kinds,
        take: 100,
      })
      return rows.filter((row) => row.request?.payment_id === state.payment_id)
    } catch (error) {
      this.host.logger.warn(`Paygent: the ledger could not be read for ${state.payment_id}: ${(error as Error).message}`)
      return []
    }
  }

  /** Rows whose telegram may have been applied without anyone learning it (sent, no answer, not settled since). */
  private doubtful(rows: LedgerTelegram[], kind?: string): boolean {
    return rows.some(
      (row) =>
        (row.outcome === "pending" || row.outcome === "unknown_outcome") &&
        !row.doubt_resolution &&
        (!kind || row.telegram_kind === kind)
    )
  }

  private captured(data: SessionData, state: PaygentState, amount: number, kind: string): SessionData {
    const at = now()
    return {
      ...data,
      paygent: {
        ...state,
        payment_status: STATUS.CLEARED,
        amount,
        captured_amount: amount,
        captured_at: state.captured_at ?? at,
        last_operation: { operation: "capture", telegram_kind: kind, outcome: "success", at },
        last_error: null,
      },
    }
  }

  /** A 029 went through: the payment now lives under a new payment_id with the new amount. */
  private changed(
    data: SessionData,
    state: PaygentState,
    newPaymentId: string,
    newAmount: number,
    purpose: "capture" | "refund"
  ): SessionData {
    const at = now()
    const previous = [...(state.previous_payment_ids ?? []), state.payment_id!].filter(
      (id, index, all) => id && id !== newPaymentId && all.indexOf(id) === index
    )
    return {
      ...data,
      paygent: {
        ...state,
        payment_id: newPaymentId,
        previous_payment_ids: previous,
        payment_status: STATUS.CLEARED,
        amount: newAmount,
        ...(purpose === "capture"
          ? { captured_amount: newAmount, captured_at: state.captured_at ?? at }
          : { refunded_amount: (state.refunded_amount ?? 0) + (state.amount - newAmount) }),
        last_operation: { operation: purpose, telegram_kind: "029", outcome: "success", at },
        last_error: null,
      },
    }
  }

  private closedState(state: PaygentState, status: string, refunded: number, kind: string): PaygentState {
    const at = now()
    return {
      ...state,
      payment_status: status,
      canceled_at: state.canceled_at ?? at,
      ...(refunded > 0 ? { refunded_amount: (state.refunded_amount ?? 0) + refunded, amount: 0 } : {}),
      last_operation: { operation: kind === TELEGRAM_KIND.AUTH_CANCEL ? "cancel_authorization" : "cancel_sales", telegram_kind: kind, outcome: "success", at },
      last_error: null,
    }
  }

  private noted(state: PaygentState, operation: string, kind: string | undefined, outcome: string): PaygentState {
    return { ...state, last_operation: { operation, telegram_kind: kind, outcome, at: now() } }
  }

  /**
   * 2010–2012: the 029 created its new payment but a later part failed. The new payment is adopted (its id must
   * not be lost); what is left over (an old payment still held, a new one not captured) is finished here, and
   * whatever cannot be finished is put in front of the merchant as `attention`.
   */
  private async settlePartialChange(
    data: SessionData,
    state: PaygentState,
    error: PaygentErrorLike,
    amount: number,
    purpose: "capture" | "refund"
  ): Promise<SessionData> {
    const newPaymentId = error.fields?.payment_id || error.payment_id
    if (!newPaymentId) {
      throw this.failure("029", error)
    }
    const newAmount = Number(error.fields?.reduced_amount || amount)
    let adopted = this.changed(data, state, newPaymentId, newAmount, purpose)
    const problems: string[] = []
    if (error.response_code === "2011") {
      // The new payment was authorized but not captured.
      try {
        await this.call("022", () => this.host.client.cardCapture({ payment_id: newPaymentId, ...this.host.siteParams() }))
      } catch (captureError) {
        problems.push(`022 ${newPaymentId}: ${(captureError as Error).message}`)
        adopted = { ...adopted, paygent: { ...stateOf(adopted)!, payment_status: STATUS.AUTHORIZED } }
      }
    }
    const old = await this.inquire("029", state).catch(() => undefined)
    const oldStatus = old?.payment_status
    try {
      if (oldStatus === STATUS.AUTHORIZED) {
        await this.call("021", () => this.host.client.cardCancelAuthorization({ payment_id: state.payment_id!, ...this.host.siteParams() }))
      } else if (oldStatus === STATUS.CLEARED) {
        await this.call("023", () => this.host.client.cardCancelSales({ payment_id: state.payment_id!, ...this.host.siteParams() }))
      }
    } catch (cancelError) {
      problems.push(`${oldStatus === STATUS.AUTHORIZED ? "021" : "023"} ${state.payment_id}: ${(cancelError as Error).message}`)
    }
    if (!problems.length) {
      return adopted
    }
    this.host.logger.error(`Paygent 029 of ${state.payment_id} (${error.response_code}) left work undone: ${problems.join("; ")}`)
    return {
      ...adopted,
      paygent: {
        ...stateOf(adopted)!,
        attention: {
          message: {
            ja: `補正売上（029）で新しい決済 ${newPaymentId} は作成されましたが、続く処理に失敗しました（${problems.join("、")}）。ペイジェントの管理画面で元の決済 ${state.payment_id} と新しい決済を確認してください。`,
            en: `The sales change (029) created the new payment ${newPaymentId}, but what follows failed (${problems.join("; ")}). Check the old payment ${state.payment_id} and the new one in Paygent's console.`,
          },
          at: now(),
        },
      },
    }
  }

  /** Money Paygent cannot return: recorded as a manual refund owed; Medusa's operation still completes. */
  private async owe(
    data: SessionData,
    state: PaygentState,
    owed: { amount: number; reason: ManualRefundReason; medusaPaymentId?: string; reference: string | null }
  ): Promise<SessionData> {
    const record = {
      medusa_payment_id: owed.medusaPaymentId ?? null,
      paygent_payment_id: state.payment_id ?? null,
      trading_id: state.trading_id ?? null,
      method: state.method,
      amount: owed.amount,
      customer_email: typeof data.email === "string" ? data.email : null,
      customer_name: customerNameOf(data),
      reason: owed.reason,
      reference: owed.reference,
      note:
        owed.reason === "sales_cancel_deadline_passed"
          ? "Paygent refused the sales cancel: its deadline has passed (2007 / status 41). Refund the customer by bank transfer."
          : "Paygent has no refund telegram for this payment method. Refund the customer by bank transfer.",
    }
    let id: string | undefined
    const ledger = telegramLedger()
    if (ledger) {
      try {
        id = (await ledger.recordManualRefund(record)).id
      } catch (error) {
        this.host.logger.error(`Paygent: could not record the manual refund owed ${JSON.stringify(record)}: ${(error as Error).message}`)
      }
    } else {
      this.host.logger.error(`Paygent: manual refund owed, but the paygent module is not loaded: ${JSON.stringify(record)}`)
    }
    const at = now()
    return {
      ...data,
      paygent: {
        ...state,
        payment_status: owed.reason === "sales_cancel_deadline_passed" ? STATUS.CLEARED_NO_REFUND : state.payment_status,
        refunded_amount: (state.refunded_amount ?? 0) + owed.amount,
        manual_refunds: [...(state.manual_refunds ?? []), { id, amount: owed.amount, reason: owed.reason, at }],
        last_operation: { operation: "manual_refund", outcome: "owed", at },
      },
    }
  }

  /** A row of one of the payment module's own services (capture, refund) by id, or undefined. */
  private async readRow(
    serviceName: "captureService" | "refundService",
    id: string | undefined
  ): Promise<{ id: string; amount: number; payment_id?: string } | undefined> {
    if (!id) {
      return undefined
    }
    const service = this.service(serviceName)
    if (typeof service?.retrieve !== "function") {
      return undefined
    }
    try {
      const row = (await service.retrieve(id)) as Record<string, any>
      return {
        id: row.id,
        amount: toYen(row.raw_amount ?? row.amount),
        payment_id: row.payment_id ?? row.payment?.id,
      }
    } catch (error) {
      this.host.logger.warn(`Paygent: ${serviceName} has no ${id}: ${(error as Error).message}`)
      return undefined
    }
  }

  /**
   * One of the payment module's internal services. The payment module registers them in the container it gives its
   * providers (as it does `paymentSessionService`, see failAttempt in paygent-base.ts): Medusa hands capturePayment
   * only the capture's id (`context.idempotency_key`), and the amount of a partial capture lives on that row. If a
   * future Medusa stops offering the service, every capture is treated as a full one (022).
   */
  private service(name: string): { retrieve?: Function; list?: Function } | undefined {
    try {
      return this.host.container()[name] as { retrieve?: Function; list?: Function } | undefined
    } catch {
      return undefined
    }
  }

  private requireCard(data: SessionData): PaygentState {
    const state = stateOf(data)
    if (!state || (!state.payment_id && !state.zero_amount)) {
      throw notAllowed({ ja: "Paygent のカード決済がまだありません。", en: "This payment has no Paygent card authorization." })
    }
    return state
  }

  private authorizationExpired(state: PaygentState): MedusaError {
    return notAllowed({
      ja: `オーソリの有効期限${state.capture_deadline ? `（${state.capture_deadline.slice(0, 10)}）` : ""}が切れたため、売上にできません。お客様に再度お支払いいただく必要があります。`,
      en: `The authorization has expired${state.capture_deadline ? ` (${state.capture_deadline.slice(0, 10)})` : ""}, so it can no longer be captured. The customer has to pay again.`,
    })
  }

  private closed(state: PaygentState): MedusaError {
    return notAllowed({
      ja: `この決済はペイジェントで既に取消・失効しています（ステータス ${state.payment_status}）。売上にできません。`,
      en: `Paygent has already cancelled or closed this payment (status ${state.payment_status}); it cannot be captured.`,
    })
  }

  /**
   * A 029 whose answer was lost although Paygent applied it (094: the old payment is now 32 / 60). The money moved,
   * so Medusa records the capture or refund; only the new payment_id is unknown (094 by trading_id cannot single it
   * out). It is owed as `change_pending`, exactly like a lost answer of the amount-change action, and confirmed the
   * same way: POST /admin/paygent/orders/:id/change-amount { paygent_payment_id } (docs/operations/amount-changes.md).
   */
  private changePending(data: SessionData, state: PaygentState, newAmount: number, purpose: "capture" | "refund"): SessionData {
    const at = now()
    const paygent = {
      ...state,
      amount: newAmount,
      ...(purpose === "capture"
        ? { captured_amount: newAmount, captured_at: state.captured_at ?? at }
        : { refunded_amount: (state.refunded_amount ?? 0) + (state.amount - newAmount) }),
      change_pending: { telegram: "029", base_payment_id: state.payment_id, amount: newAmount, requested_at: at },
      attention: {
        message: {
          ja:
            `補正売上（029）の応答は失われましたが、照会（094）で元の決済 ${state.payment_id} が取消になっていることを確認しました。` +
            `${purpose === "capture" ? "売上" : "返金"}は実行済みです。新しい決済IDをペイジェントの管理画面（取引ID ${state.trading_id}）で確認し、paygent_payment_id に指定して確定してください。`,
          en:
            `The sales change (029) got no answer, but an inquiry (094) shows the original payment ${state.payment_id} cancelled: the ` +
            `${purpose} went through. Look up the new payment id (trading id ${state.trading_id}) in Paygent's console and confirm it with paygent_payment_id.`,
        },
        at,
      },
      last_operation: { operation: purpose, telegram_kind: "029", outcome: "unknown_outcome", at },
      last_error: null,
    }
    this.host.logger.warn(`Paygent 029 for ${state.payment_id}: answer lost, applied by Paygent; the new payment_id is to be confirmed`)
    return { ...data, paygent: paygent as PaygentState }
  }

  private changeOutcomeUnknown(state: PaygentState): MedusaError {
    return new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      bilingual({
        ja: `補正売上（029）の応答がありませんでしたが、元の決済 ${state.payment_id} は変更されています。新しい決済IDを特定できないため、ペイジェントの管理画面で取引ID ${state.trading_id} を確認してください。`,
        en: `The sales change (029) got no answer, yet the original payment ${state.payment_id} has changed. The new payment_id cannot be identified: look up trading_id ${state.trading_id} in Paygent's console.`,
      })
    )
  }

  /** A MedusaError for the merchant naming the operation, Paygent's code and what to do. */
  failure(kind: string, error: unknown, forKind?: string): Error {
    if (error instanceof MedusaError || !isPaygentError(error)) {
      return error instanceof Error ? error : new Error(String(error))
    }
    if (error.class === "unknown_outcome") {
      // Still no answer after the inquiry and one resend: the telegram is in doubt, settled by the sync job.
      return outcomePending(kind, error.payment_id)
    }
    const operation = OPERATION_NAMES[kind] ?? { ja: kind, en: kind }
    const during = forKind && forKind !== kind ? OPERATION_NAMES[forKind] : undefined
    // Paygent's detail is a vendor code (1G12) or a Japanese text: the English message keeps only the former.
    const detail = error.response_detail ?? ""
    const codeJa = [error.response_code, detail].filter(Boolean).join(" ")
    const codeEn = [error.response_code, /^[\x20-\x7e]*$/.test(detail) ? detail : ""].filter(Boolean).join(" ")
    const merchant = error.merchantMessage ?? { ja: "ペイジェントがエラーを返しました。", en: "Paygent returned an error." }
    const type =
      error.class === "status_conflict" || error.class === "expired" || error.class === "rejected"
        ? MedusaError.Types.NOT_ALLOWED
        : error.class === "not_found"
          ? MedusaError.Types.NOT_FOUND
          : error.class === "validation"
            ? MedusaError.Types.INVALID_DATA
            : MedusaError.Types.UNEXPECTED_STATE
    return new MedusaError(
      type,
      bilingual({
        ja: `ペイジェントの${during ? `${during.ja}前の` : ""}${operation.ja}（${kind}）に失敗しました${codeJa ? `［${codeJa}］` : ""}：${merchant.ja}`,
        en: `Paygent ${during ? `${during.en.toLowerCase()}: ` : ""}${operation.en.toLowerCase()} (${kind}) failed${codeEn ? ` [${codeEn}]` : ""}: ${merchant.en}`,
      })
    )
  }
}
