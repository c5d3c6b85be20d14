/**
 * The simulator's state on disk (`--state-file` / `stateFile`), so that a restart continues where it stopped: payments,
 * tokens, 3-D Secure authentications, stored cards, bank-net applications, notice records (read or not, pushed or
 * not), the id counters and the simulated clock. An application that stored notice 41 must never receive another
 * notice 41; with the state kept, a restarted simulator hands out 42.
 *
 * Not kept: the telegram log, push attempts, faults and latency (they describe a run, not the merchant). Written
 * atomically (a temporary file renamed over the old one) shortly after every change and when the simulator closes;
 * the file holds the test card numbers of the simulated tokens, so it is written readable by its owner only.
 */
import * as fs from "fs"
import * as path from "path"
import type { ClockMode } from "./clock"
import type { SimulatorCore } from "./core"
import type { BankNetApplication, NoticeRecord, Payment, StoredCard, ThreeDsAuth, TokenRecord } from "./model"

const FORMAT = "paygent-simulator-state"
const VERSION = 1

interface SavedState {
  format: typeof FORMAT
  version: typeof VERSION
  merchant_id: string
  saved_at: string
  clock: { simulated: number; real: number; mode: ClockMode }
  counters: { nextPaymentId: number; nextCustomerCardId: number; nextGeneratedTradingId: number }
  notice_counters: { nextId: number; purgeNotReported: string[] }
  payments: Payment[]
  tokens: TokenRecord[]
  three_ds_auths: ThreeDsAuth[]
  stored_cards: [string, StoredCard[]][]
  bank_net_applications: BankNetApplication[]
  notices: NoticeRecord[]
}

function snapshot(core: SimulatorCore): SavedState {
  const store = core.store
  return {
    format: FORMAT,
    version: VERSION,
    merchant_id: core.options.merchantId,
    saved_at: new Date().toISOString(),
    clock: core.clock.saved(),
    counters: store.counters(),
    notice_counters: core.notices.counters(),
    payments: [...store.payments.values()],
    tokens: [...store.tokens.values()],
    three_ds_auths: [...store.threeDsAuths.values()],
    stored_cards: [...store.storedCards.entries()],
    bank_net_applications: [...store.bankNetApplications.values()],
    notices: core.notices.records,
  }
}

/** The JSON of the state, without the moment it was written (so an unchanged state is recognised). */
function stateText(state: SavedState): string {
  return JSON.stringify({ ...state, saved_at: undefined })
}

function restore(core: SimulatorCore, state: SavedState): void {
  const store = core.store
  for (const payment of state.payments) store.payments.set(payment.paymentId, payment)
  for (const token of state.tokens) store.tokens.set(token.token, token)
  for (const auth of state.three_ds_auths) store.threeDsAuths.set(auth.authId, auth)
  for (const [key, cards] of state.stored_cards) store.storedCards.set(key, cards)
  for (const application of state.bank_net_applications) store.bankNetApplications.set(application.tradingId, application)
  store.restoreCounters(state.counters)
  core.notices.restore(state.notices, state.notice_counters)
  core.clock.restore(state.clock)
  // Records that were still waiting to be pushed are pushed now, in order (delivered ones are not sent again).
  for (const record of core.notices.records) if (record.push.state === "pending") core.push.enqueue(record)
}

function parse(file: string, text: string, merchantId: string): SavedState {
  let state: SavedState
  try {
    state = JSON.parse(text) as SavedState
  } catch (error) {
    throw new Error(`paygent-simulator: ${file} is not a simulator state file (${error instanceof Error ? error.message : String(error)})`)
  }
  if (state?.format !== FORMAT || state.version !== VERSION) {
    throw new Error(`paygent-simulator: ${file} is not a simulator state file of version ${VERSION}`)
  }
  if (state.merchant_id !== merchantId) {
    throw new Error(
      `paygent-simulator: ${file} holds the state of merchant ${state.merchant_id}, not ${merchantId}; use another --state-file or the same --merchant-id`,
    )
  }
  return state
}

/** Delay between a change and its write: changes that come together (a telegram and its notice) are written once. */
const SAVE_DELAY_MS = 50

export class StateFile {
  private lastWritten = ""
  private timer?: NodeJS.Timeout

  constructor(
    readonly file: string,
    private readonly core: SimulatorCore,
  ) {}

  /** Loads the file into the (fresh) core; false when there is no file yet. A file that cannot be used is an error. */
  load(): boolean {
    if (!fs.existsSync(this.file)) return false
    const text = fs.readFileSync(this.file, "utf8")
    const state = parse(this.file, text, this.core.options.merchantId)
    restore(this.core, state)
    this.lastWritten = stateText(snapshot(this.core))
    return true
  }

  /** Something may have changed: write soon. */
  changed(): void {
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.save()
    }, SAVE_DELAY_MS)
    this.timer.unref?.()
  }

  /** Writes now when the state differs from what the file holds. */
  save(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    const state = snapshot(this.core)
    const text = stateText(state)
    if (text === this.lastWritten) return
    fs.mkdirSync(path.dirname(this.file), { recursive: true })
    const temporary = `${this.file}.${process.pid}.tmp`
    fs.writeFileSync(temporary, JSON.stringify(state), { mode: 0o600 })
    fs.renameSync(temporary, this.file)
    this.lastWritten = text
  }
}
