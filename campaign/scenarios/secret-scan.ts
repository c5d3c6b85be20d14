/**
 * After the other scenarios: the app's logs, the telegram ledger and every table of the database are searched for
 * the connect password, the four hash / token keys, every card token and card number the campaign used, `tok_`
 * tokens in general, and any 16-digit number (Pay-easy customer numbers excepted, see lib/secrets.ts). One check
 * per place searched (the logs; each table): 0 hits passes.
 */
import { scanDatabase, scanText } from "../lib/secrets"
import { Tally } from "../lib/tally"
import type { CampaignContext, Scenario } from "../lib/types"

export function secretsOf(ctx: CampaignContext): string[] {
  return [
    ctx.keys.connectPassword,
    ctx.keys.tokenHashKey,
    ctx.keys.threeDsHashKey,
    ctx.keys.noticeHashKey,
    ...ctx.issued.tokens,
    ...ctx.issued.cards,
  ]
}

export function allowedNumbers(ctx: CampaignContext): Set<string> {
  const numbers = new Set<string>()
  for (const payment of ctx.sim.control.listPayments()) {
    const customerNumber = (payment.atm as { customer_number?: string } | undefined)?.customer_number
    if (customerNumber) numbers.add(customerNumber)
  }
  return numbers
}

export const secretScan: Scenario = async (ctx) => {
  const tally = new Tally()
  const secrets = secretsOf(ctx)
  const allowed = allowedNumbers(ctx)
  const logs = ctx.appLogs()
  const logHits = scanText("app logs", logs, secrets, allowed)
  // Card tokens of any session, not only the campaign's (PaygentToken.js tokens start with tok_).
  for (const match of logs.matchAll(/tok_[A-Za-z0-9]{16,}/g)) {
    logHits.push({ where: "app logs", what: "a card token", sample: logs.slice(Math.max(0, (match.index ?? 0) - 60), match.index).replace(/\s+/g, " ") })
  }
  tally.check(logHits.length === 0, `app logs: ${logHits.slice(0, 5).map((h) => `${h.what} after "${h.sample}"`).join("; ")}`)
  // In the database every card token is found through "tok_" (one query per table instead of one per token); the
  // keys and the campaign's card numbers are searched by name.
  const database = await scanDatabase(ctx.db, [...secrets.slice(0, 4), ...ctx.issued.cards, "tok_"], allowed)
  const byTable = new Map<string, string[]>()
  for (const hit of database.hits) {
    byTable.set(hit.where, [...(byTable.get(hit.where) ?? []), `${hit.what} ${hit.sample}`])
  }
  for (let i = 0; i < database.tables; i++) tally.pass()
  for (const [where, hits] of byTable) {
    tally.passed--
    tally.fail(`${where}: ${hits.slice(0, 5).join("; ")}`)
  }
  const [ledger] = await ctx.db.query(`select count(*)::int as n from paygent_telegram`)
  tally.note(
    `searched ${(logs.length / 1e6).toFixed(1)} MB of logs and ${database.rows} rows in ${database.tables} tables (ledger: ${ledger.n} telegrams) ` +
      `for ${secrets.length} secrets (${ctx.issued.tokens.size} card tokens, ${ctx.issued.cards.size} card numbers), tok_ and 16-digit numbers ` +
      `(${allowed.size} Pay-easy customer numbers allowed)`
  )
  return tally.result()
}
