/**
 * The demo's checkout page (scripts/demo/web) driven like a shopper, for the admin tests: card orders through the
 * 3-D Secure challenge, a checkout abandoned on the challenge page, konbini orders.
 */
import type { BrowserContext, Page } from "playwright-core"

/** Shop → cart → address → payment step, on a fresh cart. */
export async function toPaymentStep(page: Page, checkoutUrl: string, handle: string): Promise<void> {
  await page.goto(checkoutUrl)
  await page.waitForSelector("#products .product")
  await page.click(`.product[data-handle="${handle}"] button.add`)
  await page.waitForSelector("#cart .cart-line")
  await page.click("#to-checkout")
  await page.waitForSelector("#address-form")
  await page.click("#to-payment")
  await page.waitForSelector("#methods .method")
}

/** Forgets the page's cart (and address), so the next checkout starts a new cart. */
export async function forgetCart(page: Page, checkoutUrl: string): Promise<void> {
  await page.goto(checkoutUrl)
  await page.evaluate(() => localStorage.clear())
}

async function startCard(page: Page, checkoutUrl: string, handle: string): Promise<void> {
  await toPaymentStep(page, checkoutUrl, handle)
  await page.check("input[name=method][value=card]")
  await page.selectOption("#threeds-scenario", "challenge")
  await page.click("#place-order")
  // The simulator's 3-D Secure challenge page.
  await page.waitForSelector("#password", { timeout: 60_000 })
}

/** A card order authorized through the 3-D Secure challenge (VISA, password 14012); its order id. */
export async function placeCardOrder(context: BrowserContext, checkoutUrl: string, handle = "matcha-100g"): Promise<string> {
  const page = await context.newPage()
  try {
    await startCard(page, checkoutUrl, handle)
    await page.fill("#password", "14012")
    await page.click("#submit")
    const done = page.locator("#order-complete")
    await done.waitFor({ timeout: 60_000 })
    return (await done.getAttribute("data-order-id"))!
  } finally {
    await page.close()
  }
}

/** A shopper who leaves on the 3-D Secure page: the session stays 決済処理中 (requires_more). Its cart id. */
export async function abandonCardAtThreeDs(context: BrowserContext, checkoutUrl: string, handle = "tenugui"): Promise<string> {
  const page = await context.newPage()
  try {
    await startCard(page, checkoutUrl, handle)
    await page.goto(checkoutUrl)
    const cartId = await page.evaluate(() =>
      Object.keys(localStorage)
        .map((key) => localStorage.getItem(key) ?? "")
        .find((value) => value.startsWith("cart_"))
    )
    await forgetCart(page, checkoutUrl)
    return cartId ?? ""
  } finally {
    await page.close()
  }
}

/** A konbini order (unpaid, 入金待ち); its order id. */
export async function placeKonbiniOrder(context: BrowserContext, checkoutUrl: string, handle = "tenugui"): Promise<string> {
  const page = await context.newPage()
  try {
    await toPaymentStep(page, checkoutUrl, handle)
    await page.check("input[name=method][value=konbini]")
    await page.selectOption("#konbini-chain", "00C001")
    await page.click("#place-order")
    const done = page.locator("#order-complete")
    await done.waitFor({ timeout: 60_000 })
    return (await done.getAttribute("data-order-id"))!
  } finally {
    await page.close()
  }
}
