import type { Logger } from "@medusajs/framework/types"
import { generateEntityId, MedusaService } from "@medusajs/framework/utils"
import { PaygentClient, TelegramEndEvent, TelegramStartEvent } from "../../paygent"
import { newSessionSecret, sessionSecretProblem } from "../../providers/paygent/core/session-secret"
import { sessionOfTradingId } from "../../providers/paygent/core/trading-id"
import { resolvePaygentOptions } from "../../providers/paygent/core/options"
import type { PaygentProviderOptions } from "../../providers/paygent/types"
import { ledgerHooks } from "./ledger-hooks"
import { loadOrCreateSecret } from "./stored-secret"
import {
  currentLedgerContext,
  LedgerQuery,
  LedgerTelegram,
  ManualRefundInput,
  registerSessionSecretSource,
  registerTelegramLedger,
  SessionSecretSource,
  TelegramLedger,
  TelegramSource,
} from "./ledger-registry"
import {
  PaygentAlert,
  PaygentManualRefund,
  PaygentNotice,
  PaygentNoticeAnomaly,
  PaygentNoticeAnomalyCount,
  PaygentSecret,
  PaygentShopperMail,
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
import {
  registerShopperMailOptions,
  resolveShopperMailOptions,
  ResolvedShopperMailOptions,
  validateShopperMailOptions,
  type PaygentShopperMailOptions,
} from "../../shopper-mails/options"

type InjectedDependencies = { logger: Logger }

/** The module's MikroORM entity manager, for the statements the generated service methods cannot express. */
type SqlManager = { execute(sql: string, params?: unknown[]): Promise<unknown> }
const SESSION_SECRET_NAME = "session_secret"

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
    PaygentNoticeAnomalyCount,
    PaygentAlert,
    PaygentSyncRun,
    PaygentSecret,
    PaygentShopperMail,
  })
  implements TelegramLedger, SessionSecretSource
{
  protected readonly logger_: Logger
  protected readonly options_?: PaygentProviderOptions
  private readonly manager_?: SqlManager
  private clients_ = new Map<TelegramSource, PaygentClient>()
  private sessionSecret_?: Promise<string>

  constructor(container: InjectedDependencies, options?: PaygentProviderOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.logger_ = container.logger
    this.manager_ = (() => {
      try {
        return (container as unknown as { manager?: SqlManager }).manager
      } catch {
        return undefined
      }
    })()
    this.options_ = options && Object.keys(options).length ? options : undefined
    registerTelegramLedger(this)
    const secretProblem = this.options_ ? sessionSecretProblem(this.options_) : undefined
    if (secretProblem) {
      // The same check as the provider's, so that a plugin configured for production without it does not boot either.
      throw new Error(`Paygent plugin option "sessionSecret" ${secretProblem} / Paygent の設定 "sessionSecret" が正しくありません`)
    }
    registerSessionSecretSource(this)
    validateSyncOptions((options ?? {}) as PaygentSyncOptions)
    registerSyncOptions(options as PaygentSyncOptions | undefined)
    validateReconcileOptions((options ?? {}) as PaygentReconcileOptions)
    registerReconcileOptions(options as PaygentReconcileOptions | undefined)
    const mails = (options as { shopperMails?: PaygentShopperMailOptions } | undefined)?.shopperMails
    validateShopperMailOptions(mails)
    registerShopperMailOptions(mails)
  }

  /** Options of the shopper mails (defaults applied; the shop name falls back to the provider's storeName). */
  shopperMailOptions(): ResolvedShopperMailOptions {
    const resolved = resolveShopperMailOptions((this.options_ as { shopperMails?: PaygentShopperMailOptions } | undefined)?.shopperMails)
    const storeName = this.options_?.storeName?.trim()
    return resolved.shopName || !storeName ? resolved : { ...resolved, shopName: storeName }
  }

  /** Whether the options point at Paygent's production environment (test-only inputs are refused there). */
  isProduction(): boolean {
    return this.options_?.environment === "production"
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
  async noticeSealSecret(): Promise<string> {
    if (!this.options_) {
      throw new Error("The paygent module has no options: give the plugin the same options as the provider.")
    }
    return this.sessionSecret()
  }

  /**
   * The session secret (providers/paygent/core/session-secret.ts): the `sessionSecret` option, else the one kept
   * in `paygent_secret`, generated by whichever instance asks first (the unique name makes the others read it).
   */
  async sessionSecret(): Promise<string> {
    if (this.options_?.sessionSecret) {
      return this.options_.sessionSecret
    }
    this.sessionSecret_ ??= this.storedSessionSecret().catch((error) => {
      this.sessionSecret_ = undefined
      throw error
    })
    return this.sessionSecret_
  }

  private storedSessionSecret(): Promise<string> {
    return loadOrCreateSecret(
      {
        read: async () => (await this.listPaygentSecrets({ name: SESSION_SECRET_NAME }, { take: 1 }))[0]?.value,
        create: async (value) => {
          await this.createPaygentSecrets([{ name: SESSION_SECRET_NAME, value }])
        },
      },
      newSessionSecret,
      this.logger_
    )
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

  /**
   * Adds refusals to the count of their source and reason (one row per pair, created on first use): a single
   * statement, so concurrent refusals from several instances never lose a count (src/sync/anomalies.ts).
   */
  async countNoticeAnomaly(
    entry: { source: string; code: string; count: number; rows: number; digest: string | null },
    at: Date = new Date()
  ): Promise<void> {
    if (!this.manager_) {
      throw new Error("The paygent module has no database manager")
    }
    await this.manager_.execute(
      `insert into "paygent_notice_anomaly_count" ("id", "source", "code", "count", "rows", "first_seen_at", "last_seen_at", "last_digest")
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict ("source", "code") where "deleted_at" is null do update set
         "count" = "paygent_notice_anomaly_count"."count" + excluded."count",
         "rows" = "paygent_notice_anomaly_count"."rows" + excluded."rows",
         "last_seen_at" = greatest("paygent_notice_anomaly_count"."last_seen_at", excluded."last_seen_at"),
         "last_digest" = coalesce(excluded."last_digest", "paygent_notice_anomaly_count"."last_digest"),
         "updated_at" = now()`,
      [generateEntityId(undefined, "pgnc"), entry.source, entry.code, entry.count, entry.rows, at, at, entry.digest]
    )
  }

  /** Deletes detailed notice anomalies received before `before` (their counts stay): the table stays bounded. */
  async deleteNoticeAnomaliesBefore(before: Date): Promise<void> {
    if (!this.manager_) {
      throw new Error("The paygent module has no database manager")
    }
    await this.manager_.execute(`delete from "paygent_notice_anomaly" where "received_at" < ?`, [before])
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
        tlsMinVersion: options.tlsMinVersion,
        tlsMaxVersion: options.tlsMaxVersion,
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
