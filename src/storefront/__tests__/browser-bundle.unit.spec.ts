/**
 * The storefront entries bundle for the browser with nothing of the server: esbuild (platform "browser", as a
 * storefront's bundler sees them) must resolve every import without Node built-ins, and the bundle may contain no
 * module of the plugin's server side (src/paygent, src/providers, src/api…) and no server dependency
 * (node-forge, undici, iconv-lite, @medusajs/*).
 */
import * as esbuild from "esbuild"
import * as path from "path"

const ROOT = path.resolve(__dirname, "..", "..", "..")
const SERVER_PACKAGES = /node_modules\/(node-forge|undici|iconv-lite|safer-buffer|@medusajs)\//

async function bundle(entry: string) {
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    minify: true,
    metafile: true,
    logLevel: "silent",
    // What a React storefront provides itself.
    external: ["react", "react-dom", "react/jsx-runtime"],
  })
  return { inputs: Object.keys(result.metafile!.inputs), bytes: result.outputFiles![0].contents.length, text: result.outputFiles![0].text }
}

describe.each([
  // Besides its own modules, only the status names (src/paygent/status-codes.ts, a file that imports nothing).
  ["medusa-payment-paygent/storefront", "src/storefront/index.ts", "(src/storefront/|src/paygent/status-codes\\.ts$)"],
  ["medusa-payment-paygent/react", "src/react/index.ts", "(src/(react|storefront)/|src/paygent/status-codes\\.ts$)"],
])("%s in a browser bundle", (_name, entry, allowed) => {
  let bundled: Awaited<ReturnType<typeof bundle>>
  beforeAll(async () => {
    bundled = await bundle(entry)
  })

  it("is made only of the storefront's own modules", () => {
    const foreign = bundled.inputs.filter((input) => !new RegExp(`^${allowed}`).test(input))
    expect(foreign).toEqual([])
    expect(bundled.inputs.filter((input) => SERVER_PACKAGES.test(input))).toEqual([])
  })

  it("has no Node built-in and no server module name in its code", () => {
    expect(bundled.text).not.toMatch(/require\(["'](node:)?(fs|crypto|http|https|tls|net|child_process)["']\)/)
    expect(bundled.text).not.toMatch(/node-forge|undici|iconv-lite/)
  })

  it("stays light (under 100 kB minified, before compression)", () => {
    expect(bundled.bytes).toBeLessThan(100_000)
  })
})

it("a server-side import in the storefront would be caught", async () => {
  // The same check on an entry that does import the protocol client fails: the test can fail.
  const failing = await bundle("src/paygent/index.ts").catch((error: Error) => error)
  const inputs = failing instanceof Error ? [] : failing.inputs
  expect(failing instanceof Error || inputs.some((input) => SERVER_PACKAGES.test(input) || !/^src\/storefront\//.test(input))).toBe(true)
})
