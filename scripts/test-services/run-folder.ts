/**
 * What one run of the setup started: a folder `.test-data/run-<pid>` (the embedded PostgreSQL's cluster, the
 * services' logs and pid files) and how to stop each service, newest first. Each run gets its own cluster, so two
 * runs in one checkout never share (or stop) each other's server; a fresh cluster costs under a second.
 *
 * A run killed before it could stop its services leaves its folder behind; the next run stops what is still
 * running there and deletes it.
 */
import * as fs from "fs"
import * as path from "path"
import { processAlive as alive, stopLeftover } from "../demo/postgres"
import { sleep } from "../demo/util"
import { say } from "./say"

const PREFIX = "run-"

/** The command line of a live process (Linux), "" when unknown. */
function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ")
  } catch {
    return ""
  }
}

/** Whether the setup run `pid` is still going (a dead run's pid may belong to another process by now). */
function runInProgress(pid: number): boolean {
  if (!fs.existsSync("/proc/self")) {
    return alive(pid) // no /proc: trust the pid
  }
  // A zombie (killed, not yet reaped) has an empty command line.
  return commandOf(pid).includes("test-services")
}

/** Pid files the setup writes for services that do not write their own (`<name>.pid`, the service's pid). */
export function writePid(dir: string, name: string, pid: number): void {
  fs.writeFileSync(path.join(dir, `${name}.pid`), `${pid}\n`)
}

async function stopRecorded(dir: string): Promise<void> {
  for (const entry of fs.readdirSync(dir)) {
    if (!entry.endsWith(".pid")) {
      continue
    }
    const pid = Number(fs.readFileSync(path.join(dir, entry), "utf8").trim())
    const name = entry.slice(0, -".pid".length)
    // Only a process that is still the service named by the file (a pid can be reused).
    if (pid > 0 && alive(pid) && commandOf(pid).includes(name)) {
      say(`stopping ${name} (pid ${pid}) left running by an interrupted run`)
      process.kill(pid, "SIGTERM")
      for (let i = 0; i < 50 && alive(pid); i++) {
        await sleep(100)
      }
    }
  }
}

/** Stops and deletes what runs that are gone left in `base`. */
async function cleanLeftovers(base: string): Promise<void> {
  if (!fs.existsSync(base)) {
    return
  }
  for (const entry of fs.readdirSync(base)) {
    const pid = Number(entry.slice(PREFIX.length))
    if (!entry.startsWith(PREFIX) || !pid) {
      continue
    }
    if (runInProgress(pid)) {
      continue
    }
    const dir = path.join(base, entry)
    await stopLeftover(path.join(dir, "pg"))
    await stopRecorded(dir)
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

export class RunFolder {
  private readonly stops: Array<{ what: string; stop: () => Promise<void> }> = []
  private folder?: string

  constructor(private readonly base: string) {}

  /** Stops what killed runs left running (before probing: their Redis could pass for the system's). */
  cleanLeftovers(): Promise<void> {
    return cleanLeftovers(this.base)
  }

  /** The run's folder, created on first use. */
  async dir(): Promise<string> {
    if (!this.folder) {
      this.folder = path.join(this.base, `${PREFIX}${process.pid}`)
      fs.mkdirSync(this.folder, { recursive: true })
    }
    return this.folder
  }

  get started(): boolean {
    return this.stops.length > 0
  }

  onStop(what: string, stop: () => Promise<void>): void {
    this.stops.push({ what, stop })
  }

  /** Stops every service started (newest first) and deletes the folder; with `keepLogs`, the logs stay. */
  async stopAll(options: { keepLogs: boolean }): Promise<void> {
    while (this.stops.length > 0) {
      const { what, stop } = this.stops.pop()!
      await stop().catch((error) => say(`stopping ${what} failed: ${error instanceof Error ? error.message : error}`))
      say(`stopped ${what}`)
    }
    if (!this.folder) {
      return
    }
    if (options.keepLogs) {
      fs.rmSync(path.join(this.folder, "pg"), { recursive: true, force: true })
      say(`the services' logs are in ${path.relative(process.cwd(), this.folder) || this.folder}`)
    } else {
      fs.rmSync(this.folder, { recursive: true, force: true })
      if (fs.readdirSync(this.base).length === 0) {
        fs.rmdirSync(this.base)
      }
    }
  }
}
