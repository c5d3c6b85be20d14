import type { TelegramEndEvent, TelegramStartEvent } from "../../paygent"

/** Where a telegram was sent from, recorded on its ledger row. */
export type TelegramSource = "checkout" | "medusa" | "admin" | "sync" | "doctor"

/** What the payment provider and the workflows need from the ledger. */
export interface TelegramLedger {
  begin(event: TelegramStartEvent, source: TelegramSource): Promise<string>
  finish(rowId: string, event: TelegramEndEvent): Promise<void>
}

/**
 * The payment provider runs inside Medusa's payment module and sees only that module's container (a logger), so it
 * cannot resolve this plugin's module. Both live in the same process, though: the paygent module registers its
 * ledger here when Medusa loads it, and the provider's client looks it up at each telegram. A provider used without
 * the module (a host that registered only the provider) simply sends without a ledger.
 */
const REGISTRY = Symbol.for("medusa-payment-paygent.telegram-ledger")

type GlobalWithLedger = typeof globalThis & { [REGISTRY]?: TelegramLedger }

export function registerTelegramLedger(ledger: TelegramLedger): void {
  ;(globalThis as GlobalWithLedger)[REGISTRY] = ledger
}

export function telegramLedger(): TelegramLedger | undefined {
  return (globalThis as GlobalWithLedger)[REGISTRY]
}
