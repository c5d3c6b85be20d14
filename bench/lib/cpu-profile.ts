/**
 * Reading a V8 CPU profile (.cpuprofile, as written by bench/lib/cpu-profile-hook.js) over chosen time windows: which
 * samples fall inside the requests a bench timed, and where they went — the plugin's own code (the repository's
 * src/), Medusa's packages, the database driver and ORM, Node's internals, the garbage collector, or idle (the
 * process waiting: on PostgreSQL, on Paygent's simulator, on the event loop).
 */
import * as path from "path"

export interface CpuProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  children?: number[]
}

export interface CpuProfile {
  nodes: CpuProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

/** A time window on the profile's clock (µs, monotonic: process.hrtime / 1000 in any process of the machine). */
export interface Window {
  from: number
  to: number
  kind: string
}

export type Category = "plugin" | "medusa" | "database driver / ORM" | "other packages" | "node internals" | "gc" | "program" | "idle"

const ROOT = path.resolve(__dirname, "..", "..")

/** Where a frame's code lives. */
export function categoryOf(url: string, functionName: string): Category {
  if (!url) {
    if (functionName === "(idle)") return "idle"
    if (functionName === "(garbage collector)") return "gc"
    if (functionName === "(program)") return "program"
    return "node internals"
  }
  const file = url.startsWith("file://") ? url.slice("file://".length) : url
  if (file.startsWith("node:") || !file.startsWith("/")) return "node internals"
  if (file.includes("/node_modules/")) {
    if (/\/node_modules\/@medusajs\//.test(file)) return "medusa"
    if (/\/node_modules\/(@mikro-orm|knex|pg|pg-[a-z-]+|pg-protocol|pg-pool|postgres-[a-z-]+)\//.test(file)) return "database driver / ORM"
    return "other packages"
  }
  // The plugin's sources, as the bench app loads them (its src/ is a link to the repository's).
  if (file.startsWith(path.join(ROOT, "src") + "/") || /\/\.demo-data\/bench\/app\/src\//.test(file)) return "plugin"
  return "other packages"
}

export interface WindowProfile {
  /** windows per kind */
  count: Record<string, number>
  /** µs of wall time inside the windows, per kind */
  wall: Record<string, number>
  /** µs per kind and leaf category */
  byCategory: Record<string, Record<Category, number>>
  /** µs per kind of samples with a plugin frame anywhere on the stack */
  pluginInclusive: Record<string, number>
  /** µs per kind and outermost plugin frame (the plugin's entry point that was running) */
  pluginEntries: Record<string, Map<string, number>>
  /** µs per kind and leaf function */
  selfByFunction: Record<string, Map<string, number>>
}

function frameName(node: CpuProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame
  const file = url ? url.replace(/^file:\/\//, "").replace(ROOT + "/", "").replace(/^.*\/node_modules\//, "") : ""
  return `${functionName || "(anonymous)"}${file ? ` ${file}:${lineNumber + 1}` : ""}`
}

/** Attributes the samples of `profile` that fall into `windows` (which must not overlap). */
export function profileWindows(profile: CpuProfile, windows: Window[]): WindowProfile {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const stackInfo = new Map<number, { plugin: boolean; entry?: string }>()
  const infoOf = (id: number) => {
    let info = stackInfo.get(id)
    if (info) return info
    let plugin = false
    let entry: string | undefined
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at)!
      if (categoryOf(node.callFrame.url, node.callFrame.functionName) === "plugin") {
        plugin = true
        entry = frameName(node)
      }
    }
    info = { plugin, entry }
    stackInfo.set(id, info)
    return info
  }

  const sorted = [...windows].sort((a, b) => a.from - b.from)
  const out: WindowProfile = { count: {}, wall: {}, byCategory: {}, pluginInclusive: {}, pluginEntries: {}, selfByFunction: {} }
  for (const w of sorted) {
    out.count[w.kind] = (out.count[w.kind] ?? 0) + 1
    out.wall[w.kind] = (out.wall[w.kind] ?? 0) + (w.to - w.from)
    out.byCategory[w.kind] ??= {} as Record<Category, number>
    out.pluginInclusive[w.kind] ??= 0
    out.pluginEntries[w.kind] ??= new Map()
    out.selfByFunction[w.kind] ??= new Map()
  }
  // Sample i stands for the interval up to the next sample (its timeDelta is the gap before it).
  let t = profile.startTime
  let wi = 0
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]
    const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0
    while (wi < sorted.length && sorted[wi].to <= t) wi++
    if (wi >= sorted.length) break
    const w = sorted[wi]
    if (t < w.from) continue
    const node = byId.get(profile.samples[i])!
    const category = categoryOf(node.callFrame.url, node.callFrame.functionName)
    const kind = w.kind
    out.byCategory[kind][category] = (out.byCategory[kind][category] ?? 0) + next
    const info = infoOf(node.id)
    if (info.plugin) {
      out.pluginInclusive[kind] += next
      out.pluginEntries[kind].set(info.entry!, (out.pluginEntries[kind].get(info.entry!) ?? 0) + next)
    }
    const name = frameName(node)
    out.selfByFunction[kind].set(name, (out.selfByFunction[kind].get(name) ?? 0) + next)
  }
  return out
}

export const CATEGORIES: Category[] = ["plugin", "medusa", "database driver / ORM", "other packages", "node internals", "gc", "program", "idle"]
