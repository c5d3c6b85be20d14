/**
 * The admin's Paygent panel and 決済処理中 inbox in a real browser (Debian's chromium through playwright-core), against
 * `npm run demo` started once for all of them (its own data folder, the embedded PostgreSQL):
 *
 * - the order widget of a card order shows オーソリOK in Japanese and "Authorized" in English, captures (keyboard
 *   only, after the preview's confirmation) and then shows 売上 and the 022 in its timeline;
 * - the inbox lists a checkout abandoned at 3-D Secure, a card authorization near its capture deadline and an unpaid
 *   konbini order, in both languages; filters; bulk 売上 with its success / failure summary; the sync panel's "run now".
 *
 * The demo runs with PAYGENT_AUTH_VALIDITY_DAYS_VISA_MASTER=5 (a Visa authorization is capturable for 5 days, inside
 * the 7-day warning) and PAYGENT_STALE_SESSION_MINUTES=0.1 (a session left 6 s counts as abandoned) so that nothing
 * has to wait for days or an hour. Screenshots in e2e/artifacts/admin/; E2E_UPDATE_DOC_IMAGES=1 also copies the ones
 * docs/operations/admin.md shows into docs/operations/images/.
 */
import * as fs from "fs"
import * as path from "path"
import type { Locator, Page } from "playwright-core"
import { adminLogin, setAdminLanguage } from "./helpers/admin"
import { launchBrowser, type Browser } from "./helpers/browser"
import { abandonCardAtThreeDs, placeCardOrder, placeKonbiniOrder } from "./helpers/checkout"
import { ARTIFACTS, ROOT, startDemo, type RunningDemo } from "./helpers/demo"
import { waitFor } from "./helpers/wait-for"

jest.setTimeout(15 * 60 * 1000)

const DATA_DIR = path.join(ROOT, ".demo-data", "e2e-admin")
const SHOTS = path.join(ARTIFACTS, "admin")
const DOC_IMAGES = path.join(ROOT, "docs", "operations", "images")
/** Screenshot → name in docs/operations/images (docs/operations/admin.md). */
const DOC_SHOTS: Record<string, string> = {
  "02-widget-ja": "admin-order-widget-ja.png",
  "07-inbox-ja": "admin-inbox-ja.png",
  "09-inbox-en": "admin-inbox-en.png",
  "12-widget-expired-ja": "admin-order-expired-ja.png",
}

let demo: RunningDemo
let browser: Browser
let page: Page
let adminToken: string
const timings: Record<string, string> = {}
const started = Date.now()

function mark(name: string, since: number): void {
  timings[name] = `${((Date.now() - since) / 1000).toFixed(1)} s`
}

async function shot(name: string, target: Page | Locator = page): Promise<void> {
  const file = path.join(SHOTS, `${name}.png`)
  if ("goto" in target) {
    await target.screenshot({ path: file, fullPage: true })
  } else {
    await target.screenshot({ path: file })
  }
  if (process.env.E2E_UPDATE_DOC_IMAGES === "1" && DOC_SHOTS[name]) {
    fs.mkdirSync(DOC_IMAGES, { recursive: true })
    fs.copyFileSync(file, path.join(DOC_IMAGES, DOC_SHOTS[name]))
  }
}

/** Runs a step; on failure keeps a screenshot of every open page. */
async function step(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn()
  } catch (error) {
    let i = 0
    for (const open of browser.context.pages()) {
      await open.screenshot({ path: path.join(SHOTS, `FAILED-${name}-${i++}.png`), fullPage: true }).catch(() => undefined)
    }
    throw error
  }
}

async function adminApi(pathAndQuery: string): Promise<any> {
  const response = await fetch(`${demo.urls.store}${pathAndQuery}`, { headers: { authorization: `Bearer ${adminToken}` } })
  if (!response.ok) throw new Error(`GET ${pathAndQuery}: ${response.status} ${await response.text()}`)
  return response.json()
}

/** The text of the first element matching, once it has some. */
async function textOf(locator: Locator): Promise<string> {
  await locator.first().waitFor({ timeout: 30_000 })
  return (await locator.first().innerText()).trim()
}

async function language(lng: "ja" | "en"): Promise<void> {
  await setAdminLanguage(browser.context, page, demo.urls.store, lng)
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true })
  for (const file of fs.readdirSync(SHOTS)) {
    if (file.endsWith(".png")) fs.rmSync(path.join(SHOTS, file))
  }
  // Read by startDemo (it hands process.env to the demo), for this file only.
  process.env.PAYGENT_AUTH_VALIDITY_DAYS_VISA_MASTER = "5"
  process.env.PAYGENT_STALE_SESSION_MINUTES = "0.1"
  demo = await startDemo({ dataDir: DATA_DIR, timeoutMs: 10 * 60 * 1000, logFile: path.join(SHOTS, "demo-output.log") })
  mark("demoReady", started)
  browser = await launchBrowser()
  const login = await fetch(`${demo.urls.store}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: demo.urls.adminEmail, password: demo.urls.adminPassword }),
  })
  adminToken = (await login.json()).token
  page = await browser.context.newPage()
  await setAdminLanguage(browser.context, undefined, demo.urls.store, "en")
  await adminLogin(page, demo.urls.admin, demo.urls.adminEmail, demo.urls.adminPassword)
})

afterAll(async () => {
  await browser?.close()
  if (demo) {
    const code = await demo.interrupt()
    timings.demoExitCode = String(code)
  }
  mark("total", started)
  process.stdout.write(`admin e2e timings: ${JSON.stringify(timings)}\n`)
})

test("order widget: オーソリOK in Japanese and Authorized in English; 売上 from the widget shows 売上 and the 022 in the timeline", async () => {
  const t0 = Date.now()
  const orderId = await placeCardOrder(browser.context, demo.urls.checkout)
  const widget = page.getByTestId("paygent-order-widget")
  const status = widget.getByTestId("paygent-status")

  await step("widget-en", async () => {
    await page.goto(`${demo.urls.admin}/orders/${orderId}`)
    await widget.waitFor({ timeout: 60_000 })
    expect(await textOf(widget.locator('[data-testid="paygent-status"][data-status="20"]'))).toBe("Authorized")
    expect(await textOf(widget.getByTestId("paygent-method"))).toContain("Card")
    expect(await textOf(widget.getByTestId("paygent-card"))).toMatch(/1111[\s\S]*One-time payment/)
    // Visa with authValidityDaysVisaMaster=5: 4 days and some hours left.
    expect(await textOf(widget.getByTestId("paygent-capture-deadline"))).toMatch(/4 d \d+ h left/)
    expect(await widget.getByTestId("paygent-action-capture").isVisible()).toBe(true)
    expect(await widget.getByTestId("paygent-action-cancel").isVisible()).toBe(true)
    expect(await widget.getByTestId("paygent-action-refresh").isVisible()).toBe(true)
    expect(await widget.getByTestId("paygent-action-change-amount").count()).toBe(0)
    // The ledger: the 3-D Secure authentication (450) and the authorization (020).
    const kinds = await widget.getByTestId("paygent-timeline-entry").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-telegram")))
    expect(kinds).toEqual(expect.arrayContaining(["450", "020"]))
    await shot("01-widget-en", widget)
  })

  await step("widget-ja", async () => {
    await language("ja")
    await widget.waitFor({ timeout: 60_000 })
    expect(await textOf(widget.locator('[data-testid="paygent-status"][data-status="20"]'))).toBe("オーソリOK")
    expect(await textOf(widget.getByTestId("paygent-method"))).toContain("クレジットカード")
    expect(await textOf(widget.getByTestId("paygent-card"))).toContain("一括払い")
    expect(await textOf(widget.getByTestId("paygent-capture-deadline"))).toMatch(/あと4日\d+時間/)
    expect(await textOf(widget.getByTestId("paygent-action-capture"))).toBe("売上")
    expect(await textOf(widget.getByTestId("paygent-action-cancel"))).toBe("決済を取り消す")
    expect(await textOf(widget.getByTestId("paygent-action-refresh"))).toBe("再照会")
    await shot("02-widget-ja", widget)
  })

  await step("capture", async () => {
    const before = await widget.getByTestId("paygent-timeline-entry").count()
    // Keyboard only: the button, then the confirmation's action.
    await widget.getByTestId("paygent-action-capture").focus()
    await page.keyboard.press("Enter")
    const confirm = page.getByTestId("paygent-confirm")
    await confirm.waitFor({ timeout: 30_000 })
    const line = confirm.locator('[data-testid="paygent-preview-line"][data-action="capture"]')
    expect(await textOf(line)).toMatch(/売上 \(022\)[\s\S]*3,000/)
    expect(await textOf(line)).toContain("決済手数料")
    await shot("03-capture-confirm-ja")
    await confirm.getByTestId("paygent-confirm-action").focus()
    await page.keyboard.press("Enter")

    await page.getByText("ペイジェントで売上にしました").first().waitFor({ timeout: 60_000 })
    expect(await textOf(widget.locator('[data-testid="paygent-status"][data-status="40"]'))).toBe("売上")
    await waitFor("the 022 in the timeline", async () => (await widget.getByTestId("paygent-timeline-entry").count()) > before, 30_000)
    const capture = widget.locator('[data-testid="paygent-timeline-entry"][data-telegram="022"]')
    expect(await capture.getAttribute("data-outcome")).toBe("success")
    expect(await textOf(capture)).toMatch(/売上 \(022\)[\s\S]*成功/)
    // Newest first: the capture above the authorization (a notice of the capture may come first).
    const kinds = await widget.getByTestId("paygent-timeline-entry").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-telegram")))
    expect(kinds.indexOf("022")).toBeLessThan(kinds.indexOf("020"))
    expect(kinds.indexOf("022")).toBeLessThan(2)
    // Nothing left to capture: the action is gone.
    expect(await widget.getByTestId("paygent-action-capture").count()).toBe(0)
    await shot("04-widget-captured-ja", widget)
    await shot("05-order-page-captured-ja")
    const { order } = await adminApi(`/admin/orders/${orderId}?fields=id,payment_status`)
    expect(order.payment_status).toBe("captured")
  })
  mark("orderWidget", t0)
})

test("inbox: an abandoned 3-D Secure checkout, an authorization near its deadline and an unpaid konbini order; filters; bulk 売上; sync", async () => {
  const t0 = Date.now()
  const cartId = await abandonCardAtThreeDs(browser.context, demo.urls.checkout)
  expect(cartId).toMatch(/^cart_/)
  const cardOrder = await placeCardOrder(browser.context, demo.urls.checkout, "kyusu-teapot")
  const konbiniOrder = await placeKonbiniOrder(browser.context, demo.urls.checkout)
  mark("inboxOrders", t0)
  // The session counts as abandoned once it has been left PAYGENT_STALE_SESSION_MINUTES (6 s).
  await waitFor("the abandoned checkout in the inbox", async () => {
    const { items } = await adminApi("/admin/paygent/inbox?reason=checkout_abandoned")
    return items.some((item: any) => item.cart_id === cartId)
  })

  const inbox = page.getByTestId("paygent-inbox")
  const row = (selector: string) => inbox.locator(`[data-testid="paygent-inbox-row"]${selector}`)
  const abandoned = row(`[data-cart-id="${cartId}"]`)
  const nearDeadline = row(`[data-order-id="${cardOrder}"][data-reason="capture_deadline"]`)
  const unpaid = row(`[data-order-id="${konbiniOrder}"][data-reason="awaiting_payment"]`)

  await step("overview-ja", async () => {
    await page.goto(`${demo.urls.admin}/orders`)
    const overview = page.getByTestId("paygent-inbox-overview")
    await overview.waitFor({ timeout: 60_000 })
    expect(await textOf(overview)).toContain("決済処理中・要対応")
    await overview.locator('[data-testid="paygent-inbox-row"]').first().waitFor()
    await shot("06-orders-overview-ja", overview)
    await overview.getByTestId("paygent-open-inbox").click()
    await page.waitForURL(/\/app\/paygent-inbox/)
  })

  await step("inbox-ja", async () => {
    expect(await textOf(abandoned.getByTestId("paygent-reason"))).toBe("決済処理中（離脱）")
    expect(await textOf(abandoned)).toMatch(/3Dセキュア認証の途中で離脱しました。[\s\S]*放置時間 (1分未満|\d+分)/)
    expect(await textOf(abandoned)).toContain("カート（注文なし）")
    expect(await textOf(nearDeadline.getByTestId("paygent-reason"))).toBe("売上期限間近")
    expect(await textOf(nearDeadline)).toMatch(/あと4日/)
    expect(await textOf(nearDeadline)).toContain("オーソリOK")
    expect(await textOf(unpaid.getByTestId("paygent-reason"))).toBe("入金待ち")
    expect(await textOf(unpaid)).toContain("コンビニの払込番号を発行済み")
    await shot("07-inbox-ja")
  })

  await step("filters", async () => {
    await page.getByTestId("paygent-filter-checkout_abandoned").click()
    await page.waitForURL(/reason=checkout_abandoned/)
    await waitFor("only abandoned checkouts", async () => {
      const reasons = await inbox.getByTestId("paygent-inbox-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-reason")))
      return reasons.length > 0 && reasons.every((r) => r === "checkout_abandoned")
    })
    await shot("08-inbox-filtered-ja")
    await page.goto(`${demo.urls.admin}/paygent-inbox?method=konbini`)
    await unpaid.waitFor({ timeout: 30_000 })
    const methods = await inbox.getByTestId("paygent-inbox-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-method")))
    expect(new Set(methods)).toEqual(new Set(["konbini"]))
    await page.getByTestId("paygent-filter-all").click()
    await page.goto(`${demo.urls.admin}/paygent-inbox`)
  })

  await step("inbox-en", async () => {
    await language("en")
    expect(await textOf(abandoned.getByTestId("paygent-reason"))).toBe("Checkout abandoned")
    expect(await textOf(abandoned)).toMatch(/3-D Secure started and never finished\.[\s\S]*abandoned for (<1|\d+) (min|h)/)
    expect(await textOf(nearDeadline.getByTestId("paygent-reason"))).toBe("Capture deadline near")
    expect(await textOf(nearDeadline)).toMatch(/4 d \d+ h left/)
    expect(await textOf(unpaid.getByTestId("paygent-reason"))).toBe("Awaiting payment")
    await shot("09-inbox-en")
  })

  await step("bulk-capture", async () => {
    await nearDeadline.getByRole("checkbox").click()
    await unpaid.getByRole("checkbox").click()
    await page.getByTestId("paygent-bulk-capture").click()
    const dialog = page.getByRole("alertdialog")
    await dialog.waitFor({ timeout: 30_000 })
    expect(await textOf(dialog)).toMatch(/Capture 2 orders\?[\s\S]*1 can go through now; 1 will be refused/)
    await dialog.getByRole("button", { name: "Capture" }).click()
    const result = page.getByTestId("paygent-bulk-result")
    await result.waitFor({ timeout: 60_000 })
    expect(await textOf(result)).toMatch(/Bulk capture finished — 1 succeeded, 1 failed/)
    const { order: konbini } = await adminApi(`/admin/orders/${konbiniOrder}?fields=id,display_id`)
    expect(await textOf(result)).toMatch(new RegExp(`#${konbini.display_id}: Nothing on this order can be captured`))
    await shot("10-bulk-result-en")
    await nearDeadline.waitFor({ state: "detached", timeout: 30_000 })
    const { order } = await adminApi(`/admin/orders/${cardOrder}?fields=id,payment_status`)
    expect(order.payment_status).toBe("captured")
  })

  await step("sync", async () => {
    const panel = page.getByTestId("paygent-sync-panel")
    // The scheduled run (every minute) may hold the lock at that moment: the panel then says so; try again.
    for (let attempt = 0; ; attempt++) {
      await panel.getByTestId("paygent-sync-run").click()
      const toast = page.getByText(/^(Sync finished|A sync is already running)/).last()
      await toast.waitFor({ timeout: 60_000 })
      if (/^Sync finished/.test(await toast.innerText())) break
      if (attempt === 4) throw new Error("the sync stayed busy")
      await new Promise((r) => setTimeout(r, 3000))
    }
    await waitFor("the manual run in the panel", async () => /run by hand/.test(await panel.getByTestId("paygent-sync-last").innerText()), 30_000)
    await shot("11-sync-en", panel)
  })
  mark("inbox", t0)
})

/** POST to the admin API as the demo's admin. */
async function adminPost(pathAndQuery: string, body: unknown = {}): Promise<any> {
  const response = await fetch(`${demo.urls.store}${pathAndQuery}`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`POST ${pathAndQuery}: ${response.status} ${await response.text()}`)
  return response.json()
}

test("the panel of an expired, a cancelled and a refunded order still shows its payment, why it ended, and its timeline", async () => {
  const t0 = Date.now()
  await language("ja")
  const widget = page.getByTestId("paygent-order-widget")
  const ended = (code: string) => widget.locator(`[data-testid="paygent-payment"][data-ended="${code}"]`)
  const openOrder = async (orderId: string) => {
    await page.goto(`${demo.urls.admin}/orders/${orderId}`)
    await widget.waitFor({ timeout: 60_000 })
  }

  await step("expired", async () => {
    const orderId = await placeKonbiniOrder(browser.context, demo.urls.checkout)
    const { payments } = await adminApi(`/admin/paygent/orders/${orderId}`)
    // Paygent lets the numbers lapse (the test tool's 期限切れにする); its notice cancels the order in Medusa.
    const expired = await fetch(`${demo.urls.simulator}/_sim/payments/${payments[0].payment_id}/expire`, { method: "POST" })
    expect(expired.ok).toBe(true)
    await waitFor("the expired order to be cancelled", async () => (await adminApi(`/admin/orders/${orderId}?fields=id,status`)).order.status === "canceled")
    await openOrder(orderId)
    const payment = ended("expired")
    await payment.waitFor({ timeout: 60_000 })
    expect(await textOf(payment.getByTestId("paygent-attempt-ended"))).toMatch(/終了した決済[\s\S]*支払期限切れ[\s\S]*注文はキャンセルされました/)
    expect(await payment.locator('[data-testid="paygent-status"][data-status="12"]').count()).toBe(1)
    // Seven-Eleven: 払込票番号, as the shopper saw it; the number is still there to look up.
    expect(await textOf(payment.getByTestId("paygent-number-receipt_number"))).toContain("払込票番号")
    await waitFor("the expiry notice in the timeline", async () =>
      (await widget.locator('[data-testid="paygent-timeline-entry"][data-outcome="expired_order_canceled"]').count()) > 0
    )
    expect(await widget.locator('[data-testid="paygent-timeline-entry"][data-telegram="030"]').count()).toBe(1)
    await shot("12-widget-expired-ja", widget)
  })

  await step("cancelled", async () => {
    const orderId = await placeCardOrder(browser.context, demo.urls.checkout)
    await openOrder(orderId)
    // The panel's 決済を取り消す: the dialog says what it does, and 閉じる leaves without doing it.
    await widget.getByTestId("paygent-action-cancel").click()
    const confirm = page.getByTestId("paygent-confirm")
    await confirm.waitFor({ timeout: 30_000 })
    expect(await textOf(confirm.getByTestId("paygent-confirm-action"))).toBe("決済を取り消す")
    expect(await textOf(confirm.getByRole("button", { name: "閉じる" }))).toBe("閉じる")
    await shot("13-cancel-confirm-ja")
    await confirm.getByTestId("paygent-confirm-action").click()
    const payment = ended("cancelled")
    await payment.waitFor({ timeout: 60_000 })
    expect(await textOf(payment.getByTestId("paygent-attempt-ended"))).toMatch(/取消済み[\s\S]*オーソリ取消（021）/)
    expect(await widget.locator('[data-testid="paygent-timeline-entry"][data-telegram="021"]').count()).toBe(1)
    expect(await widget.getByTestId("paygent-action-capture").count()).toBe(0)
    await shot("14-widget-cancelled-ja", widget)
  })

  await step("refunded", async () => {
    const orderId = await placeCardOrder(browser.context, demo.urls.checkout)
    const { payments } = await adminApi(`/admin/paygent/orders/${orderId}`)
    await adminPost(`/admin/payments/${payments[0].medusa_payment_id}/capture`)
    await adminPost(`/admin/payments/${payments[0].medusa_payment_id}/refund`)
    await openOrder(orderId)
    const payment = ended("refunded")
    await payment.waitFor({ timeout: 60_000 })
    expect(await textOf(payment.getByTestId("paygent-attempt-ended"))).toMatch(/返金済み[\s\S]*売上取消（023）/)
    const kinds = await widget.getByTestId("paygent-timeline-entry").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-telegram")))
    expect(kinds).toEqual(expect.arrayContaining(["023", "022", "020"]))
    // No orange 未適用 flash for the notices that follow the capture: at most 反映中 while they are applied.
    expect(await widget.locator('[data-testid="paygent-timeline-entry"][data-outcome="not_applied"]').count()).toBe(0)
    await shot("15-widget-refunded-ja", widget)
  })
  mark("endedPanels", t0)
})
