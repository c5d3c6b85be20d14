/**
 * The fault campaign (issue #7): runs the chosen scenarios against a Medusa app with this plugin and the Paygent
 * simulator, and prints per scenario `<scenario>: N passed, N failed`, then a final line exactly
 * `N passed, N failed`. Exit code 0 only when nothing failed.
 *
 *   npm run campaign                          full size (what docs/reliability.md reports)
 *   npm run campaign -- --size reduced        the small size (the jest spec runs the in-process scenarios at it)
 *   npm run campaign -- --only push,forged    some scenarios only
 *   CAMPAIGN_SEED=42 npm run campaign         repeat a run's random choices
 */
import * as path from "path"
import { boot, CAMPAIGN_ADMIN, CAMPAIGN_KEYS, readLogs } from "./lib/boot"
import { Db } from "./lib/db"
import { adminLogin } from "./lib/shop"
import { campaignSeed } from "./lib/sizes"
import { SCENARIOS } from "./scenarios"
import type { CampaignContext, ScenarioResult, Size } from "./lib/types"

const HELP = `npm run campaign [-- options]

  --size full|reduced   full (default): the issue's numbers; reduced: a few minutes
  --only a,b            run only these scenarios (${Object.keys(SCENARIOS).join(", ")})
  --verbose             Medusa's output on the console (otherwise .campaign-data/logs/)
`

export function formatLine(name: string, result: ScenarioResult): string {
  return `${name}: ${result.passed} passed, ${result.failed} failed`
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(HELP)
    return 0
  }
  let size: Size = "full"
  let only: string[] | undefined
  const verbose = argv.includes("--verbose")
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--size") {
      const value = argv[++i]
      if (value !== "full" && value !== "reduced") throw new Error(`--size must be full or reduced, not ${value}`)
      size = value
    } else if (argv[i] === "--only") {
      only = String(argv[++i] ?? "").split(",").filter(Boolean)
    } else if (argv[i] !== "--verbose") {
      throw new Error(`unknown option ${argv[i]}; see npm run campaign -- --help`)
    }
  }
  const names = only ?? Object.keys(SCENARIOS)
  const unknown = names.filter((n) => !(n in SCENARIOS))
  if (unknown.length) {
    throw new Error(`unknown scenario ${unknown.join(", ")}; known: ${Object.keys(SCENARIOS).join(", ")}`)
  }

  const root = path.resolve(__dirname, "..")
  const started = Date.now()
  process.stdout.write(`[campaign] size ${size}, scenarios ${names.join(", ")}, CAMPAIGN_SEED=${campaignSeed()}\n`)
  const booted = await boot({ root, verbose })
  const db = new Db(booted.databaseUrl)
  const ctx: CampaignContext = {
    size,
    sim: booted.sim,
    keys: CAMPAIGN_KEYS,
    urls: booted.urls,
    store: booted.store,
    adminHeaders: await adminLogin(booted.urls()[0], CAMPAIGN_ADMIN.email, CAMPAIGN_ADMIN.password),
    db,
    log: (line) => process.stdout.write(`[campaign] ${line}\n`),
    issued: { tokens: new Set(), cards: new Set() },
    appLogs: () => readLogs(booted.logsDir),
    deployment: booted.deployment,
  }
  process.stdout.write(`[campaign] ready in ${((Date.now() - started) / 1000).toFixed(0)} s\n`)
  const totals = { passed: 0, failed: 0 }
  const lines: string[] = []
  try {
    for (const name of names) {
      const at = Date.now()
      let result: ScenarioResult
      try {
        result = await SCENARIOS[name](ctx, size)
      } catch (error) {
        result = { passed: 0, failed: 1, details: [`FAIL the scenario stopped: ${(error as Error)?.stack ?? error}`] }
      }
      const seconds = ((Date.now() - at) / 1000).toFixed(0)
      for (const detail of result.details) {
        process.stdout.write(`  ${name} | ${detail}\n`)
      }
      const line = formatLine(name, result)
      lines.push(`${line} (${seconds} s)`)
      process.stdout.write(`${line} (${seconds} s)\n`)
      totals.passed += result.passed
      totals.failed += result.failed
    }
  } finally {
    await db.close()
    await booted.shutdown()
  }
  process.stdout.write(`\n[campaign] size ${size}, ${((Date.now() - started) / 60000).toFixed(1)} min\n`)
  for (const line of lines) {
    process.stdout.write(`${line}\n`)
  }
  process.stdout.write(`${totals.passed} passed, ${totals.failed} failed\n`)
  return totals.failed === 0 ? 0 : 1
}
