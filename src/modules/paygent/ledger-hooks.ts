import type { PaygentClientHooks, TelegramStartEvent } from "../../paygent"
import { telegramLedger, TelegramLedger, TelegramSource } from "./ledger-registry"

/**
 * Client hooks that write every telegram to the ledger: the row before sending (awaited, so a telegram is never
 * sent without its row; if the row cannot be written nothing is sent), completed with the outcome afterwards.
 */
export function ledgerHooks(
  source: TelegramSource | ((event: TelegramStartEvent) => TelegramSource),
  ledger: () => TelegramLedger | undefined = telegramLedger
): PaygentClientHooks {
  const rows = new Map<string, string>()
  return {
    async beforeSend(event) {
      const current = ledger()
      if (current) {
        rows.set(event.id, await current.begin(event, typeof source === "function" ? source(event) : source))
      }
    },
    async afterReceive(event) {
      const rowId = rows.get(event.id)
      rows.delete(event.id)
      const current = ledger()
      if (rowId && current) {
        await current.finish(rowId, event)
      }
    },
  }
}
