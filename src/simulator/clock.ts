/**
 * The simulated clock. Everything Paygent does "later" (deadlines, batches, token expiry, notice purge) is measured on
 * this clock. "frozen" (the default for tests) only moves when advanced, so a 60-day authorization expiry takes no
 * real time and every date in an answer is predictable. "running" (the CLI's default, for demos) also ticks with real
 * time; advancing adds on top. Push retries and the push pause always run on real timers (see push.ts).
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./jst"

export type ClockMode = "frozen" | "running"

export interface ClockAdvance {
  days?: number
  hours?: number
  minutes?: number
  seconds?: number
}

export class SimClock {
  /** Simulated time at the real instant `realAtBase`. */
  private base: number
  private realAtBase: number

  constructor(
    startMs: number,
    readonly mode: ClockMode = "frozen",
  ) {
    this.base = startMs
    this.realAtBase = Date.now()
  }

  now(): number {
    return this.mode === "running" ? this.base + (Date.now() - this.realAtBase) : this.base
  }

  /** Moves the clock to `ms`; never backwards (batches rely on time being monotonic). */
  moveTo(ms: number): void {
    if (ms > this.now()) {
      this.base = ms
      this.realAtBase = Date.now()
    }
  }

  reset(startMs: number): void {
    this.base = startMs
    this.realAtBase = Date.now()
  }

  /** The clock as saved by persistence.ts: the simulated time at a real instant. */
  saved(): { simulated: number; real: number; mode: ClockMode } {
    return { simulated: this.base, real: this.realAtBase, mode: this.mode }
  }

  /**
   * Continues a saved clock. A running clock that was saved running went on while the simulator was down (it follows
   * the wall clock); a frozen one, or one saved frozen, continues from where it stood.
   */
  restore(saved: { simulated: number; real: number; mode: ClockMode }): void {
    this.base = this.mode === "running" && saved.mode === "running" ? saved.simulated + (Date.now() - saved.real) : saved.simulated
    this.realAtBase = Date.now()
  }

  static durationMs(advance: ClockAdvance): number {
    const ms =
      (advance.days ?? 0) * DAY_MS +
      (advance.hours ?? 0) * HOUR_MS +
      (advance.minutes ?? 0) * MINUTE_MS +
      (advance.seconds ?? 0) * 1000
    if (!Number.isFinite(ms) || ms < 0) throw new Error("clock can only move forward by a finite amount")
    return ms
  }
}
