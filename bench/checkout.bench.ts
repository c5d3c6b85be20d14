/**
 * Checkout benchmark (node bench/run.js bench/checkout.bench.ts [--n 20] [--rounds 5] [--warmup 5] [--no-3ds] [--no-push]).
 *
 * The same Medusa app (medusa start, bench/lib/app.ts) and database complete carts through the store API — cart,
 * shipping method, payment collection, payment session, POST /store/carts/:id/complete — paying with the plugin's
 * `pp_paygent-card_paygent` (the simulator at 0 ms latency, over mutual TLS with a new connection per telegram, the
 * provider's default) and with Medusa's `pp_system_default` as the baseline. Each round runs `n` checkouts of each,
 * alternating one by one (card, system, system, card, …); medians per round, and the median of the rounds.
 *
 * Phase A: 3-D Secure off (`threeDsMode: "disabled"`): the card session seals the token, completion sends the 020.
 * Phase B (skipped with --no-3ds): Medusa restarted with 3-D Secure required (the plugin's default): the session
 * sends the 450, the shopper's browser goes through the simulator's frictionless ACS to the term_url, completion
 * sends the 020 with the 3ds_auth_id.
 *
 * Printed: per phase, the time of the complete call, of the payment steps (collection + session [+ 3DS] + complete)
 * and of the whole checkout, per provider; `ratio …` lines (goal, issue #19: cart completion card/system ≤ 1.10).
 * Where the completion's time goes, with and without the plugin: bench/profile-checkout.ts.
 */
import { authenticate } from "../integration-tests/helpers/acs-browser"
import { startBenchApp, type BenchApp } from "./lib/app"
import { cardTokenData } from "../integration-tests/helpers/card-token"
import { placeOrder, PROVIDERS, type PlacedOrder } from "./lib/orders"
import { fmt, machine, median, option, size, spread, table } from "./lib/stats"

type Kind = "card" | "system"


async function checkout(app: BenchApp, kind: Kind, threeDs: boolean): Promise<PlacedOrder> {
  if (kind === "system") return placeOrder(app, PROVIDERS.system, {})
  const data = await cardTokenData(app.sim)
  if (!threeDs) return placeOrder(app, PROVIDERS.card, data)
  return placeOrder(app, PROVIDERS.card, data, async (session) => {
    const html = session?.data?.paygent?.threeds?.acs_html
    if (!html) throw new Error(`no 3-D Secure HTML on the card session: ${JSON.stringify(session?.data?.paygent ?? session).slice(0, 300)}`)
    const term = await authenticate(html, { appBaseUrl: app.url })
    const answer = await fetch(term, { redirect: "manual" })
    await answer.arrayBuffer()
    if (answer.status >= 400) throw new Error(`term_url answered ${answer.status}`)
  })
}

interface PhaseResult {
  label: string
  rounds: Array<Record<Kind, { complete: number; payment: number; checkout: number }>>
  all: Record<Kind, PlacedOrder[]>
}

async function phase(app: BenchApp, label: string, threeDs: boolean, n: number, rounds: number, warmup: number): Promise<PhaseResult> {
  for (let i = 0; i < warmup; i++) {
    await checkout(app, "card", threeDs)
    await checkout(app, "system", threeDs)
  }
  const result: PhaseResult = { label, rounds: [], all: { card: [], system: [] } }
  for (let r = 0; r < rounds; r++) {
    const round = {} as PhaseResult["rounds"][number]
    const placed: Record<Kind, PlacedOrder[]> = { card: [], system: [] }
    // Checkouts alternate one by one (which goes first alternates too), so that load from elsewhere hits both alike.
    for (let i = 0; i < n; i++) {
      for (const kind of (i + r) % 2 ? (["system", "card"] as const) : (["card", "system"] as const)) {
        placed[kind].push(await checkout(app, kind, threeDs))
      }
    }
    for (const kind of ["card", "system"] as const) {
      result.all[kind].push(...placed[kind])
      round[kind] = {
        complete: median(placed[kind].map((p) => p.completeMs)),
        payment: median(placed[kind].map((p) => p.paymentMs)),
        checkout: median(placed[kind].map((p) => p.checkoutMs)),
      }
    }
    result.rounds.push(round)
    process.stderr.write(`[bench] ${label} round ${r + 1}/${rounds}: complete card ${fmt(round.card.complete)} ms, system ${fmt(round.system.complete)} ms\n`)
  }
  return result
}

function report(result: PhaseResult): string[] {
  const rows: Array<Array<string | number>> = []
  const ratios: string[] = []
  for (const part of ["complete", "payment", "checkout"] as const) {
    const card = median(result.rounds.map((r) => r.card[part]))
    const system = median(result.rounds.map((r) => r.system[part]))
    const perRound = result.rounds.map((r) => r.card[part] / r.system[part])
    rows.push([part, fmt(card), fmt(system), (card / system).toFixed(2), spread(perRound)])
    ratios.push(`${part} card/system`)
  }
  console.log(`\n${result.label}: ${result.rounds.length} rounds × ${result.all.card.length / result.rounds.length} checkouts per provider; medians of the round medians (ms)`)
  console.log(table(["step", "paygent-card", "system", "ratio", "round ratios"], rows))
  return ratios
}

export async function main(args: string[] = []): Promise<void> {
  const n = option(args, "n", size(20, 6))
  const rounds = option(args, "rounds", size(5, 3))
  const warmup = option(args, "warmup", size(5, 2))
  const with3ds = !args.includes("--no-3ds")
  const started = Date.now()
  console.log(`checkout bench — ${machine()}`)

  const app = await startBenchApp({ name: "checkout", env: { PAYGENT_3DS_MODE: "disabled" } })
  const results: PhaseResult[] = []
  try {
    // --no-push: the simulator does not push the card payment's notices (an experiment: what receiving the 020's
    // notice while the completion still runs costs it; Paygent pushes card notices at once).
    if (args.includes("--no-push")) app.sim.control.setPush({ enabled: false })
    results.push(await phase(app, "A. 3-D Secure off", false, n, rounds, warmup))
    if (with3ds) {
      await app.restart({ PAYGENT_3DS_MODE: "required" })
      results.push(await phase(app, "B. 3-D Secure required (frictionless)", true, n, rounds, warmup))
    }
  } finally {
    await app.stop()
  }

  for (const result of results) report(result)
  console.log("")
  const ratioOf = (result: PhaseResult, part: "complete" | "payment" | "checkout") =>
    median(result.rounds.map((r) => r.card[part])) / median(result.rounds.map((r) => r.system[part]))
  const [a, b] = results
  const ms = (result: PhaseResult, kind: Kind) => fmt(median(result.rounds.map((r) => r[kind].complete)))
  const completion = (result: PhaseResult, label: string) =>
    `ratio checkout completion card/system, ${label} (goal ≤ 1.10): ${ratioOf(result, "complete").toFixed(2)} ` +
    `(${ms(result, "card")} / ${ms(result, "system")} ms; rounds ${spread(result.rounds.map((r) => r.card.complete / r.system.complete))})`
  console.log(completion(a, "3DS off"))
  console.log(`ratio payment steps card/system, 3DS off: ${ratioOf(a, "payment").toFixed(2)}`)
  console.log(`ratio whole checkout card/system, 3DS off: ${ratioOf(a, "checkout").toFixed(2)}`)
  if (b) {
    console.log(completion(b, "3DS required"))
    console.log(`ratio payment steps card/system, 3DS required (incl. 450 + ACS + term_url): ${ratioOf(b, "payment").toFixed(2)}`)
    console.log(`ratio whole checkout card/system, 3DS required: ${ratioOf(b, "checkout").toFixed(2)}`)
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`)
}
