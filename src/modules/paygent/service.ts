import type { Logger } from "@medusajs/framework/types"
import { MedusaService } from "@medusajs/framework/utils"
import { PaygentClient, TelegramEndEvent, TelegramStartEvent } from "../../paygent"
import { noticeSealSecret } from "../../providers/paygent/core/notice-state"
import { sessionOfTradingId } from "../../providers/paygent/core/trading-id"
import { resolvePaygentOptions } from "../../providers/paygent/core/options"
import type { PaygentProviderOptions } from "../../providers/paygent/types"
import { ledgerHooks } from "./ledger-hooks"
import {
  currentLedgerContext,
  LedgerQuery,
  LedgerTelegram,
  ManualRefundInput,
  registerTelegramLedger,
  TelegramLedger,
  TelegramSource,
} from "./ledger-registry"
import {
  PaygentAlert,
  PaygentManualRefund,
  PaygentNotice,
  PaygentNoticeAnomaly,
  PaygentSyncRun,
  PaygentTelegram,
} from "./models"
import { OPERATION_BY_KIND } from "./operations"
import { PaygentSyncOptions, registerSyncOptions, resolveSyncOptions, ResolvedSyncOptions, validateSyncOptions } from "./sync-options"
import {
  PaygentReconcileOptions,
  registerReconcileOptions,
  resolveReconcileOptions,
  ResolvedReconcileOptions,
  validateReconcileOptions,
} from "../../reconciliation/options"

type InjectedDependencies = { logger: Logger }

function amountOf(params: Record<string, string>): number | null {
  const raw = params.payment_amount ?? params.amount
  return raw && /^\d+$/.test(raw) ? Number(raw) : null
}

/**
 * The plugin's own module: the telegram ledger, manual refunds owed, and a Paygent client (built from the plugin's
 * options) for the plugin's workflows, jobs and routes.
 */
export default class PaygentModuleService
  extends MedusaService({
    PaygentTelegram,
    PaygentManualRefund,
    PaygentNotice,
    PaygentNoticeAnomaly,
    PaygentAlert,
    PaygentSyncRun,
  })
  implements TelegramLedger
{
  protected readonly logger_: Logger
  protected readonly options_?: PaygentProviderOptions
  private clients_ = new Map<TelegramSource, PaygentClient>()

  constructor(container: InjectedDependencies, options?: PaygentProviderOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.logger_ = container.logger
    this.options_ = options && Object.keys(options).length ? options : undefined
    registerTelegramLedger(this)
    validateSyncOptions((options ?? {}) as PaygentSyncOptions)
    registerSyncOptions(options as PaygentSyncOptions | undefined)
    validateReconcileOptions((options ?? {}) as PaygentReconcileOptions)
    registerReconcileOptions(options as PaygentReconcileOptions | undefined)
  }

  /** Options of the reconciliation report and its nightly job (defaults applied). */
  reconcileOptions(): ResolvedReconcileOptions {
    return resolveReconcileOptions(this.options_ as PaygentReconcileOptions | undefined)
  }

  /** Options of the notice receiver and the sync job (defaults applied). */
  syncOptions(): ResolvedSyncOptions {
    return resolveSyncOptions(this.options_ as PaygentSyncOptions | undefined)
  }

  /** 差分通知ハッシュ鍵: checks the hc of pushed notices. */
  noticeHashKey(): string {
    return this.options_?.noticeHashKey ?? ""
  }

  /** The provider's secret, with which the notice workflow seals the statuses it hands the provider. */
  noticeSealSecret(): string {
    if (!this.options_) {
      throw new Error("The paygent module has no options: give the plugin the same options as the provider.")
    }
    return noticeSealSecret(this.options_)
  }

  /** サイトID of the options, for telegrams sent with `client()` (undefined when the contract has one site). */
  siteId(): string | undefined {
    return this.options_?.siteId || undefined
  }

  /** Ledger row for a telegram about to be sent (TelegramLedger). */
  async begin(event: TelegramStartEvent, source: TelegramSource): Promise<string> {
    const tradingId = event.params.trading_id || null
    const context = currentLedgerContext() ?? {}
    const [row] = await this.createPaygentTelegrams([
      {
        telegram_kind: event.telegram_kind,
        operation: OPERATION_BY_KIND[event.telegram_kind] ?? "other",
        source,
        trading_id: tradingId,
        paygent_payment_id: event.params.payment_id || null,
        payment_session_id: (tradingId ? sessionOfTradingId(tradingId)?.sessionId : undefined) ?? context.payment_session_id ?? null,
        medusa_payment_id: context.medusa_payment_id ?? null,
        order_id: context.order_id ?? null,
        amount: amountOf(event.params),
        outcome: "pending",
        request: event.params,
        started_at: event.started_at,
      },
    ])
    return row.id
  }

  /** Completes the row with what Paygent answered, or why there was no answer (TelegramLedger). */
  async finish(rowId: string, event: TelegramEndEvent): Promise<void> {
    await this.updatePaygentTelegrams({
      id: rowId,
      outcome: event.outcome,
      response_code: event.response_code || null,
      response_detail: event.response_detail || null,
      response: event.fields,
      error_message: event.error?.message ?? null,
      finished_at: event.finished_at,
      duration_ms: Math.round(event.duration_ms),
      ...(event.fields.payment_id ? { paygent_payment_id: event.fields.payment_id } : {}),
      // Follow-ups are sent by payment_id alone; the answer's trading_id still ties the row to its session.
      ...(event.fields.trading_id
        ? {
            trading_id: event.fields.trading_id,
            ...(sessionOfTradingId(event.fields.trading_id)
              ? { payment_session_id: sessionOfTradingId(event.fields.trading_id)!.sessionId }
              : {}),
          }
        : {}),
    })
  }

  /** Rows about a payment (any of the ids given), newest first (TelegramLedger). */
  async telegramsFor(query: LedgerQuery): Promise<LedgerTelegram[]> {
    const any: Record<string, unknown>[] = []
    const add = (column: string, values?: Array<string | null | undefined>) => {
      const ids = [...new Set((values ?? []).filter((v): v is string => !!v))]
      if (ids.length) {
        any.push({ [column]: ids })
      }
    }
    add("paygent_payment_id", query.paygent_payment_ids)
    add("trading_id", query.trading_ids)
    add("medusa_payment_id", query.medusa_payment_ids)
    add("payment_session_id", query.payment_session_ids)
    add("payment_collection_id", query.payment_collection_ids)
    add("order_id", query.order_ids)
    if (!any.length) {
      return []
    }
    const filters: Record<string, unknown> = { $or: any }
    if (query.telegram_kinds?.length) {
      filters.telegram_kind = query.telegram_kinds
    }
    if (query.outcome) {
      filters.outcome = query.outcome
    }
    const rows = await this.listPaygentTelegrams(filters as any, {
      order: { started_at: "DESC" },
      take: query.take ?? 500,
    })
    return rows as unknown as LedgerTelegram[]
  }

  /** Notes the payment collection on a session's rows (TelegramLedger), before Medusa deletes the session. */
  async noteSessionCollection(paymentSessionId: string, paymentCollectionId: string): Promise<void> {
    const rows = await this.listPaygentTelegrams({ payment_session_id: paymentSessionId, payment_collection_id: null } as any, {
      select: ["id"],
      take: 100,
    })
    if (rows.length) {
      await this.updatePaygentTelegrams(rows.map((row) => ({ id: row.id, payment_collection_id: paymentCollectionId })))
    }
  }

  /**
   * Records money the merchant owes a customer and must return by hand (TelegramLedger). A record with the same
   * `reference` (the Medusa refund or payment that caused it) is returned instead of a second one.
   */
  async recordManualRefund(input: ManualRefundInput): Promise<{ id: string; created: boolean }> {
    const marker = input.reference ? `[${input.reference}]` : undefined
    if (marker) {
      const existing = await this.listPaygentManualRefunds(
        {
          reason: input.reason,
          ...(input.medusa_payment_id ? { medusa_payment_id: input.medusa_payment_id } : {}),
          ...(input.paygent_payment_id ? { paygent_payment_id: input.paygent_payment_id } : {}),
        },
        { take: 100 }
      )
      const same = existing.find((row) => (row.note ?? "").includes(marker))
      if (same) {
        return { id: same.id, created: false }
      }
    }
    const [row] = await this.createPaygentManualRefunds([
      {
        order_id: input.order_id ?? currentLedgerContext()?.order_id ?? null,
        medusa_payment_id: input.medusa_payment_id ?? null,
        paygent_payment_id: input.paygent_payment_id ?? null,
        trading_id: input.trading_id ?? null,
        method: input.method,
        amount: input.amount,
        customer_email: input.customer_email ?? null,
        customer_name: input.customer_name ?? null,
        reason: input.reason,
        status: "owed" as const,
        note: [marker, input.note].filter(Boolean).join(" ") || null,
        created_by: input.created_by ?? null,
      },
    ])
    this.logger_.warn(
      `Paygent: manual refund owed (${input.reason}): ¥${input.amount} for payment ${input.medusa_payment_id ?? input.paygent_payment_id ?? "?"} (${row.id})`
    )
    return { id: row.id, created: true }
  }

  /** A Paygent client whose telegrams are written to this ledger, for the plugin's workflows, routes and jobs. */
  client(source: TelegramSource = "admin"): PaygentClient {
    if (!this.options_) {
      throw new Error(
        'The paygent module has no options: give the plugin the same options as the provider (plugins: [{ resolve: "medusa-payment-paygent", options }]).'
      )
    }
    let client = this.clients_.get(source)
    if (!client) {
      const options = resolvePaygentOptions(this.options_)
      client = new PaygentClient({
        merchantId: options.merchantId,
        connectId: options.connectId,
        connectPassword: options.connectPassword,
        environment: options.environment,
        baseUrl: options.baseUrl,
        clientCertificate: options.certificate,
        ca: options.ca,
        verifyHostname: options.verifyHostname,
        timeoutMs: options.timeoutMs,
        proxyUrl: options.proxyUrl,
        keepAlive: options.keepAlive,
        hooks: ledgerHooks(source, () => this),
      })
      this.clients_.set(source, client)
    }
    return client
  }
}
