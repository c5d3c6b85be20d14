/**
 * Injected faults (the failure modes a client must survive: lost requests, lost answers, slow answers, broken
 * answers, maintenance, rate limits, a busy 091). Each fault applies to the next `count` telegrams of its kind.
 */

export const FAULT_MODES = [
  "drop_before",
  "process_then_drop",
  "delay",
  "http_500",
  "garbage",
  "maintenance",
  "rate_limited",
  "busy",
] as const

export type FaultMode = (typeof FAULT_MODES)[number]

export interface FaultInput {
  /** Telegram kind such as "020", "*" for any telegram, or "token" for the token endpoint (maintenance → 8000). */
  telegram_kind: string
  mode: FaultMode
  /** How many telegrams of that kind it affects (default 1). */
  count?: number
  /** For mode "delay": how long to hold the processed answer. */
  delay_ms?: number
}

export interface Fault extends Required<Omit<FaultInput, "delay_ms">> {
  id: number
  delay_ms: number
  /** Telegrams it already affected. */
  hits: number
}

export class FaultBook {
  private faults: Fault[] = []
  private nextId = 1

  add(input: FaultInput): Fault {
    if (!input || typeof input.telegram_kind !== "string" || input.telegram_kind === "") {
      throw new Error("telegram_kind is required")
    }
    if (!FAULT_MODES.includes(input.mode)) throw new Error(`mode must be one of ${FAULT_MODES.join(", ")}`)
    const count = input.count ?? 1
    if (!Number.isInteger(count) || count < 1) throw new Error("count must be a positive integer")
    const fault: Fault = {
      id: this.nextId++,
      telegram_kind: input.telegram_kind,
      mode: input.mode,
      count,
      delay_ms: input.delay_ms ?? 0,
      hits: 0,
    }
    this.faults.push(fault)
    return fault
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }))
  }

  clear(): void {
    this.faults = []
  }

  /** Takes the first fault matching this kind (consuming one of its count), if any. */
  take(kind: string): Fault | undefined {
    const fault = this.faults.find((f) => f.telegram_kind === kind || (f.telegram_kind === "*" && kind !== "token"))
    if (!fault) return undefined
    fault.hits++
    if (fault.hits >= fault.count) this.faults = this.faults.filter((f) => f !== fault)
    return { ...fault }
  }
}
