/**
 * A shopper in the starter's storefront (its production build), in chromium: a product into the cart, the
 * starter's address and delivery steps, the Paygent method with the kit's fields, review, place order; then what
 * the method leads to (3-D Secure challenge and back, the order page's konbini / Pay-easy numbers, the bank screen).
 */
import type { BrowserContext, Page } from "playwright-core"

export interface Shop {
  storefront: string
  simulator: string
  countryCode: string
}

const ADDRESS: Record<string, string> = {
  "shipping-first-name-input": "太郎",
  "shipping-last-name-input": "山田",
  "shipping-address-input": "千代田1-1",
  "shipping-postal-code-input": "100-0001",
  "shipping-city-input": "千代田区",
  "shipping-province-input": "東京都",
  "shipping-email-input": "taro@example.jp",
  "shipping-phone-input": "090-1234-5678",
}

/** A product into the cart (the sweatshirt, its first size), then the checkout up to the payment step. */
export async function toPaymentStep(page: Page, shop: Shop): Promise<void> {
  await page.goto(`${shop.storefront}/${shop.countryCode}/products/sweatshirt`)
  await page.getByTestId("option-button").first().click()
  const add = page.getByTestId("add-product-button")
  await add.click()
  // The starter's button says "Adding…" while its server action runs.
  await page.waitForFunction(() => !document.querySelector('[data-testid="add-product-button"]')?.hasAttribute("disabled"), null, {
    timeout: 60_000,
  })
  await page.goto(`${shop.storefront}/${shop.countryCode}/checkout?step=address`)
  for (const [testId, value] of Object.entries(ADDRESS)) {
    await page.getByTestId(testId).fill(value)
  }
  await page.getByTestId("shipping-country-select").selectOption(shop.countryCode)
  await page.getByTestId("submit-address-button").click()
  await page.waitForURL(/step=delivery/, { timeout: 60_000 })
  await page.getByTestId("delivery-option-radio").first().click()
  await page.getByTestId("submit-delivery-option-button").click()
  await page.waitForURL(/step=payment/, { timeout: 60_000 })
}

/** Chooses a payment method by its title (the kit's paymentInfoMap) and waits for the kit's fields. */
export async function chooseMethod(page: Page, title: string): Promise<void> {
  await page.getByText(title, { exact: true }).click()
  await page.getByTestId("paygent-fields").waitFor({ timeout: 30_000 })
}

/** The kit's card form: a number and the cardholder name (which chooses the simulator's 3-D Secure scenario). */
export async function fillCard(page: Page, number: string, name: string): Promise<void> {
  await page.fill("input[name=paygent-card-number]", number)
  await page.selectOption("select[name=paygent-card-exp-month]", "12")
  await page.fill("input[name=paygent-card-exp-year]", "30")
  await page.fill("input[name=paygent-card-cvc]", "123")
  await page.fill("input[name=paygent-card-name]", name)
}

/** "Continue to review", then "Place order". */
export async function review(page: Page): Promise<void> {
  await page.getByTestId("submit-payment-button").click()
  await page.waitForURL(/step=review/, { timeout: 60_000 })
  await page.getByTestId("submit-order-button").click()
}

/** The confirmation page `/…/order/<id>/confirmed`; its order id. */
export async function confirmation(page: Page, shop: Shop): Promise<string> {
  await page.waitForURL(new RegExp(`^${shop.storefront}/${shop.countryCode}/order/[^/]+/confirmed`), { timeout: 90_000 })
  await page.getByTestId("order-complete-container").waitFor({ timeout: 60_000 })
  return /\/order\/([^/]+)\/confirmed/.exec(page.url())![1]
}

export async function newPage(context: BrowserContext): Promise<Page> {
  // Each walk is a new shopper: a new cart.
  await context.clearCookies()
  return context.newPage()
}
