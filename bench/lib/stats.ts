/** Small statistics and printing helpers shared by the benches. */
import * as os from "os"
import { performance } from "perf_hooks"

export function median(values: number[]): number {
  return quantile(values, 0.5)
}

/** Linear-interpolated quantile (q in 0..1). */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)
}

export function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

/** "min–max" of a list, formatted with `digits`. */
export function spread(values: number[], digits = 2): string {
  return `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`
}

/** BENCH_QUICK=1: every bench at a small size (a few minutes in all), for checking that the benches run. */
export const QUICK = process.env.BENCH_QUICK === "1"

/** The default size of a bench: `full`, or `quick` under BENCH_QUICK=1. */
export function size(full: number, quick: number): number {
  return QUICK ? quick : full
}

export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === "") return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, not ${raw}`)
  return value
}

export function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`)
  if (i === -1) return fallback
  const value = Number(args[i + 1])
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number ≥ 0`)
  return value
}

export const pad = (s: string | number, n: number) => String(s).padEnd(n)
export const lpad = (s: string | number, n: number) => String(s).padStart(n)
export const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "–")
export const int = (x: number) => Math.round(x).toLocaleString("en-US")

/** A compact table: first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)))
  const line = (cells: Array<string | number>) =>
    "  " + cells.map((cell, c) => (c === 0 ? pad(cell, widths[c]) : lpad(cell, widths[c]))).join("  ")
  return [line(header), ...rows.map(line)].join("\n")
}

export function machine(): string {
  const cpus = os.cpus()
  return `node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model?.trim() ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`
}

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const result = await work()
  return [result, performance.now() - start]
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Polls `probe` every `everyMs` until it returns a truthy value; throws after `timeoutMs`. */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs: number, everyMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(everyMs)
  }
}
