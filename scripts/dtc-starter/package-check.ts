/**
 * The published package as a storefront gets it: `npm install <tarball> react react-dom` in an empty folder must not
 * bring Medusa's backend (no @medusajs/* package, under 60 packages), and a strict TypeScript file importing both
 * storefront entries must compile (module resolution node10, node16 and bundler, without skipLibCheck).
 */
import * as fs from "fs"
import * as path from "path"
import { runToEnd } from "../demo/util"

export interface InstallCheck {
  packages: string[]
  medusa: string[]
  declarations: string[]
}

const CHECK_TSX = `import {
  placePaygentOrder,
  readPaygentOrderPayment,
  setPaygentPayment,
  type MedusaClientLike,
  type PaygentError,
} from "medusa-payment-paygent/storefront"
import {
  PaygentPaymentFields,
  PaygentPaymentInstructions,
  PaygentProvider,
  usePaygentCheckout,
} from "medusa-payment-paygent/react"

declare const sdk: MedusaClientLike

export async function place(cartId: string): Promise<string | PaygentError> {
  const result = await placePaygentOrder(sdk, { cartId })
  if (!result.ok) return result.error
  return result.type === "order" ? result.order.id : result.html
}

export async function instructions(orderId: string) {
  const read = await readPaygentOrderPayment(sdk, { orderId })
  return read.ok ? read.payment?.instructions?.kind : read.error.code
}

export function Checkout(props: { cartId: string }) {
  const checkout = usePaygentCheckout({
    actions: {
      setPayment: (input) => setPaygentPayment(sdk, { cartId: props.cartId, ...input }),
      placeOrder: () => placePaygentOrder(sdk, { cartId: props.cartId }),
    },
  })
  return (
    <PaygentProvider config={{ merchantId: "123456789", tokenKey: "key", tokenScriptUrl: "https://example.jp/js" }}>
      <PaygentPaymentFields providerId="pp_paygent-card_paygent" checkout={checkout} />
      <PaygentPaymentInstructions payment={null} />
    </PaygentProvider>
  )
}
`

async function npm(args: string[], cwd: string, logFile: string, what: string): Promise<void> {
  await runToEnd("npm", [...args, "--no-audit", "--no-fund"], { cwd, logFile, what, env: { ...process.env, NODE_OPTIONS: "" } })
}

/** Installs the tarball with react and react-dom into `dir` (empty) and lists what came with it. */
export async function checkInstall(tarball: string, dir: string, logFile: string): Promise<InstallCheck> {
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "storefront-install-check", private: true }, null, 2))
  await npm(["install", tarball, "react", "react-dom"], dir, logFile, `npm install ${path.basename(tarball)} react react-dom`)
  const lock = JSON.parse(fs.readFileSync(path.join(dir, "package-lock.json"), "utf8")) as { packages: Record<string, unknown> }
  const packages = Object.keys(lock.packages).filter((key) => key.startsWith("node_modules/"))
  const root = path.join(dir, "node_modules", "medusa-payment-paygent", ".medusa", "server", "src")
  return {
    packages,
    medusa: packages.filter((key) => /(^|\/)node_modules\/@medusajs\//.test(key)),
    declarations: ["storefront", "react"].filter((entry) => fs.existsSync(path.join(root, entry, "index.d.ts"))),
  }
}

/** Compiles a strict .tsx using both entries, for each module resolution; answers the ones that failed. */
export async function checkTypes(dir: string, logFile: string): Promise<string[]> {
  await npm(["install", "typescript@5", "@types/react", "@types/react-dom"], dir, logFile, "npm install typescript @types/react")
  fs.writeFileSync(path.join(dir, "check.tsx"), CHECK_TSX)
  const failed: string[] = []
  for (const [resolution, module] of [
    ["node", "esnext"],
    ["node16", "node16"],
    ["bundler", "esnext"],
  ]) {
    try {
      await runToEnd(
        process.execPath,
        [
          path.join(dir, "node_modules", "typescript", "bin", "tsc"),
          "--noEmit",
          "--strict",
          "--jsx",
          "react-jsx",
          "--target",
          "es2020",
          "--lib",
          "dom,es2020",
          "--module",
          module,
          "--moduleResolution",
          resolution,
          "check.tsx",
        ],
        { cwd: dir, logFile, what: `tsc --strict --moduleResolution ${resolution}` }
      )
    } catch {
      failed.push(resolution)
    }
  }
  return failed
}
