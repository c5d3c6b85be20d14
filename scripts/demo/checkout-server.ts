/**
 * The demo's web server: the checkout page (web/index.html + web/checkout.tsx, a React app on the storefront kit
 * of src/react and src/storefront) and the test tool (web/tool.html + web/tool.ts), bundled with esbuild at start,
 * `/config.json` for the pages, and `/_sim/*` proxied to the simulator's control API so the tool page needs no
 * CORS.
 */
import * as fs from "fs"
import * as http from "http"
import * as path from "path"
import type { DemoMailbox } from "./mailbox"

export interface CheckoutServer {
  url: string
  close(): Promise<void>
}

export interface CheckoutServerOptions {
  root: string
  host: string
  port: number
  /** The public URL of this server (e.g. http://localhost:8000). */
  url: string
  /** Where the bundles are written too (for a look; they are served from memory). */
  outDir: string
  simulatorPublicUrl: string
  config: Record<string, unknown>
  /** The shopper's inbox at /_mailbox (mailbox.ts). */
  mailbox?: DemoMailbox
  /** Called with the simulator's new time after the tool moved its clock (the shop then sends what is due). */
  onClockAdvanced?: (now: string) => Promise<void>
}

async function bundle(root: string, outDir: string): Promise<Map<string, string>> {
  const esbuild = require(path.join(root, "node_modules", "esbuild")) as typeof import("esbuild")
  const webDir = path.join(root, "scripts", "demo", "web")
  const result = await esbuild.build({
    entryPoints: { checkout: path.join(webDir, "checkout.tsx"), tool: path.join(webDir, "tool.ts") },
    bundle: true,
    format: "iife",
    platform: "browser",
    target: ["es2020"],
    jsx: "automatic",
    // React's production build; the kit's "use client" directives mean nothing in a single bundle.
    define: { "process.env.NODE_ENV": '"production"' },
    sourcemap: "inline",
    outdir: outDir,
    write: false,
    logLevel: "silent",
  })
  fs.mkdirSync(outDir, { recursive: true })
  const files = new Map<string, string>()
  for (const file of result.outputFiles) {
    fs.writeFileSync(file.path, file.contents)
    files.set(path.basename(file.path), file.text)
  }
  return files
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" })
  res.end(body)
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) {
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

export async function startCheckoutServer(options: CheckoutServerOptions): Promise<CheckoutServer> {
  const webDir = path.join(options.root, "scripts", "demo", "web")
  const bundles = await bundle(options.root, options.outDir)
  const page = (name: string) => fs.readFileSync(path.join(webDir, name))

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://demo.invalid")
    const route = async () => {
      if (options.mailbox && (await options.mailbox.handle(req, res, url))) {
        return
      }
      if (url.pathname.startsWith("/_sim/")) {
        const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req)
        const answer = await fetch(`${options.simulatorPublicUrl}${url.pathname}${url.search}`, {
          method: req.method,
          headers: { "content-type": req.headers["content-type"] ?? "application/json" },
          body: body ? new Uint8Array(body) : undefined,
        })
        const answered = Buffer.from(await answer.arrayBuffer())
        if (answer.ok && req.method === "POST" && url.pathname === "/_sim/clock/advance" && options.onClockAdvanced) {
          await options.onClockAdvanced(JSON.parse(answered.toString("utf8")).now).catch((error) => {
            process.stderr.write(`[demo] the shop's mails after the clock moved: ${error?.message ?? error}\n`)
          })
        }
        send(res, answer.status, answer.headers.get("content-type") ?? "application/json", answered)
        return
      }
      if (req.method !== "GET" && req.method !== "HEAD") {
        send(res, 405, "text/plain", "GET only")
        return
      }
      switch (url.pathname) {
        case "/":
        case "/index.html":
          return send(res, 200, "text/html; charset=utf-8", page("index.html"))
        case "/tool":
        case "/tool.html":
          return send(res, 200, "text/html; charset=utf-8", page("tool.html"))
        case "/assets/style.css":
          return send(res, 200, "text/css; charset=utf-8", page("style.css"))
        case "/assets/checkout.js":
          return send(res, 200, "text/javascript; charset=utf-8", bundles.get("checkout.js")!)
        case "/assets/tool.js":
          return send(res, 200, "text/javascript; charset=utf-8", bundles.get("tool.js")!)
        case "/config.json":
          return send(res, 200, "application/json", JSON.stringify(options.config))
        case "/favicon.ico":
          return send(res, 204, "image/x-icon", "")
        default:
          return send(res, 404, "text/plain; charset=utf-8", `nothing at ${url.pathname}`)
      }
    }
    route().catch((error) => {
      if (!res.headersSent) {
        send(res, 502, "text/plain; charset=utf-8", String(error?.message ?? error))
      } else {
        res.destroy()
      }
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port, options.host, () => resolve())
  })
  return {
    url: options.url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
