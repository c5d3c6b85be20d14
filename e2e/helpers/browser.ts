/**
 * Debian's chromium driven by playwright-core (no browser download): a fresh profile per launch.
 */
import * as fs from "fs"
import * as os from "os"
import * as path from "path"
import { chromium, type BrowserContext } from "playwright-core"

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"

export interface Browser {
  context: BrowserContext
  close(): Promise<void>
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)`)
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "paygent-e2e-chromium-"))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 900 },
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
  })
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined)
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}
