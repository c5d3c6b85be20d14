import type { Logger } from "@medusajs/framework/types"
import { MedusaService } from "@medusajs/framework/utils"
import { PaygentClient, TelegramEndEvent, TelegramStartEvent } from "../../paygent"
import { sessionOfTradingId } from "../../providers/paygent/core/trading-id"
import { resolvePaygentOptions } from "../../providers/paygent/core/options"
import type { PaygentProviderOptions } from "../../providers/paygent/types"
import { ledgerHooks } from "./ledger-hooks"
import { registerTelegramLedger, TelegramLedger, TelegramSource } from "./ledger-registry"
import { PaygentManualRefund, PaygentTelegram } from "./models"
import { OPERATION_BY_KIND } from "./operations"

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
  extends MedusaService({ PaygentTelegram, PaygentManualRefund })
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
  }

  /** Ledger row for a telegram about to be sent (TelegramLedger). */
  async begin(event: TelegramStartEvent, source: TelegramSource): Promise<string> {
    const tradingId = event.params.trading_id || null
    const [row] = await this.createPaygentTelegrams([
      {
        telegram_kind: event.telegram_kind,
        operation: OPERATION_BY_KIND[event.telegram_kind] ?? "other",
        source,
        trading_id: tradingId,
        paygent_payment_id: event.params.payment_id || null,
        payment_session_id: tradingId ? (sessionOfTradingId(tradingId)?.sessionId ?? null) : null,
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
    })
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
