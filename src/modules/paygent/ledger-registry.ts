import { AsyncLocalStorage } from "node:async_hooks"
import type { TelegramEndEvent, TelegramStartEvent } from "../../paygent"

/** Where a telegram was sent from, recorded on its ledger row. */
export type TelegramSource = "checkout" | "medusa" | "admin" | "sync" | "doctor"

/** Why a manual refund is owed (stored in `paygent_manual_refund.reason`). */
export type ManualRefundReason =
  /** A card sale past Paygent's sales-cancel deadline (2007 / status 41): 023 and 029 are refused. */
  | "sales_cancel_deadline_passed"
  /** A paid konbini / ATM / net-bank payment: Paygent has no refund telegram for these methods. */
  | "no_api_refund"
  /** Money that arrived after the order was cancelled. */
  | "paid_after_cancel"
  /** Money paid on konbini / ATM numbers whose application was in doubt and that no order uses (src/sync/in-doubt.ts). */
  | "paid_unused_attempt"

/** A money-owed record as the provider and the workflows create it. */
export interface ManualRefundInput {
  order_id?: string | null
  medusa_payment_id?: string | null
  paygent_payment_id?: string | null
  trading_id?: string | null
  /** card, konbini, payeasy, banknet */
  method: string
  /** Yen owed to the customer. */
  amount: number
  customer_email?: string | null
  customer_name?: string | null
  reason: ManualRefundReason
  note?: string | null
  created_by?: string | null
  /**
   * What caused the record (a Medusa refund id, a payment id for a cancel): the same reference records once, so an
   * operation Medusa retries never makes the merchant pay twice.
   */
  reference?: string | null
}

/** A ledger row as the provider reads it back (its own idempotency checks). */
export interface LedgerTelegram {
  id: string
  telegram_kind: string
  outcome: string
  paygent_payment_id: string | null
  trading_id: string | null
  medusa_payment_id: string | null
  request: Record<string, string> | null
  response: Record<string, string> | null
  started_at: Date | string
  /** What the sync job found out about a telegram that never got its answer (src/sync/in-doubt.ts). */
  doubt_resolution?: string | null
}

/** Which rows `telegramsFor` returns: rows matching any of the given ids. */
export interface LedgerQuery {
  paygent_payment_ids?: string[]
  trading_ids?: string[]
  medusa_payment_ids?: string[]
  payment_session_ids?: string[]
  payment_collection_ids?: string[]
  order_ids?: string[]
  telegram_kinds?: string[]
  outcome?: string
  take?: number
}

/** What the payment provider and the workflows need from the ledger. */
export interface TelegramLedger {
  begin(event: TelegramStartEvent, source: TelegramSource): Promise<string>
  finish(rowId: string, event: TelegramEndEvent): Promise<void>
  /** Rows about a payment (any of the ids), newest first. */
  telegramsFor(query: LedgerQuery): Promise<LedgerTelegram[]>
  /** Records money the merchant must return by hand; returns the existing record when `reference` was seen. */
  recordManualRefund(input: ManualRefundInput): Promise<{ id: string; created: boolean }>
  /**
   * Notes on a session's rows which payment collection it belonged to, before Medusa deletes the session for good (a
   * shopper who chose again at checkout): the order panel finds that attempt by its collection afterwards.
   */
  noteSessionCollection?(paymentSessionId: string, paymentCollectionId: string): Promise<void>
}

/**
 * The payment provider runs inside Medusa's payment module and sees only that module's container (a logger), so it
 * cannot resolve this plugin's module. Both live in the same process, though: the paygent module registers its
 * ledger here when Medusa loads it, and the provider's client looks it up at each telegram. A provider used without
 * the module (a host that registered only the provider) simply sends without a ledger.
 */
const REGISTRY = Symbol.for("medusa-payment-paygent.telegram-ledger")
const CONTEXT = Symbol.for("medusa-payment-paygent.ledger-context")

/** Ids the ledger cannot read from a telegram itself: which Medusa payment / order / session it is about. */
export interface LedgerContext {
  medusa_payment_id?: string | null
  order_id?: string | null
  payment_session_id?: string | null
}

type GlobalWithLedger = typeof globalThis & {
  [REGISTRY]?: TelegramLedger
  [CONTEXT]?: AsyncLocalStorage<LedgerContext>
}

export function registerTelegramLedger(ledger: TelegramLedger): void {
  ;(globalThis as GlobalWithLedger)[REGISTRY] = ledger
}

export function telegramLedger(): TelegramLedger | undefined {
  return (globalThis as GlobalWithLedger)[REGISTRY]
}

function contextStorage(): AsyncLocalStorage<LedgerContext> {
  const g = globalThis as GlobalWithLedger
  // One storage per process, shared by copies of this file loaded from different paths (src and .medusa).
  return (g[CONTEXT] ??= new AsyncLocalStorage<LedgerContext>())
}

/**
 * Runs `work` with ids every telegram it sends is recorded under (nested contexts add to the outer one). The
 * telegram itself carries only Paygent's ids; this is how a row learns the Medusa payment or order it was for.
 */
export function withLedgerContext<T>(context: LedgerContext, work: () => Promise<T>): Promise<T> {
  const outer = contextStorage().getStore() ?? {}
  const merged: LedgerContext = { ...outer }
  for (const [key, value] of Object.entries(context) as Array<[keyof LedgerContext, string | null | undefined]>) {
    if (value) {
      merged[key] = value
    }
  }
  return contextStorage().run(merged, work)
}

export function currentLedgerContext(): LedgerContext | undefined {
  return contextStorage().getStore()
}

/**
 * Where the provider gets its session secret when `sessionSecret` is not set (outside production): the paygent
 * module keeps one in its table, generated once (providers/paygent/core/session-secret.ts). Registered like the
 * ledger, for the same reason.
 */
export interface SessionSecretSource {
  sessionSecret(): Promise<string>
}

const SECRET_SOURCE = Symbol.for("medusa-payment-paygent.session-secret-source")

export function registerSessionSecretSource(source: SessionSecretSource): void {
  ;(globalThis as typeof globalThis & { [SECRET_SOURCE]?: SessionSecretSource })[SECRET_SOURCE] = source
}

export function sessionSecretSource(): SessionSecretSource | undefined {
  return (globalThis as typeof globalThis & { [SECRET_SOURCE]?: SessionSecretSource })[SECRET_SOURCE]
}
