/**
 * The HTTP(S) request router: telegrams under /n/, the control API under /_sim/, and the browser pages
 * (token JS, 3DS, bank net, konbini receipt). With TLS the telegram listener requires client certificates and a
 * second, plain-HTTP listener serves everything a browser or a test tool needs (browsers have no client certificate).
 */
import type { IncomingMessage, ServerResponse } from "http"
import { handleControlRequest } from "./control-api"
import type { SimulatorControl } from "./control"
import type { SimulatorCore } from "./core"
import { BodyTooLargeError, parseUtf8Form, readBody, sendHtml, sendJson, sendText } from "./http-util"
import { handleAcs, handleChallenge } from "./pages/acs"
import { handleBankConfirmation, handleBankDecision, handleBankSelection } from "./pages/bank"
import { handleReceiptPage } from "./pages/konbini"
import { handleTokenEndpoint, serveTokenScript, TOKEN_ENDPOINT_PATH } from "./pages/token-js"
import { TELEGRAM_PATHS } from "./router"
import { handleTelegram } from "./telegram-endpoint"

export interface ListenerRole {
  /** Whether this listener answers telegrams (the client-certificate listener when TLS is on). */
  telegrams: boolean
}

/** `changed` is told after every request (the state file writes what changed). */
export function createRequestHandler(
  core: SimulatorCore,
  control: SimulatorControl,
  role: ListenerRole,
  changed: () => void = () => undefined,
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    res.once("finish", changed)
    route(core, control, role, req, res).catch((error: unknown) => {
      core.options.log(`error: ${error instanceof Error ? error.stack : String(error)}`)
      if (!res.headersSent) {
        if (error instanceof BodyTooLargeError) sendText(res, 413, error.message)
        else sendText(res, 500, "paygent-simulator internal error")
      } else {
        res.destroy()
      }
    })
  }
}

async function route(
  core: SimulatorCore,
  control: SimulatorControl,
  role: ListenerRole,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://simulator.invalid")
  const path = url.pathname
  const body = req.method === "GET" || req.method === "HEAD" ? Buffer.alloc(0) : await readBody(req)

  if (path.startsWith("/_sim/")) return handleControlRequest(control, req, res, url, body)

  if (TELEGRAM_PATHS.has(path)) {
    if (!role.telegrams) return sendText(res, 403, "telegrams are served on the client-certificate (TLS) listener only")
    if (req.method !== "POST") return sendText(res, 405, "telegrams are POST only")
    return handleTelegram(core, req, res, path, body)
  }

  if (path === "/js/PaygentToken.js" && (req.method === "GET" || req.method === "HEAD")) return serveTokenScript(core, res)
  if (path === TOKEN_ENDPOINT_PATH) return handleTokenEndpoint(core, req, res, body)

  if (path === "/3ds/acs") {
    const authId = req.method === "POST" ? parseUtf8Form(body).get("3ds_auth_id") : url.searchParams.get("3ds_auth_id")
    return handleAcs(core, res, authId ?? "")
  }
  if (path === "/3ds/challenge" && req.method === "POST") {
    const form = parseUtf8Form(body)
    return handleChallenge(core, res, form.get("3ds_auth_id") ?? "", form.get("password") ?? "")
  }

  if (path === "/banking/asp" && req.method === "GET") return handleBankSelection(core, res, url.searchParams)
  if (path === "/banking/kakunin" && req.method === "GET") return handleBankConfirmation(core, res, url.searchParams)
  if ((path === "/banking/pay" || path === "/banking/cancel") && req.method === "POST") {
    return handleBankDecision(core, res, parseUtf8Form(body), path === "/banking/pay")
  }

  const receipt = /^\/konbini\/receipt\/([0-9]+)$/.exec(path)
  if (receipt && req.method === "GET") return handleReceiptPage(core, res, receipt[1])

  if (path === "/" && req.method === "GET") {
    return sendHtml(
      res,
      200,
      `<!DOCTYPE html><html><head><meta charset="UTF-8"><title>paygent-simulator</title></head><body>
<h1>paygent-simulator</h1><p>Telegrams: ${core.baseUrl}/n/…; control API: ${core.publicUrl}/_sim/…; token JS: ${core.publicUrl}/js/PaygentToken.js</p>
</body></html>`,
    )
  }
  sendJson(res, 404, { error: `nothing at ${req.method} ${path}` })
}
