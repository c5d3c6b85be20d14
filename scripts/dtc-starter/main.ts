/**
 * `npm run try:dtc-starter -- <path to a dtc-starter checkout>`: this plugin and its storefront kit in Medusa's own
 * starter (github medusajs/dtc-starter), as docs/storefront-nextjs.md describes it, checked end to end:
 *
 *   1. the package: built and packed; installed next to react alone it brings no Medusa backend; typed;
 *   2. a copy of the starter with the guide's changes (the packed tarball in both apps), installed with pnpm;
 *   3. its backend (Medusa) against the Paygent simulator and a fresh database, set up for Japan through the Admin
 *      API; its storefront built for production (`next build`, where thrown errors lose their message) and started;
 *   4. a shopper in chromium per method: card through the 3-D Secure challenge back to the storefront, konbini and
 *      Pay-easy with their numbers on the order page, net bank to the bank screen and back; a declined card.
 *
 * Prints one line per check and `N passed, N failed`; exits 1 on a failure. Not part of `npm test` (CI cannot
 * fetch the starter). Everything runs under <work> (default .dtc-starter/ in the repository, git-ignored).
 */
import { execFileSync } from "child_process"
import * as fs from "fs"
import * as path from "path"
import type { Simulator } from "../../src/simulator"
import { launchBrowser, type Browser } from "../../e2e/helpers/browser"
import { DEMO_KEYS, simulatorEnv } from "../demo/main"
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgres } from "../demo/postgres"
import { activeChildren, freePort, runToEnd, seconds, startChild, tail, waitForHttp, type Child } from "../demo/util"
import { adminApi, adminToken, setUpJapan } from "./japan-region"
import { checkInstall, checkTypes } from "./package-check"
import { applyEdits, backendEdits, copyNewFiles, STOREFRONT_EDITS } from "./starter-patch"
import { chooseMethod, confirmation, fillCard, newPage, review, toPaymentStep, type Shop } from "./walk"

const HELP = `npm run try:dtc-starter -- <path to a dtc-starter checkout> [options]

  <path>          a clone of github.com/medusajs/dtc-starter (a work tree or a bare repository); its HEAD is used
  --work <dir>    where to work (default .dtc-starter/ in this repository; emptied first)
  --skip-build    use the plugin as built in .medusa/server (npm run build is otherwise run first)
  --keep          leave the apps, the database and the simulator running after the checks (Ctrl-C stops them)
  --verbose       show the commands' output (otherwise in <work>/logs/)
`

const PNPM = "pnpm@10.11.1"
const ADMIN = { email: "admin@example.jp", password: "paygent-try" }
const COUNTRY = "jp"

function say(line: string): void {
  process.stdout.write(`[dtc-starter] ${line}\n`)
}

interface Result {
  name: string
  ok: boolean
  detail?: string
}

function starterCommit(starter: string): { commit: string; subject: string; date: string } {
  const [commit, date, subject] = execFileSync("git", ["-C", starter, "log", "-1", "--format=%H%n%cs%n%s", "HEAD"], { encoding: "utf8" })
    .trim()
    .split("\n")
  return { commit, date, subject }
}

function copyStarter(starter: string, target: string): void {
  fs.mkdirSync(target, { recursive: true })
  const archive = execFileSync("git", ["-C", starter, "archive", "--format=tar", "HEAD"], { maxBuffer: 512 * 1024 * 1024 })
  execFileSync("tar", ["-x", "-C", target], { input: archive })
}

function addDependency(appDir: string, tarball: string): void {
  const file = path.join(appDir, "package.json")
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"))
  pkg.dependencies = { ...pkg.dependencies, "medusa-payment-paygent": `file:${tarball}` }
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n")
}

function envFile(file: string, env: Record<string, string>): void {
  fs.writeFileSync(file, Object.entries(env).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join("\n") + "\n")
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h") || argv.length === 0) {
    process.stdout.write(HELP)
    return argv.length === 0 ? 1 : 0
  }
  const root = path.resolve(__dirname, "..", "..")
  const option = (name: string) => {
    const at = argv.indexOf(name)
    return at >= 0 ? argv[at + 1] : undefined
  }
  const starter = path.resolve(argv.find((arg, i) => !arg.startsWith("--") && argv[i - 1] !== "--work")!)
  const work = path.resolve(option("--work") ?? path.join(root, ".dtc-starter"))
  const verbose = argv.includes("--verbose")
  const logs = path.join(work, "logs")
  const started = Date.now()

  const stops: { what: string; stop: () => Promise<void> }[] = []
  const stopAll = async () => {
    for (const child of activeChildren) await child.stop(5000).catch(() => undefined)
    for (const { what, stop } of stops.reverse()) await stop().catch((e) => say(`stopping ${what}: ${e?.message ?? e}`))
    stops.length = 0
  }
  let interrupted = false
  const onSignal = (signal: string) => {
    if (interrupted) return
    interrupted = true
    say(`${signal}: stopping everything`)
    void stopAll().then(() => process.exit(130))
  }
  process.on("SIGINT", onSignal)
  process.on("SIGTERM", onSignal)

  const results: Result[] = []
  const check = async (name: string, run: () => Promise<string | void>): Promise<boolean> => {
    try {
      const detail = await run()
      results.push({ name, ok: true, detail: detail || undefined })
      process.stdout.write(`  ✓ ${name}${detail ? ` — ${detail}` : ""}\n`)
      return true
    } catch (error) {
      const detail = error instanceof Error ? error.message.split("\n").slice(0, 6).join("\n    ") : String(error)
      results.push({ name, ok: false, detail })
      process.stdout.write(`  ✗ ${name}\n    ${detail}\n`)
      return false
    }
  }
  const run = (command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; log: string; what: string }) =>
    runToEnd(command, args, { cwd: options.cwd, env: { ...process.env, NODE_OPTIONS: "", ...options.env }, logFile: path.join(logs, options.log), what: options.what, echo: verbose })

  let browser: Browser | undefined
  try {
    const { commit, date, subject } = starterCommit(starter)
    say(`starter ${starter} at ${commit} (${date}, "${subject}")`)
    fs.rmSync(work, { recursive: true, force: true })
    fs.mkdirSync(logs, { recursive: true })

    // 1. The package, as published.
    if (!argv.includes("--skip-build")) {
      say("building the plugin (npm run build)")
      await run("npm", ["run", "build"], { cwd: root, log: "build.log", what: "npm run build" })
    }
    await run("npm", ["pack", "--pack-destination", work], { cwd: root, log: "pack.log", what: "npm pack" })
    const tarball = path.join(work, fs.readdirSync(work).find((f) => f.endsWith(".tgz"))!)
    say(`packed ${path.basename(tarball)}`)
    const installDir = path.join(work, "install-check")
    await check("package: installed with react and react-dom only, it brings no @medusajs/* package and < 60 packages; .d.ts for both entries", async () => {
      const found = await checkInstall(tarball, installDir, path.join(logs, "install-check.log"))
      if (found.medusa.length) throw new Error(`Medusa packages installed: ${found.medusa.join(", ")}`)
      if (found.packages.length >= 60) throw new Error(`${found.packages.length} packages`)
      if (found.declarations.length !== 2) throw new Error(`declarations only for: ${found.declarations.join(", ") || "none"}`)
      return `${found.packages.length} packages`
    })
    await check("package: a strict TypeScript file importing /storefront and /react compiles (moduleResolution node, node16, bundler)", async () => {
      const failed = await checkTypes(installDir, path.join(logs, "types-check.log"))
      if (failed.length) throw new Error(`tsc failed with moduleResolution ${failed.join(", ")}; see ${path.join(logs, "types-check.log")}`)
    })

    // 2. The starter with the guide's changes.
    const copy = path.join(work, "starter")
    copyStarter(starter, copy)
    const backendDir = path.join(copy, "apps", "backend")
    const storefrontDir = path.join(copy, "apps", "storefront")
    await check("starter: the guide's changes apply (anchors found)", async () => {
      applyEdits(storefrontDir, STOREFRONT_EDITS)
      applyEdits(backendDir, backendEdits({ disableAdmin: true }))
      const added = copyNewFiles(path.join(__dirname, "files", "storefront"), storefrontDir)
      addDependency(backendDir, tarball)
      addDependency(storefrontDir, tarball)
      return `${STOREFRONT_EDITS.length + 1} edits, ${added.length} new files`
    })
    say("installing the starter (pnpm; a few minutes on a cold cache)")
    const pnpmStarted = Date.now()
    await run(
      "npx",
      ["--yes", PNPM, "--config.manage-package-manager-versions=false", "install", "--no-frozen-lockfile", "--filter", "@dtc/backend", "--filter", "@dtc/storefront"],
      { cwd: copy, log: "pnpm-install.log", what: "pnpm install", env: { CI: "1" } }
    )
    say(`installed in ${seconds(pnpmStarted)}`)
    await check("starter: the storefront's TypeScript compiles with the kit (tsc --noEmit)", async () => {
      await run(path.join(storefrontDir, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "tsconfig.json"], {
        cwd: storefrontDir,
        log: "storefront-tsc.log",
        what: "tsc --noEmit (storefront)",
      })
    })

    // 3. Simulator, database, backend, Japan, storefront.
    const backendPort = await freePort(9000)
    const storefrontPort = await freePort(8000)
    const simulatorPort = await freePort(8089)
    const backendUrl = `http://localhost:${backendPort}`
    const storefrontUrl = `http://localhost:${storefrontPort}`
    const { startSimulator } = require("../../src/simulator") as typeof import("../../src/simulator")
    const sim: Simulator = await startSimulator({
      tls: true,
      host: "127.0.0.1",
      publicPort: simulatorPort,
      clock: "running",
      notifyUrl: `${backendUrl}/paygent/notice`,
      ...DEMO_KEYS,
    })
    stops.push({ what: "the simulator", stop: () => sim.close() })

    let databaseUrl = process.env.DATABASE_URL
    if (databaseUrl) {
      const url = new URL(databaseUrl)
      url.pathname = `/dtc_paygent_try`
      databaseUrl = url.toString()
      await ensureDatabase(databaseUrl, { reset: true })
    } else {
      const pg: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: path.join(work, "pg"), port: 54339, logFile: path.join(logs, "postgres.log") })
      stops.push({ what: "PostgreSQL", stop: () => pg.stop() })
      databaseUrl = pg.databaseUrl("dtc_paygent_try")
      await ensureDatabase(databaseUrl)
    }

    const backendEnv: NodeJS.ProcessEnv = {
      DATABASE_URL: databaseUrl,
      STORE_CORS: storefrontUrl,
      ADMIN_CORS: backendUrl,
      AUTH_CORS: `${backendUrl},${storefrontUrl}`,
      JWT_SECRET: "try-dtc-starter-jwt",
      COOKIE_SECRET: "try-dtc-starter-cookie",
      MEDUSA_DISABLE_TELEMETRY: "true",
      ...simulatorEnv(sim, backendUrl),
      PAYGENT_BANKNET_RETURN_URL: `${storefrontUrl}/${COUNTRY}`,
      PAYGENT_BANKNET_STOP_URL: `${storefrontUrl}/${COUNTRY}`,
    }
    envFile(path.join(backendDir, ".env"), Object.fromEntries(Object.entries(backendEnv).filter(([k]) => !/CERT|KEY|_CA$/.test(k))) as Record<string, string>)
    const medusa = path.join(backendDir, "node_modules", ".bin", "medusa")
    say("migrating the backend's database (the starter's seed runs with it)")
    await run(medusa, ["db:migrate"], { cwd: backendDir, env: backendEnv, log: "backend-migrate.log", what: "medusa db:migrate" })
    await run(medusa, ["user", "-e", ADMIN.email, "-p", ADMIN.password], { cwd: backendDir, env: backendEnv, log: "backend-user.log", what: "medusa user" })
    const backend: Child = startChild(medusa, ["start", "--port", String(backendPort)], {
      cwd: backendDir,
      env: { ...process.env, NODE_OPTIONS: "", ...backendEnv, NODE_ENV: "production" },
      logFile: path.join(logs, "backend.log"),
      echo: verbose,
    })
    stops.push({ what: "the backend", stop: () => backend.stop(15_000) })
    const backendUp = await check("backend: Medusa of the starter starts with the plugin and the provider (medusa start)", async () => {
      await waitForHttp(`${backendUrl}/health`, 180_000, backend.alive).catch((error) => {
        throw new Error(`${error.message}\n${tail(backend.logFile, 15)}`)
      })
    })
    if (!backendUp) throw new Error("the backend did not start")

    let publishableKey = ""
    await check("backend: a JPY region 日本 with the four Paygent providers, Japan shipping, yen prices (Admin API)", async () => {
      const admin = adminApi(backendUrl, await adminToken(backendUrl, ADMIN.email, ADMIN.password))
      const japan = await setUpJapan(admin, { yenPrice: 4500, shippingYen: 600 })
      publishableKey = japan.publishableKey
      const { payment_providers } = await (
        await fetch(`${backendUrl}/store/payment-providers?region_id=${japan.regionId}`, { headers: { "x-publishable-api-key": publishableKey } })
      ).json()
      const ids = payment_providers.map((p: { id: string }) => p.id).sort()
      if (ids.length !== 4 || !ids.every((id: string) => id.startsWith("pp_paygent-"))) throw new Error(`providers: ${ids.join(", ")}`)
      return ids.join(", ")
    })

    const storefrontEnv: Record<string, string> = {
      NEXT_PUBLIC_MEDUSA_BACKEND_URL: backendUrl,
      NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY: publishableKey,
      NEXT_PUBLIC_BASE_URL: storefrontUrl,
      NEXT_PUBLIC_DEFAULT_REGION: COUNTRY,
      NEXT_PUBLIC_PAYGENT_MERCHANT_ID: DEMO_KEYS.merchantId,
      NEXT_PUBLIC_PAYGENT_TOKEN_KEY: DEMO_KEYS.tokenKey,
      NEXT_PUBLIC_PAYGENT_TOKEN_SCRIPT_URL: `${sim.publicUrl}/js/PaygentToken.js`,
      NEXT_TELEMETRY_DISABLED: "1",
    }
    envFile(path.join(storefrontDir, ".env.local"), storefrontEnv)
    const next = path.join(storefrontDir, "node_modules", ".bin", "next")
    const built = await check("storefront: next build (production) with the kit", async () => {
      const buildStarted = Date.now()
      await run(next, ["build"], { cwd: storefrontDir, env: { ...storefrontEnv, NODE_ENV: "production" }, log: "storefront-build.log", what: "next build" })
      return `in ${seconds(buildStarted)}`
    })
    if (!built) throw new Error("the storefront did not build")
    const storefront: Child = startChild(next, ["start", "-p", String(storefrontPort)], {
      cwd: storefrontDir,
      env: { ...process.env, NODE_OPTIONS: "", ...storefrontEnv, NODE_ENV: "production" },
      logFile: path.join(logs, "storefront.log"),
      echo: verbose,
    })
    stops.push({ what: "the storefront", stop: () => storefront.stop(10_000) })
    await waitForHttp(`${storefrontUrl}/${COUNTRY}`, 120_000, storefront.alive)

    // 4. Shoppers.
    browser = await launchBrowser()
    const shop: Shop = { storefront: storefrontUrl, simulator: sim.publicUrl, countryCode: COUNTRY }
    const admin = adminApi(backendUrl, await adminToken(backendUrl, ADMIN.email, ADMIN.password))
    const orderOf = async (id: string) => (await admin.get(`/admin/orders/${id}?fields=id,payment_status,status`)).order
    const shots = path.join(work, "screenshots")
    fs.mkdirSync(shots, { recursive: true })
    const walk = (name: string, steps: (page: import("playwright-core").Page) => Promise<string | void>) =>
      check(name, async () => {
        const page = await newPage(browser!.context)
        try {
          return await steps(page)
        } catch (error) {
          await page.screenshot({ path: path.join(shots, `FAILED-${name.replace(/\W+/g, "-").slice(0, 60)}.png`), fullPage: true }).catch(() => undefined)
          throw error
        } finally {
          await page.close()
        }
      })

    await walk("card: 3-D Secure challenge, back to the storefront's return page, order placed (authorized), card in shopper words", async (page) => {
      await toPaymentStep(page, shop)
      await chooseMethod(page, "クレジットカード")
      await fillCard(page, "4111 1111 1111 1111", "BAVCA") // the simulator's challenge scenario
      await page.screenshot({ path: path.join(shots, "card-fields.png"), fullPage: true })
      await review(page)
      await page.waitForSelector("#password", { timeout: 60_000 })
      if (new URL(page.url()).origin !== new URL(sim.publicUrl).origin) throw new Error(`challenge not on the simulator: ${page.url()}`)
      await page.fill("#password", "14012")
      await page.click("#submit")
      await page.waitForURL(new RegExp(`^${storefrontUrl}/${COUNTRY}/checkout/paygent-3ds`), { timeout: 60_000 })
      const orderId = await confirmation(page, shop)
      const status = await page.locator('[data-testid="paygent-payment"] .paygent-instructions-status').innerText()
      if (!/カードでのお支払いを承りました/.test(status)) throw new Error(`order page says: ${status}`)
      await page.screenshot({ path: path.join(shots, "card-confirmed.png"), fullPage: true })
      const order = await orderOf(orderId)
      if (order.payment_status !== "authorized") throw new Error(`payment_status ${order.payment_status}`)
      return `order ${orderId}: ${status}`
    })

    await walk("card declined (production build): the message reaches the shopper, another card on the same cart is placed", async (page) => {
      await toPaymentStep(page, shop)
      await chooseMethod(page, "クレジットカード")
      await fillCard(page, "4111 1111 1111 8212", "TARO YAMADA") // declined by the simulator (1G12); frictionless 3-D Secure
      await review(page)
      await page.waitForURL(new RegExp(`/checkout/paygent-3ds`), { timeout: 60_000 })
      const alert = page.locator('[data-code="card_refused"]')
      await alert.waitFor({ timeout: 60_000 })
      const message = await alert.innerText()
      if (/Server Components render/.test(message) || !/カード/.test(message)) throw new Error(`shown: ${message}`)
      await page.screenshot({ path: path.join(shots, "card-declined.png"), fullPage: true })
      await page.click('[data-link="retry"]')
      await page.waitForURL(/step=payment/, { timeout: 60_000 })
      await chooseMethod(page, "クレジットカード")
      await fillCard(page, "4111 1111 1111 1111", "TARO YAMADA")
      await review(page)
      const orderId = await confirmation(page, shop)
      return `"${message}", then order ${orderId}`
    })

    await walk("konbini: order placed; the order page shows the chain's numbers and the deadline with the time left", async (page) => {
      await toPaymentStep(page, shop)
      await chooseMethod(page, "コンビニ決済")
      await page.check('input[name=paygent-konbini-chain][value="00C001"]')
      await page.screenshot({ path: path.join(shots, "konbini-fields.png"), fullPage: true })
      await review(page)
      const orderId = await confirmation(page, shop)
      const receipt = await page.locator('[data-testid="paygent-payment"] dd[data-key="receipt_number"]').innerText()
      const deadline = await page.locator('[data-testid="paygent-payment"] .paygent-instructions-deadline').innerText()
      if (!/^\d+$/.test(receipt) || !/まで \(あと/.test(deadline)) throw new Error(`receipt ${receipt}, deadline ${deadline}`)
      await page.screenshot({ path: path.join(shots, "konbini-confirmed.png"), fullPage: true })
      return `order ${orderId}: 払込票番号 ${receipt}, ${deadline}`
    })

    await walk("Pay-easy: order placed; the order page shows 収納機関番号 / お客様番号 / 確認番号", async (page) => {
      await toPaymentStep(page, shop)
      await chooseMethod(page, "ペイジー（銀行ATM・ネットバンキング）")
      await review(page)
      const orderId = await confirmation(page, shop)
      const numbers: string[] = []
      for (const key of ["pay_center_number", "customer_number", "conf_number"]) {
        const value = await page.locator(`[data-testid="paygent-payment"] dd[data-key="${key}"]`).innerText()
        if (!/^\d+$/.test(value)) throw new Error(`${key}: ${value}`)
        numbers.push(value)
      }
      await page.screenshot({ path: path.join(shots, "payeasy-confirmed.png"), fullPage: true })
      return `order ${orderId}: ${numbers.join(" / ")}`
    })

    await walk("net bank: order placed, the shopper goes to the bank screen, pays and comes back to the storefront", async (page) => {
      await toPaymentStep(page, shop)
      await chooseMethod(page, "銀行ネット決済")
      await review(page)
      await page.locator('a[data-bank-code="D009"]').waitFor({ timeout: 60_000 })
      if (new URL(page.url()).origin !== new URL(sim.publicUrl).origin) throw new Error(`not on the bank screen: ${page.url()}`)
      const paymentId = new URL(page.url()).searchParams.get("payment_id") ?? ""
      await page.locator('a[data-bank-code="D009"]').click()
      await page.locator("#pay").click()
      await page.waitForURL(new RegExp(`^${storefrontUrl}/`), { timeout: 60_000 })
      const { orders } = await admin.get(`/admin/orders?limit=1&order=-created_at&fields=id,payment_status,*payment_collections.payment_sessions`)
      const order = orders[0]
      const provider = order?.payment_collections?.[0]?.payment_sessions?.[0]?.provider_id
      if (provider !== "pp_paygent-banknet_paygent") throw new Error(`latest order paid with ${provider}`)
      for (let i = 0; i < 60 && (await orderOf(order.id)).payment_status !== "captured"; i++) await new Promise((r) => setTimeout(r, 1000))
      return `order ${order.id}${paymentId ? ` (payment ${paymentId})` : ""}: ${(await orderOf(order.id)).payment_status}`
    })
  } catch (error) {
    results.push({ name: "run", ok: false, detail: error instanceof Error ? error.message : String(error) })
    process.stdout.write(`  ✗ ${error instanceof Error ? error.message : error}\n`)
  } finally {
    await browser?.close()
    const passed = results.filter((r) => r.ok).length
    const failed = results.length - passed
    process.stdout.write(`${passed} passed, ${failed} failed (${seconds(started)}; logs in ${logs})\n`)
    if (argv.includes("--keep") && !interrupted) {
      say("--keep: the apps keep running; Ctrl-C stops them")
      await new Promise(() => undefined)
    }
    await stopAll()
    return failed === 0 ? 0 : 1
  }
}
