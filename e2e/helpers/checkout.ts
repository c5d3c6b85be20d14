/**
 * The demo's checkout page (scripts/demo/web, built on the storefront kit) driven like a shopper: to the payment
 * step, card orders through the 3-D Secure challenge, a checkout abandoned on the challenge page, konbini orders.
 */
import type { BrowserContext, Page } from "playwright-core"

/** Shop → cart (quantity of one product) → address → payment step. */
export async function toPaymentStep(page: Page, checkoutUrl: string, handle: string, quantity = 1): Promise<void> {
  await page.goto(checkoutUrl)
  await page.waitForSelector("#products .product")
  for (let i = 0; i < quantity; i++) {
    await page.click(`.product[data-handle="${handle}"] button.add`)
    await page.waitForFunction(
      (n) => [...document.querySelectorAll("#cart .cart-line")].some((line) => line.textContent!.includes(`× ${n}`)),
      i + 1
    )
  }
  await page.click("#to-checkout")
  await page.waitForSelector("#address-form")
  await page.click("#to-payment")
  await page.waitForSelector("#methods .method")
}

/** Chooses a method on the payment step (the radio's value is the method: card, konbini, payeasy, banknet). */
export async function chooseMethod(page: Page, method: "card" | "konbini" | "payeasy" | "banknet"): Promise<void> {
  await page.check(`#methods input[name=method][value=${method}]`)
  await page.waitForSelector(`.paygent-payment-fields[data-method=${method}]`)
}

/** The card form's fields (the kit's input names). */
export async function fillCard(page: Page, card: { number?: string; month?: string; year?: string; cvc?: string; name?: string }): Promise<void> {
  if (card.number !== undefined) await page.fill("input[name=paygent-card-number]", card.number)
  if (card.month !== undefined) await page.selectOption("select[name=paygent-card-exp-month]", card.month)
  if (card.year !== undefined) await page.fill("input[name=paygent-card-exp-year]", card.year)
  if (card.cvc !== undefined) await page.fill("input[name=paygent-card-cvc]", card.cvc)
  if (card.name !== undefined) await page.fill("input[name=paygent-card-name]", card.name)
}

/** Forgets the page's cart (and address), so the next checkout starts a new cart. */
export async function forgetCart(page: Page, checkoutUrl: string): Promise<void> {
  await page.goto(checkoutUrl)
  await page.evaluate(() => localStorage.clear())
}

async function startCard(page: Page, checkoutUrl: string, handle: string): Promise<void> {
  await toPaymentStep(page, checkoutUrl, handle)
  await chooseMethod(page, "card")
  await page.selectOption("#threeds-scenario", "challenge")
  await page.click("#place-order")
  // The simulator's 3-D Secure challenge page.
  await page.waitForSelector("#password", { timeout: 60_000 })
}

/** The confirmation page once it has read the order's payment; its order id. */
export async function placedOrderId(page: Page): Promise<string> {
  const done = page.locator('#order-complete[data-loaded="true"]')
  await done.waitFor({ timeout: 60_000 })
  return (await done.getAttribute("data-order-id"))!
}

/** A card order authorized through the 3-D Secure challenge (VISA, password 14012); its order id. */
export async function placeCardOrder(context: BrowserContext, checkoutUrl: string, handle = "matcha-100g"): Promise<string> {
  const page = await context.newPage()
  try {
    await startCard(page, checkoutUrl, handle)
    await page.fill("#password", "14012")
    await page.click("#submit")
    return await placedOrderId(page)
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

/** A konbini order (unpaid, 入金待ち) at `chain` (default Seven-Eleven); its order id. */
export async function placeKonbiniOrder(context: BrowserContext, checkoutUrl: string, handle = "tenugui", chain = "00C001"): Promise<string> {
  const page = await context.newPage()
  try {
    await toPaymentStep(page, checkoutUrl, handle)
    await chooseMethod(page, "konbini")
    await page.check(`input[name=paygent-konbini-chain][value="${chain}"]`)
    await page.click("#place-order")
    return await placedOrderId(page)
  } finally {
    await page.close()
  }
}
