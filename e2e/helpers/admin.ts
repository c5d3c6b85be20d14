/**
 * Medusa's admin in the browser: logging in, and its language. The dashboard keeps the language the user picks in
 * Profile → Language in the "lng" cookie and localStorage (i18next's detector, cookie first); setting both and
 * reloading is what choosing it in the profile does.
 */
import type { BrowserContext, Page } from "playwright-core"

export type AdminLanguage = "ja" | "en"

export async function setAdminLanguage(context: BrowserContext, page: Page | undefined, storeUrl: string, lng: AdminLanguage): Promise<void> {
  await context.addCookies([{ name: "lng", value: lng, url: storeUrl }])
  if (page && page.url().startsWith(storeUrl)) {
    await page.evaluate((value) => localStorage.setItem("lng", value), lng)
    await page.reload()
  }
}

/** Logs in through the admin's login form (once per browser context; the session cookie is kept). */
export async function adminLogin(page: Page, adminUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${adminUrl}/login`)
  const emailInput = page.locator('input[name="email"]')
  await emailInput.waitFor({ timeout: 60_000 })
  await emailInput.fill(email)
  await page.fill('input[name="password"]', password)
  await page.click('button[type="submit"]')
  await page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 60_000 })
}
