/**
 * The changes docs/storefront-nextjs.md describes, applied to a copy of Medusa's DTC starter: new files (from
 * scripts/dtc-starter/files/) and small edits of the starter's own files, each found by a short anchor. An anchor
 * that is not there (the starter changed) stops the run with the file and the edit named, so the guide can be
 * brought up to date. No code of the starter is kept in this repository.
 */
import * as fs from "fs"
import * as path from "path"

export interface Edit {
  file: string
  /** What the edit does (printed when its anchor is missing). */
  what: string
  find: RegExp
  replace: string | ((match: string, ...groups: string[]) => string)
}

/** Edits of the storefront (apps/storefront), in the guide's order. */
export const STOREFRONT_EDITS: Edit[] = [
  {
    file: "src/lib/constants.tsx",
    what: "import the kit's payment table and icon",
    find: /^(import React from "react"\n)/m,
    replace: `$1import { PaygentMethodIcon } from "medusa-payment-paygent/react"\nimport { paygentPaymentInfoMap } from "medusa-payment-paygent/storefront"\n`,
  },
  {
    file: "src/lib/constants.tsx",
    what: "add the four Paygent providers to paymentInfoMap",
    find: /^(\s*)\/\/ Add more payment providers here/m,
    replace: (_m, indent: string) =>
      `${indent}// Paygent: card, konbini, Pay-easy, net bank (medusa-payment-paygent)\n` +
      `${indent}...paygentPaymentInfoMap("ja", (method) => <PaygentMethodIcon method={method} />),\n` +
      `${indent}// Add more payment providers here`,
  },
  {
    file: "src/modules/checkout/components/payment/index.tsx",
    what: "import the Paygent payment step",
    find: /^(import \{ useCallback, useEffect, useState \} from "react"\n)/m,
    replace: `$1import { usePaygentPaymentStep } from "@lib/paygent"\nimport { isPaygentProvider } from "medusa-payment-paygent/storefront"\n`,
  },
  {
    file: "src/modules/checkout/components/payment/index.tsx",
    what: "a Paygent card session waiting for 3-D Secure (requires_more) is the active session too",
    find: /\(paymentSession\) => paymentSession\.status === "pending"\n/,
    replace:
      `(paymentSession) =>\n      paymentSession.status === "pending" ||\n` +
      `      (isPaygentProvider(paymentSession.provider_id) && paymentSession.status === "requires_more")\n`,
  },
  {
    file: "src/modules/checkout/components/payment/index.tsx",
    what: "the hook, after the selected method's state",
    find: /(const \[selectedPaymentMethod, setSelectedPaymentMethod\] = useState\(\s*activeSession\?\.provider_id \?\? ""\s*\)\n)/,
    replace: `$1  const paygent = usePaygentPaymentStep(cart)\n`,
  },
  {
    file: "src/modules/checkout/components/payment/index.tsx",
    what: `"Continue to review" with a Paygent method: the kit checks, tokenizes and sets the payment`,
    find: /(const handleSubmit = async \(\) => \{\n\s*setIsLoading\(true\)\n\s*try \{\n)/,
    replace:
      `$1      // Paygent: the kit checks the fields, makes the card token in the browser and sets the payment.\n` +
      `      if (isPaygentProvider(selectedPaymentMethod)) {\n` +
      `        if (await paygent.submit(selectedPaymentMethod)) {\n` +
      `          router.push(pathname + "?" + createQueryString("step", "review"), { scroll: false })\n` +
      `        }\n` +
      `        return\n` +
      `      }\n`,
  },
  {
    file: "src/modules/checkout/components/payment/index.tsx",
    what: "the kit's fields under the chosen Paygent method",
    find: /(\n(\s*)<PaymentContainer\s+paymentInfoMap=\{paymentInfoMap\}\s+paymentProviderId=\{paymentMethod\.id\}\s+selectedPaymentOptionId=\{selectedPaymentMethod\}\s*\/>)/,
    replace: (_m, element: string, indent: string) =>
      `\n${indent}<>${element.replace(/\n/g, "\n  ")}\n${indent}  {paygent.fields(paymentMethod.id, selectedPaymentMethod)}\n${indent}</>`,
  },
  {
    file: "src/modules/checkout/components/payment-button/index.tsx",
    what: "import the Paygent place-order button",
    find: /^(import ErrorMessage from "\.\.\/error-message"\n)/m,
    replace: `$1import { PaygentPaymentButton } from "@lib/paygent"\nimport { isPaygentProvider } from "medusa-payment-paygent/storefront"\n`,
  },
  {
    file: "src/modules/checkout/components/payment-button/index.tsx",
    what: "a Paygent session gets the Paygent place-order button",
    find: /(\n(\s*)default:\n\s*return <Button disabled>Select a payment method<\/Button>)/,
    replace: (_m, rest: string, indent: string) =>
      `\n${indent}case isPaygentProvider(paymentSession?.provider_id):\n` +
      `${indent}  return <PaygentPaymentButton notReady={notReady} data-testid={dataTestId} />${rest}`,
  },
  {
    file: "src/modules/order/components/payment-details/index.tsx",
    what: "import the order page's Paygent payment",
    find: /^(import \{ HttpTypes \} from "@medusajs\/types"\n)/m,
    replace: `$1import PaygentPayment from "@modules/order/components/paygent-payment"\n`,
  },
  {
    file: "src/modules/order/components/payment-details/index.tsx",
    what: "the Paygent payment (numbers, deadline, status) under the Payment heading",
    find: /(\n(\s*)Payment\n\s*<\/Heading>\n)/,
    replace: (_m, heading: string, indent: string) => `${heading}${indent.slice(2)}<PaygentPayment orderId={order.id} />\n`,
  },
  {
    file: "src/modules/order/components/payment-details/index.tsx",
    what: "a provider missing from paymentInfoMap no longer crashes the page",
    find: /paymentInfoMap\[payment\.provider_id\]\.(title|icon)/g,
    replace: (_m, key: string) => `paymentInfoMap[payment.provider_id]?.${key}${key === "title" ? " ?? payment.provider_id" : ""}`,
  },
]

/** Edits of the backend (apps/backend). */
export function backendEdits(options: { disableAdmin: boolean }): Edit[] {
  return [
    {
      file: "medusa-config.ts",
      what: "register the plugin and the payment provider",
      find: /\nmodule\.exports = defineConfig\(\{\n/,
      replace:
        `\n// Paygent (medusa-payment-paygent): the values come from the environment (.env).\n` +
        `const paygent = {\n` +
        `  merchantId: process.env.PAYGENT_MERCHANT_ID!,\n` +
        `  connectId: process.env.PAYGENT_CONNECT_ID!,\n` +
        `  connectPassword: process.env.PAYGENT_CONNECT_PASSWORD!,\n` +
        `  environment: (process.env.PAYGENT_ENVIRONMENT ?? "sandbox") as "sandbox" | "production",\n` +
        `  baseUrl: process.env.PAYGENT_BASE_URL || undefined,\n` +
        `  clientCertificate: process.env.PAYGENT_CLIENT_CERT,\n` +
        `  clientKey: process.env.PAYGENT_CLIENT_KEY || undefined,\n` +
        `  certificatePassphrase: process.env.PAYGENT_CERT_PASSPHRASE,\n` +
        `  caCertificate: process.env.PAYGENT_CA,\n` +
        `  tokenKey: process.env.PAYGENT_TOKEN_KEY,\n` +
        `  tokenHashKey: process.env.PAYGENT_TOKEN_HASH_KEY,\n` +
        `  threeDsHashKey: process.env.PAYGENT_3DS_HASH_KEY,\n` +
        `  noticeHashKey: process.env.PAYGENT_NOTICE_HASH_KEY,\n` +
        `  threeDsMerchantName: process.env.PAYGENT_3DS_MERCHANT_NAME ?? "My Shop",\n` +
        `  backendUrl: process.env.PAYGENT_BACKEND_URL,\n` +
        `  bankNetReturnUrl: process.env.PAYGENT_BANKNET_RETURN_URL || undefined,\n` +
        `  bankNetStopReturnUrl: process.env.PAYGENT_BANKNET_STOP_URL || undefined,\n` +
        `}\n` +
        `\nmodule.exports = defineConfig({\n` +
        (options.disableAdmin ? `  admin: { disable: true },\n` : "") +
        `  plugins: [{ resolve: "medusa-payment-paygent", options: paygent }],\n` +
        `  modules: [\n` +
        `    {\n` +
        `      resolve: "@medusajs/medusa/payment",\n` +
        `      options: {\n` +
        `        providers: [{ resolve: "medusa-payment-paygent/providers/paygent", id: "paygent", options: paygent }],\n` +
        `      },\n` +
        `    },\n` +
        `  ],\n`,
    },
  ]
}

/** Applies edits to the files under `root`; throws naming every anchor that was not found. */
export function applyEdits(root: string, edits: Edit[]): void {
  const missing: string[] = []
  for (const edit of edits) {
    const file = path.join(root, edit.file)
    const text = fs.readFileSync(file, "utf8")
    if (!edit.find.test(text)) {
      missing.push(`${edit.file}: ${edit.what} (anchor ${edit.find})`)
      continue
    }
    edit.find.lastIndex = 0
    fs.writeFileSync(file, text.replace(edit.find, edit.replace as (substring: string, ...args: string[]) => string))
  }
  if (missing.length) {
    throw new Error(`the starter differs from the one the guide was written for; not found:\n  ${missing.join("\n  ")}`)
  }
}

/** Copies scripts/dtc-starter/files/<app>/ over the app (new files only). */
export function copyNewFiles(from: string, to: string): string[] {
  const written: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const source = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        walk(source)
        continue
      }
      const relative = path.relative(from, source)
      const target = path.join(to, relative)
      fs.mkdirSync(path.dirname(target), { recursive: true })
      fs.copyFileSync(source, target)
      written.push(relative)
    }
  }
  walk(from)
  return written
}
