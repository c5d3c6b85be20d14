/**
 * Runs `npm run demo` as a person (or a process manager) would, from scratch (`--reset`, its own data folder, free
 * ports, no DATABASE_URL so the embedded PostgreSQL is used), and reads the `demo ready:` line. `interrupt` signals
 * the npm process only, as a process manager does, and waits until nothing the demo started is left.
 */
import { spawn, type ChildProcess } from "child_process"
import * as fs from "fs"
import * as path from "path"

export const ROOT = path.resolve(__dirname, "..", "..")
export const ARTIFACTS = path.join(ROOT, "e2e", "artifacts")

export interface DemoUrls {
  store: string
  admin: string
  adminEmail: string
  adminPassword: string
  checkout: string
  simulator: string
}

export interface RunningDemo {
  urls: DemoUrls
  dataDir: string
  /** The embedded PostgreSQL's port (from the demo's output). */
  postgresPort?: number
  /** Everything the demo printed so far. */
  output(): string
  /**
   * SIGINT (default) or SIGTERM to the `npm` process only; resolves with npm's exit code once npm, the demo's node
   * process and everything in their process group are gone (SIGKILL to the group after `timeoutMs`).
   */
  interrupt(timeoutMs?: number, signal?: NodeJS.Signals): Promise<number | null>
  /** npm's process (the leader of the demo's process group). */
  process: ChildProcess
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0)
    return true
  } catch {
    return false
  }
}

const READY = /^demo ready: store (\S+) admin (\S+) \((\S+) \/ (\S+)\) checkout (\S+) simulator (\S+)/m

export function parseReadyLine(text: string): DemoUrls | undefined {
  const m = READY.exec(text)
  return m ? { store: m[1], admin: m[2], adminEmail: m[3], adminPassword: m[4], checkout: m[5], simulator: m[6] } : undefined
}

export async function startDemo(options: { dataDir: string; timeoutMs: number; logFile: string; env?: Record<string, string> }): Promise<RunningDemo> {
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true })
  const log = fs.createWriteStream(options.logFile)
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DEMO_DATA_DIR: options.dataDir,
    DEMO_PORT: "0",
    DEMO_CHECKOUT_PORT: "0",
    DEMO_SIMULATOR_PORT: "0",
    DEMO_PG_PORT: "0",
    ...options.env,
  }
  // The embedded database path, whatever the machine has: the system PostgreSQL is left alone.
  delete env.DATABASE_URL
  delete env.NODE_OPTIONS
  delete env.TEST_TYPE
  delete env.NODE_ENV
  // Through npm, as documented: `npm run demo` (its own process group, so that the test can see what is left).
  const child = spawn("npm", ["run", "--silent", "demo", "--", "--reset"], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  const onData = (chunk: Buffer) => {
    output += chunk.toString()
    log.write(chunk)
  }
  child.stdout!.on("data", onData)
  child.stderr!.on("data", onData)
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))

  const urls = await new Promise<DemoUrls>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no "demo ready:" line within ${options.timeoutMs / 1000} s:\n${output.slice(-3000)}`))
    }, options.timeoutMs)
    const check = () => {
      const found = parseReadyLine(output)
      if (found) {
        clearTimeout(timer)
        child.stdout!.off("data", check)
        resolve(found)
      }
    }
    child.stdout!.on("data", check)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`the demo exited (code ${code}) before it was ready:\n${output.slice(-3000)}`))
    })
  }).catch(async (error) => {
    try {
      process.kill(child.pid!, "SIGINT")
    } catch {
      // gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))])
    log.end()
    throw error
  })

  const postgresPort = Number(/embedded PostgreSQL on port (\d+)/.exec(output)?.[1]) || undefined
  return {
    urls,
    dataDir: options.dataDir,
    postgresPort,
    process: child,
    output: () => output,
    interrupt: async (timeoutMs = 60_000, signal: NodeJS.Signals = "SIGINT") => {
      const pid = child.pid!
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, signal)
      const deadline = Date.now() + timeoutMs
      const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), timeoutMs))])
      // npm's exit is not the end: the demo (same group) stops Medusa, the simulator and PostgreSQL first.
      while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
      if (groupAlive(pid)) {
        try {
          process.kill(-pid, "SIGKILL")
        } catch {
          // gone
        }
      }
      log.end()
      return code
    },
  }
}
