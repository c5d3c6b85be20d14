/**
 * Small helpers of the demo: logging, ports, waiting for HTTP, child processes with their output in a log file,
 * and content fingerprints (to skip work that is already done).
 */
import { spawn, type ChildProcess, type SpawnOptions } from "child_process"
import { createHash } from "crypto"
import * as fs from "fs"
import * as net from "net"
import * as path from "path"

export function log(line: string): void {
  process.stdout.write(`[demo] ${line}\n`)
}

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(false))
    server.listen(port, host, () => server.close(() => resolve(true)))
  })
}

/** Ports handed out by freePort in this process (not bound yet by whoever got them). */
const handedOut = new Set<number>()

function anyPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port
      server.close(() => resolve(port))
    })
  })
}

/** The preferred port when it is free on 127.0.0.1 (0 = any), else a free one the system picks. */
export async function freePort(preferred: number): Promise<number> {
  let port = preferred
  if (!(preferred > 0 && !handedOut.has(preferred) && (await canListen(preferred, "127.0.0.1")))) {
    do {
      port = await anyPort()
    } while (handedOut.has(port))
  }
  handedOut.add(port)
  return port
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Polls `url` until it answers 2xx (or `timeoutMs` passes); `alive` stops the wait early when it says false. */
export async function waitForHttp(url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = ""
  while (Date.now() < deadline) {
    if (!alive()) {
      throw new Error(`gave up waiting for ${url}: the process exited`)
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) })
      if (response.ok) {
        return
      }
      last = `HTTP ${response.status}`
    } catch (error) {
      last = error instanceof Error ? error.message : String(error)
    }
    await sleep(250)
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (${last})`)
}

/** The last `lines` lines of a log file, to show with an error. */
export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n")
  } catch {
    return ""
  }
}

export interface Child {
  process: ChildProcess
  logFile: string
  exited: Promise<number | null>
  alive(): boolean
  /** SIGTERM to the child's process group, SIGKILL after `graceMs`; resolves when it exited. */
  stop(graceMs?: number): Promise<void>
}

/**
 * Starts a command in its own process group with stdout/stderr appended to `logFile` (and echoed with `echo`).
 * Its own group, so stopping it also stops what it started; and a Ctrl-C in the terminal reaches the demo only,
 * which then stops its children in order.
 */
export function startChild(
  command: string,
  args: string[],
  options: SpawnOptions & { logFile: string; echo?: boolean; uid?: number; gid?: number }
): Child {
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true })
  const out = fs.openSync(options.logFile, "a")
  fs.writeSync(out, `\n--- ${new Date().toISOString()} ${command} ${args.join(" ")}\n`)
  const child = spawn(command, args, { ...options, detached: true, stdio: ["ignore", "pipe", "pipe"] })
  const write = (chunk: Buffer) => {
    fs.writeSync(out, chunk)
    if (options.echo) {
      process.stdout.write(chunk)
    }
  }
  child.stdout!.on("data", write)
  child.stderr!.on("data", write)
  let running = true
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code, signal) => {
      running = false
      // Let the pipes drain before the log file is closed.
      setImmediate(() => {
        try {
          fs.closeSync(out)
        } catch {
          // already closed
        }
      })
      resolve(code ?? (signal ? 128 : null))
    })
    child.on("error", (error) => {
      running = false
      fs.writeSync(out, `spawn error: ${error.message}\n`)
      resolve(127)
    })
  })
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      // already gone
    }
  }
  return {
    process: child,
    logFile: options.logFile,
    exited,
    alive: () => running,
    stop: async (graceMs = 10_000) => {
      if (!running) {
        return
      }
      signalGroup("SIGTERM")
      const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Runs a command to its end (output in `logFile`); throws with the log's tail when it fails. */
export async function runToEnd(
  command: string,
  args: string[],
  options: SpawnOptions & { logFile: string; what: string; echo?: boolean }
): Promise<void> {
  const child = startChild(command, args, options)
  activeChildren.add(child)
  const code = await child.exited
  activeChildren.delete(child)
  if (code !== 0) {
    throw new Error(`${options.what} failed (exit ${code}); the end of ${options.logFile}:\n${tail(options.logFile)}`)
  }
}

/** Children to stop when the demo is interrupted while a one-off command runs. */
export const activeChildren = new Set<Child>()

/** sha256 over files (path + content), in a stable order; missing files count as absent. */
export function fingerprint(root: string, files: string[], extra: string[] = []): string {
  const hash = createHash("sha256")
  for (const value of extra) {
    hash.update(`extra:${value}\0`)
  }
  for (const file of [...files].sort()) {
    hash.update(`file:${path.relative(root, file)}\0`)
    try {
      hash.update(fs.readFileSync(file))
    } catch {
      hash.update("<missing>")
    }
    hash.update("\0")
  }
  return hash.digest("hex").slice(0, 16)
}

/** Files below `dir` (recursively) whose path matches `keep`; none when `dir` does not exist. */
export function listFiles(dir: string, keep: (file: string) => boolean = () => true): string[] {
  if (!fs.existsSync(dir)) {
    return []
  }
  const found: string[] = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "__tests__") {
        found.push(...listFiles(full, keep))
      }
    } else if (keep(full)) {
      found.push(full)
    }
  }
  return found
}
