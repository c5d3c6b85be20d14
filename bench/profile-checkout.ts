/**
 * CPU profile of cart completion with and without the plugin (issue #19 item 3):
 *   node bench/run.js bench/profile-checkout.ts [--n 30] [--warmup 5] [--no-3ds] [--no-push]
 * Not a *.bench.ts: `npm run bench` does not run it; its summary is written up in docs/performance.md.
 *
 * The checkout bench's app (bench/lib/app.ts) with bench/lib/cpu-profile-hook.js preloaded into the Medusa process.
 * Checkouts alternate paygent-card / pp_system_default one by one, as in bench/checkout.bench.ts; the profiler runs
 * during the timed checkouts (3-D Secure off, then, after a restart, required), and only the samples inside each
 * `POST /store/carts/:id/complete` window count. Printed per completion (ms): wall time, where the samples went
 * (the plugin's code, Medusa's packages, the database driver and ORM, other packages, Node, GC, idle = waiting), the
 * samples with a plugin frame on the stack and the plugin's entry points among them, and the functions whose self time
 * grew most from system to card. The profiles stay in .demo-data/bench/profiles/ (open them in Chrome's DevTools).
 */
import * as fs from "fs"
import * as path from "path"
import { authenticate } from "../integration-tests/helpers/acs-browser"
import { cardTokenData } from "../integration-tests/helpers/card-token"
import { ROOT, startBenchApp, type BenchApp } from "./lib/app"
import { CATEGORIES, profileWindows, type CpuProfile, type Window } from "./lib/cpu-profile"
import { placeOrder, PROVIDERS, type PlacedOrder } from "./lib/orders"
import { fmt, machine, median, option, sleep, table, waitUntil } from "./lib/stats"

type Kind = "card" | "system"
const DIR = path.join(ROOT, ".demo-data", "bench", "profiles")

async function checkout(app: BenchApp, kind: Kind, threeDs: boolean): Promise<PlacedOrder> {
  if (kind === "system") return placeOrder(app, PROVIDERS.system, {})
  const data = await cardTokenData(app.sim)
  if (!threeDs) return placeOrder(app, PROVIDERS.card, data)
  return placeOrder(app, PROVIDERS.card, data, async (session) => {
    const term = await authenticate(session.data.paygent.threeds.acs_html, { appBaseUrl: app.url })
    const answer = await fetch(term, { redirect: "manual" })
    await answer.arrayBuffer()
  })
}

/** performance.now() (ms) → the monotonic clock in µs that the profile uses. */
function clockOffsetUs(): number {
  const hr = Number(process.hrtime.bigint() / 1000n)
  return hr - performance.now() * 1000
}

let profileCount = 0

async function profiled(app: BenchApp, work: () => Promise<Window[]>): Promise<{ profile: CpuProfile; windows: Window[]; skewUs: number }> {
  const n = profileCount++
  const started = path.join(DIR, `${n}.started`)
  const file = path.join(DIR, `${n}.cpuprofile`)
  const before = Number(process.hrtime.bigint() / 1000n)
  process.kill(app.pid(), "SIGUSR2")
  await waitUntil("the profiler to start", async () => fs.existsSync(started), 30_000)
  const windows = await work()
  process.kill(app.pid(), "SIGUSR2")
  await waitUntil("the profile", async () => fs.existsSync(file), 120_000, 200)
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile
  // The app wrote its hrtime when the profiler had started: between `before` and now on our clock if it is the same.
  const skewUs = profile.startTime - before
  return { profile, windows, skewUs }
}

async function phase(app: BenchApp, label: string, threeDs: boolean, n: number, warmup: number): Promise<void> {
  for (let i = 0; i < warmup; i++) {
    await checkout(app, "card", threeDs)
    await checkout(app, "system", threeDs)
  }
  await sleep(2000)
  const offset = clockOffsetUs()
  const completions: Record<Kind, number[]> = { card: [], system: [] }
  const { profile, windows, skewUs } = await profiled(app, async () => {
    const out: Window[] = []
    for (let i = 0; i < n; i++) {
      for (const kind of i % 2 ? (["system", "card"] as const) : (["card", "system"] as const)) {
        const placed = await checkout(app, kind, threeDs)
        completions[kind].push(placed.completeMs)
        const from = placed.completeAt * 1000 + offset
        out.push({ kind, from, to: from + placed.completeMs * 1000 })
      }
    }
    return out
  })
  const result = profileWindows(profile, windows)
  const per = (kind: Kind, us: number) => us / 1000 / result.count[kind]
  console.log(`\n${label}: ${n} completions each, profile ${((profile.endTime - profile.startTime) / 1e6).toFixed(0)} s, ${profile.samples.length} samples; ` +
    `profile clock starts ${fmt(skewUs / 1000)} ms after the signal (same clock when small and positive)`)
  console.log(`median complete: card ${fmt(median(completions.card))} ms, system ${fmt(median(completions.system))} ms`)
  const rows: Array<Array<string | number>> = []
  rows.push(["wall (window)", fmt(per("card", result.wall.card)), fmt(per("system", result.wall.system)), fmt(per("card", result.wall.card) - per("system", result.wall.system))])
  for (const category of CATEGORIES) {
    const c = per("card", result.byCategory.card[category] ?? 0)
    const s = per("system", result.byCategory.system[category] ?? 0)
    rows.push([`  ${category}`, fmt(c), fmt(s), fmt(c - s)])
  }
  const busy = (kind: Kind) => CATEGORIES.filter((c) => c !== "idle").reduce((a, c) => a + per(kind, result.byCategory[kind][c] ?? 0), 0)
  rows.push(["busy (all but idle)", fmt(busy("card")), fmt(busy("system")), fmt(busy("card") - busy("system"))])
  rows.push(["plugin frame on the stack", fmt(per("card", result.pluginInclusive.card)), fmt(per("system", result.pluginInclusive.system)), fmt(per("card", result.pluginInclusive.card) - per("system", result.pluginInclusive.system))])
  console.log("per completion, ms (samples by the category of the running function):")
  console.log(table(["", "paygent-card", "system", "card − system"], rows))

  for (const kind of ["card", "system"] as const) {
    const entries = [...result.pluginEntries[kind].entries()].sort((a, b) => b[1] - a[1]).slice(0, 10)
    console.log(`plugin entry points running (outermost plugin frame), ${kind}, ms per completion:`)
    console.log(entries.length ? table(["frame", "ms"], entries.map(([name, us]) => [name, fmt(per(kind, us), 2)])) : "  (none)")
  }
  const names = new Set([...result.selfByFunction.card.keys(), ...result.selfByFunction.system.keys()])
  const diffs = [...names]
    .map((name) => {
      const c = per("card", result.selfByFunction.card.get(name) ?? 0)
      const s = per("system", result.selfByFunction.system.get(name) ?? 0)
      return [name, c, s, c - s] as const
    })
    .filter(([name]) => name !== "(idle)")
    .sort((a, b) => b[3] - a[3])
    .slice(0, 20)
  console.log("self time grown most from system to card (ms per completion):")
  console.log(table(["function", "card", "system", "card − system"], diffs.map(([name, c, s, d]) => [name.slice(0, 110), fmt(c, 2), fmt(s, 2), fmt(d, 2)])))
}

export async function main(args: string[] = []): Promise<void> {
  const n = option(args, "n", 30)
  const warmup = option(args, "warmup", 5)
  const with3ds = !args.includes("--no-3ds")
  console.log(`checkout profile — ${machine()}`)
  fs.rmSync(DIR, { recursive: true, force: true })
  fs.mkdirSync(DIR, { recursive: true })
  const app = await startBenchApp({
    name: "profile",
    env: {
      PAYGENT_3DS_MODE: "disabled",
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(__dirname, "lib", "cpu-profile-hook.js")}`.trim(),
      BENCH_CPU_PROFILE_DIR: DIR,
    },
  })
  if (args.includes("--no-push")) app.sim.control.setPush({ enabled: false })
  try {
    await phase(app, "A. 3-D Secure off", false, n, warmup)
    if (with3ds) {
      await app.restart({ PAYGENT_3DS_MODE: "required" })
      profileCount = 0
      fs.rmSync(path.join(DIR, "0.started"), { force: true })
      fs.renameSync(path.join(DIR, "0.cpuprofile"), path.join(DIR, "3ds-off.cpuprofile"))
      await phase(app, "B. 3-D Secure required (frictionless)", true, n, warmup)
      fs.renameSync(path.join(DIR, "0.cpuprofile"), path.join(DIR, "3ds-required.cpuprofile"))
    }
  } finally {
    await app.stop()
  }
}
