/**
 * Runs `npm run demo` (scripts/demo/run.js) as a person would, from scratch (`--reset`, its own data folder,
 * free ports, no DATABASE_URL so the embedded PostgreSQL is used), and reads the `demo ready:` line.
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
  /** Everything the demo printed so far. */
  output(): string
  /** Ctrl-C: SIGINT to the demo; resolves with its exit code once it (and what it started) stopped. */
  interrupt(timeoutMs?: number): Promise<number | null>
  process: ChildProcess
}

const READY = /^demo ready: store (\S+) admin (\S+) \((\S+) \/ (\S+)\) checkout (\S+) simulator (\S+)/m

export function parseReadyLine(text: string): DemoUrls | undefined {
  const m = READY.exec(text)
  return m ? { store: m[1], admin: m[2], adminEmail: m[3], adminPassword: m[4], checkout: m[5], simulator: m[6] } : undefined
}

export async function startDemo(options: { dataDir: string; timeoutMs: number; logFile: string }): Promise<RunningDemo> {
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true })
  const log = fs.createWriteStream(options.logFile)
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DEMO_DATA_DIR: options.dataDir,
    DEMO_PORT: "0",
    DEMO_CHECKOUT_PORT: "0",
    DEMO_SIMULATOR_PORT: "0",
    DEMO_PG_PORT: "0",
  }
  // The embedded database path, whatever the machine has: the system PostgreSQL is left alone.
  delete env.DATABASE_URL
  delete env.NODE_OPTIONS
  delete env.TEST_TYPE
  delete env.NODE_ENV
  const child = spawn(process.execPath, [path.join(ROOT, "scripts", "demo", "run.js"), "--reset"], {
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

  return {
    urls,
    dataDir: options.dataDir,
    process: child,
    output: () => output,
    interrupt: async (timeoutMs = 60_000) => {
      if (child.exitCode !== null) {
        log.end()
        return child.exitCode
      }
      process.kill(child.pid!, "SIGINT")
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL")
        } catch {
          // gone
        }
      }, timeoutMs)
      const code = await exited
      clearTimeout(timer)
      log.end()
      return code
    },
  }
}
