/**
 * The demo store in a real browser (Debian's chromium through playwright-core): `npm run demo` from scratch with
 * the embedded PostgreSQL (DATABASE_URL unset, the system PostgreSQL left alone), a card order through the
 * 3-D Secure challenge, a konbini order paid through the test tool and seen paid (入金済み) in the admin, an
 * unpaid konbini order that expires, and Ctrl-C stopping everything. Screenshots in e2e/artifacts/.
 *
 * Run: npm run test:e2e (not part of npm test). Needs /usr/bin/chromium (apt-get install -y chromium).
 *
 * The parts that need the plugin's payment notices (POST /paygent/notice and the sync that applies them) are
 * switched by E2E_EXPECT_PAID: "1" checks them, "0" skips them (with a message), unset = checked when
 * src/api/paygent/notice/route.ts exists.
 */
import * as fs from "fs"
import * as path from "path"
import type { Page } from "playwright-core"
import { launchBrowser, type Browser } from "./helpers/browser"
import { ARTIFACTS, ROOT, startDemo, type RunningDemo } from "./helpers/demo"

jest.setTimeout(15 * 60 * 1000)

const EXPECT_PAID =
  process.env.E2E_EXPECT_PAID === "1" ||
  (process.env.E2E_EXPECT_PAID !== "0" && fs.existsSync(path.join(ROOT, "src", "api", "paygent", "notice", "route.ts")))

const DATA_DIR = path.join(ROOT, ".demo-data", "e2e")

let demo: RunningDemo
let browser: Browser
let adminToken: string
let publishableKey: string
const timings: Record<string, string> = {}

function shot(page: Page, name: string) {
  return page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true })
}

/** Runs a browser step; on failure keeps a screenshot of every open page. */
async function withScreenshots(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn()
  } catch (error) {
    let i = 0
    for (const page of browser.context.pages()) {
      await page.screenshot({ path: path.join(ARTIFACTS, `FAILED-${name}-${i++}.png`), fullPage: true }).catch(() => undefined)
    }
    throw error
  }
}

async function adminApi(pathAndQuery: string): Promise<any> {
  const response = await fetch(`${demo.urls.store}${pathAndQuery}`, { headers: { authorization: `Bearer ${adminToken}` } })
  if (!response.ok) throw new Error(`GET ${pathAndQuery}: ${response.status} ${await response.text()}`)
  return response.json()
}

async function orderOf(id: string): Promise<any> {
  return (await adminApi(`/admin/orders/${id}?fields=id,status,payment_status,display_id`)).order
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const value = await probe()
      if (value) return value
    } catch (error) {
      last = error
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (${last})` : ""}`)
}

async function stockOf(handle: string): Promise<number> {
  const response = await fetch(
    `${demo.urls.store}/store/products?handle=${handle}&fields=${encodeURIComponent("*variants,+variants.inventory_quantity")}`,
    { headers: { "x-publishable-api-key": publishableKey } }
  )
  const { products } = await response.json()
  return products[0].variants[0].inventory_quantity
}

/** Shop → cart → address → payment step, on a fresh page. */
async function toPaymentStep(page: Page, handle: string, quantity = 1): Promise<void> {
  await page.goto(demo.urls.checkout)
  await page.waitForSelector("#products .product")
  for (let i = 0; i < quantity; i++) {
    await page.click(`.product[data-handle="${handle}"] button.add`)
    await page.waitForFunction(
      (n) => document.querySelectorAll("#cart .cart-line").length > 0 && /× (\d+)/.exec(document.querySelector("#cart .cart-line")!.textContent!)?.[1] === String(n),
      i + 1
    )
  }
  await page.click("#to-checkout")
  await page.waitForSelector("#address-form")
  await page.click("#to-payment")
  await page.waitForSelector("#methods .method")
}

/** Opens an admin page, logging in when the admin asks (the browser keeps the session between tests). */
async function adminLogin(page: Page, url: string): Promise<void> {
  await page.goto(url)
  const email = page.locator('input[name="email"]')
  const orderPage = page.getByText(/^(Summary|概要)$/).first()
  await Promise.race([
    email.waitFor({ timeout: 60_000 }).catch(() => undefined),
    orderPage.waitFor({ timeout: 60_000 }).catch(() => undefined),
  ])
  if (await email.isVisible()) {
    await email.fill(demo.urls.adminEmail)
    await page.fill('input[name="password"]', demo.urls.adminPassword)
    await page.click('button[type="submit"]')
  }
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  for (const file of fs.readdirSync(ARTIFACTS)) {
    if (file.endsWith(".png")) fs.rmSync(path.join(ARTIFACTS, file))
  }
  const started = Date.now()
  demo = await startDemo({ dataDir: DATA_DIR, timeoutMs: 10 * 60 * 1000, logFile: path.join(ARTIFACTS, "demo-output.log") })
  timings.demoReady = `${((Date.now() - started) / 1000).toFixed(1)} s`
  browser = await launchBrowser()
  // The admin in Japanese (its language comes from the "lng" cookie), as a Japanese merchant sees it.
  await browser.context.addCookies([{ name: "lng", value: "ja", url: demo.urls.store }])
  const login = await fetch(`${demo.urls.store}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: demo.urls.adminEmail, password: demo.urls.adminPassword }),
  })
  adminToken = (await login.json()).token
  publishableKey = (await (await fetch(`${demo.urls.checkout}/config.json`)).json()).publishableKey
})

afterAll(async () => {
  await browser?.close()
  if (demo) {
    const code = await demo.interrupt()
    timings.demoExitCode = String(code)
  }
  process.stdout.write(`e2e timings: ${JSON.stringify(timings)}\n`)
})

test("prints where everything is", () => {
  expect(demo.urls.admin).toBe(`${demo.urls.store}/app`)
  expect(demo.output()).toMatch(/embedded PostgreSQL/)
  // One line, as the issue asks: store, admin with its login, checkout, simulator.
  const ready = demo.output().split("\n").filter((line) => line.startsWith("demo ready:"))
  expect(ready).toHaveLength(1)
  expect(ready[0]).toMatch(/^demo ready: store http:\/\/\S+ admin http:\/\/\S+\/app \(\S+ \/ \S+\) checkout http:\/\/\S+ simulator http:\/\/\S+$/)
})

test("buys with a card through the 3-D Secure challenge", async () => {
  const page = await browser.context.newPage()
  await withScreenshots("card", async () => {
    await toPaymentStep(page, "matcha-100g")
    await shot(page, "01-payment-methods")
    await page.check('input[name=method][value=card]')
    await page.selectOption("#threeds-scenario", "challenge")
    expect(await page.inputValue("#card-name")).toBe("BAVCA")
    await page.click("#place-order")

    // PaygentToken.js made a token, the session answered with 3-D Secure: the simulator's challenge page.
    await page.waitForSelector("#password", { timeout: 60_000 })
    expect(new URL(page.url()).origin).toBe(new URL(demo.urls.simulator).origin)
    await shot(page, "02-card-3ds-challenge")
    await page.fill("#password", "14012")
    await page.click("#submit")

    // term_url on Medusa → back to the checkout page → cart completed.
    const done = page.locator("#order-complete")
    await done.waitFor({ timeout: 60_000 })
    expect(new URL(page.url()).origin).toBe(new URL(demo.urls.checkout).origin)
    expect(await done.getAttribute("data-method")).toBe("card")
    await expect(page.locator("#card-result").innerText()).resolves.toMatch(/オーソリ済み/)
    await shot(page, "03-card-order-placed")

    const order = await orderOf((await done.getAttribute("data-order-id"))!)
    expect(order.payment_status).toBe("authorized")
  })
  await page.close()
})

test("buys with konbini, pays it through the test tool, and sees the order 入金済み in the admin", async () => {
  const page = await browser.context.newPage()
  let orderId = ""
  await withScreenshots("konbini", async () => {
    await toPaymentStep(page, "tenugui")
    await page.check('input[name=method][value=konbini]')
    await page.selectOption("#konbini-chain", "00C002") // Lawson: お支払い受付番号 + phone
    await page.click("#place-order")
    const done = page.locator("#order-complete")
    await done.waitFor({ timeout: 60_000 })
    expect(await done.getAttribute("data-method")).toBe("konbini")
    orderId = (await done.getAttribute("data-order-id"))!
    const paymentId = (await done.getAttribute("data-payment-id"))!
    await expect(page.locator('td.number[data-key="receipt_number"]').innerText()).resolves.toMatch(/^\d{6}$/)
    await expect(page.locator('td.number[data-key="phone"]').innerText()).resolves.toBe("09012345678")
    await expect(page.locator("#deadline").innerText()).resolves.toMatch(/お支払い期限: \d{4}年\d{2}月\d{2}日 23:59まで/)
    await shot(page, "04-konbini-instructions")
    expect((await orderOf(orderId)).payment_status).not.toBe("captured")

    // The test tool (opens in a new tab from the order page) pays it at "Paygent".
    const [tool] = await Promise.all([browser.context.waitForEvent("page"), page.click("#tool-link")])
    const row = tool.locator(`tr[data-payment-id="${paymentId}"]`)
    await row.locator("button.pay").waitFor({ timeout: 30_000 })
    expect(await row.getAttribute("data-status")).toBe("10")
    await shot(tool, "05-tool-before-pay")
    await row.locator("button.pay").click()
    await tool.locator(`tr[data-payment-id="${paymentId}"][data-status="40"]`).waitFor({ timeout: 30_000 })
    await shot(tool, "06-tool-paid")
    await tool.close()
  })

  const admin = await browser.context.newPage()
  await withScreenshots("konbini-admin", async () => {
    if (!EXPECT_PAID) {
      // Payment notices (POST /paygent/notice + sync) are not in this tree yet: show the order, skip the check.
      process.stdout.write("SKIPPED (E2E_EXPECT_PAID): the konbini order is not expected to become 入金済み yet\n")
      await adminLogin(admin, `${demo.urls.admin}/orders/${orderId}`)
      await admin.waitForURL(/\/app\/orders\/order_/, { timeout: 60_000 })
      await admin.getByText("Payments", { exact: false }).first().waitFor({ timeout: 60_000 })
      await shot(admin, "07-admin-order-awaiting")
      return
    }
    // The simulator pushed the notice to /paygent/notice; the order is paid (captured = 入金済み).
    await waitFor("the order to be captured (入金済み)", async () => (await orderOf(orderId)).payment_status === "captured", 60_000)
    await adminLogin(admin, `${demo.urls.admin}/orders/${orderId}`)
    await admin.waitForURL(/\/app\/orders\/order_/, { timeout: 60_000 })
    // Medusa's own badge (English "Captured", Japanese "確定済み") or the plugin's label, when its widget shows one.
    await admin.getByText(/入金済み|Captured|確定済み/).first().waitFor({ timeout: 60_000 })
    await shot(admin, "07-admin-order-paid")
  })
  await admin.close()
  await page.close()
})

test("places Pay-easy and net-bank orders: ATM numbers, and the bank screen that returns to the shop", async () => {
  const page = await browser.context.newPage()
  await withScreenshots("payeasy-banknet", async () => {
    await toPaymentStep(page, "matcha-100g")
    await page.check('input[name=method][value=payeasy]')
    await page.click("#place-order")
    await page.locator("#order-complete").waitFor({ timeout: 60_000 })
    for (const key of ["pay_center_number", "customer_number", "conf_number"]) {
      await expect(page.locator(`td.number[data-key="${key}"]`).innerText()).resolves.toMatch(/^\d+$/)
    }
    await shot(page, "10-payeasy-instructions")

    await toPaymentStep(page, "tenugui")
    await page.check('input[name=method][value=banknet]')
    await page.click("#place-order")
    // The order is placed and the shopper is sent on to the simulator's bank selection screen.
    await page.locator('a[data-bank-code="D009"]').waitFor({ timeout: 60_000 })
    expect(new URL(page.url()).origin).toBe(new URL(demo.urls.simulator).origin)
    await shot(page, "11-banknet-bank-selection")
    // A directly connected bank pays and sends the shopper back to the shop.
    await page.locator('a[data-bank-code="D009"]').click()
    await page.locator("#pay").click()
    await page.locator("#order-banner").waitFor({ timeout: 60_000 })
    expect(new URL(page.url()).origin).toBe(new URL(demo.urls.checkout).origin)
    expect(await page.locator("#order-complete").getAttribute("data-method")).toBe("banknet")
    const orderId = (await page.locator("#order-complete").getAttribute("data-order-id"))!
    await shot(page, "12-banknet-returned")
    if (EXPECT_PAID) {
      await waitFor("the net-bank order to be captured", async () => (await orderOf(orderId)).payment_status === "captured", 60_000)
    }
  })
  await page.close()
})

test("the shopper's mails: the konbini number in the caught mail, resend from the admin, the reminder after +6 日, paid after 入金する", async () => {
  if (!EXPECT_PAID) {
    process.stdout.write("SKIPPED (E2E_EXPECT_PAID): the paid mail needs the payment notices\n")
    return
  }
  const page = await browser.context.newPage()
  await withScreenshots("mails", async () => {
    await toPaymentStep(page, "matcha-100g")
    await page.check('input[name=method][value=konbini]')
    await page.selectOption("#konbini-chain", "00C002") // Lawson: お支払い受付番号 + phone
    await page.click("#place-order")
    const done = page.locator("#order-complete")
    await done.waitFor({ timeout: 60_000 })
    const orderId = (await done.getAttribute("data-order-id"))!
    const paymentId = (await done.getAttribute("data-payment-id"))!
    const number = (await page.locator('td.number[data-key="receipt_number"]').innerText()).trim()
    expect(number).toMatch(/^\d{6}$/)

    // The test tool's inbox caught the instructions; opened, the mail shows the number of the order page.
    await page.goto(`${demo.urls.checkout}/tool?payment_id=${paymentId}`)
    const mailsOf = (kind: string) => page.locator(`#mails tr.mail[data-order-id="${orderId}"][data-kind="${kind}"]`)
    await mailsOf("instructions").first().waitFor({ timeout: 60_000 })
    await mailsOf("instructions").first().click()
    const mail = page.frameLocator("#mail-frame")
    await expect(mail.locator('td[data-key="receipt_number"]').innerText()).resolves.toBe(number)
    await expect(mail.locator('td[data-key="phone"]').innerText()).resolves.toBe("09012345678")
    await expect(page.locator("#mail-subject").innerText()).resolves.toMatch(/お支払い方法のご案内（ご注文番号 #\d+）：ローソンでのお支払い/)
    await shot(page, "13-mail-konbini-instructions")

    // The order panel lists the mail and sends the instructions again.
    const admin = await browser.context.newPage()
    await adminLogin(admin, `${demo.urls.admin}/orders/${orderId}`)
    await admin.waitForURL(/\/app\/orders\/order_/, { timeout: 60_000 })
    await admin.locator('[data-testid="paygent-timeline-entry"][data-mail="instructions"][data-outcome="sent"]').first().waitFor({ timeout: 60_000 })
    await admin.getByTestId("paygent-resend-instructions").click()
    await waitFor("the resent instructions in the inbox", async () => (await mailsOf("instructions").count()) === 2, 60_000)
    await shot(admin, "14-admin-mails-timeline")
    await admin.close()

    // +6 日: the day before the deadline, the reminder arrives (once).
    expect(await mailsOf("reminder").count()).toBe(0)
    await page.click("#advance-6d")
    await mailsOf("reminder").first().waitFor({ timeout: 60_000 })
    await mailsOf("reminder").first().click()
    await expect(mail.locator('td[data-key="receipt_number"]').innerText()).resolves.toBe(number)
    await shot(page, "15-mail-konbini-reminder")

    // 入金する: Paygent's notice, the order paid, the paid mail.
    await page.locator(`tr[data-payment-id="${paymentId}"] button.pay`).click()
    await mailsOf("paid").first().waitFor({ timeout: 60_000 })
    await mailsOf("paid").first().click()
    await expect(page.locator("#mail-subject").innerText()).resolves.toMatch(/ご入金を確認しました/)
    await shot(page, "16-mail-konbini-paid")
    expect(await mailsOf("reminder").count()).toBe(1)
    expect(await mailsOf("paid").count()).toBe(1)
  })
  await page.close()
})

test("an unpaid konbini order expires when the clock passes its deadline: cancelled, stock back", async () => {
  if (!EXPECT_PAID) {
    process.stdout.write("SKIPPED (E2E_EXPECT_PAID): expiry needs the payment notices\n")
    return
  }
  const page = await browser.context.newPage()
  await withScreenshots("konbini-expiry", async () => {
    const before = await stockOf("kyusu-teapot")
    await toPaymentStep(page, "kyusu-teapot", 2)
    await page.check('input[name=method][value=konbini]')
    await page.selectOption("#konbini-chain", "00C001")
    await page.click("#place-order")
    const done = page.locator("#order-complete")
    await done.waitFor({ timeout: 60_000 })
    const orderId = (await done.getAttribute("data-order-id"))!
    const paymentId = (await done.getAttribute("data-payment-id"))!
    expect(await stockOf("kyusu-teapot")).toBe(before - 2)

    await page.goto(`${demo.urls.checkout}/tool?payment_id=${paymentId}`)
    await page.locator(`tr[data-payment-id="${paymentId}"][data-status="10"]`).waitFor({ timeout: 30_000 })
    await page.click("#advance-8d")
    await page.locator(`tr[data-payment-id="${paymentId}"][data-status="12"]`).waitFor({ timeout: 30_000 })
    await shot(page, "08-tool-expired")

    await waitFor("the expired order to be cancelled", async () => (await orderOf(orderId)).status === "canceled", 60_000)
    await waitFor("the stock to come back", async () => (await stockOf("kyusu-teapot")) === before, 30_000)
    await adminLogin(page, `${demo.urls.admin}/orders/${orderId}`)
    await page.waitForURL(/\/app\/orders\/order_/, { timeout: 60_000 })
    await page.getByText(/Canceled|キャンセル/).first().waitFor({ timeout: 60_000 })
    await shot(page, "09-admin-order-expired-cancelled")
  })
  await page.close()
})

test("Ctrl-C stops the demo and everything it started", async () => {
  const started = Date.now()
  const code = await demo.interrupt()
  timings.shutdown = `${((Date.now() - started) / 1000).toFixed(1)} s`
  expect(code).toBe(0)
  // The embedded PostgreSQL removes its pid file when it stops.
  expect(fs.existsSync(path.join(DATA_DIR, "pg", "postmaster.pid"))).toBe(false)
  await expect(fetch(`${demo.urls.store}/health`)).rejects.toThrow()
  await expect(fetch(`${demo.urls.checkout}/config.json`)).rejects.toThrow()
  await expect(fetch(`${demo.urls.simulator}/_sim/clock`)).rejects.toThrow()
})
