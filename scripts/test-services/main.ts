/**
 * The test commands' setup step (`npm test` and the `test:*` scripts of package.json):
 *
 *   node scripts/test-services/run.js --needs postgres,redis,chromium -- <command> [args…]
 *
 * makes sure each named service answers (postgres.ts, redis.ts, chromium.ts say in which order it looks for one,
 * starts one or installs one), runs the command with the variables that point at them, then stops what it started
 * and exits with the command's code. Nested runs (npm test's steps run `npm run test:*`, each with its own setup)
 * find the services through those variables and start nothing more.
 */
import { spawn } from "child_process"
import * as os from "os"
import * as path from "path"
import { chromium } from "./chromium"
import { MissingNeed, type Need, type NeedContext } from "./need"
import { postgres } from "./postgres"
import { redis } from "./redis"
import { RunFolder } from "./run-folder"
import { say } from "./say"
import { realSystem } from "./system"

export const NEEDS: Record<string, Need> = { postgres, redis, chromium }

const USAGE = `node scripts/test-services/run.js [--needs ${Object.keys(NEEDS).join(",")}] -- <command> [args…]`

export function parseArgs(argv: string[]): { needs: Need[]; command: string[] } {
  const split = argv.indexOf("--")
  const options = split < 0 ? argv : argv.slice(0, split)
  const command = split < 0 ? [] : argv.slice(split + 1)
  const needs: Need[] = []
  for (let i = 0; i < options.length; i++) {
    if (options[i] !== "--needs") {
      throw new Error(`unknown option ${options[i]}; usage: ${USAGE}`)
    }
    for (const name of String(options[++i] ?? "").split(",").filter(Boolean)) {
      if (!NEEDS[name]) {
        throw new Error(`unknown need ${name}; known: ${Object.keys(NEEDS).join(", ")}`)
      }
      needs.push(NEEDS[name])
    }
  }
  if (command.length === 0) {
    throw new Error(`no command to run; usage: ${USAGE}`)
  }
  return { needs, command }
}

/** Finds or starts each need in order; the environment the command gets. */
export async function provide(needs: Need[], ctx: NeedContext): Promise<NodeJS.ProcessEnv> {
  for (const need of needs) {
    const found = await need.ensure(ctx)
    ctx.env = { ...ctx.env, ...found.env }
    say(`${need.name}: ${found.summary}`)
  }
  return ctx.env
}

function runCommand(command: string[], env: NodeJS.ProcessEnv): { exited: Promise<number>; signal(signal: NodeJS.Signals): void } {
  // Its own process group, so that a signal reaches everything the command started (npm test's command runs npm,
  // which runs jest…) when it is passed on below; this process stops the services only once the command is over.
  const child = spawn(command[0], command.slice(1), { stdio: "inherit", env, detached: true })
  const exited = new Promise<number>((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 1)))
    child.on("error", (error) => {
      say(`could not run ${command[0]}: ${error.message}`)
      resolve(127)
    })
  })
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      child.kill(signal)
    }
  }
  return { exited, signal: signalGroup }
}

export async function main(argv: string[]): Promise<number> {
  const { needs, command } = parseArgs(argv)
  const root = path.resolve(__dirname, "..", "..")
  const base = path.join(root, ".test-data")
  const run = new RunFolder(base)
  const ctx: NeedContext = { root, env: { ...process.env }, run, system: realSystem(path.join(base, "apt-get.log")) }

  let interrupted: NodeJS.Signals | undefined
  let forward: ((signal: NodeJS.Signals) => void) | undefined
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = signal
    forward?.(signal)
  }
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, onSignal)
  }

  let code: number
  try {
    await run.cleanLeftovers()
    const env = await provide(needs, ctx)
    if (interrupted) {
      code = 130
    } else {
      const child = runCommand(command, env)
      forward = child.signal
      code = await child.exited
    }
  } catch (error) {
    if (error instanceof MissingNeed) {
      say(`cannot run the tests: ${error.message}`)
    } else {
      say(`setup failed: ${error instanceof Error && error.stack ? error.stack : error}`)
    }
    code = 1
  }
  if (run.started) {
    await run.stopAll({ keepLogs: code !== 0 })
  }
  return code
}
