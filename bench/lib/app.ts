/**
 * The application the benchmarks measure: the repository's Medusa app (root medusa-config.ts, plugin loaded from
 * src/) run with `medusa start` exactly as the demo runs it (scripts/demo/medusa-app.ts: a generated app folder, here
 * `.demo-data/bench/app`), the admin dashboard off, against a database of the bench's own, and the Paygent
 * simulator in the bench process (mutual TLS like Paygent, notices pushed to `<app>/paygent/notice`).
 *
 * Databases, on the system PostgreSQL (postgres@localhost:5432, trust), the server of DATABASE_URL, or the one
 * `npm run bench` started through scripts/test-services (DB_HOST / DB_PORT / DB_USERNAME / DB_PASSWORD):
 *   paygent_bench_template   migrated and seeded once (the Japanese store of the integration tests with a large
 *                            stock, and an admin user); rebuilt when the migrations or the seed change
 *   paygent_bench_<name>     made from the template at the start of each bench (CREATE DATABASE … TEMPLATE), dropped at
 *                            the end unless BENCH_KEEP_DB=1
 * BENCH_DB_PREFIX (default paygent_bench_) names them otherwise: two checkouts of different commits can then run
 * benches at the same time without rebuilding each other's template or dropping each other's databases.
 * Medusa's output goes to .demo-data/bench/logs/<name>/medusa.log.
 */
import * as fs from "fs"
import * as path from "path"
import { Client, Pool } from "pg"
import type { Simulator, SimulatorOptions } from "../../src/simulator"
import { startSimulator } from "../../src/simulator"
import type { SeededStore } from "../../scripts/demo/seed-store"
import { migrate, prepareAppDir, startMedusa, type AppContext } from "../../scripts/demo/medusa-app"
import { fingerprint, freePort, listFiles, runToEnd, type Child } from "../../scripts/demo/util"

export const ROOT = path.resolve(__dirname, "..", "..")
const DATA_DIR = path.join(ROOT, ".demo-data", "bench")
const DB_PREFIX = (process.env.BENCH_DB_PREFIX ?? "paygent_bench_").replace(/[^a-z0-9_]/gi, "_").toLowerCase()
const TEMPLATE_DB = `${DB_PREFIX}template`
const META_TABLE = "paygent_demo_meta"

/** The keys the simulator and the provider share (test values, as in the demo). */
export const KEYS = {
  merchantId: "123456789",
  connectId: "testconnect01",
  connectPassword: "TestPassw0rd99",
  tokenKey: "bench_token_key",
  tokenHashKey: "bench_token_hash_key",
  threeDsHashKey: "bench_3ds_hash_key",
  noticeHashKey: "bench_notice_hash_key",
}

export interface BenchStore extends SeededStore {
  adminEmail: string
  adminPassword: string
}

export function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`)
}

/**
 * postgres://… of database `name` on the server of DATABASE_URL, else of DB_HOST / DB_PORT / DB_USERNAME /
 * DB_PASSWORD (what scripts/test-services hands on when `npm run bench` had to start PostgreSQL itself), else
 * postgres@localhost:5432.
 */
export function databaseUrl(name: string): string {
  const env = process.env
  const fromParts = () => {
    const url = new URL("postgres://localhost:5432/postgres")
    url.hostname = env.DB_HOST || "localhost"
    url.port = env.DB_PORT || "5432"
    url.username = encodeURIComponent(env.DB_USERNAME || "postgres")
    if (env.DB_PASSWORD) url.password = encodeURIComponent(env.DB_PASSWORD)
    return url.toString()
  }
  const url = new URL(env.DATABASE_URL || fromParts())
  url.pathname = `/${encodeURIComponent(name)}`
  return url.toString()
}

async function withMaintenance<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl("postgres") })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await withMaintenance((client) => client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`))
}

function templateKey(): string {
  const src = path.join(ROOT, "src")
  const files = [
    ...listFiles(src, (file) => /[\\/]migrations[\\/]/.test(file) || /[\\/]links[\\/]/.test(file)),
    ...listFiles(path.join(src, "modules"), (file) => /[\\/]modules[\\/][^\\/]+[\\/]index\.ts$/.test(file)),
    path.join(ROOT, "package-lock.json"),
    path.join(ROOT, "medusa-config.ts"),
    path.join(ROOT, "scripts", "demo", "seed-store.ts"),
    path.join(__dirname, "seed.exec.ts"),
  ]
  return fingerprint(ROOT, files, ["bench-template-1"])
}

async function readTemplate(key: string): Promise<BenchStore | undefined> {
  const exists = await withMaintenance(async (client) => (await client.query("select 1 from pg_database where datname = $1", [TEMPLATE_DB])).rowCount)
  if (!exists) return undefined
  const client = new Client({ connectionString: databaseUrl(TEMPLATE_DB) })
  await client.connect()
  try {
    const { rows } = await client.query(`select key, value from ${META_TABLE} where key in ('bench_template', 'bench_store')`)
    const meta = Object.fromEntries(rows.map((row) => [row.key, row.value]))
    return meta.bench_template === key && meta.bench_store ? JSON.parse(meta.bench_store) : undefined
  } catch {
    return undefined
  } finally {
    await client.end()
  }
}

function appContext(name: string, env: NodeJS.ProcessEnv): AppContext {
  return {
    root: ROOT,
    appDir: path.join(DATA_DIR, "app"),
    logsDir: path.join(DATA_DIR, "logs", name),
    adminCacheDir: path.join(ROOT, ".demo-data", "admin-cache"),
    verbose: process.env.BENCH_VERBOSE === "1",
    env: { ...env, BENCH_NAME: name },
  }
}

/** Creates the template database (migrations + seed) when it is missing or made from other migrations or seed. */
async function ensureTemplate(env: NodeJS.ProcessEnv): Promise<BenchStore> {
  const key = templateKey()
  const found = await readTemplate(key)
  if (found) return found
  const started = Date.now()
  log(`building the template database ${TEMPLATE_DB} (migrations + seed, about a minute; kept for later runs)`)
  await dropDatabase(TEMPLATE_DB)
  await withMaintenance((client) => client.query(`create database ${client.escapeIdentifier(TEMPLATE_DB)}`))
  const url = databaseUrl(TEMPLATE_DB)
  const ctx = appContext("template", env)
  prepareAppDir(ctx)
  await migrate(ctx, url)
  const out = path.join(DATA_DIR, "seed.json")
  fs.rmSync(out, { force: true })
  await runToEnd(process.execPath, [path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js"), "exec", path.join(__dirname, "seed.exec.ts")], {
    cwd: ctx.appDir,
    env: { ...ctx.env, DATABASE_URL: url, BENCH_SEED_OUT: out },
    logFile: path.join(ctx.logsDir, "seed.log"),
    what: "the bench seed (medusa exec bench/lib/seed.exec.ts)",
  })
  const store = JSON.parse(fs.readFileSync(out, "utf8")) as BenchStore
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`create table if not exists ${META_TABLE} (key text primary key, value text not null)`)
    for (const [k, v] of [
      ["bench_template", key],
      ["bench_store", JSON.stringify(store)],
    ]) {
      await client.query(`insert into ${META_TABLE} (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value`, [k, v])
    }
  } finally {
    await client.end()
  }
  log(`template database ready in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  return store
}

export interface BenchApp {
  name: string
  url: string
  sim: Simulator
  db: Pool
  databaseUrl: string
  store: BenchStore
  /** Bearer token of the admin user. */
  admin: { authorization: string }
  /** pid of the Medusa server process. */
  pid(): number
  /** Resident set size of the Medusa process now, and its peak since it started (VmHWM), in MiB. */
  rss(): { now: number; peak: number }
  /** Stops Medusa and starts it again on the same database with other environment variables. */
  restart(env?: Record<string, string>): Promise<void>
  stop(): Promise<void>
  /** Publishable-key header of the store API. */
  storeHeaders: Record<string, string>
}

export interface BenchAppOptions {
  /** The database is paygent_bench_<name>. */
  name: string
  /** Environment of the Medusa process (on top of the simulator's and the defaults below). */
  env?: Record<string, string>
  simulator?: SimulatorOptions
  /** Keep the database of an earlier run (BENCH_REUSE_DB=1 with BENCH_KEEP_DB=1): for looking into a result. */
  reuseDatabase?: boolean
  /**
   * Mount `POST /bench/process-payment` (bench/lib/baseline-plugin): Medusa's processPaymentWorkflow fed an action
   * directly, the notices bench's baseline. A local plugin of the bench app only; src/ is not touched.
   */
  baselineRoute?: boolean
}

/**
 * Writes the bench-only local plugin (a package.json and the route under `.medusa/server/src/api`, where Medusa looks
 * for a plugin's routes) into the bench's data folder and adds it to the app's generated medusa-config.ts.
 */
function addBaselinePlugin(ctx: AppContext): void {
  const dir = path.join(DATA_DIR, "baseline-plugin")
  const routeDir = path.join(dir, ".medusa", "server", "src", "api", "bench", "process-payment")
  fs.mkdirSync(routeDir, { recursive: true })
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "paygent-bench-baseline", version: "0.0.0", private: true }) + "\n")
  const source = path.join(__dirname, "baseline-plugin", "process-payment-route.js")
  fs.writeFileSync(path.join(routeDir, "route.js"), `// Generated by bench/lib/app.ts\nmodule.exports = require(${JSON.stringify(source)})\n`)
  const config = path.join(ctx.appDir, "medusa-config.ts")
  fs.appendFileSync(config, `// The notices bench's baseline route (bench/lib/baseline-plugin).\nconfig.plugins = [...(config.plugins ?? []), { resolve: ${JSON.stringify(dir)}, options: {} }]\n`)
}

function procStatus(pid: number): { now: number; peak: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8")
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0)
    return { now: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 }
  } catch {
    return { now: 0, peak: 0 }
  }
}

/**
 * Starts the simulator and Medusa on a fresh `paygent_bench_<name>` database. Defaults of the Medusa process: the
 * sync job and the reconciliation job off (a bench turns the sync on when it measures it), the admin dashboard off.
 */
export async function startBenchApp(options: BenchAppOptions): Promise<BenchApp> {
  const started = Date.now()
  const port = await freePort(0)
  const url = `http://localhost:${port}`
  const sim = await startSimulator({
    tls: true,
    host: "127.0.0.1",
    notifyUrl: `${url}/paygent/notice`,
    ...KEYS,
    // A push is answered once its notice is applied; a 10,000-notice backlog must not time out on a loaded machine.
    pushRetry: { retryIntervalMs: 200, maxConsecutiveFailures: 1_000_000, pauseMs: 1000, timeoutMs: 120_000 },
    ...options.simulator,
  })
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    MEDUSA_DISABLE_TELEMETRY: "true",
    MEDUSA_ADMIN_DISABLE: "true",
    PAYGENT_BASE_URL: sim.url,
    PAYGENT_CLIENT_CERT: sim.tls!.clientCertPem,
    PAYGENT_CLIENT_KEY: sim.tls!.clientKeyPem,
    PAYGENT_CERT_PASSPHRASE: sim.tls!.passphrase,
    PAYGENT_CA: sim.tls!.caPem,
    PAYGENT_MERCHANT_ID: KEYS.merchantId,
    PAYGENT_CONNECT_ID: KEYS.connectId,
    PAYGENT_CONNECT_PASSWORD: KEYS.connectPassword,
    PAYGENT_TOKEN_KEY: KEYS.tokenKey,
    PAYGENT_TOKEN_HASH_KEY: KEYS.tokenHashKey,
    PAYGENT_3DS_HASH_KEY: KEYS.threeDsHashKey,
    PAYGENT_NOTICE_HASH_KEY: KEYS.noticeHashKey,
    PAYGENT_BACKEND_URL: url,
    PAYGENT_SYNC_DISABLED: "true",
    PAYGENT_RECONCILE_DISABLED: "true",
    JWT_SECRET: "bench-jwt-secret",
    COOKIE_SECRET: "bench-cookie-secret",
  }
  delete baseEnv.DATABASE_URL

  let store: BenchStore
  let ctx: AppContext
  try {
    store = await ensureTemplate(baseEnv)
  } catch (error) {
    await sim.close()
    throw error
  }
  const dbName = `${DB_PREFIX}${options.name.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}`
  const reuse = options.reuseDatabase ?? process.env.BENCH_REUSE_DB === "1"
  if (!reuse) {
    await dropDatabase(dbName)
    await withMaintenance((client) =>
      client.query(`create database ${client.escapeIdentifier(dbName)} template ${client.escapeIdentifier(TEMPLATE_DB)}`)
    )
  }
  const dbUrl = databaseUrl(dbName)
  const db = new Pool({ connectionString: dbUrl, max: 4 })

  let env: Record<string, string> = { ...(options.env ?? {}) }
  let medusa: Child | undefined
  const boot = async () => {
    ctx = appContext(options.name, { ...baseEnv, ...env })
    prepareAppDir(ctx)
    if (options.baselineRoute) addBaselinePlugin(ctx)
    medusa = await startMedusa(ctx, dbUrl, { host: "127.0.0.1", port, url })
  }
  const admin = { authorization: "" }
  const login = async () => {
    const response = await fetch(`${url}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: store.adminEmail, password: store.adminPassword }),
    })
    if (!response.ok) throw new Error(`admin login failed: HTTP ${response.status} ${await response.text()}`)
    admin.authorization = `Bearer ${((await response.json()) as { token: string }).token}`
  }
  try {
    await boot()
    await login()
  } catch (error) {
    await medusa?.stop().catch(() => undefined)
    await db.end().catch(() => undefined)
    await sim.close()
    throw error
  }
  log(`${options.name}: Medusa on ${url}, database ${dbName}, simulator ${sim.url} (ready in ${((Date.now() - started) / 1000).toFixed(0)} s)`)

  return {
    name: options.name,
    url,
    sim,
    db,
    databaseUrl: dbUrl,
    store,
    admin,
    storeHeaders: { "x-publishable-api-key": store.publishableKey },
    pid: () => medusa!.process.pid!,
    rss: () => procStatus(medusa!.process.pid!),
    restart: async (next?: Record<string, string>) => {
      await medusa?.stop(15_000)
      if (next) env = { ...env, ...next }
      const t = Date.now()
      await boot()
      await login()
      log(`${options.name}: Medusa restarted in ${((Date.now() - t) / 1000).toFixed(0)} s`)
    },
    stop: async () => {
      await medusa?.stop(15_000).catch(() => undefined)
      await db.end().catch(() => undefined)
      await sim.close().catch(() => undefined)
      if (process.env.BENCH_KEEP_DB !== "1") {
        await dropDatabase(dbName).catch((error) => log(`could not drop ${dbName}: ${error.message}`))
      } else {
        log(`kept database ${dbName} (BENCH_KEEP_DB=1)`)
      }
    },
  }
}

/** fetch against the app, JSON in and out; throws with the body on a non-2xx answer. */
export async function call<T = any>(
  app: Pick<BenchApp, "url">,
  method: string,
  pathname: string,
  options: { body?: unknown; headers?: Record<string, string> } = {}
): Promise<T> {
  const response = await fetch(`${app.url}${pathname}`, {
    method,
    headers: { ...(options.body !== undefined ? { "content-type": "application/json" } : {}), ...(options.headers ?? {}) },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  })
  const text = await response.text()
  if (!response.ok) {
    throw new Error(`${method} ${pathname}: HTTP ${response.status} ${text.slice(0, 500)}`)
  }
  return (text ? JSON.parse(text) : undefined) as T
}
