/**
 * Chromium for the browser tests (e2e/, driven by playwright-core, which never downloads a browser), in this order:
 *   1. CHROMIUM_PATH when set: it must be an executable;
 *   2. the system's chromium (/usr/bin/chromium, chromium-browser, the snap's);
 *   3. apt-get install of chromium and fonts-ipafont-gothic as root on Debian/Ubuntu (as CI always did);
 * otherwise the setup stops with a message naming the package. A missing Japanese font does not fail the tests
 * (they read the pages' text, not pixels) but leaves boxes in the screenshots of e2e/artifacts/, so the setup
 * installs fonts-ipafont-gothic when it can and says so when it cannot.
 */
import { MissingNeed, type Found, type Need, type NeedContext } from "./need"
import { installHint } from "./system-packages"
import { say } from "./say"

const BROWSER = { debian: ["chromium"], ubuntu: ["chromium-browser"], brew: "--cask chromium" }
const FONT = { debian: ["fonts-ipafont-gothic"], ubuntu: ["fonts-ipafont-gothic"], brew: "--cask font-ipafont" }
const PLACES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"]

function systemChromium(ctx: NeedContext): string | undefined {
  return (
    PLACES.find((file) => ctx.system.isExecutable(file)) ??
    ctx.system.findExecutable("chromium") ??
    ctx.system.findExecutable("chromium-browser")
  )
}

async function ensureJapaneseFont(ctx: NeedContext): Promise<void> {
  const { system } = ctx
  if (system.hasJapaneseFont() !== false) {
    return
  }
  if (!system.apt.refused) {
    await system.apt.install(FONT[system.apt.distro!])
    return
  }
  say(
    `note: no Japanese font, so the screenshots in e2e/artifacts/ show boxes for Japanese text (the tests still ` +
      `check it): ${installHint(FONT, system.apt)}`
  )
}

export const chromium: Need = {
  name: "Chromium",
  async ensure(ctx: NeedContext): Promise<Found> {
    const { system, env } = ctx
    if (env.CHROMIUM_PATH) {
      if (!system.isExecutable(env.CHROMIUM_PATH)) {
        throw new MissingNeed(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which is not an executable. Fix it, or unset it to use the system's chromium.`)
      }
      await ensureJapaneseFont(ctx)
      return { summary: `${env.CHROMIUM_PATH} (CHROMIUM_PATH)`, env: {} }
    }
    let found = systemChromium(ctx)
    if (!found && !system.apt.refused) {
      await system.apt.install([...BROWSER[system.apt.distro!], ...FONT[system.apt.distro!]])
      found = systemChromium(ctx)
    }
    if (!found) {
      throw new MissingNeed(
        "The browser tests (npm run test:e2e) drive a real Chromium through playwright-core, which downloads no " +
          `browser, and none is installed: ${installHint(BROWSER, system.apt)} (with ${FONT.debian.join(" ")} for ` +
          "readable screenshots), or set CHROMIUM_PATH to a Chromium or Chrome binary."
      )
    }
    await ensureJapaneseFont(ctx)
    return { summary: found, env: { CHROMIUM_PATH: found } }
  },
}
