import type { ScenarioResult } from "./types"

const MAX_FAILURE_LINES = 40

/** Counts checks: each `check` is one passed or one failed; failures keep a line of detail (the first 40). */
export class Tally {
  passed = 0
  failed = 0
  private readonly failures: string[] = []
  private readonly notes: string[] = []

  check(ok: boolean, what: string): boolean {
    if (ok) {
      this.passed++
    } else {
      this.failed++
      if (this.failures.length < MAX_FAILURE_LINES) {
        this.failures.push(`FAIL ${what}`)
      }
    }
    return ok
  }

  pass(): void {
    this.passed++
  }

  fail(what: string): void {
    this.check(false, what)
  }

  note(line: string): void {
    this.notes.push(line)
  }

  result(): ScenarioResult {
    const hidden = this.failed - this.failures.length
    return {
      passed: this.passed,
      failed: this.failed,
      details: [...this.failures, ...(hidden > 0 ? [`… and ${hidden} more failures`] : []), ...this.notes],
    }
  }
}

/** Runs `work` over `items` with at most `limit` at a time; results in input order. */
export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (;;) {
      const index = next++
      if (index >= items.length) {
        return
      }
      results[index] = await work(items[index], index)
    }
  })
  await Promise.all(workers)
  return results
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** A seeded pseudo-random generator (mulberry32), so a campaign run can be repeated with CAMPAIGN_SEED. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function shuffle<T>(items: T[], rand: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

export function errorText(error: unknown): string {
  return String((error as Error)?.message ?? error).slice(0, 300)
}
